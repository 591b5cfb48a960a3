// Prints a run's results as tables, every figure of Palique also as a ratio to the raw relay's.
const LABELS = {
  raw: 'raw ws relay',
  'sqlite-full': 'SQLite FULL, 1 proc',
  'sqlite-normal': 'SQLite NORMAL, 1 proc',
  'pg-redis': 'PG + Redis, 2 procs',
  'durable-sqlite': 'durable baseline, SQLite FULL, 1 proc',
  'durable-pg': 'durable baseline, PG + Redis, 2 procs',
};

/** Server CPU (all processes) per acked message in the paced run, in ms: what a message costs. */
const cpuPerMessage = (r) => (r.paced.serverCpu * 1000) / r.paced.ackedPerSec;
/** At saturation: what the server spent per acked message, and how busy the load generator was (the 2 cores are shared). */
const saturatedCpuPerMessage = (r) => (r.saturated.serverCpu * 1000) / r.saturated.ackedPerSec;

/** The durable baseline each Palique mode is held against (same storage, same processes). */
const DURABLE_OF = { 'sqlite-full': 'durable-sqlite', 'sqlite-normal': 'durable-sqlite', 'pg-redis': 'durable-pg' };

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const f = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? `${(a / b).toFixed(2)}×` : '–');
const withRatio = (v, base, digits = 1) => `${f(v, digits)} (${ratio(v, base)})`;

export function formatReport(results) {
  const out = [];
  const conn = results.connections ?? [];
  if (conn.length) {
    const rawAt = (n) => conn.find((r) => r.mode === 'raw' && r.connections === n && !r.returning);
    // A Palique mode against the plain Socket.IO server of the same storage (bench/durable-baseline.mjs).
    const durableAt = (r) => conn.find((b) => b.mode === DURABLE_OF[r.mode] && b.connections === r.connections && !b.returning);
    const vsDurable = (v, b, digits = 1) => (b === undefined ? '–' : `${ratio(v, b)} (${f(b, digits)})`);
    out.push(
      'Arrivals and idle visitors (arrivals/s over all steps so far; server RSS growth per visitor, summed over processes; ratio to the raw relay,\n' +
        'and for Palique to the durable baseline: plain Socket.IO on the same storage, what Socket.IO alone costs; "returning": the same\n' +
        'visitors back with their kept tokens, as on their next page view)',
    );
    out.push(
      table(
        ['mode', 'visitors', 'failed', 'connect s (×raw)', 'arrivals/s (×raw)', 'arrivals/s ×durable', 'server CPU ms/arrival (step)', 'RSS MB before→after', 'KB/conn (×raw)', 'KB/conn ×durable'],
        conn.map((r) => [
          `${LABELS[r.mode] ?? r.mode}${r.returning ? ', returning' : ''}`,
          r.connections,
          r.failed,
          r.mode === 'raw' ? f(r.connectSeconds, 2) : withRatio(r.connectSeconds, rawAt(r.connections)?.connectSeconds, 2),
          r.mode === 'raw' ? f(r.connectionsPerSec, 0) : withRatio(r.connectionsPerSec, rawAt(r.connections)?.connectionsPerSec, 0),
          DURABLE_OF[r.mode] ? vsDurable(r.connectionsPerSec, durableAt(r)?.connectionsPerSec, 0) : '–',
          r.cpuMsPerArrival === undefined ? '–' : f(r.cpuMsPerArrival, 2),
          r.returning ? '–' : `${f(r.rssBeforeMb, 0)}→${f(r.rssAfterMb, 0)}`,
          r.returning ? '–' : r.mode === 'raw' ? f(r.kbPerConnection) : withRatio(r.kbPerConnection, rawAt(r.connections)?.kbPerConnection),
          !r.returning && DURABLE_OF[r.mode] ? vsDurable(r.kbPerConnection, durableAt(r)?.kbPerConnection) : '–',
        ]),
      ),
    );
    out.push('');
  }
  const msg = results.messaging ?? [];
  if (msg.length) {
    const raw = msg.find((r) => r.mode === 'raw');
    const p = results.params.messaging;
    out.push(
      `Messaging: ${p.visitors} visitors → ${p.agents} agents; paced at ${p.visitors * p.paced.perVisitorPerSec} msg/s for ${p.paced.measureMs / 1000} s ` +
        `(latency per delivery to an agent, ms; ×raw), then saturated for ${p.saturate.measureMs / 1000} s (each visitor sends on ack)`,
    );
    out.push(
      table(
        ['mode', 'acked/s', 'p50 ms', 'p99 ms', 'max ms', 'lost', 'server CPU', 'gen CPU', 'other CPU', 'saturated acked/s', 'sat. server CPU'],
        msg.map((r) => {
          const base = r.mode === 'raw' ? undefined : raw;
          const cell = (v, b, d = 1) => (base ? withRatio(v, b, d) : f(v, d));
          return [
            LABELS[r.mode] ?? r.mode,
            cell(r.paced.ackedPerSec, base?.paced.ackedPerSec, 0),
            cell(r.paced.p50, base?.paced.p50),
            cell(r.paced.p99, base?.paced.p99),
            cell(r.paced.max, base?.paced.max),
            r.paced.deliveriesMissing + r.paced.unanswered + r.paced.refused,
            `${f(r.paced.serverCpu * 100, 0)}%`,
            `${f(r.paced.generatorCpu * 100, 0)}%`,
            `${f(r.paced.otherCpu * 100, 0)}%`,
            cell(r.saturated.ackedPerSec, base?.saturated.ackedPerSec, 0),
            `${f(r.saturated.serverCpu * 100, 0)}%`,
          ];
        }),
      ),
    );
    out.push('CPU is a share of one core, summed over server processes; the machine has 2 cores shared by servers, generator and database;\n"other" is the rest of the machine meanwhile (PostgreSQL, Redis, anything else running).');
    out.push("lost = deliveries to agents missing + sends never answered + sends refused, in the measured window.");
    const vs = msg.filter((r) => DURABLE_OF[r.mode]);
    if (vs.length) {
      out.push('');
      out.push(
        'Palique against both baselines (same run): saturated acked msg/s and paced p99, as a ratio; server CPU per acked message\n' +
          '(on a shared machine the CPU per message is the steadiest figure: throughput is what is left of the 2 cores, and at saturation\n' +
          'the load generator, running the real client library for every Palique visitor, takes most of one)',
      );
      out.push(
        table(
          ['mode', 'saturated acked/s', '×raw relay', '×durable baseline', 'paced p99 ms', 'durable p99 ms', 'server CPU ms/msg (paced)', 'durable CPU ms/msg', 'saturated: server ms/msg', 'durable', 'generator CPU'],
          vs.map((r) => {
            const d = msg.find((b) => b.mode === DURABLE_OF[r.mode]);
            return [
              LABELS[r.mode] ?? r.mode,
              f(r.saturated.ackedPerSec, 0),
              ratio(r.saturated.ackedPerSec, raw?.saturated.ackedPerSec),
              d ? `${ratio(r.saturated.ackedPerSec, d.saturated.ackedPerSec)} (${f(d.saturated.ackedPerSec, 0)})` : '–',
              f(r.paced.p99),
              d ? f(d.paced.p99) : '–',
              f(cpuPerMessage(r), 2),
              d ? f(cpuPerMessage(d), 2) : '–',
              f(saturatedCpuPerMessage(r), 3),
              d ? f(saturatedCpuPerMessage(d), 3) : '–',
              `${f(100 * r.saturated.generatorCpu, 0)}%${d ? ` (${f(100 * d.saturated.generatorCpu, 0)}%)` : ''}`,
            ];
          }),
        ),
      );
    }
  }
  for (const t of results.typing ?? []) {
    out.push('');
    out.push(
      `Typing previews (C4): ${t.visitors} visitors at 1 msg/s each → ${t.agents} agents, ${LABELS[t.mode] ?? t.mode}; without and with every visitor ` +
        `typing (box updated every ${t.typingEveryMs} ms, sent at most 4×/s); ack = send → acknowledgement, delivery = send → agent`,
    );
    out.push(
      table(
        ['round', 'typing', 'previews to agents/s', 'acked/s', 'ack p50 ms', 'ack p99 ms', 'ack max ms', 'delivery p50', 'delivery p99', 'lost', 'server CPU', 'gen CPU', 'other CPU'],
        t.runs.map((r) => [
          r.round + 1,
          r.typing ? 'yes' : 'no',
          f((r.previewsReceived ?? 0) / ((t.paced.warmupMs + t.paced.measureMs) / 1000), 0),
          f(r.ackedPerSec, 0),
          f(r.ackP50),
          f(r.ackP99),
          f(r.ackMax),
          f(r.p50),
          f(r.p99),
          r.deliveriesMissing + r.unanswered + r.refused,
          `${f(r.serverCpu * 100, 0)}%`,
          `${f(r.generatorCpu * 100, 0)}%`,
          `${f(r.otherCpu * 100, 0)}%`,
        ]),
      ),
    );
  }
  return out.join('\n');
}
