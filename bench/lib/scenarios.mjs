// The benchmark's two measurements, each against a "target" (the raw relay, or Palique in one
// storage/fan-out mode): idle connections (memory and connect time) and messaging (latency at a
// fixed rate, then the most acknowledged messages per second).
import { cpuMs, machineBusyMs, rssKb, setupAccount, startDurableBaseline, startPalique, startPgRedis, startGenerator, startRelay } from './processes.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Time for the server to settle (GC, buffers) before its memory is read. */
const SETTLE_MS = 3_000;

/** Starts what one mode needs; returns its servers, how clients reach them, and stop(). */
export async function startTarget(mode, opts = {}) {
  if (mode === 'raw') {
    const relay = await startRelay();
    return { kind: 'raw', servers: [relay], widgetId: '', cookie: '', stop: () => relay.stop() };
  }
  if (mode === 'durable-sqlite' || mode === 'durable-pg') {
    const { servers, stop } = await startDurableBaseline(mode === 'durable-sqlite' ? 'sqlite' : 'pg');
    return { kind: 'durable', servers, widgetId: '', cookie: '', stop };
  }
  if (mode === 'sqlite-full' || mode === 'sqlite-normal') {
    const sync = mode === 'sqlite-full' ? 'FULL' : 'NORMAL';
    const server = await startPalique({ label: mode, env: { SQLITE_SYNCHRONOUS: sync }, cpuProfDir: opts.cpuProfDir });
    const { cookie, widgetId } = await setupAccount(server.url);
    return { kind: 'palique', servers: [server], widgetId, cookie, stop: () => server.stop() };
  }
  if (mode === 'pg-redis') {
    const { servers, cookie, widgetId, stop } = await startPgRedis({ cpuProfDir: opts.cpuProfDir });
    return { kind: 'palique', servers, widgetId, cookie, stop };
  }
  throw new Error(`unknown mode ${mode}`);
}

/**
 * The machine is shared (other people's test suites run on the same 2 cores). Before a
 * measurement, wait up to maxWaitMs for the machine to be nearly idle; return how busy it was
 * (share of one core) so the report can show it.
 */
export async function waitForQuietMachine(maxWaitMs = 60_000, quietShare = 0.25) {
  const until = Date.now() + maxWaitMs;
  for (;;) {
    const m0 = machineBusyMs();
    await sleep(2_000);
    const busy = (machineBusyMs() - m0) / 2_000;
    if (busy <= quietShare || Date.now() >= until) return busy;
  }
}

const totalRss = (servers) => servers.reduce((sum, s) => sum + rssKb(s.pid), 0);
const totalCpu = (servers) => servers.reduce((sum, s) => sum + cpuMs(s.pid), 0);

/**
 * Opens visitors in steps up to each of `counts` (e.g. 1,000 → 5,000 → 10,000) on one server,
 * spread over `generators` processes; reports per step the memory each connection added and
 * the time it took to connect them all (the sum of the steps so far).
 */
export async function measureConnections(mode, { counts, generators = 2, agents = 2, concurrency = 100, cpuProfDir }) {
  const target = await startTarget(mode, { cpuProfDir });
  // PostgreSQL + Redis: visitors spread over both processes, memory summed over both.
  const urls = target.servers.map((s) => s.url);
  const gens = await Promise.all(Array.from({ length: generators }, () => startGenerator()));
  const rows = [];
  const open = async (count, returning) => {
    const shares = gens.map((_, i) => Math.floor(count / gens.length) + (i < count % gens.length ? 1 : 0));
    const cpu0 = totalCpu(target.servers);
    const t0 = performance.now();
    const results = await Promise.all(
      gens.map((g, i) => g.call('openVisitors', { kind: target.kind, urls, widgetId: target.widgetId, count: shares[i], concurrency, returning }, 600_000)),
    );
    const firstError = results.find((r) => r.firstError)?.firstError;
    const failed = results.reduce((s, r) => s + r.failed, 0);
    if (firstError) console.error(`  [${mode}] ${failed} visitors failed to connect, e.g. ${firstError}`);
    // Server CPU per arrival: the steadiest figure on a shared machine (the generators' own work
    // on the same 2 cores is most of what limits arrivals/s).
    return { ms: performance.now() - t0, failed, cpuMsPerArrival: (totalCpu(target.servers) - cpu0) / count };
  };
  try {
    await gens[0].call('openAgents', { kind: target.kind, url: urls[0], cookie: target.cookie, count: agents });
    await sleep(SETTLE_MS);
    const rssBefore = totalRss(target.servers);
    let opened = 0;
    let connectMs = 0;
    let failed = 0;
    for (const n of counts) {
      const step = await open(n - opened, false);
      connectMs += step.ms;
      failed += step.failed;
      opened = n;
      await sleep(SETTLE_MS);
      const rssAfter = totalRss(target.servers);
      const row = {
        mode,
        connections: n,
        failed,
        connectSeconds: connectMs / 1000,
        connectionsPerSec: n / (connectMs / 1000),
        cpuMsPerArrival: step.cpuMsPerArrival,
        rssBeforeMb: rssBefore / 1024,
        rssAfterMb: rssAfter / 1024,
        kbPerConnection: (rssAfter - rssBefore) / n,
      };
      rows.push(row);
      console.log(`  ${mode}: ${n} connections in ${row.connectSeconds.toFixed(1)} s, ${row.kbPerConnection.toFixed(1)} KB each, server CPU ${row.cpuMsPerArrival.toFixed(2)} ms per arrival (this step)`);
    }
    // The same visitors on their next page view: closed, then back with the tokens they kept.
    if (target.kind === 'palique') {
      await Promise.all(gens.map((g) => g.call('closeAll', {}, 60_000)));
      await sleep(SETTLE_MS);
      const back = await open(opened, true);
      const row = { mode, connections: opened, returning: true, failed: back.failed, connectSeconds: back.ms / 1000, connectionsPerSec: opened / (back.ms / 1000), cpuMsPerArrival: back.cpuMsPerArrival };
      rows.push(row);
      console.log(`  ${mode}: ${opened} returning visitors in ${row.connectSeconds.toFixed(1)} s, server CPU ${row.cpuMsPerArrival.toFixed(2)} ms each`);
    }
  } finally {
    await Promise.all(gens.map((g) => g.call('closeAll', {}, 60_000).catch(() => {})));
    await Promise.all(gens.map((g) => g.stop()));
    await target.stop();
  }
  return rows;
}

/**
 * V visitors (spread over the mode's servers) send to agents on the first server: first at a
 * fixed rate (latency), then each as fast as its acks come back (throughput).
 */
export async function measureMessaging(mode, { visitors, agents = 2, paced, saturate, cpuProfDir, quietWaitMs = 60_000 }) {
  const target = await startTarget(mode, { cpuProfDir });
  const gen = await startGenerator({ cpuProfDir, label: mode });
  try {
    await gen.call('openAgents', { kind: target.kind, url: target.servers[0].url, cookie: target.cookie, count: agents });
    const urls = target.servers.map((s) => s.url);
    const opened = await gen.call('openVisitors', { kind: target.kind, urls, widgetId: target.widgetId, count: visitors, concurrency: 100 }, 300_000);
    if (opened.failed) console.error(`  [${mode}] ${opened.failed} visitors failed to connect, e.g. ${opened.firstError}`);
    await sleep(1_000);

    const run = async (args) => {
      const busyBefore = await waitForQuietMachine(quietWaitMs);
      const cpu0 = totalCpu(target.servers);
      const gen0 = cpuMs(gen.pid);
      const machine0 = machineBusyMs();
      const t0 = performance.now();
      const r = await gen.call('runLoad', args, args.warmupMs + args.measureMs + args.drainMs + 60_000);
      const elapsed = performance.now() - t0;
      const serverMs = totalCpu(target.servers) - cpu0;
      r.serverCpu = serverMs / elapsed;
      r.machineBusyBefore = busyBefore;
      // Everything else the machine did meanwhile (database, Redis, other users' jobs): the 2
      // cores are shared, so a busy neighbour shows up here rather than silently in the figures.
      r.otherCpu = (machineBusyMs() - machine0 - serverMs - (cpuMs(gen.pid) - gen0)) / elapsed;
      r.serverRssMb = totalRss(target.servers) / 1024;
      return r;
    };
    const p = await run({ mode: 'paced', ...paced });
    console.log(`  ${mode}: paced ${p.ackedPerSec.toFixed(0)} msg/s acked, p50 ${p.p50.toFixed(1)} ms, p99 ${p.p99.toFixed(1)} ms, max ${p.max.toFixed(1)} ms`);
    const s = await run({ mode: 'saturate', perVisitorPerSec: 0, ...saturate });
    console.log(`  ${mode}: saturated ${s.ackedPerSec.toFixed(0)} msg/s acked`);
    return { mode, servers: target.servers.length, paced: p, saturated: s };
  } finally {
    await gen.call('closeAll', {}, 60_000).catch(() => {});
    await gen.stop();
    await target.stop();
  }
}

/**
 * C4: what typing previews cost acknowledged messages. V visitors send at a fixed rate to agents
 * on one server; the same load runs without and with every visitor also typing (its box sent at
 * most 4 times a second, relayed to the agents), alternating `rounds` times, so a busy
 * neighbour on the shared machine weighs on both alike.
 */
export async function measureTypingCost(mode, { visitors, agents = 2, paced, typingEveryMs = 250, rounds = 2, quietWaitMs = 15_000 }) {
  const target = await startTarget(mode);
  const gen = await startGenerator();
  const runs = [];
  try {
    await gen.call('openAgents', { kind: target.kind, url: target.servers[0].url, cookie: target.cookie, count: agents });
    const urls = target.servers.map((s) => s.url);
    const opened = await gen.call('openVisitors', { kind: target.kind, urls, widgetId: target.widgetId, count: visitors, concurrency: 100 }, 300_000);
    if (opened.failed) console.error(`  [${mode}] ${opened.failed} visitors failed to connect, e.g. ${opened.firstError}`);
    await sleep(1_000);
    for (let round = 0; round < rounds; round++) {
      for (const typing of [false, true]) {
        const busyBefore = await waitForQuietMachine(quietWaitMs);
        const cpu0 = totalCpu(target.servers);
        const gen0 = cpuMs(gen.pid);
        const machine0 = machineBusyMs();
        const t0 = performance.now();
        const args = { mode: 'paced', ...paced, typingEveryMs: typing ? typingEveryMs : 0 };
        const r = await gen.call('runLoad', args, args.warmupMs + args.measureMs + args.drainMs + 60_000);
        const elapsed = performance.now() - t0;
        const serverMs = totalCpu(target.servers) - cpu0;
        Object.assign(r, {
          typing,
          round,
          serverCpu: serverMs / elapsed,
          machineBusyBefore: busyBefore,
          otherCpu: (machineBusyMs() - machine0 - serverMs - (cpuMs(gen.pid) - gen0)) / elapsed,
        });
        runs.push(r);
        console.log(
          `  ${mode} ${typing ? 'with typing   ' : 'without typing'}: ${r.ackedPerSec.toFixed(0)} msg/s acked, ack p50 ${r.ackP50.toFixed(1)} ms, p99 ${r.ackP99.toFixed(1)} ms; ` +
            `delivery p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms; server CPU ${(r.serverCpu * 100).toFixed(0)}%, other ${(r.otherCpu * 100).toFixed(0)}%` +
            (typing ? `; previews received by the agents: ${(r.previewsReceived / ((paced.warmupMs + paced.measureMs) / 1000)).toFixed(0)}/s` : ''),
        );
      }
    }
    return { mode, visitors, agents, typingEveryMs, paced, runs };
  } finally {
    await gen.call('closeAll', {}, 60_000).catch(() => {});
    await gen.stop();
    await target.stop();
  }
}
