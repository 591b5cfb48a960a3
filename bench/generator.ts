// The load generator: a child process of bench/run.mjs, driven over IPC. It speaks Palique's
// protocol through the same client code the apps run (@palique/client's VisitorChatClient and
// AgentClient), or plain WebSockets against the raw relay (bench/relay.mjs), with
// the same pacing and the same measurement for both. Every wait here is bounded in time.
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { io as ioClient, type Socket } from 'socket.io-client';
import { AgentClient, VisitorChatClient, memoryStorage } from '@palique/client';
import { VISITOR_NAMESPACE } from '@palique/protocol/constants';

/** `presence`: a visitor who only keeps the widget's socket open and reports page views (no sync). */
type Kind = 'palique' | 'raw' | 'durable' | 'presence';

interface BenchVisitor {
  /** Resolves true once the server acknowledged the message, false if it refused it. */
  send(text: string): Promise<boolean>;
  /** Connected now (the reconnect-storm bench counts them coming back). */
  connected?(): boolean;
  /** C4: what is in the message box now (the client throttles what it sends); raw: nothing. */
  typing(text: string): void;
  /** C8: reports a page view (bench/visitors.mjs); raw: nothing. */
  pageView?(url: string, title: string): void;
  stop(): void;
}

interface BenchAgent {
  stop(): void;
}

const visitors: BenchVisitor[] = [];
const agents: BenchAgent[] = [];
/** Called with the text of every visitor message an agent receives. */
let onDelivered: (text: string) => void = () => {};
/** C4: typing previews the agents received. */
let previewsReceived = 0;

/** Milliseconds on a clock shared by every process of the machine, with sub-ms precision. */
const clock = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms))),
  ]);
}

// --- Palique clients -------------------------------------------------------------------------

/** The storages (visitor tokens) of the Palique visitors closed so far: `returning` reopens them. */
const closedStorages: ReturnType<typeof memoryStorage>[] = [];

async function openPaliqueVisitor(baseUrl: string, widgetId: string, storage = memoryStorage()): Promise<BenchVisitor> {
  const client = new VisitorChatClient({
    baseUrl,
    widgetId,
    storage,
    socketOptions: { transports: ['websocket'], reconnectionDelayMax: 5_000 },
  });
  try {
    await withTimeout(client.start(), 60_000, 'visitor start');
  } catch (err) {
    client.stop();
    throw err;
  }
  return {
    send: async (text) => (await client.send(text)).status === 'sent',
    connected: () => client.getState().connected,
    typing: (text) => client.typing(text),
    pageView: (url, title) => client.pageView({ url, title }),
    stop: () => {
      client.stop();
      closedStorages.push(storage);
    },
  };
}

/** C8 (bench/visitors.mjs): the widget's socket and its page views, without the chat client's sync. */
async function openPresenceVisitor(baseUrl: string, widgetId: string): Promise<BenchVisitor> {
  const res = await fetch(`${baseUrl}/api/widget/${widgetId}/visitors`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  if (!res.ok) throw new Error(`visitor session: ${res.status}`);
  const { token } = (await res.json()) as { token: string };
  const socket = ioClient(baseUrl + VISITOR_NAMESPACE, { auth: { widgetId, token }, transports: ['websocket'] });
  await withTimeout(new Promise<void>((resolve, reject) => (socket.once('connect', resolve), socket.once('connect_error', reject))), 60_000, 'visitor connect');
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  return {
    send: async () => false,
    connected: () => socket.connected,
    typing: () => {},
    pageView: (url, title) => void fetch(`${baseUrl}/api/widget/${widgetId}/page-views`, { method: 'POST', headers, body: JSON.stringify({ url, title }) }).catch(() => undefined),
    stop: () => socket.close(),
  };
}

async function openPaliqueAgent(baseUrl: string, cookie: string): Promise<BenchAgent> {
  const client = new AgentClient();
  const connected = new Promise<void>((resolve, reject) => {
    client.on('connect', () => resolve());
    client.on('connect_error', (e) => reject(new Error(`agent connect: ${e.code} ${e.message}`)));
  });
  client.on('message:new', (m) => {
    if (m.authorType === 'visitor') onDelivered(m.text);
  });
  client.on('visitor:typing', () => previewsReceived++);
  client.connect(baseUrl, { cookie, transports: ['websocket'] });
  await withTimeout(connected, 20_000, 'agent connect');
  return { stop: () => client.disconnect() };
}

// --- raw WebSocket clients --------------------------------------------------------------------

function openSocket(url: string): Promise<WebSocket> {
  return withTimeout(
    new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    }),
    60_000,
    'raw connect',
  );
}

/** Like the widget's outbox: one message in flight, the next one sent when the ack arrives. */
async function openRawVisitor(baseUrl: string): Promise<BenchVisitor> {
  const ws = await openSocket(baseUrl.replace(/^http/, 'ws') + '/visitor');
  const queue: { frame: string; done: (ok: boolean) => void }[] = [];
  let inFlight: ((ok: boolean) => void) | undefined;
  const pump = () => {
    if (inFlight || queue.length === 0) return;
    const next = queue.shift()!;
    inFlight = next.done;
    ws.send(next.frame);
  };
  ws.on('message', () => {
    const done = inFlight;
    inFlight = undefined;
    done?.(true);
    pump();
  });
  ws.on('close', () => inFlight?.(false));
  return {
    send: (text) =>
      new Promise((resolve) => {
        queue.push({ frame: JSON.stringify({ clientId: Math.random().toString(36).slice(2), text }), done: resolve });
        pump();
      }),
    typing: () => {},
    stop: () => ws.terminate(),
  };
}

async function openRawAgent(baseUrl: string): Promise<BenchAgent> {
  const ws = await openSocket(baseUrl.replace(/^http/, 'ws') + '/agent');
  ws.on('message', (data) => onDelivered((JSON.parse(String(data)) as { text: string }).text));
  return { stop: () => ws.terminate() };
}

// --- durable baseline clients (bench/durable-baseline.mjs): plain Socket.IO ------------------

function openIo(baseUrl: string, auth: object): Promise<Socket> {
  const socket = ioClient(baseUrl, { transports: ['websocket'], auth, reconnection: false });
  return withTimeout(
    new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    }),
    60_000,
    'durable connect',
  ).catch((err) => {
    socket.close();
    throw err;
  });
}

/** Like the widget's outbox: one message in flight, the next one sent when the ack arrives. */
async function openDurableVisitor(baseUrl: string): Promise<BenchVisitor> {
  const socket = await openIo(baseUrl, {});
  let tail: Promise<unknown> = Promise.resolve();
  let n = 0;
  return {
    send: (text) => {
      const clientId = `${socket.id}-${++n}`;
      const sent = tail.then(
        () =>
          new Promise<boolean>((resolve) => {
            if (!socket.connected) return resolve(false);
            socket.emit('message:send', { clientId, text }, (r: { ok: boolean }) => resolve(r.ok));
          }),
      );
      tail = sent;
      return sent;
    },
    connected: () => socket.connected,
    typing: () => {},
    stop: () => socket.close(),
  };
}

async function openDurableAgent(baseUrl: string): Promise<BenchAgent> {
  const socket = await openIo(baseUrl, { agent: true });
  socket.on('message:new', (m: { text: string }) => onDelivered(m.text));
  return { stop: () => socket.close() };
}

const openVisitorOf = (kind: Kind, url: string, widgetId: string, returning?: boolean) =>
  kind === 'raw'
    ? openRawVisitor(url)
    : kind === 'durable'
      ? openDurableVisitor(url)
      : kind === 'presence'
        ? openPresenceVisitor(url, widgetId)
        : openPaliqueVisitor(url, widgetId, (returning && closedStorages.shift()) || undefined);
const openAgentOf = (kind: Kind, url: string, cookie: string) =>
  kind === 'raw' ? openRawAgent(url) : kind === 'durable' ? openDurableAgent(url) : openPaliqueAgent(url, cookie);

// --- commands ---------------------------------------------------------------------------------

interface OpenVisitors {
  kind: Kind;
  urls: string[];
  widgetId: string;
  count: number;
  concurrency: number;
  /** Palique: reopen visitors closed before (their kept tokens), as on their next page view. */
  returning?: boolean;
}

/** Opens `count` visitors, round-robin over `urls`, `concurrency` at a time. */
/** How many visitors this generator has sent to a server so far: the round-robin over `urls`. */
let spread = 0;

async function openVisitors(a: OpenVisitors) {
  const started = performance.now();
  let next = 0;
  let failed = 0;
  let firstError: string | undefined;
  const worker = async () => {
    while (next < a.count) {
      // Round-robin by the visitors this generator ever started (visitors.length + next moved in
      // steps of two, so with two processes every visitor went to the same one).
      const url = a.urls[spread++ % a.urls.length];
      next++;
      try {
        visitors.push(await openVisitorOf(a.kind, url, a.widgetId, a.returning));
      } catch (err) {
        failed++;
        firstError ??= String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(a.concurrency, a.count) }, worker));
  return { opened: a.count - failed, failed, firstError, ms: performance.now() - started, total: visitors.length };
}

async function openAgents(a: { kind: Kind; url: string; cookie: string; count: number }) {
  for (let i = 0; i < a.count; i++) agents.push(await openAgentOf(a.kind, a.url, a.cookie));
  return { agents: agents.length };
}

interface LoadArgs {
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

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Sends for warmup + measure, then waits up to drainMs for the rest. Only messages sent in the
 * measured window count: their acks (per second of the window) and their delivery latencies.
 */
async function runLoad(a: LoadArgs) {
  const V = visitors.length;
  const cpuBefore = process.cpuUsage();
  const start = clock();
  const windowStart = start + a.warmupMs;
  const windowEnd = windowStart + a.measureMs;
  const latencies: number[] = [];
  /** Send → acknowledgement, for messages sent in the window and acknowledged. */
  const ackLatencies: number[] = [];
  let sent = 0;
  let acked = 0;
  let refused = 0;
  let outstanding = 0;
  onDelivered = (text) => {
    const t = Number(text.slice(6));
    if (t >= windowStart && t < windowEnd) latencies.push(clock() - t);
  };
  const sendOne = (v: BenchVisitor): Promise<void> => {
    const t = clock();
    const counted = t >= windowStart && t < windowEnd;
    if (counted) sent++;
    outstanding++;
    return v.send(`bench ${t.toFixed(3)}`).then((ok) => {
      outstanding--;
      if (!counted) return;
      if (ok) {
        acked++;
        ackLatencies.push(clock() - t);
      } else refused++;
    });
  };

  // C4: typing previews, spread evenly: every 25 ms the next slice of visitors types a character.
  let typingTicker: NodeJS.Timeout | undefined;
  let typed = 0;
  const previewsBefore = previewsReceived;
  if (a.typingEveryMs) {
    const TICK_MS = 25;
    const perTick = Math.max(1, Math.round((V * TICK_MS) / a.typingEveryMs));
    let k = 0;
    const draft = 'Hello, I ordered a blue jacket last week and it has not arrived yet, could you ';
    typingTicker = setInterval(() => {
      if (clock() >= windowEnd) return clearInterval(typingTicker);
      for (let i = 0; i < perTick; i++, k++) {
        const v = visitors[k % V];
        v.typing(draft.slice(0, 1 + (Math.floor(k / V) % draft.length)));
        typed++;
      }
    }, TICK_MS);
  }

  if (a.mode === 'paced') {
    // Message j goes to visitor j % V at start + j * gap: the load is spread evenly over time.
    const gap = 1000 / (V * a.perVisitorPerSec);
    let j = 0;
    await new Promise<void>((resolve) => {
      const ticker = setInterval(() => {
        const now = clock();
        if (now >= windowEnd) {
          clearInterval(ticker);
          return resolve();
        }
        while (start + j * gap <= now) void sendOne(visitors[j++ % V]);
      }, 5);
    });
  } else {
    // Each visitor's loop stops at windowEnd; a send that never settles (connection lost) is
    // left behind as "unanswered" rather than waited for.
    for (const v of visitors) {
      void (async () => {
        while (clock() < windowEnd) await sendOne(v);
      })();
    }
    await sleep(windowEnd - clock());
  }
  clearInterval(typingTicker);
  const drainUntil = clock() + a.drainMs;
  while (outstanding > 0 && clock() < drainUntil) await sleep(50);
  await sleep(200); // the last deliveries to agents
  onDelivered = () => {};
  const cpu = process.cpuUsage(cpuBefore);

  const sorted = Float64Array.from(latencies).sort();
  const acks = Float64Array.from(ackLatencies).sort();
  const deliveriesExpected = sent * agents.length;
  return {
    visitors: V,
    agents: agents.length,
    sent,
    acked,
    refused,
    unanswered: outstanding,
    ackedPerSec: acked / (a.measureMs / 1000),
    deliveries: sorted.length,
    deliveriesMissing: deliveriesExpected - sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
    ackP50: percentile(acks, 50),
    ackP99: percentile(acks, 99),
    ackMax: acks.length ? acks[acks.length - 1] : NaN,
    /** C4: box updates handed to the clients (each client sends at most 4 a second). */
    typingUpdates: typed,
    /** C4: typing previews the agents received during the run (each visitor's reaches every agent). */
    previewsReceived: previewsReceived - previewsBefore,
    /** Share of one core this generator used while sending and draining. */
    generatorCpu: (cpu.user + cpu.system) / 1000 / (clock() - start),
  };
}

function closeAll() {
  for (const v of visitors.splice(0)) v.stop();
  for (const a of agents.splice(0)) a.stop();
  return { closed: true };
}

/** How many of this generator's visitors are connected now. */
function connectedCount() {
  return { connected: visitors.filter((v) => v.connected?.()).length, total: visitors.length };
}

/**
 * C8: this generator's visitors browse for `seconds`: `perSecond` page views a second in all,
 * spread over the visitors in turn (each visitor's pages go to a new path of the shop).
 */
async function browse(a: { perSecond: number; seconds: number }) {
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

const commands: Record<string, (args: any) => unknown> = { openVisitors, openAgents, runLoad, closeAll, connectedCount, browse };

process.on('message', async (msg: { id: number; cmd: string; args: unknown }) => {
  try {
    const result = await commands[msg.cmd](msg.args);
    process.send!({ id: msg.id, result });
  } catch (err) {
    process.send!({ id: msg.id, error: String((err as Error)?.stack ?? err) });
  }
});
process.on('disconnect', () => process.exit(0));
// A clean exit on the bench's SIGTERM: with --cpu-prof, the profile is written on exit.
process.on('SIGTERM', () => process.exit(0));
process.send!({ ready: true });
