// The real server as its own process (its TypeScript under tsx, or built as `npm start` runs
// it), on a free port with a data folder of its own. It can be stopped
// (SIGTERM), killed (-9, a crash) and started again on the same port and data.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './ports';
import type { StorageLocation } from './in-process';

const root = path.resolve(import.meta.dirname, '../../../..');
const MAIN = 'apps/server/src/main.ts';
/** What scripts/build-server.mjs writes: the server as `npm start` runs it. */
const BUNDLE = 'apps/server/dist/main.mjs';

export interface ServerProcessOptions {
  /** For output and failure messages. */
  name?: string;
  /** More environment variables (DATABASE_URL, REDIS_URL, rate limits, ...). */
  env?: Record<string, string>;
  /**
   * The host in PUBLIC_URL (default 127.0.0.1). With 'localhost', `url` (the dashboard's origin)
   * and `directUrl` are two origins of one server, as a site and the dashboard are.
   */
  publicHost?: string;
  /** The port to try first (default: one free when picked); another if it is taken by then. */
  port?: number;
  /** Where it listens (HOST); by default every address, as in production. */
  host?: string;
  /** More node options (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /**
   * Run the built server (apps/server/dist/main.mjs, `npm run build:server`) as `npm start` does,
   * instead of its TypeScript under tsx. By default the built one when PALIQUE_TEST_SERVER=built
   * (`npm test` sets it for the browser journeys; the benchmark always measures the built one), else
   * the sources as they are.
   */
  bundle?: boolean;
  startTimeoutMs?: number;
  /**
   * Run as this user (and its group): tests run as root, for whom file permissions stop nothing,
   * so a read-only data folder is only read-only for another user.
   */
  user?: { uid: number; gid: number };
  /** How much of its output to keep for output() (default the last 20,000 characters). */
  outputLimit?: number;
  /** Called with its last output when it exits on its own with an error (not by stop or kill9). */
  onCrash?: (output: string) => void;
}

export interface ServerProcess {
  name: string;
  readonly port: number;
  /** PUBLIC_URL: where browsers reach it; the origin its snippet points at. */
  readonly url: string;
  /** http://127.0.0.1:<port>. */
  readonly directUrl: string;
  dataDir: string;
  storage: StorageLocation;
  /** The pid of the running process (a new one after start()). */
  readonly pid: number;
  /** Starts it (again, after stop or kill9) on the same port and data. */
  start(): Promise<void>;
  /** SIGTERM, as an operator would (SIGKILL if it has not exited within 10 s). */
  stop(): Promise<void>;
  /** Ends the process without any goodbye (no disconnects, no cleanup): a crash. */
  kill9(): Promise<void>;
  /** Stops it and removes its data folder. */
  close(): Promise<void>;
  /** The end of what it printed, for failure messages. */
  output(): string;
  /** How the last run ended (undefined while it runs): code 0 and no signal is a clean exit. */
  lastExit(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
}

export async function startServerProcess(opts: ServerProcessOptions = {}): Promise<ServerProcess> {
  const name = opts.name ?? 'server';
  // The port is picked before the child listens on it, so another test's server or connection can
  // take it in between: the first start then moves to another port (restarts keep theirs).
  let port = opts.port ?? (await freePort());
  let firstStart = true;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `palique-${name.replace(/[^\w-]/g, '_')}-`));
  const urlOf = (p: number) => `http://${opts.publicHost ?? '127.0.0.1'}:${p}`;
  const directUrlOf = (p: number) => `http://127.0.0.1:${p}`;
  const startTimeoutMs = opts.startTimeoutMs ?? 30_000;
  let output = '';
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const isRunning = () => child !== undefined && child.exitCode === null && child.signalCode === null;

  let ending = false;
  let lastExit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const end = async (signal: NodeJS.Signals) => {
    if (!isRunning()) return exited;
    const c = child!;
    ending = true;
    const hardKill = signal === 'SIGKILL' ? undefined : setTimeout(() => c.kill('SIGKILL'), 10_000);
    c.kill(signal);
    await exited;
    clearTimeout(hardKill);
  };

  const server: ServerProcess = {
    name,
    get port() {
      return port;
    },
    get url() {
      return urlOf(port);
    },
    get directUrl() {
      return directUrlOf(port);
    },
    dataDir,
    storage: { dataDir, databaseUrl: opts.env?.DATABASE_URL },
    get pid() {
      return child?.pid ?? -1;
    },
    async start() {
      if (isRunning()) throw new Error(`${name} is already running`);
      const entry = (opts.bundle ?? process.env.PALIQUE_TEST_SERVER === 'built') ? ['--enable-source-maps', ...(opts.nodeArgs ?? []), BUNDLE] : ['--import', 'tsx', ...(opts.nodeArgs ?? []), MAIN];
      const c = spawn(process.execPath, entry, {
        cwd: root,
        env: {
          ...process.env,
          PORT: String(port),
          PUBLIC_URL: urlOf(port),
          DATA_DIR: dataDir,
          LOG_LEVEL: 'warn',
          // As in-process: test clients do not retry a refused handshake (the storm bench sets it).
          VISITOR_ADMISSION_MAX_LOAD: '1',
          ...(opts.host ? { HOST: opts.host } : {}),
          ...opts.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        ...opts.user,
      });
      child = c;
      lastExit = undefined;
      const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-(opts.outputLimit ?? 20_000)));
      c.stdout!.on('data', collect);
      c.stderr!.on('data', collect);
      ending = false;
      exited = new Promise<void>((resolve) =>
        c.once('exit', (code, signal) => {
          lastExit = { code, signal };
          if (!ending && code !== 0 && !(firstStart && /EADDRINUSE/.test(output))) opts.onCrash?.(output);
          resolve();
        }),
      );
      const deadline = Date.now() + startTimeoutMs;
      while (Date.now() < deadline) {
        if (!isRunning()) throw Object.assign(new Error(`${name} exited during start-up:\n${output}`), { portTaken: /EADDRINUSE/.test(output) });
        if (await fetch(`${directUrlOf(port)}/api/setup`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false)) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      await end('SIGKILL');
      throw new Error(`${name} did not start within ${startTimeoutMs} ms:\n${output}`);
    },
    stop: () => end('SIGTERM'),
    kill9: () => end('SIGKILL'),
    async close() {
      await end('SIGTERM');
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    output: () => output,
    lastExit: () => lastExit,
  };
  for (let attempt = 1; ; attempt++) {
    try {
      await server.start();
      firstStart = false;
      return server;
    } catch (err) {
      if (attempt < 3 && (err as { portTaken?: boolean }).portTaken) {
        port = await freePort();
        output = '';
        continue;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw err;
    }
  }
}
