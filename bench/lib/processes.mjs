// The processes a benchmark run starts and stops: Palique servers, the raw relay, a private
// redis-server, throw-away PostgreSQL databases and load generators. Everything started here is
// tracked by pid and stopped by pid (stopAll), never by name.
import { fork, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const root = path.resolve(import.meta.dirname, '../..');
const started = new Set();

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
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
  started.add(child);
  child.on('exit', () => started.delete(child));
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

async function waitForHttp(url, child, tail, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`process exited before listening:\n${tail()}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    await sleep(200);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${tail()}`);
}

/**
 * A Palique server process as `npm start` runs it (minus the front-end build), on 127.0.0.1.
 * `cpuProfDir` adds --cpu-prof; the profile is written when the process exits.
 */
export async function startPalique({ label, env = {}, cpuProfDir }) {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'palique-bench-'));
  const nodeArgs = ['--import', 'tsx'];
  // One folder per server: tsx's loader thread writes a profile of its own next to the main one.
  if (cpuProfDir) nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${path.join(cpuProfDir, label)}`);
  const child = spawnWithLimits([process.execPath, ...nodeArgs, 'apps/server/src/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      WIDGET_RATE_LIMIT: '1000000',
      LOGIN_RATE_LIMIT: '1000',
      ...env,
    },
  });
  const tail = keepTail(child, label);
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/api/setup`, child, tail);
  return {
    label,
    url,
    pid: child.pid,
    async stop() {
      await stopChild(child);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** First-run setup: the owner's session cookie and the widget id. */
export async function setupAccount(url) {
  const res = await fetch(`${url}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bench Owner', email: 'bench@example.com', password: 'correct horse battery', siteName: 'Bench' }),
  });
  if (!res.ok) throw new Error(`setup failed: ${res.status} ${await res.text()}`);
  const me = await res.json();
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  return { cookie, widgetId: me.account.widgetId };
}

export async function startRelay() {
  const child = spawnWithLimits([process.execPath, 'bench/relay.mjs', '0'], { env: process.env });
  const tail = keepTail(child, 'relay');
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not start:\n${tail()}`)), 10_000);
    child.stdout.on('data', (d) => {
      const m = /relay listening (\d+)/.exec(String(d));
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
  });
  return { label: 'raw relay', url: `http://127.0.0.1:${port}`, pid: child.pid, stop: () => stopChild(child) };
}

/** A private redis-server on a spare port, so the shared instance's keys are never touched. */
export async function startRedis() {
  const port = await freePort();
  const child = spawnWithLimits(['redis-server', '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {});
  const tail = keepTail(child, 'redis');
  const until = Date.now() + 10_000;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => s.write('PING\r\n'));
      s.once('data', (d) => (s.destroy(), resolve(String(d).startsWith('+PONG'))));
      s.once('error', () => resolve(false));
    });
    if (ok) break;
    if (Date.now() > until) throw new Error(`redis-server did not start:\n${tail()}`);
    await sleep(100);
  }
  return { url: `redis://127.0.0.1:${port}`, pid: child.pid, stop: () => stopChild(child) };
}

const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A throw-away PostgreSQL database for one run, dropped by drop(). */
export async function createDatabase() {
  const name = `palique_bench_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A load generator (bench/generator.ts) with a promise-returning call(cmd, args, timeoutMs). */
export async function startGenerator() {
  const child = fork(path.join(root, 'bench/generator.ts'), [], {
    cwd: root,
    execArgv: ['--import', 'tsx', '--max-old-space-size=4096'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  started.add(child);
  child.on('exit', () => started.delete(child));
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
  await Promise.all([...started].map((c) => stopChild(c, 3_000)));
}
