// F15: a server whose history went backwards (SQLite's write-ahead log deleted, a backup restored)
// hands out seqs the clients already saw, for other messages. Neither client mixes the two
// histories or resumes after a seq that no longer exists: both drop what they hold and reload from 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { Server } from 'socket.io';
import type { ConversationDetail, Message, Visitor } from '@palique/protocol';
import type { AgentClientEventMap } from './agent-client';
import { ConversationThread, type ThreadClient } from './conversation-thread';
import { historyRewritten } from './thread';
import { VisitorChatClient } from './visitor-client';

const msg = (seq: number, id = `m${seq}`, authorType: Message['authorType'] = 'agent'): Message => ({
  id, conversationId: 'c1', seq, clientId: `client-${id}`, authorType,
  authorId: 'a1', authorName: null, text: `${id}`, createdAt: new Date(2025, 0, 1, 0, 0, seq).toISOString(),
});
const visitor: Visitor = { id: 'v1', name: null, email: null, phone: null, data: {}, createdAt: '', lastSeenAt: '' };
const settle = (ms = 0) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await settle(10);
  assert.ok(check(), what);
}

test('F15: historyRewritten: another message at a seen seq, or a last seq below the one seen', () => {
  const held = [msg(1), msg(2), msg(3)];
  assert.equal(historyRewritten(held, [msg(3)]), false, 'the same message again');
  assert.equal(historyRewritten(held, [msg(4)]), false, 'the next one');
  assert.equal(historyRewritten(held, [msg(3, 'other')]), true, 'another message at seq 3');
  assert.equal(historyRewritten(held, [], 3), false);
  assert.equal(historyRewritten(held, [], 2), true, 'the server says its last seq is 2');
  assert.equal(historyRewritten([], [msg(1, 'x')], 0), false, 'nothing held, nothing contradicted');
});

/** A stand-in for the server's widget side whose history the test rewrites. */
async function fakeWidgetServer(initial: Message[]) {
  let history = initial;
  const syncs: number[] = [];
  const httpServer = http.createServer();
  const io = new Server(httpServer);
  const ns = io.of('/visitor');
  ns.on('connection', (socket) => {
    socket.on('sync', ({ after }: { after: number }, ack: (a: unknown) => void) => {
      syncs.push(after);
      ack({ ok: true, messages: history.filter((m) => m.seq > after), hasMore: false, mode: 'live', visitor });
    });
    socket.on('message:send', ({ clientId, text }: { clientId: string; text: string }, ack: (a: unknown) => void) => {
      const message = { ...msg(history.length + 1, `v${history.length + 1}`, 'visitor'), clientId, text };
      history = [...history, message];
      ack({ ok: true, message });
    });
  });
  await new Promise<void>((r) => httpServer.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(httpServer.address() as { port: number }).port}`;
  const fetchSession = (async () => new Response(JSON.stringify({ token: 't'.repeat(32), visitorId: 'v1' }), { status: 200 })) as typeof fetch;
  return {
    url,
    fetchSession,
    syncs,
    rewrite(to: Message[]) {
      history = to;
    },
    emit: (m: Message) => ns.emit('message:new', m),
    close: () => new Promise<void>((r) => io.close(() => r())),
  };
}

test('F15: the widget drops its thread and syncs from 0 when a live message reuses a seq it saw', async () => {
  const server = await fakeWidgetServer([msg(1), msg(2), msg(3), msg(4)]);
  const client = new VisitorChatClient({ baseUrl: server.url, widgetId: 'w1', storage: new Map(), fetch: server.fetchSession });
  try {
    await client.start();
    assert.deepEqual(client.getState().messages.map((m) => m.id), ['m1', 'm2', 'm3', 'm4']);
    // The server lost 3 and 4; its next message takes seq 3 again.
    const rewritten = [msg(1), msg(2), msg(3, 'n3')];
    server.rewrite(rewritten);
    server.emit(rewritten[2]!);
    await until(() => server.syncs.length === 2, 'a second sync');
    await until(() => client.getState().messages.length === 3, 'the new history');
    assert.deepEqual(server.syncs, [0, 0]);
    assert.deepEqual(client.getState().messages.map((m) => m.id), ['m1', 'm2', 'n3']);
  } finally {
    client.stop();
    await server.close();
  }
});

test('F15: the widget drops its thread when its own message is stored at a seq it saw for another', async () => {
  const server = await fakeWidgetServer([msg(1), msg(2), msg(3)]);
  const client = new VisitorChatClient({ baseUrl: server.url, widgetId: 'w1', storage: new Map(), fetch: server.fetchSession });
  try {
    await client.start();
    server.rewrite([msg(1)]);
    const sent = await client.send('after the loss');
    assert.equal(sent.seq, 2);
    await until(() => client.getState().messages.length === 2, 'the new history');
    assert.deepEqual(client.getState().messages.map((m) => m.text), ['m1', 'after the loss']);
    assert.deepEqual(server.syncs, [0, 0]);
  } finally {
    client.stop();
    await server.close();
  }
});

function fakeAgentClient(history: () => Message[]) {
  const listeners = new Map<string, ((e: never) => void)[]>();
  const syncs: number[] = [];
  const client: ThreadClient = {
    on: (event, listener) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener as (e: never) => void]);
      return () => listeners.set(event, (listeners.get(event) ?? []).filter((l) => l !== listener));
    },
    sync: async (_id, after) => {
      syncs.push(after);
      return history().filter((m) => m.seq > after);
    },
    send: async () => msg(99),
    unsent: () => [],
    discard: () => {},
  };
  const emit = <K extends keyof AgentClientEventMap>(event: K, payload: AgentClientEventMap[K]) =>
    (listeners.get(event) ?? []).forEach((l) => (l as (e: AgentClientEventMap[K]) => void)(payload));
  return { client, emit, syncs };
}

const detailOf = (messages: Message[]): ConversationDetail => ({
  conversation: { id: 'c1', visitorId: 'v1', visitorName: null, assigneeId: null, assigneeName: null, lastSeq: messages.at(-1)?.seq ?? 0, lastMessageText: null, lastMessageAuthorType: null, lastMessageAt: null, createdAt: '', status: 'open', dismissed: false },
  visitor,
  messages,
  hasMore: false,
});

test('F15: the dashboard reloads an open conversation from 0 when a live message reuses a seq it shows', async () => {
  let history = [msg(1), msg(2), msg(3)];
  const { client, emit, syncs } = fakeAgentClient(() => history);
  const thread = new ConversationThread({ client, conversationId: 'c1', load: async () => detailOf(history), describeError: String });
  thread.start();
  await settle();
  history = [msg(1), msg(2, 'n2')];
  emit('message:new', history[1]!);
  await settle();
  assert.deepEqual(syncs, [0]);
  assert.deepEqual(thread.getState().messages.map((m) => m.id), ['m1', 'n2']);
  assert.equal(thread.getState().lastSeq, 2);
  thread.stop();
});

test('F15: reopening a conversation whose server now has fewer messages shows the server\'s history, not the old one', async () => {
  let history = [msg(1), msg(2), msg(3), msg(4)];
  const { client } = fakeAgentClient(() => history);
  const thread = new ConversationThread({ client, conversationId: 'c1', load: async () => detailOf(history), describeError: String });
  thread.start();
  await settle();
  thread.stop();
  history = [msg(1), msg(2)];
  thread.start();
  await settle();
  assert.deepEqual(thread.getState().messages.map((m) => m.id), ['m1', 'm2']);
  assert.equal(thread.getState().lastSeq, 2);
  thread.stop();
});
