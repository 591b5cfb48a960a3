// The processes a benchmark run starts and stops: Palique servers, throw-away PostgreSQL
// databases and a private redis-server (all through the test harness, @palique/server/testing),
// the raw relay and load generators. Everything started here is tracked and stopped by pid
// (stopAll), never by name. bench/run.mjs runs under tsx, so the harness's TypeScript loads.
import { fork, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { createThrowawayDatabase, setupOwner, startCluster, startRedisServer, startServerProcess } from '@palique/server/testing';
import { buildServer } from '../../scripts/build-server.mjs';

export const root = path.resolve(import.meta.dirname, '../..');
/** What is running, each as { stop }. */
const started = new Set();

/** Notes that something runs until `stop`; returns a stop() that also forgets it. */
function tracked(stop) {
  const entry = { stop };
  started.add(entry);
  return async () => {
    started.delete(entry);
    await stop();
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Memory (VmRSS) of a process, in KB. */
export function rssKb(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

/** CPU time (user + system) a process has used so far, in ms. */
export function cpuMs(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

/** CPU time the whole machine has been busy so far (all cores, not idle or iowait), in ms. */
export function machineBusyMs() {
  const [, ...f] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = f.map(Number);
  return ((user + nice + system + irq + softirq + steal) * 1000) / 100;
}

/** Spawns through sh so the child gets the highest open-files limit allowed. */
function spawnWithLimits(args, opts) {
  const child = spawn('sh', ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"', 'sh', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...opts,
  });
  child.on('exit', tracked(() => stopChild(child, 3_000)));
  return child;
}

function stopChild(child, timeoutMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function keepTail(child, label) {
  let tail = '';
  const keep = (d) => (tail = (tail + d).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.on('exit', (code, signal) => {
    if (code && code !== 0) console.error(`[${label}] exited with ${code ?? signal}:\n${tail}`);
  });
  return () => tail;
}

/** Next to which the throw-away databases are created. */
const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** What a Palique server of the benchmark is started with: no limits in the way of the load. */
export const SERVER_ENV = {
  WIDGET_RATE_LIMIT: '1000000',
  LOGIN_RATE_LIMIT: '1000',
  NEW_VISITOR_RATE_LIMIT: '1000000',
  SYNC_RATE_LIMIT: '1000000',
  // Every simulated visitor connects from this machine's one address.
  MAX_CONNECTIONS_PER_ADDRESS: '0',
};

/**
 * `cpuProfDir` adds --cpu-prof; the profile is written when the process exits. One folder per
 * server: tsx's loader thread writes a profile of its own next to the main one.
 */
const profiling = (cpuProfDir, label) => (cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(cpuProfDir, label)}`] : []);

const serverOptions = (label, cpuProfDir) => ({
  host: '127.0.0.1',
  // As `npm start` runs it: built (scripts/build-server.mjs), not its TypeScript under tsx.
  bundle: !FROM_SOURCE,
  // BENCH_SERVER_NODE_ARGS: node options for the Palique servers only (e.g. --max-semi-space-size=32).
  nodeArgs: [...(process.env.BENCH_SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []), ...profiling(cpuProfDir, label)],
  startTimeoutMs: 60_000,
  onCrash: (tail) => console.error(`[${label}] exited with an error:\n${tail.slice(-4000)}`),
});

const OWNER = { name: 'Bench Owner', email: 'bench@example.com', password: 'correct horse battery', siteName: 'Bench' };

/** BENCH_SERVER_SOURCE=1 measures the server's TypeScript under tsx instead (as the tests run it). */
const FROM_SOURCE = process.env.BENCH_SERVER_SOURCE === '1';
let serverBuilt;
/** Builds the server once per run, from the sources as they are now. */
const buildServerOnce = () => (FROM_SOURCE ? Promise.resolve() : (serverBuilt ??= buildServer()));

/** A Palique server process as `npm start` runs it (minus the front-end build), on 127.0.0.1. */
export async function startPalique({ label, env = {}, cpuProfDir }) {
  await buildServerOnce();
  const server = await startServerProcess({ ...serverOptions(label, cpuProfDir), name: label, env: { ...SERVER_ENV, ...env } });
  return { label, url: server.url, pid: server.pid, stop: tracked(() => server.close()) };
}

/** First-run setup: the owner's session cookie and the widget id. */
export async function setupAccount(url) {
  const { cookie, widgetId } = await setupOwner({ url }, OWNER);
  return { cookie, widgetId };
}

/**
 * Two Palique processes sharing a throw-away PostgreSQL database (next to BENCH_PG_URL) and a
 * private redis-server, with the owner set up: servers, cookie, widget id and stop().
 */
export async function startPgRedis({ cpuProfDir } = {}) {
  await buildServerOnce();
  const redis = await startRedisServer();
  const stopRedis = tracked(() => redis.kill());
  try {
    const cluster = await startCluster({
      baseDatabaseUrl: PG_ADMIN,
      databaseNamePrefix: 'palique_bench',
      redisUrl: redis.url,
      names: ['pg-redis-1', 'pg-redis-2'],
      env: SERVER_ENV,
      process: (label) => serverOptions(label, cpuProfDir),
      owner: OWNER,
    });
    const stopCluster = tracked(() => cluster.close());
    return {
      servers: cluster.processes.map((p) => ({ label: p.name, url: p.url, pid: p.pid })),
      cookie: cluster.owner.cookie,
      widgetId: cluster.owner.widgetId,
      async stop() {
        await stopCluster();
        await stopRedis();
      },
    };
  } catch (err) {
    await stopRedis();
    throw err;
  }
}

/** A process of bench/ that prints "<label> listening <port>" once ready (the relay, the durable baseline). */
async function startListener(script, label, env = {}) {
  const child = spawnWithLimits([process.execPath, script, '0'], { env: { ...process.env, ...env } });
  const tail = keepTail(child, label);
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} did not start:\n${tail()}`)), 20_000);
    child.stdout.on('data', (d) => {
      const m = / listening (\d+)/.exec(String(d));
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
  });
  return { label, url: `http://127.0.0.1:${port}`, pid: child.pid, stop: () => stopChild(child) };
}

export const startRelay = () => startListener('bench/relay.mjs', 'raw relay');

/**
 * The durable baseline (bench/durable-baseline.mjs): on SQLite, one process on a fresh file in
 * WAL with synchronous=FULL (as Palique's sqlite-full); on PostgreSQL + Redis, two processes
 * sharing a throw-away database and a private redis-server (as Palique's pg-redis).
 */
export async function startDurableBaseline(kind) {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palique-durable-'));
    const server = await startListener('bench/durable-baseline.mjs', 'durable SQLite', { DURABLE_DB: path.join(dir, 'bench.db'), SQLITE_SYNCHRONOUS: 'FULL' });
    const stop = tracked(async () => {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    return { servers: [server], stop };
  }
  const redis = await startRedisServer();
  const stopRedis = tracked(() => redis.kill());
  const database = await createThrowawayDatabase(PG_ADMIN, 'palique_bench_durable');
  const stopDatabase = tracked(() => database.drop());
  const env = { DURABLE_DB: database.url, REDIS_URL: redis.url };
  // The first creates the table; the second starts once it exists.
  const first = await startListener('bench/durable-baseline.mjs', 'durable PG 1', env);
  const second = await startListener('bench/durable-baseline.mjs', 'durable PG 2', env);
  return {
    servers: [first, second],
    async stop() {
      await Promise.all([first.stop(), second.stop()]);
      await stopDatabase();
      await stopRedis();
    },
  };
}

/**
 * A load generator (bench/generator.ts) with a promise-returning call(cmd, args, timeoutMs).
 * `cpuProfDir`: its CPU profile too, in `<cpuProfDir>/generator-<label>` (it exits on SIGTERM).
 */
export async function startGenerator({ cpuProfDir, label = 'generator' } = {}) {
  const child = fork(path.join(root, 'bench/generator.ts'), [], {
    cwd: root,
    execArgv: ['--import', 'tsx', '--max-old-space-size=4096', ...profiling(cpuProfDir, `generator-${label}`)],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.on('exit', tracked(() => stopChild(child, 3_000)));
  const waiting = new Map();
  let nextId = 0;
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('generator did not start')), 30_000);
    child.once('message', () => (clearTimeout(timer), resolve()));
  });
  child.on('message', (msg) => {
    const w = waiting.get(msg.id);
    if (!w) return;
    waiting.delete(msg.id);
    if (msg.error) w.reject(new Error(msg.error));
    else w.resolve(msg.result);
  });
  child.on('exit', () => {
    for (const w of waiting.values()) w.reject(new Error('generator exited'));
    waiting.clear();
  });
  return {
    pid: child.pid,
    call(cmd, args = {}, timeoutMs = 120_000) {
      const id = ++nextId;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`generator ${cmd}: no answer in ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(id, {
          resolve: (r) => (clearTimeout(timer), resolve(r)),
          reject: (e) => (clearTimeout(timer), reject(e)),
        });
        child.send({ id, cmd, args });
      });
    },
    stop: () => stopChild(child),
  };
}

/** Stops everything still running (on errors and interrupts). */
export async function stopAll() {
  await Promise.all([...started].map((thing) => thing.stop()));
}

/**
 * Runs this script again (once) with the highest open-files limit allowed, for thousands of
 * sockets, and exits with its status; returns at once in the re-run.
 */
export function rerunWithRaisedFileLimit() {
  if (process.env.BENCH_LIMITS_RAISED) return;
  const r = spawnSync('sh', ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"', 'sh', process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_LIMITS_RAISED: '1' },
  });
  process.exit(r.status ?? 1);
}
