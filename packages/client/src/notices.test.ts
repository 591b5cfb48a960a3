// A3: an Online agent's client raises a visitor message's notification from the message's
// broadcast; an Invisible agent's arrives as a reference to the message heard a moment before,
// which the client turns back into the full notification the dashboard shows.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AgentNotification, Conversation, ConversationMessageEvent, Message } from '@palique/protocol';
import { api, clientId, connectVisitor, eventually, serverWithOwner } from '@palique/server/testing';
import { AgentClient } from './agent-client';
import { RecentVisitorMessages } from './notices';

const ctx = serverWithOwner();
const agent = new AgentClient();
after(() => agent.disconnect());

test('A3: the dashboard is notified of each visitor message with the message and its conversation, in order', async () => {
  const connected = new Promise<void>((resolve) => agent.on('connect', () => resolve()));
  agent.connect(ctx.server.url, { cookie: ctx.owner.cookie, ackTimeoutMs: 5_000 });
  await connected;
  const notified: AgentNotification[] = [];
  agent.on('notification', (n) => notified.push(n));
  const visitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const texts = Array.from({ length: 30 }, (_, i) => `Question ${i + 1}`);
  for (const text of texts) assert.ok((await visitor.emit('message:send', { clientId: clientId(), text })).ok);
  await eventually(() => notified, (n) => n.length >= texts.length, 5_000);
  visitor.close();
  assert.deepEqual(
    notified.map((n) => (n.kind === 'visitor_message' ? n.message.text : n.kind)),
    texts,
  );
  const last = notified.at(-1)!;
  assert.ok(last.kind === 'visitor_message');
  assert.equal(last.conversation.id, last.message.conversationId);
  assert.equal(last.conversation.lastMessageText, 'Question 30');
  assert.equal(last.conversation.lastSeq, last.message.seq);
});

const conversation = { id: 'c1', visitorId: 'v1', assigneeId: null } as Conversation;
const visitorMessage = (id: string, extra: Partial<Message> = {}): ConversationMessageEvent => ({
  conversation,
  message: { id, conversationId: 'c1', authorType: 'visitor', text: id, ...extra } as Message,
});

test('A3: the status drives the notifications: none while Invisible in a chat not joined, again once Online', async () => {
  const notified: string[] = [];
  const changes: string[] = [];
  const offs = [
    agent.on('notification', (n) => notified.push(n.kind === 'visitor_message' ? n.message.text : n.kind)),
    agent.on('status:changed', (s) => changes.push(s)),
  ];
  const visitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const say = async (text: string) => assert.ok((await visitor.emit('message:send', { clientId: clientId(), text })).ok);
  const setStatus = async (status: string) => assert.equal((await api(ctx.server, 'PUT', '/api/me/status', { cookie: ctx.owner.cookie, body: { status } })).status, 200);
  try {
    // Changed in "another tab" (over HTTP): this client hears it, and stops notifying.
    await setStatus('invisible');
    await eventually(() => changes, (c) => c.at(-1) === 'invisible', 5_000);
    await say('While you are invisible');
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(notified, []);
    await setStatus('online');
    await eventually(() => changes, (c) => c.at(-1) === 'online', 5_000);
    await say('Back online?');
    await eventually(() => notified, (n) => n.length > 0, 5_000);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(notified, ['Back online?'], 'once, and only for the message sent while Online');
    assert.deepEqual(changes, ['invisible', 'online']);
  } finally {
    offs.forEach((off) => off());
    visitor.close();
    await setStatus('online');
  }
});

test('A3: an Online agent is notified from the broadcast, once even if the server names it too; Invisible only by the server', () => {
  const recent = new RecentVisitorMessages();
  recent.status = 'online';
  const m1 = visitorMessage('m1');
  assert.deepEqual(recent.heard(m1, true), { kind: 'visitor_message', ...m1 });
  assert.equal(recent.notification({ kind: 'visitor_message', conversationId: 'c1', messageId: 'm1' }), undefined, 'already shown');
  assert.equal(recent.heard(visitorMessage('e1', { editOf: 'm1' }), true), undefined, 'an edit notifies nobody');
  assert.equal(recent.heard(visitorMessage('a1', { authorType: 'agent' }), true), undefined);
  assert.equal(recent.heard(visitorMessage('m2'), false), undefined, 'an ack is not a broadcast');
  recent.status = 'invisible';
  assert.equal(recent.heard(visitorMessage('m3'), true), undefined);
  assert.deepEqual(recent.notification({ kind: 'visitor_message', conversationId: 'c1', messageId: 'm3' }), { kind: 'visitor_message', ...visitorMessage('m3') });
  assert.equal(recent.notification({ kind: 'visitor_message', conversationId: 'c1', messageId: 'm3' }), undefined, 'shown once');
});

test('A3: a notice is resolved from the visitor messages heard last; one not heard is not shown', () => {
  const recent = new RecentVisitorMessages(3);
  for (const id of ['m1', 'm2', 'm3', 'm4']) recent.heard(visitorMessage(id));
  recent.heard(visitorMessage('a1', { authorType: 'agent' }));
  recent.heard(visitorMessage('e1', { editOf: 'm4' }));
  const notice = (messageId: string, conversationId = 'c1') => recent.notification({ kind: 'visitor_message', conversationId, messageId });
  assert.equal(notice('m1'), undefined, 'the oldest was let go');
  assert.deepEqual(notice('m4'), { kind: 'visitor_message', conversation, message: visitorMessage('m4').message });
  assert.ok(notice('m2'), 'agent messages and edits take no room');
  assert.equal(notice('a1'), undefined);
  assert.equal(notice('m3', 'another-conversation'), undefined);
  const returned = { kind: 'chat_returned', conversation } as const;
  assert.equal(recent.notification(returned), returned, 'other notifications come whole');
});
