// chat-client against the real server (in-process, fresh SQLite): what a visitor would notice.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { VISITOR_NAMESPACE, type Message } from '@palique/protocol';
import {
  api,
  clientId,
  connectAgent,
  connectVisitor,
  conversationOfVisitor,
  eventually,
  messagesOf,
  setupOwner,
  startInProcessServer,
  visitorAsStored,
  type InProcessServer,
  type OwnerSession,
} from '@palique/server/testing';
import { VisitorChatClient, type ChatClientOptions } from '@palique/client';

let server: InProcessServer;
let owner: OwnerSession;
const clients: VisitorChatClient[] = [];

before(async () => {
  server = await startInProcessServer();
  owner = await setupOwner(server, { name: 'Helena', email: 'helena@example.com', password: 'secret123', siteName: 'Acme' });
});
after(async () => {
  for (const c of clients) c.stop();
  await server.close();
});

function newClient(storage = new Map<string, string>(), over: Partial<ChatClientOptions> = {}): VisitorChatClient {
  const client = new VisitorChatClient({
    baseUrl: server.url,
    widgetId: owner.widgetId,
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

async function conversationIdOf(visitorId: string): Promise<string> {
  const conversation = await conversationOfVisitor(server, owner.cookie, visitorId);
  if (!conversation) throw new Error(`visitor ${visitorId} has no conversation`);
  return conversation.id;
}

/** The visitor's thread as stored, read as the dashboard reads it. */
async function storedTexts(visitorId: string): Promise<string[]> {
  const conversation = await conversationOfVisitor(server, owner.cookie, visitorId);
  return conversation ? (await messagesOf(server, owner.cookie, conversation.id)).map((m) => m.text) : [];
}

/** The owner with the dashboard open (an agent socket): the account's widgets go live (W2). */
const openDashboard = () => connectAgent(server, owner.cookie);

/** An agent's reply through the REST API, as the dashboard's fallback path sends it. */
async function replyAsAgent(conversationId: string, text: string, via: { url: string } = server): Promise<void> {
  const res = await api(via, 'POST', `/api/conversations/${conversationId}/messages`, { cookie: owner.cookie, body: { clientId: clientId(), text } });
  if (res.status !== 201) throw new Error(`reply failed: HTTP ${res.status} ${JSON.stringify(res.body)}`);
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

test('W4: neither a new nor a returning visitor makes a session request (the socket starts or resumes them); a token the server no longer knows gets a new visitor', async () => {
  const sessionRequests: string[] = [];
  const counting: typeof fetch = (input, init) => {
    if (String(input).endsWith('/visitors')) sessionRequests.push(String(input));
    return fetch(input, init);
  };
  const storage = new Map<string, string>();
  const first = newClient(storage, { fetch: counting });
  await first.start();
  await first.send('Before the next page');
  first.stop();
  assert.equal(sessionRequests.length, 0, 'the first socket started the visitor');

  const nextPage = newClient(storage, { fetch: counting });
  await nextPage.start();
  assert.equal(sessionRequests.length, 0, 'the kept token went straight to the socket');
  assert.equal(nextPage.getState().visitorId, first.getState().visitorId);
  assert.deepEqual(texts(nextPage), ['Before the next page [sent]']);
  nextPage.stop();

  // Unknown to the server (e.g. another installation's), or not even a token: a new visitor.
  for (const stale of ['0123456789abcdef0123456789abcdef', 'x']) {
    const kept = new Map(storage);
    kept.set(`palique:${owner.widgetId}:token`, stale);
    const client = newClient(kept, { fetch: counting });
    await client.start();
    assert.notEqual(client.getState().visitorId, first.getState().visitorId);
    assert.deepEqual(texts(client), []);
    assert.notEqual(kept.get(`palique:${owner.widgetId}:token`), stale, 'the new visitor’s token replaced it');
    client.stop();
  }
  assert.equal(sessionRequests.length, 0);
});

test('W2: the widget turns live when an agent opens the dashboard and messenger when they leave', async () => {
  const client = newClient();
  await client.start();
  assert.equal(client.getState().mode, 'messenger');

  const dashboard = await openDashboard();
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

  await replyAsAgent(await conversationIdOf(client.getState().visitorId!), 'Yes, in 2 days!');

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
  assert.equal(JSON.parse(storageWhenClosed.get(`palique:${owner.widgetId}:outbox`)!).length, 1, 'still in the outbox');

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
  const storage = new Map<string, string>();
  const client = newClient(storage);
  const result = client.setVisitor({ name: 'Ada', email: 'ada@example.com' });
  void client.setVisitor({ data: { plan: 'Pro' } });
  await client.start();

  const ack = await result;
  assert.ok(ack.ok);
  const visitor = await visitorAsStored(server, owner.widgetId, storage.get(`palique:${owner.widgetId}:token`)!);
  assert.equal(visitor.id, client.getState().visitorId);
  assert.equal(visitor.name, 'Ada');
  assert.equal(visitor.email, 'ada@example.com');
  assert.deepEqual(visitor.data, { plan: 'Pro' });
  assert.equal(client.getState().visitor?.name, 'Ada');
});

test('R1: when the server says events may have been missed (resync), the widget catches up without reconnecting', async () => {
  const client = newClient();
  await client.start();
  await client.send('Anyone?');
  let reconnected = false;
  client.subscribe((s) => (reconnected ||= !s.connected));
  const conversationId = await conversationIdOf(client.getState().visitorId!);
  // A reply stored by a second server process whose link to this one is down (as during a Redis
  // outage): this process never hears of it, so neither does the visitor connected here.
  const otherProcess = await startInProcessServer({ storageOf: server });
  try {
    await replyAsAgent(conversationId, 'Stored while you could not hear it', otherProcess);
  } finally {
    await otherProcess.close();
  }
  await new Promise((r) => setTimeout(r, 200));
  assert.deepEqual(texts(client), ['Anyone? [sent]']);

  server.io.of(VISITOR_NAMESPACE).emit('resync');

  await eventually(() => texts(client), (t) => t.length === 2);
  assert.deepEqual(texts(client), ['Anyone? [sent]', 'Stored while you could not hear it [sent]']);
  assert.equal(reconnected, false, 'caught up on the same connection');
});

test('R1: a visitor with a long history gets all of it, in order, after a reload', async () => {
  // A server of its own: 520 messages from one visitor are far over the default rate limit.
  const own = await startInProcessServer({ env: { WIDGET_RATE_LIMIT: '100000' } });
  const ownOwner = await setupOwner(own);
  let again: VisitorChatClient | undefined;
  try {
    const storage = new Map<string, string>();
    const first = newClient(storage, { baseUrl: own.url, widgetId: ownOwner.widgetId });
    await first.start();
    await first.send('message 1');
    first.stop();
    // The rest arrives from another tab of the same visitor, so this page has not seen it.
    const otherTab = await connectVisitor(own, ownOwner.widgetId, storage.get(`palique:${ownOwner.widgetId}:token`)!);
    for (let i = 2; i <= 520; i += 100) {
      const batch = Array.from({ length: Math.min(100, 521 - i) }, (_, k) => otherTab.emit('message:send', { clientId: clientId(), text: `message ${i + k}` }, 20_000));
      for (const ack of await Promise.all(batch)) assert.ok(ack.ok, JSON.stringify(ack));
    }
    otherTab.close();

    again = newClient(storage, { baseUrl: own.url, widgetId: ownOwner.widgetId });
    await again.start();

    const seqs = again.getState().messages.map((m) => m.seq);
    assert.equal(seqs.length, 520);
    assert.deepEqual(seqs, Array.from({ length: 520 }, (_, i) => i + 1));
  } finally {
    again?.stop();
    await own.close();
  }
});
