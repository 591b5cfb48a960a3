// The load the generator's visitors make, and what it measures of it: messages (paced or at
// saturation) with their acknowledgement and delivery latencies in a measured window, C4's typing
// previews beside them, and C8's page views. Every wait here is bounded in time.
import { performance } from 'node:perf_hooks';
import { agentsHeard, type BenchAgent, type BenchVisitor } from './generator-clients';

/** Milliseconds on a clock shared by every process of the machine, with sub-ms precision. */
const clock = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface LoadArgs {
  /** paced: each visitor sends `perVisitorPerSec` messages a second; saturate: each sends its
   * next message as soon as the last one is acknowledged. */
  mode: 'paced' | 'saturate';
  perVisitorPerSec: number;
  warmupMs: number;
  measureMs: number;
  drainMs: number;
  /** C4: every visitor also updates its message box this often (ms), as someone typing; 0: never. */
  typingEveryMs?: number;
}

/** What a run counted of the messages sent in its measured window. */
interface Tally {
  sent: number;
  acked: number;
  refused: number;
  /** Sent (in the window or not) and not answered yet. */
  outstanding: number;
  /** Send → delivery to an agent. */
  latencies: number[];
  /** Send → acknowledgement, for messages sent in the window and acknowledged. */
  ackLatencies: number[];
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Sends one message of `v`, timestamped in its text; counted when sent in the window. */
function messageSender(tally: Tally, windowStart: number, windowEnd: number) {
  return (v: BenchVisitor): Promise<void> => {
    const t = clock();
    const counted = t >= windowStart && t < windowEnd;
    if (counted) tally.sent++;
    tally.outstanding++;
    return v.send(`bench ${t.toFixed(3)}`).then((ok) => {
      tally.outstanding--;
      if (!counted) return;
      if (ok) {
        tally.acked++;
        tally.ackLatencies.push(clock() - t);
      } else tally.refused++;
    });
  };
}

/** C4: typing previews, spread evenly: every 25 ms the next slice of visitors types a character. */
function startTyping(visitors: BenchVisitor[], everyMs: number, windowEnd: number) {
  const V = visitors.length;
  const typing = { typed: 0, ticker: undefined as NodeJS.Timeout | undefined };
  const TICK_MS = 25;
  const perTick = Math.max(1, Math.round((V * TICK_MS) / everyMs));
  let k = 0;
  const draft = 'Hello, I ordered a blue jacket last week and it has not arrived yet, could you ';
  typing.ticker = setInterval(() => {
    if (clock() >= windowEnd) return clearInterval(typing.ticker);
    for (let i = 0; i < perTick; i++, k++) {
      const v = visitors[k % V];
      v.typing(draft.slice(0, 1 + (Math.floor(k / V) % draft.length)));
      typing.typed++;
    }
  }, TICK_MS);
  return typing;
}

/** Message j goes to visitor j % V at start + j * gap: the load is spread evenly over time. */
function sendPaced(visitors: BenchVisitor[], perVisitorPerSec: number, start: number, windowEnd: number, sendOne: (v: BenchVisitor) => Promise<void>): Promise<void> {
  const V = visitors.length;
  const gap = 1000 / (V * perVisitorPerSec);
  let j = 0;
  return new Promise<void>((resolve) => {
    const ticker = setInterval(() => {
      const now = clock();
      if (now >= windowEnd) {
        clearInterval(ticker);
        return resolve();
      }
      while (start + j * gap <= now) void sendOne(visitors[j++ % V]);
    }, 5);
  });
}

/**
 * Each visitor's loop stops at windowEnd; a send that never settles (connection lost) is left
 * behind as "unanswered" rather than waited for.
 */
async function sendSaturated(visitors: BenchVisitor[], windowEnd: number, sendOne: (v: BenchVisitor) => Promise<void>): Promise<void> {
  for (const v of visitors) {
    void (async () => {
      while (clock() < windowEnd) await sendOne(v);
    })();
  }
  await sleep(windowEnd - clock());
}

/**
 * Sends for warmup + measure, then waits up to drainMs for the rest. Only messages sent in the
 * measured window count: their acks (per second of the window) and their delivery latencies.
 */
export async function runLoad(a: LoadArgs, visitors: BenchVisitor[], agents: BenchAgent[]) {
  const V = visitors.length;
  const cpuBefore = process.cpuUsage();
  const start = clock();
  const windowStart = start + a.warmupMs;
  const windowEnd = windowStart + a.measureMs;
  const tally: Tally = { sent: 0, acked: 0, refused: 0, outstanding: 0, latencies: [], ackLatencies: [] };
  agentsHeard.onMessage = (text) => {
    const t = Number(text.slice(6));
    if (t >= windowStart && t < windowEnd) tally.latencies.push(clock() - t);
  };
  const sendOne = messageSender(tally, windowStart, windowEnd);
  const previewsBefore = agentsHeard.previews;
  const typing = a.typingEveryMs ? startTyping(visitors, a.typingEveryMs, windowEnd) : undefined;
  if (a.mode === 'paced') await sendPaced(visitors, a.perVisitorPerSec, start, windowEnd, sendOne);
  else await sendSaturated(visitors, windowEnd, sendOne);
  clearInterval(typing?.ticker);
  const drainUntil = clock() + a.drainMs;
  while (tally.outstanding > 0 && clock() < drainUntil) await sleep(50);
  await sleep(200); // the last deliveries to agents
  agentsHeard.onMessage = () => {};
  const cpu = process.cpuUsage(cpuBefore);

  const sorted = Float64Array.from(tally.latencies).sort();
  const acks = Float64Array.from(tally.ackLatencies).sort();
  const deliveriesExpected = tally.sent * agents.length;
  return {
    visitors: V,
    agents: agents.length,
    sent: tally.sent,
    acked: tally.acked,
    refused: tally.refused,
    unanswered: tally.outstanding,
    ackedPerSec: tally.acked / (a.measureMs / 1000),
    deliveries: sorted.length,
    deliveriesMissing: deliveriesExpected - sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
    ackP50: percentile(acks, 50),
    ackP99: percentile(acks, 99),
    ackMax: acks.length ? acks[acks.length - 1] : NaN,
    /** C4: box updates handed to the clients (each client sends at most 4 a second). */
    typingUpdates: typing?.typed ?? 0,
    /** C4: typing previews the agents received during the run (each visitor's reaches every agent). */
    previewsReceived: agentsHeard.previews - previewsBefore,
    /** Share of one core this generator used while sending and draining. */
    generatorCpu: (cpu.user + cpu.system) / 1000 / (clock() - start),
  };
}

/**
 * C8: these visitors browse for `seconds`: `perSecond` page views a second in all, spread over
 * the visitors in turn (each visitor's pages go to a new path of the shop).
 */
export async function browse(a: { perSecond: number; seconds: number }, visitors: BenchVisitor[]) {
  const end = clock() + a.seconds * 1000;
  const gap = 1000 / a.perSecond;
  let sent = 0;
  let next = clock();
  while (clock() < end && visitors.length > 0) {
    const v = visitors[sent % visitors.length]!;
    v.pageView?.(`https://shop.example/p/${sent % 500}`, `Product ${sent % 500}`);
    sent++;
    next += gap;
    const wait = next - clock();
    if (wait > 0) await sleep(wait);
  }
  return { sent };
}
