// C1 queue rules against the real server: one owner when agents answer at once, the owner's
// time to answer (durable timer, moved clock, restart), × (dismiss), close and reopen, and the
// lists with their counts and pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AgentNotificationOnWire, Conversation } from '@palique/protocol';
import {
  addAgent,
  api,
  clientId,
  connectAgent,
  connectVisitor,
  eventually,
  setupOwner,
  signIn,
  startInProcessServer,
  TestClock,
  type InProcessServer,
  type OwnerSession,
} from '@palique/server/testing';

const PASSWORD = 'correct horse battery';

async function withServer(work: (server: InProcessServer, owner: OwnerSession, clock: TestClock) => Promise<void>) {
  const clock = new TestClock();
  const server = await startInProcessServer({ clock, env: { TIMER_POLL_MS: '20', WIDGET_RATE_LIMIT: '100000' } });
  try {
    await work(server, await setupOwner(server), clock);
  } finally {
    await server.close();
  }
}

async function teammate(server: InProcessServer, owner: OwnerSession, name: string) {
  const { id, email } = await addAgent(server, owner.accountId, { name, password: PASSWORD, role: 'agent' });
  const cookie = await signIn(server, email, PASSWORD);
  assert.equal((await api(server, 'PUT', '/api/me/status', { cookie, body: { status: 'online' } })).status, 200);
  return { id, cookie, socket: await connectAgent(server, cookie) };
}

async function visitorSays(server: InProcessServer, owner: OwnerSession, text: string) {
  const visitor = await connectVisitor(server, owner.widgetId);
  const ack = await visitor.emit('message:send', { clientId: clientId(), text });
  assert.ok(ack.ok);
  return { visitor, conversationId: ack.message.conversationId };
}

async function list(server: InProcessServer, cookie: string, view: string, query = ''): Promise<{ conversations: Conversation[]; nextCursor: string | null }> {
  const res = await api(server, 'GET', `/api/conversations?view=${view}${query}`, { cookie });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

const ids = (page: { conversations: Conversation[] }) => page.conversations.map((c) => c.id);

async function setQueueReturn(server: InProcessServer, owner: OwnerSession, seconds: number) {
  const res = await api(server, 'PUT', '/api/account/options', {
    cookie: owner.cookie,
    body: { notifyInvisibleWhenSlow: false, notifyInvisibleDelaySeconds: 120, queueReturnSeconds: seconds },
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
}

test('C1: two agents answering in the same instant end with one owner, and both see who it is', () =>
  withServer(async (server, owner) => {
    const ana = await teammate(server, owner, 'Ana');
    const ben = await teammate(server, owner, 'Ben');
    const { visitor, conversationId } = await visitorSays(server, owner, 'Who will answer?');
    const anaHears = ana.socket.next('conversation:message');
    const benHears = ben.socket.next('conversation:message');
    const [a, b] = await Promise.all([
      ana.socket.emit('message:send', { conversationId, clientId: clientId(), text: 'Ana here' }),
      ben.socket.emit('message:send', { conversationId, clientId: clientId(), text: 'Ben here' }),
    ]);
    assert.ok(a.ok && b.ok);
    const owners = new Set([a.conversation.assigneeId, b.conversation.assigneeId, (await anaHears).conversation.assigneeId, (await benHears).conversation.assigneeId]);
    assert.equal(owners.size, 1);
    const [ownerId] = [...owners];
    assert.ok(ownerId === ana.id || ownerId === ben.id);
    const detail = await api(server, 'GET', `/api/conversations/${conversationId}`, { cookie: owner.cookie });
    assert.equal(detail.body.conversation.assigneeId, ownerId);
    assert.equal(detail.body.conversation.assigneeName, ownerId === ana.id ? 'Ana' : 'Ben');
    visitor.close();
    ana.socket.close();
    ben.socket.close();
  }));

test('C1: an owner who does not answer in time loses the chat to the queue, and online agents are notified', () =>
  withServer(async (server, owner, clock) => {
    await setQueueReturn(server, owner, 60);
    const ana = await teammate(server, owner, 'Ana');
    const ben = await teammate(server, owner, 'Ben');
    const { visitor, conversationId } = await visitorSays(server, owner, 'Hello');
    assert.ok((await ana.socket.emit('message:send', { conversationId, clientId: clientId(), text: 'Hi, Ana here' })).ok);
    assert.ok((await visitor.emit('message:send', { clientId: clientId(), text: 'My order is late' })).ok);
    assert.deepEqual(ids(await list(server, ana.cookie, 'mine')), [conversationId]);

    clock.advance(59_000);
    await new Promise((r) => setTimeout(r, 150));
    assert.deepEqual(ids(await list(server, ana.cookie, 'mine')), [conversationId], 'not yet');

    const returned = ben.socket.next('conversation:updated', 15_000);
    const notified = ben.socket.next('notification', 15_000, (n: AgentNotificationOnWire) => n.kind === 'chat_returned');
    clock.advance(2_000);
    const update = await returned;
    assert.deepEqual([update.change, update.conversation.assigneeId], ['returned', null]);
    assert.equal((await notified).kind, 'chat_returned');
    assert.deepEqual(ids(await list(server, ben.cookie, 'queue')), [conversationId]);
    assert.deepEqual(ids(await list(server, ana.cookie, 'mine')), []);
    visitor.close();
    ana.socket.close();
    ben.socket.close();
  }));

test("C1: the owner's reply stops the clock; with the option at 0 a chat never returns", () =>
  withServer(async (server, owner, clock) => {
    await setQueueReturn(server, owner, 60);
    const ana = await teammate(server, owner, 'Ana');
    const { visitor, conversationId } = await visitorSays(server, owner, 'Hello');
    assert.ok((await ana.socket.emit('message:send', { conversationId, clientId: clientId(), text: 'Hi' })).ok);
    assert.ok((await visitor.emit('message:send', { clientId: clientId(), text: 'Question' })).ok);
    assert.ok((await ana.socket.emit('message:send', { conversationId, clientId: clientId(), text: 'Answer' })).ok);
    clock.advance(120_000);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(ids(await list(server, ana.cookie, 'mine')), [conversationId]);

    await setQueueReturn(server, owner, 0);
    assert.ok((await visitor.emit('message:send', { clientId: clientId(), text: 'Another question' })).ok);
    clock.advance(3_600_000);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(ids(await list(server, ana.cookie, 'mine')), [conversationId]);
    const agentView = await api(server, 'PUT', '/api/account/options', { cookie: ana.cookie, body: { notifyInvisibleWhenSlow: false, notifyInvisibleDelaySeconds: 120, queueReturnSeconds: 5 } });
    assert.equal(agentView.status, 403);
    visitor.close();
    ana.socket.close();
  }));

test('C1: the return to the queue survives a restart and happens once', async () => {
  const clock = new TestClock();
  const server = await startInProcessServer({ clock, env: { TIMER_POLL_MS: '20' } });
  try {
    const owner = await setupOwner(server);
    await setQueueReturn(server, owner, 30);
    const { visitor, conversationId } = await visitorSays(server, owner, 'Hello');
    const reply = await api(server, 'POST', `/api/conversations/${conversationId}/messages`, { cookie: owner.cookie, body: { clientId: clientId(), text: 'Hi' } });
    assert.equal(reply.status, 201);
    assert.ok((await visitor.emit('message:send', { clientId: clientId(), text: 'Still there?' })).ok);
    visitor.close();
    // The timer is scheduled by a listener after the ack: let it land before stopping.
    await new Promise((r) => setTimeout(r, 300));
    await server.restart();
    const agent = await connectAgent(server, owner.cookie);
    const heard: string[] = [];
    agent.socket.on('conversation:updated', (e) => heard.push(e.change));
    clock.advance(31_000);
    await eventually(
      async () => ids(await list(server, owner.cookie, 'queue')),
      (queued) => queued.includes(conversationId),
    );
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(heard, ['returned']);
    agent.close();
  } finally {
    await server.close();
  }
});

test('C1: × hides a chat from the queue until the visitor writes again', () =>
  withServer(async (server, owner) => {
    const ana = await teammate(server, owner, 'Ana');
    const { visitor, conversationId } = await visitorSays(server, owner, 'spam?');
    const dismissed = ana.socket.next('conversation:updated');
    const res = await api(server, 'POST', `/api/conversations/${conversationId}/dismiss`, { cookie: owner.cookie, body: {} });
    assert.equal(res.status, 200);
    assert.equal((await dismissed).change, 'dismissed');
    assert.deepEqual(ids(await list(server, ana.cookie, 'queue')), []);
    assert.deepEqual(ids(await list(server, ana.cookie, 'all')), [conversationId]);
    const back = ana.socket.next('conversation:message');
    assert.ok((await visitor.emit('message:send', { clientId: clientId(), text: 'not spam, a question' })).ok);
    assert.equal((await back).conversation.dismissed, false);
    assert.deepEqual(ids(await list(server, ana.cookie, 'queue')), [conversationId]);
    visitor.close();
    ana.socket.close();
  }));

test('C1: a closed chat leaves the lists for Closed and reopens when the visitor writes again', () =>
  withServer(async (server, owner) => {
    const ana = await teammate(server, owner, 'Ana');
    const { visitor, conversationId } = await visitorSays(server, owner, 'Hello');
    assert.ok((await ana.socket.emit('message:send', { conversationId, clientId: clientId(), text: 'Hi' })).ok);
    const closed = ana.socket.next('conversation:updated');
    const res = await api(server, 'POST', `/api/conversations/${conversationId}/close`, { cookie: ana.cookie, body: {} });
    assert.equal(res.status, 200);
    assert.equal(res.body.conversation.status, 'closed');
    assert.equal(res.body.conversation.dismissed, false, 'a boolean, as the protocol says');
    assert.equal((await list(server, ana.cookie, 'closed')).conversations[0]?.dismissed, false);
    assert.deepEqual([(await closed).change, (await closed).conversation.status], ['closed', 'closed']);
    assert.deepEqual(ids(await list(server, ana.cookie, 'mine')), []);
    assert.deepEqual(ids(await list(server, ana.cookie, 'closed')), [conversationId]);
    let counts = await api(server, 'GET', '/api/conversations/counts', { cookie: ana.cookie });
    assert.deepEqual(counts.body, { queue: 0, mine: 0, all: 0, closed: 1 });

    const reopened = ana.socket.next('conversation:updated');
    assert.ok((await visitor.emit('message:send', { clientId: clientId(), text: 'One more thing' })).ok);
    const update = await reopened;
    assert.deepEqual([update.change, update.conversation.status, update.conversation.assigneeId], ['reopened', 'open', ana.id]);
    assert.deepEqual(ids(await list(server, ana.cookie, 'mine')), [conversationId]);
    counts = await api(server, 'GET', '/api/conversations/counts', { cookie: ana.cookie });
    assert.deepEqual(counts.body, { queue: 0, mine: 1, all: 1, closed: 0 });
    // A second message does not "reopen" it again.
    const heard: string[] = [];
    ana.socket.socket.on('conversation:updated', (e) => heard.push(e.change));
    assert.ok((await visitor.emit('message:send', { clientId: clientId(), text: 'and another' })).ok);
    await new Promise((r) => setTimeout(r, 150));
    assert.deepEqual(heard, []);
    visitor.close();
    ana.socket.close();
  }));

test('C1: the lists page through any number of conversations, newest activity first, and count them all', () =>
  withServer(async (server, owner) => {
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      const { visitor, conversationId } = await visitorSays(server, owner, `chat ${i}`);
      made.push(conversationId);
      visitor.close();
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { conversations: Conversation[]; nextCursor: string | null } = await list(server, owner.cookie, 'queue', `&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.ok(page.conversations.length <= 3);
      seen.push(...ids(page));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, [...made].reverse());
    const counts = await api(server, 'GET', '/api/conversations/counts', { cookie: owner.cookie });
    assert.deepEqual(counts.body, { queue: 7, mine: 0, all: 7, closed: 0 });
  }));

test('A3: an Invisible agent gets no new chats in their Queue; typing in one (or being added) makes it theirs to see', () =>
  withServer(async (server, owner) => {
    const ana = await teammate(server, owner, 'Ana');
    const iva = await teammate(server, owner, 'Iva');
    assert.equal((await api(server, 'PUT', '/api/me/status', { cookie: iva.cookie, body: { status: 'invisible' } })).status, 200);
    const first = await visitorSays(server, owner, 'Anyone there?');
    const second = await visitorSays(server, owner, 'Hello?');

    assert.deepEqual(ids(await list(server, iva.cookie, 'queue')), [], 'no new chats while invisible');
    assert.deepEqual(ids(await list(server, ana.cookie, 'queue')), [second.conversationId, first.conversationId]);
    assert.deepEqual((await api(server, 'GET', '/api/conversations/counts', { cookie: iva.cookie })).body, { queue: 0, mine: 0, all: 2, closed: 0 });
    assert.deepEqual(ids(await list(server, iva.cookie, 'all')), [second.conversationId, first.conversationId], 'every chat can still be opened from All');

    // Iva joins the first chat by typing in it: it is hers.
    const typed = await iva.socket.emit('message:send', { conversationId: first.conversationId, clientId: clientId(), text: 'I can help' });
    assert.ok(typed.ok);
    assert.equal(typed.conversation.assigneeId, iva.id);
    assert.deepEqual(ids(await list(server, iva.cookie, 'mine')), [first.conversationId]);
    // Ana adds Iva to the second, still unowned: it shows in Iva's Queue.
    assert.equal((await api(server, 'POST', `/api/conversations/${second.conversationId}/participants`, { cookie: ana.cookie, body: { agentId: iva.id } })).status, 200);
    assert.deepEqual(ids(await list(server, iva.cookie, 'queue')), [second.conversationId]);
    assert.deepEqual((await api(server, 'GET', '/api/conversations/counts', { cookie: iva.cookie })).body, { queue: 1, mine: 1, all: 2, closed: 0 });
    // Back Online: every new chat again.
    assert.equal((await api(server, 'PUT', '/api/me/status', { cookie: iva.cookie, body: { status: 'online' } })).status, 200);
    assert.deepEqual(ids(await list(server, iva.cookie, 'queue')), [second.conversationId]);
    const third = await visitorSays(server, owner, 'Third');
    assert.deepEqual(ids(await list(server, iva.cookie, 'queue')), [third.conversationId, second.conversationId]);
    for (const v of [first.visitor, second.visitor, third.visitor]) v.close();
    ana.socket.close();
    iva.socket.close();
  }));
