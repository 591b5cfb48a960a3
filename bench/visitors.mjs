// `npm run bench:visitors`: the server's cost of the online visitors list (C8) at scale. One
// Palique process (SQLite) holds N visitors (in two generator processes; each keeps the widget's
// socket open and reports page views, without the chat's sync) while agents keep the Visitors
// section open. Phases: the visitors idle, then they browse (page views at a steady rate).
// Prints the server's CPU time, and per agent per second the `visitors:changes` batches (and the per-page-view `visitor:details` events of C3, for
// comparison) with their bytes; then the time to load the list. Figures only: nothing asserted.
//   --visitors=N (default 10000)   --rate=page views per second (default 200)   --seconds=S (15)
//   --agents=N (default 2)   --quick (1000 visitors, 50 views/s, 8 s)
import { api, connectAgent, setupOwner, startServerProcess } from '@palique/server/testing';
import { cpuMs, rerunWithRaisedFileLimit, SERVER_ENV, startGenerator, stopAll } from './lib/processes.mjs';

rerunWithRaisedFileLimit();

const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const quick = process.argv.includes('--quick');
const VISITORS = Number(arg('visitors') ?? (quick ? 1_000 : 10_000));
const RATE = Number(arg('rate') ?? (quick ? 50 : 200));
const SECONDS = Number(arg('seconds') ?? (quick ? 8 : 15));
const AGENTS = Number(arg('agents') ?? 2);
const IDLE_SECONDS = quick ? 3 : 5;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Counts what each agent hears of one event: how many, how many bytes (as JSON), how many rows. */
function listen(agents, event, rowsOf = () => 1) {
  const counts = agents.map(() => ({ events: 0, bytes: 0, rows: 0 }));
  agents.forEach((a, i) =>
    a.socket.on(event, (payload) => {
      counts[i].events++;
      counts[i].bytes += JSON.stringify(payload).length;
      counts[i].rows += rowsOf(payload);
    }),
  );
  return {
    reset: () => counts.forEach((c) => Object.assign(c, { events: 0, bytes: 0, rows: 0 })),
    /** Per agent per second, averaged over the agents. */
    perAgentSecond: (seconds) => {
      const avg = (k) => counts.reduce((s, c) => s + c[k], 0) / counts.length / seconds;
      return { events: avg('events'), kb: avg('bytes') / 1024, rows: avg('rows') };
    },
  };
}

const server = await startServerProcess({ name: 'visitors', host: '127.0.0.1', env: { ...SERVER_ENV, VISITOR_ADMISSION_MAX_LOAD: '1', SQLITE_SYNCHRONOUS: 'NORMAL' }, startTimeoutMs: 60_000 });
const gens = [];
const agents = [];
try {
  const owner = await setupOwner(server);
  for (let i = 0; i < AGENTS; i++) agents.push(await connectAgent(server, owner.cookie));
  const changes = listen(agents, 'visitors:changes', (c) => c.upserts.length + c.removals.length);
  const details = listen(agents, 'visitor:details');

  gens.push(await startGenerator(), await startGenerator());
  let t = performance.now();
  const opened = await Promise.all(
    gens.map((g, i) => g.call('openVisitors', { kind: 'presence', urls: [server.url], widgetId: owner.widgetId, count: Math.floor(VISITORS / 2) + (i === 0 ? VISITORS % 2 : 0), concurrency: 100 }, 600_000)),
  );
  const connectS = (performance.now() - t) / 1000;
  console.log(`${VISITORS} visitors connected in ${connectS.toFixed(1)} s (${opened.reduce((s, o) => s + o.failed, 0)} failed)`);
  await sleep(2_000); // the arrivals' last batches go out

  const phase = async (name, seconds, work) => {
    changes.reset();
    details.reset();
    const cpu0 = cpuMs(server.pid);
    const t0 = performance.now();
    const done = await work();
    const s = (performance.now() - t0) / 1000;
    await sleep(1_200); // the last flush of the phase
    const cpu = (cpuMs(server.pid) - cpu0) / (s + 1.2);
    const c = changes.perAgentSecond(s);
    const d = details.perAgentSecond(s);
    return [name, seconds, done ?? 0, (cpu / 10).toFixed(1), c.events.toFixed(2), c.rows.toFixed(1), c.kb.toFixed(1), d.events.toFixed(1), d.kb.toFixed(1)];
  };

  const rows = [];
  rows.push(await phase('idle', IDLE_SECONDS, () => sleep(IDLE_SECONDS * 1000)));
  rows.push(
    await phase(`browsing (${RATE} views/s)`, SECONDS, async () => {
      const sent = await Promise.all(gens.map((g) => g.call('browse', { perSecond: RATE / gens.length, seconds: SECONDS }, (SECONDS + 60) * 1000)));
      return sent.reduce((s, r) => s + r.sent, 0);
    }),
  );

  t = performance.now();
  const list = await api(server, 'GET', '/api/online-visitors', { cookie: owner.cookie });
  const listMs = performance.now() - t;

  console.log(`\nOnline visitors (C8): ${VISITORS} visitors, ${AGENTS} agents with the Visitors section open, 1 process (SQLite, synchronous NORMAL)`);
  console.log(
    table(
      ['phase', 's', 'page views', 'server CPU %', 'batches/agent/s', 'rows/agent/s', 'KB/agent/s', 'C3 details/agent/s', 'C3 KB/agent/s'],
      rows,
    ),
  );
  console.log(`\nGET /api/online-visitors: ${list.body.visitors?.length ?? '?'} rows (total ${list.body.total}) in ${listMs.toFixed(0)} ms, ${(JSON.stringify(list.body).length / 1024).toFixed(0)} KB`);
  console.log('server CPU %: of one core. Batches: `visitors:changes` (one per process per second at most). C3 details: the per-page-view `visitor:details` event every agent also receives.');
} finally {
  agents.forEach((a) => a.close());
  await Promise.all(gens.map((g) => g.call('closeAll').catch(() => undefined)));
  await server.close().catch(() => undefined);
  await stopAll();
}
