// chat-client against the real server (in-process, fresh SQLite): what a visitor would notice.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from '@palique/protocol';
import { VisitorChatClient, type ChatClientOptions } from '@palique/client';
import { eventually, openDashboard, replyAsAgent, startServerForTests, type ServerForTests } from './server-for-tests';

let server: ServerForTests;
const clients: VisitorChatClient[] = [];

before(async () => {
  server = await startServerForTests();
});
after(async () => {
  for (const c of clients) c.stop();
  await server.close();
});

function newClient(storage = new Map<string, string>(), over: Partial<ChatClientOptions> = {}): VisitorChatClient {
  const client = new VisitorChatClient({
    baseUrl: server.url,
    widgetId: server.widgetId,
    storage,
    ackTimeoutMs: 2_000,
    // Reconnect quickly so tests of a server coming back stay short.
    socketOptions: { reconnectionDelay: 100, reconnectionDelayMax: 300 },
    ...over,
  });
  clients.push(client);
  return client;
}

const texts = (client: VisitorChatClient) => client.getState().messages.map((m) => `${m.text} [${m.status}]`);

async function storedTexts(visitorId: string): Promise<string[]> {
  const { messages } = await server.palique.services.conversations.visitorMessagesAfter(server.accountId, visitorId, 0);
  return messages.map((m) => m.text);
}

test('W1: a visitor message is shown at once as pending, then as sent once the server stored it', async () => {
  const client = newClient();
  await client.start();
  const seen: string[] = [];
  client.subscribe((s) => {
    const m = s.messages.find((x) => x.text === 'Hello, is anyone there?');
    if (m && seen.at(-1) !== m.status) seen.push(m.status);
  });

  const sent = await client.send('Hello, is anyone there?');

  assert.deepEqual(seen, ['pending', 'sent']);
  assert.equal(sent.status, 'sent');
  assert.ok(sent.seq! > 0);
  assert.deepEqual(await storedTexts(client.getState().visitorId!), ['Hello, is anyone there?']);
});

test('W4: after a reload the visitor is the same visitor and sees the earlier thread', async () => {
  const storage = new Map<string, string>();
  const first = newClient(storage);
  await first.start();
  await first.send('Before the reload');
  first.stop();

  const reloaded = newClient(storage);
  await reloaded.start();

  assert.equal(reloaded.getState().visitorId, first.getState().visitorId);
  assert.deepEqual(texts(reloaded), ['Before the reload [sent]']);
});

test('W2: the widget turns live when an agent opens the dashboard and messenger when they leave', async () => {
  const client = newClient();
  await client.start();
  assert.equal(client.getState().mode, 'messenger');

  const dashboard = await openDashboard(server);
  await eventually(() => client.getState().mode, (m) => m === 'live');
  dashboard.close();

  assert.equal(await eventually(() => client.getState().mode, (m) => m === 'messenger'), 'messenger');
});

test("W2: an agent's reply appears live in the visitor's thread, after the visitor's message", async () => {
  const client = newClient();
  await client.start();
  const incoming: Message[] = [];
  client.onIncoming((m) => incoming.push(m));
  const mine = await client.send('Do you ship to Spain?');

  await replyAsAgent(server, (await server.palique.services.conversations.conversationIdOfVisitor(server.accountId, client.getState().visitorId!))!, 'Yes, in 2 days!');

  await eventually(() => incoming.length, (n) => n === 1);
  assert.equal(mine.status, 'sent');
  assert.deepEqual(texts(client), ['Do you ship to Spain? [sent]', 'Yes, in 2 days! [sent]']);
  assert.equal(incoming[0]!.authorName, 'Helena');
  assert.equal(client.getState().messages[1]!.authorType, 'agent');
});

test('R2: a message written while the server is down is sent once when the connection returns', async () => {
  const client = newClient();
  await client.start();
  await client.send('First, while online');

  await server.stop();
  await eventually(() => client.getState().connected, (c) => !c);
  const offline = client.send('Written offline');
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(texts(client), ['First, while online [sent]', 'Written offline [pending]']);
  await server.restart();

  assert.equal((await offline).status, 'sent');
  assert.deepEqual(texts(client), ['First, while online [sent]', 'Written offline [sent]']);
  assert.deepEqual(await storedTexts(client.getState().visitorId!), ['First, while online', 'Written offline']);
});

test('R2: messages written offline survive a reload and are sent once, in order, when the network returns', async () => {
  const storage = new Map<string, string>();
  const before = newClient(storage);
  await before.start();
  const visitorId = before.getState().visitorId!;

  await server.stop();
  await eventually(() => before.getState().connected, (c) => !c);
  void before.send('one');
  void before.send('two');
  void before.send('three');
  before.stop(); // the visitor reloads the page while still offline

  await server.restart();
  const after = newClient(storage);
  await after.start();
  await eventually(() => texts(after), (t) => t.every((x) => x.endsWith('[sent]')) && t.length === 3);

  assert.equal(after.getState().visitorId, visitorId);
  assert.deepEqual(texts(after), ['one [sent]', 'two [sent]', 'three [sent]']);
  assert.deepEqual(await storedTexts(visitorId), ['one', 'two', 'three']);
});

test('R1: a message whose acknowledgement was lost is shown and stored once after a reload', async () => {
  const storage = new Map<string, string>();
  const client = newClient(storage);
  await client.start();
  const visitorId = client.getState().visitorId!;
  // The send reaches the server, but the page goes away before the ack comes back: the
  // storage the next page view finds is the one from just after the send.
  void client.send('Only once please');
  const storageWhenClosed = new Map(storage);
  await eventually(() => storedTexts(visitorId), (t) => t.length === 1);
  client.stop();
  assert.equal(JSON.parse(storageWhenClosed.get(`palique:${server.widgetId}:outbox`)!).length, 1, 'still in the outbox');

  const reloaded = newClient(storageWhenClosed);
  await reloaded.start();
  await eventually(() => texts(reloaded), (t) => t.length === 1 && t[0] === 'Only once please [sent]');

  assert.deepEqual(await storedTexts(visitorId), ['Only once please']);
});

test('R1: a message the server refuses shows as failed with the reason, and stays out of the thread', async () => {
  const client = newClient();
  await client.start();

  const refused = await client.send('x'.repeat(10_001));
  const after = await client.send('A normal message');

  assert.equal(refused.status, 'failed');
  assert.equal(refused.error?.code, 'invalid_input');
  assert.match(refused.error!.message, /at most 10000 characters/);
  assert.equal(after.status, 'sent');
  assert.deepEqual(await storedTexts(client.getState().visitorId!), ['A normal message']);
});

test('W7: setVisitor called before the connection is kept and applied once connected', async () => {
  const client = newClient();
  const result = client.setVisitor({ name: 'Ada', email: 'ada@example.com' });
  void client.setVisitor({ data: { plan: 'Pro' } });
  await client.start();

  const ack = await result;
  assert.ok(ack.ok);
  const visitor = await server.palique.services.visitors.get(server.accountId, client.getState().visitorId!);
  assert.equal(visitor.name, 'Ada');
  assert.equal(visitor.email, 'ada@example.com');
  assert.deepEqual(visitor.data, { plan: 'Pro' });
  assert.equal(client.getState().visitor?.name, 'Ada');
});

test('R1: when the server says events may have been missed (resync), the widget catches up without reconnecting', async () => {
  const client = newClient();
  await client.start();
  await client.send('Anyone?');
  const conversationId = (await server.palique.services.conversations.conversationIdOfVisitor(server.accountId, client.getState().visitorId!))!;
  // A reply stored while the fan-out to this visitor was broken (as during a Redis outage):
  // the visitor's sockets are out of their room meanwhile.
  type ServerSocket = { data: { visitor?: { id: string } }; join(room: string): void; leave(room: string): void };
  const internals = server.palique as unknown as {
    io: { of(name: string): { emit(event: string): void; fetchSockets(): Promise<ServerSocket[]> } };
  };
  const visitorId = client.getState().visitorId!;
  const room = `visitor:${visitorId}`;
  const sockets = (await internals.io.of('/visitor').fetchSockets()).filter((s) => s.data.visitor?.id === visitorId);
  sockets.forEach((s) => s.leave(room));
  await replyAsAgent(server, conversationId, 'Stored while you could not hear it');
  sockets.forEach((s) => s.join(room));
  await new Promise((r) => setTimeout(r, 200));
  assert.deepEqual(texts(client), ['Anyone? [sent]']);

  internals.io.of('/visitor').emit('resync');

  await eventually(() => texts(client), (t) => t.length === 2);
  assert.deepEqual(texts(client), ['Anyone? [sent]', 'Stored while you could not hear it [sent]']);
});

test('R1: a visitor with a long history gets all of it, in order, after a reload', async () => {
  const storage = new Map<string, string>();
  const first = newClient(storage);
  await first.start();
  await first.send('message 1');
  const visitorId = first.getState().visitorId!;
  first.stop();
  const internals = server.palique as unknown as {
    services: { conversations: { sendAsVisitor(a: string, v: { id: string; name: null }, c: string, t: string): Promise<unknown> } };
  };
  for (let i = 2; i <= 520; i++) {
    await internals.services.conversations.sendAsVisitor(server.accountId, { id: visitorId, name: null }, crypto.randomUUID().replace(/-/g, ''), `message ${i}`);
  }

  const again = newClient(storage);
  await again.start();

  const seqs = again.getState().messages.map((m) => m.seq);
  assert.equal(seqs.length, 520);
  assert.deepEqual(seqs, Array.from({ length: 520 }, (_, i) => i + 1));
});
