// `npm run bench`: Palique against a raw WebSocket relay on this machine, loopback only.
// Prints the tables and writes bench/results/latest.json. Nothing here asserts a target.
//   --quick (or BENCH_QUICK=1)  small counts and short runs: a smoke test of the benchmark
//   --only=connections|messaging|typing  one part only (typing: C4's previews against acked messages)
//   --modes=raw,sqlite-full,...   messaging modes to run (default: raw, durable-sqlite, sqlite-full,
//                                 sqlite-normal, durable-pg, pg-redis)
//   --arrival-modes=raw,durable-sqlite,sqlite-full,durable-pg,pg-redis  connection modes to run (default: these)
//   --arrivals=1000,5000          the idle-visitor steps instead of the default
//   --visitors=N                  messaging with N visitors (paced at N msg/s) instead of the default
//   --quiet-wait=MS               wait at most MS for a quiet machine before each measurement (60,000)
//   --cpu-prof                    write the servers' CPU profiles to bench/results/profiles/
//   BENCH_SERVER_NODE_ARGS='…'     node options for the Palique servers only (README: "Memory or message rate")
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root, stopAll } from './lib/processes.mjs';
import { measureConnections, measureMessaging, measureTypingCost } from './lib/scenarios.mjs';
import { formatReport } from './lib/report.mjs';

// Re-run once under the highest open-files limit allowed, inherited by every child (10,000
// sockets need as many descriptors in the server and in the generators).
if (!process.env.BENCH_LIMITS_RAISED) {
  const r = spawnSync('sh', ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"', 'sh', process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_LIMITS_RAISED: '1' },
  });
  process.exit(r.status ?? 1);
}

const args = process.argv.slice(2);
const flag = (name) => args.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
const value = (name) => flag(name)?.split('=')[1];
const quick = !!flag('quick') || process.env.BENCH_QUICK === '1';
const only = value('only');
const modes = (value('modes') ?? 'raw,durable-sqlite,sqlite-full,sqlite-normal,durable-pg,pg-redis').split(',');
const cpuProfDir = flag('cpu-prof') ? path.join(root, 'bench/results/profiles') : undefined;

const params = quick
  ? {
      connections: { counts: [200, 500], generators: 1, agents: 2 },
      messaging: {
        visitors: 200,
        agents: 2,
        paced: { perVisitorPerSec: 1, warmupMs: 1_000, measureMs: 4_000, drainMs: 5_000 },
        saturate: { warmupMs: 500, measureMs: 2_000, drainMs: 5_000 },
      },
      typing: { visitors: 200, agents: 2, rounds: 1, paced: { perVisitorPerSec: 1, warmupMs: 1_000, measureMs: 4_000, drainMs: 5_000 } },
    }
  : {
      connections: { counts: [1_000, 5_000, 10_000], generators: 2, agents: 2 },
      messaging: {
        visitors: 1_000,
        agents: 2,
        paced: { perVisitorPerSec: 1, warmupMs: 3_000, measureMs: 15_000, drainMs: 10_000 },
        saturate: { warmupMs: 2_000, measureMs: 8_000, drainMs: 10_000 },
      },
      typing: { visitors: 1_000, agents: 2, rounds: 2, paced: { perVisitorPerSec: 1, warmupMs: 2_000, measureMs: 8_000, drainMs: 10_000 } },
    };

if (value('visitors')) params.messaging.visitors = Number(value('visitors'));
if (value('arrivals')) params.connections.counts = value('arrivals').split(',').map(Number);
const quietWaitMs = Number(value('quiet-wait') ?? 60_000);

const started = Date.now();
const results = {
  startedAt: new Date(started).toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  quick,
  params,
  connections: [],
  messaging: [],
  typing: [],
  failures: [],
};

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (interrupted) process.exit(1);
    interrupted = true;
    console.error('\nInterrupted: stopping what the benchmark started…');
    void stopAll().then(() => process.exit(130));
  });
}

try {
  if (cpuProfDir) fs.mkdirSync(cpuProfDir, { recursive: true });
  if (!only || only === 'connections') {
    console.log(`Connections (${params.connections.counts.join(' / ')} idle visitors)`);
    for (const mode of value('arrival-modes')?.split(',') ?? ['raw', 'durable-sqlite', 'sqlite-full', 'durable-pg', 'pg-redis']) {
      results.connections.push(...(await measureConnections(mode, { ...params.connections, cpuProfDir })));
    }
  }
  if (!only || only === 'messaging') {
    console.log(`Messaging (${params.messaging.visitors} visitors)`);
    for (const mode of modes) {
      try {
        results.messaging.push(await measureMessaging(mode, { ...params.messaging, cpuProfDir, quietWaitMs }));
      } catch (err) {
        console.error(`  ${mode} failed: ${err.stack ?? err}`);
        results.failures.push({ mode, error: String(err) });
      }
    }
  }
  if (!only || only === 'typing') {
    console.log(`Typing previews (${params.typing.visitors} visitors at 1 msg/s each, without and with typing)`);
    try {
      results.typing.push(await measureTypingCost('sqlite-full', params.typing));
    } catch (err) {
      console.error(`  typing failed: ${err.stack ?? err}`);
      results.failures.push({ mode: 'typing', error: String(err) });
    }
  }
} finally {
  await stopAll();
}

results.durationSeconds = (Date.now() - started) / 1000;
const outDir = path.join(root, 'bench/results');
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.resolve(outDir, value('out') ?? 'latest.json'), JSON.stringify(results, null, 2) + '\n');
console.log('\n' + formatReport(results));
console.log(`\nTotal ${results.durationSeconds.toFixed(0)} s. Results: ${path.relative(root, path.resolve(outDir, value('out') ?? 'latest.json'))}`);
if (cpuProfDir) console.log(`CPU profiles: ${path.relative(root, cpuProfDir)}/`);
