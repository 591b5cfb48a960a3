// The real app in the test's own process, as main.ts builds it, on a port picked beforehand:
// fresh storage (a new SQLite file, or a throw-away PostgreSQL database when TEST_DATABASE_URL is
// set) and, when TEST_REDIS_URL is set, Redis under a key prefix of its own. It can be stopped and
// started again on the same port and data, as a restart looks to its clients.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { loadConfig } from '../config';
import { buildApp } from '../app';
import type { Clock } from '../clock';
import { freePort } from './ports';
import { createThrowawayDatabase, type ThrowawayDatabase } from './throwaway-database';

/** Where a server keeps its data: its DATA_DIR (SQLite) or its DATABASE_URL. */
export interface StorageLocation {
  dataDir: string;
  databaseUrl?: string;
}

type App = Awaited<ReturnType<typeof buildApp>>;

export interface InProcessServer {
  url: string;
  port: number;
  /** The config it was started with (loaded once, frozen). */
  config: ReturnType<typeof loadConfig>;
  storage: StorageLocation;
  /** The Socket.IO server of the running app (a new one after a restart). */
  readonly io: App['io'];
  /** A2: the settings routes of the app (`METHOD /path`), as it registered them. */
  readonly settingsRoutes: readonly string[];
  /** Every /api/ route of the app (`METHOD /path`). */
  readonly apiRoutes: readonly string[];
  /** Stops the app (sockets drop, the port refuses connections); the data stays. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same config and data. */
  restart(): Promise<void>;
  /** Stops it and removes the data it owns. */
  close(): Promise<void>;
}

export interface InProcessOptions {
  /** More environment variables for loadConfig (WIDGET_RATE_LIMIT, ...). */
  env?: Record<string, string>;
  /**
   * Runs on the storage of another server instead of a fresh one, and without Redis: a second
   * process whose link to the first one is down (events of one do not reach the clients of the
   * other). The data stays the other server's.
   */
  storageOf?: { storage: StorageLocation };
  /** The clock its timers read (a TestClock, so the test moves time); default the system's. */
  clock?: Clock;
}

export async function startInProcessServer(opts: InProcessOptions = {}): Promise<InProcessServer> {
  let dataDir: string;
  let database: ThrowawayDatabase | undefined;
  let databaseUrl: string | undefined;
  let redisEnv: Record<string, string> = {};
  if (opts.storageOf) {
    ({ dataDir, databaseUrl } = opts.storageOf.storage);
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'palique-test-'));
    const pgBase = process.env.TEST_DATABASE_URL;
    database = pgBase ? await createThrowawayDatabase(pgBase, undefined, { migrated: true }) : undefined;
    databaseUrl = database?.url;
    const redisUrl = process.env.TEST_REDIS_URL;
    if (redisUrl) redisEnv = { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `palique-t-${crypto.randomBytes(6).toString('hex')}:` };
  }
  const configFor = (port: number) =>
    loadConfig({
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'silent',
      // Test clients connect once and do not retry: no turning visitors away on a busy test machine
      // (admission.test.ts turns it on).
      VISITOR_ADMISSION_MAX_LOAD: '1',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...redisEnv,
      ...opts.env,
    });
  let config = configFor(await freePort());
  const start = async () => {
    const palique = await buildApp(config, opts.clock ? { clock: opts.clock } : {});
    try {
      await palique.app.listen({ port: config.port, host: config.host });
    } catch (err) {
      await palique.close();
      throw err;
    }
    return palique;
  };
  const owned = async () => {
    await database?.drop();
    if (!opts.storageOf) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  let running: App | undefined;
  // The port was free when picked, but another test's server or outgoing connection may take it
  // before this one listens (a test once failed so): another port then.
  for (let attempt = 1; !running; attempt++) {
    try {
      running = await start();
    } catch (err) {
      if (attempt < 3 && (err as { code?: string }).code === 'EADDRINUSE') {
        config = configFor(await freePort());
        continue;
      }
      await owned();
      throw err;
    }
  }
  const { port } = config;
  const url = `http://127.0.0.1:${port}`;

  const server: InProcessServer = {
    url,
    port,
    config,
    storage: { dataDir, databaseUrl },
    get io() {
      if (!running) throw new Error('the server is stopped');
      return running.io;
    },
    get settingsRoutes() {
      if (!running) throw new Error('the server is stopped');
      return running.settingsRoutes;
    },
    get apiRoutes() {
      if (!running) throw new Error('the server is stopped');
      return running.apiRoutes;
    },
    async stop() {
      const stopping = running;
      running = undefined;
      await stopping?.close();
    },
    async restart() {
      await server.stop();
      running = await start();
    },
    async close() {
      await server.stop();
      await owned();
    },
  };
  return server;
}
