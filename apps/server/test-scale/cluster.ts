// Real server processes sharing one PostgreSQL database and one Redis, for the scale-out tests:
// each is `node --import tsx apps/server/src/main.ts` on a port of its own, and can be stopped
// or killed (-9) like in production.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import type { Socket } from 'socket.io-client';
import { api, createThrowawayDatabase, uniqueEmail } from '../src/test-support/server';

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const root = path.resolve(import.meta.dirname, '../../..');
const START_TIMEOUT_MS = 30_000;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  name: string;
  url: string;
  /** Ends the process without any goodbye (no disconnects, no cleanup): a crash. */
  kill9(): Promise<void>;
  /** SIGTERM, as an operator would; resolves once the process has exited. */
  stop(): Promise<void>;
  /** What the process printed, for failure messages. */
  output(): string;
}

export async function startServerProcess(name: string, env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `palique-scale-${name}-`));
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const cleanup = () => fs.rmSync(dataDir, { recursive: true, force: true });

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`process ${name} did not start within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
    const onData = () => {
      if (!output.includes('Palique is running')) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout!.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`process ${name} exited during start-up:\n${output}`));
    });
  }).catch(async (err) => {
    child.kill('SIGKILL');
    await exited;
    cleanup();
    throw err;
  });

  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
    cleanup();
  };
  return { name, url, kill9: () => end('SIGKILL'), stop: () => end('SIGTERM'), output: () => output };
}

export interface Owner {
  cookie: string;
  accountId: string;
  widgetId: string;
  agentId: string;
}

export interface Cluster {
  a: ServerProcess;
  b: ServerProcess;
  /** Direct access to the shared database, to check what was stored. */
  db: pg.Pool;
  owner: Owner;
  close(): Promise<void>;
}

/**
 * A fresh database, two processes A and B on it (sharing `redisUrl` under a key prefix of their
 * own), and the owner created through the first-run setup of A.
 */
export async function startCluster(opts: { redisUrl?: string; env?: Record<string, string> } = {}): Promise<Cluster> {
  const database = await createThrowawayDatabase(PG_URL);
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: opts.redisUrl ?? REDIS_URL,
    REDIS_KEY_PREFIX: `palique-scale-${crypto.randomBytes(6).toString('hex')}:`,
    ...opts.env,
  };
  // A first, so that it alone runs the migrations of the new database.
  const a = await startServerProcess('A', env);
  const b = await startServerProcess('B', env);
  const db = new pg.Pool({ connectionString: database.url, max: 2 });
  const setup = await api(a, 'POST', '/api/setup', {
    body: { name: 'Helena Prado', email: uniqueEmail('owner'), password: 'correct horse battery', siteName: 'Acme' },
  });
  if (setup.status !== 201) throw new Error(`setup failed: ${setup.status} ${JSON.stringify(setup.body)}`);
  const cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
  return {
    a,
    b,
    db,
    owner: { cookie, accountId: setup.body.account.id, widgetId: setup.body.account.widgetId, agentId: setup.body.agent.id },
    async close() {
      await Promise.all([a.stop(), b.stop()]);
      await db.end();
      await database.drop();
    },
  };
}

/** The first `event` whose payload satisfies `matches`, or an error naming what was awaited. */
export function waitForEvent<T = any>(
  socket: Socket,
  event: string,
  matches: (payload: T) => boolean,
  timeoutMs: number,
  what = event,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const onEvent = (payload: T) => {
      if (!matches(payload)) return;
      clearTimeout(timer);
      socket.off(event, onEvent);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      socket.off(event, onEvent);
      reject(new Error(`no ${what} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on(event, onEvent);
  });
}
