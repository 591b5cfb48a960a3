// `npm run bench:storm`: a reconnect storm. One Palique process (SQLite) holds N visitors (the
// widget's own client, in two generator processes) while an agent writes a reply every 20 ms and
// times each ack. The process is restarted (SIGTERM, start again); every visitor comes back by
// itself with the client's jittered backoff. Prints the agent's ack latency before and during the
// storm and how long the visitors took to return. Figures only: nothing here asserts a target.
//   --visitors=N (default 5000)   --quick (500 visitors)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { clientId, connectAgent, connectVisitor, setupOwner, startServerProcess } from '@palique/server/testing';
import { root, SERVER_ENV, startGenerator, stopAll } from './lib/processes.mjs';

if (!process.env.BENCH_LIMITS_RAISED) {
  const r = spawnSync('sh', ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"', 'sh', process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_LIMITS_RAISED: '1' },
  });
  process.exit(r.status ?? 1);
}

const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const quick = process.argv.includes('--quick');
const VISITORS = Number(arg('visitors') ?? (quick ? 500 : 5_000));
const GAP_MS = 20;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);

/** The agent writes every GAP_MS until `until()` says stop; returns the ack latencies (ms) and failures. */
async function agentTraffic(server, owner, conversationId, until) {
  const agent = await connectAgent(server, owner.cookie);
  const latencies = [];
  let failed = 0;
  try {
    while (!until()) {
      const t = performance.now();
      const ack = await agent.emit('message:send', { conversationId, clientId: clientId(), text: `storm ${t.toFixed(0)}` }).catch(() => undefined);
      if (ack?.ok) latencies.push(performance.now() - t);
      else failed++;
      await sleep(Math.max(0, GAP_MS - (performance.now() - t)));
    }
  } finally {
    agent.close();
  }
  return { latencies: latencies.sort((a, b) => a - b), failed };
}

const summary = (name, { latencies, failed }) => ({
  phase: name,
  acks: latencies.length,
  failed,
  p50: pct(latencies, 50),
  p99: pct(latencies, 99),
  max: latencies.at(-1) ?? NaN,
});

// The admission threshold as in production (the test harness turns it off): --admission=1 disables it.
const ADMISSION = arg('admission') ?? '0.9';
const server = await startServerProcess({ name: 'storm', host: '127.0.0.1', env: { ...SERVER_ENV, VISITOR_ADMISSION_MAX_LOAD: ADMISSION }, startTimeoutMs: 60_000 });
const gens = [];
try {
  const owner = await setupOwner(server);
  const opener = await connectVisitor(server, owner.widgetId);
  const first = await opener.emit('message:send', { clientId: clientId(), text: 'a conversation to answer' });
  const conversationId = first.message.conversationId;
  opener.close();

  gens.push(await startGenerator(), await startGenerator());
  const t0 = performance.now();
  const opened = await Promise.all(
    gens.map((g, i) => g.call('openVisitors', { kind: 'palique', urls: [server.url], widgetId: owner.widgetId, count: Math.floor(VISITORS / 2) + (i === 0 ? VISITORS % 2 : 0), concurrency: 100 }, 600_000)),
  );
  console.log(`${VISITORS} visitors connected in ${((performance.now() - t0) / 1000).toFixed(1)} s (${opened.reduce((s, o) => s + o.failed, 0)} failed)`);
  const connected = async () => (await Promise.all(gens.map((g) => g.call('connectedCount')))).reduce((s, c) => s + c.connected, 0);

  // Before: 10 s of agent traffic with every visitor connected and idle.
  let end = performance.now() + 10_000;
  const before = summary('before (all connected)', await agentTraffic(server, owner, conversationId, () => performance.now() > end));

  // The restart, then the storm: agent traffic from the moment the server is back until every
  // visitor is connected again (at most 60 s).
  const stopAt = performance.now();
  await server.stop();
  const stopMs = performance.now() - stopAt;
  const downAt = performance.now();
  await server.start();
  const backAt = performance.now();
  let all = false;
  const returns = [];
  const watching = (async () => {
    const until = backAt + 60_000;
    while (performance.now() < until) {
      const n = await connected();
      returns.push({ ms: performance.now() - backAt, connected: n });
      if (n >= VISITORS) return (all = true);
      await sleep(250);
    }
  })();
  const storm = summary('during the storm', await agentTraffic(server, owner, conversationId, () => all || performance.now() > backAt + 60_000));
  await watching;
  const reached = (share) => returns.find((r) => r.connected >= VISITORS * share)?.ms;
  end = performance.now() + 10_000;
  const after = summary('after (all back)', await agentTraffic(server, owner, conversationId, () => performance.now() > end));

  const result = {
    at: new Date().toISOString(),
    visitors: VISITORS,
    visitorAdmissionMaxLoad: Number(ADMISSION),
    gracefulStopMs: Math.round(stopMs),
    restartMs: Math.round(backAt - downAt),
    back50Ms: reached(0.5) && Math.round(reached(0.5)),
    back90Ms: reached(0.9) && Math.round(reached(0.9)),
    back100Ms: reached(1) && Math.round(reached(1)),
    stillAwayAfter60s: all ? 0 : VISITORS - (returns.at(-1)?.connected ?? 0),
    agent: [before, storm, after],
  };
  console.log(`\nReconnect storm, ${VISITORS} visitors on one SQLite process (2-core machine), VISITOR_ADMISSION_MAX_LOAD=${ADMISSION}`);
  console.log(`graceful stop ${result.gracefulStopMs} ms; process back after ${result.restartMs} ms; visitors back: 50% ${result.back50Ms} ms, 90% ${result.back90Ms} ms, 100% ${result.back100Ms ?? '—'} ms`);
  console.log('agent acks      count  failed   p50 ms   p99 ms   max ms');
  for (const r of result.agent) console.log(`${r.phase.padEnd(24)}${String(r.acks).padStart(6)}${String(r.failed).padStart(8)}${r.p50.toFixed(1).padStart(9)}${r.p99.toFixed(1).padStart(9)}${r.max.toFixed(1).padStart(9)}`);
  fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench/results/storm-latest.json'), JSON.stringify(result, null, 2) + '\n');
} finally {
  await Promise.all(gens.map((g) => g.call('closeAll', {}, 60_000).catch(() => {})));
  await Promise.all(gens.map((g) => g.stop()));
  await server.close();
  await stopAll();
}
