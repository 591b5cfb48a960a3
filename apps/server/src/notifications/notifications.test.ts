// A3 status rules for notifications, and A4 the invisible escalation, through the API and the
// typed sockets. Every agent's dashboard hears every message (lists stay live); `notification`
// is what raises a desktop notice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AgentNotificationOnWire } from '@palique/protocol';
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
  type AgentSocket,
  type InProcessServer,
  type OwnerSession,
} from '@palique/server/testing';

const QUIET_MS = 300;

/** Records every notification a dashboard socket gets. */
function notificationsOf(socket: AgentSocket): AgentNotificationOnWire[] {
  const heard: AgentNotificationOnWire[] = [];
  socket.socket.on('notification', (n) => heard.push(n));
  return heard;
}

const settle = () => new Promise((r) => setTimeout(r, QUIET_MS));

async function teammate(server: InProcessServer, owner: OwnerSession, status: 'online' | 'invisible' | 'offline') {
  const { id, email } = await addAgent(server, owner.accountId, { name: `Agent ${status}`, password: 'correct horse battery', role: 'agent' });
  const cookie = await signIn(server, email, 'correct horse battery');
  assert.equal((await api(server, 'PUT', '/api/me/status', { cookie, body: { status } })).status, 200);
  const socket = await connectAgent(server, cookie);
  return { id, cookie, socket, status: socket.toldStatus, heard: notificationsOf(socket) };
}

async function visitorSays(server: InProcessServer, owner: OwnerSession, text: string, token?: string) {
  const visitor = await connectVisitor(server, owner.widgetId, token);
  const ack = await visitor.emit('message:send', { clientId: clientId(), text });
  assert.ok(ack.ok);
  return { visitor, message: ack.message };
}

async function withServer(work: (server: InProcessServer, owner: OwnerSession, clock: TestClock) => Promise<void>) {
  const clock = new TestClock();
  const server = await startInProcessServer({ clock, env: { TIMER_POLL_MS: '20' } });
  try {
    await work(server, await setupOwner(server), clock);
  } finally {
    await server.close();
  }
}

test('A3: an invisible agent sees the new chat in the list but gets no notification; online agents do', () =>
  withServer(async (server, owner) => {
    const online = await teammate(server, owner, 'online');
    const invisible = await teammate(server, owner, 'invisible');
    // Each dashboard is told its status on connect: an Online one raises a visitor message's
    // notification from the message's broadcast itself (packages/client/src/notices.ts).
    assert.deepEqual(await online.status, { status: 'online' });
    assert.deepEqual(await invisible.status, { status: 'invisible' });
    const listed = invisible.socket.next('conversation:message');
    const heardOnline = online.socket.next('conversation:message');
    const { visitor, message } = await visitorSays(server, owner, 'Hello?');
    assert.equal((await listed).message.text, 'Hello?');
    assert.equal((await heardOnline).message.id, message.id);
    await settle();
    // Neither gets a frame of its own: the online one's notice is the broadcast.
    assert.deepEqual(online.heard, []);
    assert.deepEqual(invisible.heard, []);
    visitor.close();
  }));

test('A3: a dashboard opened after a status change is told the new status', () =>
  withServer(async (server, owner) => {
    const agent = await teammate(server, owner, 'online');
    assert.deepEqual(await agent.status, { status: 'online' });
    const changed = agent.socket.next('agent:status');
    assert.equal((await api(server, 'PUT', '/api/me/status', { cookie: agent.cookie, body: { status: 'invisible' } })).status, 200);
    assert.deepEqual(await changed, { status: 'invisible' });
    const later = await connectAgent(server, agent.cookie);
    assert.deepEqual(await later.toldStatus, { status: 'invisible' });
    later.close();
    agent.socket.close();
  }));

test('A3: an invisible agent joins a chat by typing in it, and is notified in it from then on', () =>
  withServer(async (server, owner) => {
    const invisible = await teammate(server, owner, 'invisible');
    const { visitor, message } = await visitorSays(server, owner, 'Anyone there?');
    // The first message's notifications are decided before the agent joins (a fresh-ci run once
    // saw the reply land first: the agent, joined by then, was notified of this message too).
    await settle();
    const reply = await invisible.socket.emit('message:send', { conversationId: message.conversationId, clientId: clientId(), text: 'I am here' });
    assert.ok(reply.ok);
    const notified = invisible.socket.next('notification');
    const thanks = await visitor.emit('message:send', { clientId: clientId(), text: 'Great, thanks' });
    assert.ok(thanks.ok);
    const n = await notified;
    assert.equal(n.kind === 'visitor_message' && n.messageId, thanks.message.id);
    // Another chat they never joined still notifies them of nothing.
    const other = await visitorSays(server, owner, 'New chat');
    await settle();
    assert.equal(invisible.heard.length, 1);
    visitor.close();
    other.visitor.close();
  }));

test('A3: an invisible agent another agent adds to a chat is notified in it, and only in it', () =>
  withServer(async (server, owner) => {
    const invisible = await teammate(server, owner, 'invisible');
    const { visitor, message } = await visitorSays(server, owner, 'Can someone from billing help?');
    await settle(); // the first message's notifications are decided before the agent is added
    const added = await api(server, 'POST', `/api/conversations/${message.conversationId}/participants`, { cookie: owner.cookie, body: { agentId: invisible.id } });
    assert.equal(added.status, 200);
    const heardBefore = invisible.heard.length;
    const invoice = await visitor.emit('message:send', { clientId: clientId(), text: 'It is about my invoice' });
    assert.ok(invoice.ok);
    await eventually(
      () => invisible.heard,
      (heard) => heard.some((h) => h.kind === 'visitor_message' && h.messageId === invoice.message.id),
    );
    // A chat they were not added to still notifies them of nothing.
    const other = await visitorSays(server, owner, 'Another chat');
    await settle();
    assert.deepEqual(invisible.heard.slice(heardBefore).filter((h) => h.kind === 'visitor_message' && h.conversationId === other.message.conversationId), []);
    visitor.close();
    other.visitor.close();
  }));

test('A3: an offline agent gets no notifications but can still answer', () =>
  withServer(async (server, owner) => {
    const offline = await teammate(server, owner, 'offline');
    const listed = offline.socket.next('conversation:message');
    const { visitor, message } = await visitorSays(server, owner, 'Hi');
    await listed;
    const answered = visitor.next('message:new');
    const reply = await offline.socket.emit('message:send', { conversationId: message.conversationId, clientId: clientId(), text: 'Answering while offline' });
    assert.ok(reply.ok);
    assert.equal((await answered).text, 'Answering while offline');
    await visitor.emit('message:send', { clientId: clientId(), text: 'Thanks' });
    await settle();
    assert.deepEqual(offline.heard, []);
    visitor.close();
  }));

test('A4: account options are for the owner and admins: agents get 403', () =>
  withServer(async (server, owner) => {
    const agent = await teammate(server, owner, 'online');
    const body = { notifyInvisibleWhenSlow: true, notifyInvisibleDelaySeconds: 90 };
    assert.equal((await api(server, 'GET', '/api/account/options', { cookie: agent.cookie })).status, 403);
    assert.equal((await api(server, 'PUT', '/api/account/options', { cookie: agent.cookie, body })).status, 403);
    const { email } = await addAgent(server, owner.accountId, { name: 'Admin', password: 'correct horse battery', role: 'admin' });
    const admin = await signIn(server, email, 'correct horse battery');
    assert.deepEqual((await api(server, 'GET', '/api/account/options', { cookie: admin })).body, { notifyInvisibleWhenSlow: false, notifyInvisibleDelaySeconds: 120, queueReturnSeconds: 120 });
    assert.equal((await api(server, 'PUT', '/api/account/options', { cookie: admin, body })).status, 200);
    assert.deepEqual((await api(server, 'GET', '/api/account/options', { cookie: owner.cookie })).body, { ...body, queueReturnSeconds: 120 });
    const bad = await api(server, 'PUT', '/api/account/options', { cookie: owner.cookie, body: { ...body, notifyInvisibleDelaySeconds: 1 } });
    assert.equal(bad.status, 400);
    agent.socket.close();
  }));

test('A4: invisible agents are notified of a chat nobody answered within the delay', () =>
  withServer(async (server, owner, clock) => {
    await api(server, 'PUT', '/api/account/options', { cookie: owner.cookie, body: { notifyInvisibleWhenSlow: true, notifyInvisibleDelaySeconds: 60 } });
    const online = await teammate(server, owner, 'online');
    const invisible = await teammate(server, owner, 'invisible');
    const { visitor, message } = await visitorSays(server, owner, 'Is anybody there?');
    await visitor.emit('message:send', { clientId: clientId(), text: 'Hello??' });
    clock.advance(59_000);
    await settle();
    assert.deepEqual(invisible.heard, []);
    const escalated = invisible.socket.next('notification');
    clock.advance(2_000);
    const n = await escalated;
    assert.equal(n.kind, 'chat_waiting');
    assert.equal(n.kind === 'chat_waiting' && n.conversation.id, message.conversationId);
    assert.equal(n.kind === 'chat_waiting' && n.waitingSeconds, 61);
    await settle();
    assert.equal(online.heard.filter((h) => h.kind === 'chat_waiting').length, 0);
    assert.equal(invisible.heard.length, 1, 'once');
    visitor.close();
  }));

test("A4: an agent's answer cancels the escalation; with the option off nothing escalates", () =>
  withServer(async (server, owner, clock) => {
    await api(server, 'PUT', '/api/account/options', { cookie: owner.cookie, body: { notifyInvisibleWhenSlow: true, notifyInvisibleDelaySeconds: 60 } });
    const online = await teammate(server, owner, 'online');
    const invisible = await teammate(server, owner, 'invisible');
    const answered = await visitorSays(server, owner, 'Question');
    assert.ok((await online.socket.emit('message:send', { conversationId: answered.message.conversationId, clientId: clientId(), text: 'Answer' })).ok);
    await api(server, 'PUT', '/api/account/options', { cookie: owner.cookie, body: { notifyInvisibleWhenSlow: false, notifyInvisibleDelaySeconds: 60 } });
    const unanswered = await visitorSays(server, owner, 'Another question');
    clock.advance(3_600_000);
    await settle();
    assert.deepEqual(invisible.heard, []);
    answered.visitor.close();
    unanswered.visitor.close();
  }));
