// The load generator's clients, one visitor and one agent of each kind the bench compares: the
// apps' own client code for Palique (@palique/client's VisitorChatClient and AgentClient, or just
// the widget's socket for `presence`), plain WebSockets against the raw relay (bench/relay.mjs)
// and plain Socket.IO against the durable baseline (bench/durable-baseline.mjs). Every wait here
// is bounded in time.
import WebSocket from 'ws';
import { io as ioClient, type Socket } from 'socket.io-client';
import { AgentClient, VisitorChatClient, memoryStorage } from '@palique/client';
import { VISITOR_NAMESPACE } from '@palique/protocol/constants';

/** `presence`: a visitor who only keeps the widget's socket open and reports page views (no sync). */
export type Kind = 'palique' | 'raw' | 'durable' | 'presence';

export interface BenchVisitor {
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

export interface BenchAgent {
  stop(): void;
}

/** What the agents hear: the text of every visitor message (runLoad listens while it measures) and C4's typing previews. */
export const agentsHeard: { onMessage: (text: string) => void; previews: number } = { onMessage: () => {}, previews: 0 };

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
    if (m.authorType === 'visitor') agentsHeard.onMessage(m.text);
  });
  client.on('visitor:typing', () => agentsHeard.previews++);
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
  ws.on('message', (data) => agentsHeard.onMessage((JSON.parse(String(data)) as { text: string }).text));
  return { stop: () => ws.terminate() };
}

// --- durable baseline clients (bench/durable-baseline.mjs): plain Socket.IO ------------------

function openIo(baseUrl: string, auth: object): Promise<Socket> {
  const socket = ioClient(baseUrl, { transports: ['websocket'], auth, reconnection: false });
  return withTimeout(
    new Promise<Socket>((resolve, reject) => {
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
  socket.on('message:new', (m: { text: string }) => agentsHeard.onMessage(m.text));
  return { stop: () => socket.close() };
}

export const openVisitorOf = (kind: Kind, url: string, widgetId: string, returning?: boolean) =>
  kind === 'raw'
    ? openRawVisitor(url)
    : kind === 'durable'
      ? openDurableVisitor(url)
      : kind === 'presence'
        ? openPresenceVisitor(url, widgetId)
        : openPaliqueVisitor(url, widgetId, (returning && closedStorages.shift()) || undefined);
export const openAgentOf = (kind: Kind, url: string, cookie: string) =>
  kind === 'raw' ? openRawAgent(url) : kind === 'durable' ? openDurableAgent(url) : openPaliqueAgent(url, cookie);
