// R1 and C1 against the real server: durable, idempotent, ordered messages; first reply owns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addAgent,
  api,
  clientId,
  connectAgent,
  connectVisitor,
  messagesOf,
  serverWithOwner,
  setupOwner,
  signIn,
  startInProcessServer,
} from '@palique/server/testing';

const ctx = serverWithOwner();

async function countMessages(conversationId: string): Promise<number> {
  return (await messagesOf(ctx.server, ctx.owner.cookie, conversationId)).length;
}

test('R1: sending the same client id twice stores one message and returns it both times', async () => {
  const visitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const id = clientId();
  const first = await visitor.emit('message:send', { clientId: id, text: 'Hello, is anyone there?' });
  const second = await visitor.emit('message:send', { clientId: id, text: 'Hello, is anyone there?' });
  assert.ok(first.ok && second.ok);
  assert.equal(second.message.id, first.message.id);
  assert.equal(second.message.seq, first.message.seq);
  assert.equal(await countMessages(first.message.conversationId), 1);
  visitor.close();
});

test('R1: concurrent retries of one message never store a duplicate', async () => {
  const visitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const id = clientId();
  const acks = await Promise.all(Array.from({ length: 8 }, () => visitor.emit('message:send', { clientId: id, text: 'retry storm' })));
  const ids = new Set(acks.map((a) => (a.ok ? a.message.id : 'failed')));
  assert.deepEqual([...ids].length, 1);
  assert.ok(acks[0].ok);
  assert.equal(await countMessages(acks[0].message.conversationId), 1);
  visitor.close();
});

test('R1: a client that resumes after seq N receives exactly the later messages, in order', async () => {
  const visitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const sent = [];
  for (let i = 1; i <= 5; i++) {
    const ack = await visitor.emit('message:send', { clientId: clientId(), text: `message ${i}` });
    assert.ok(ack.ok);
    sent.push(ack.message);
  }
  assert.deepEqual(sent.map((m) => m.seq), [1, 2, 3, 4, 5]);
  const sync = await visitor.emit('sync', { after: 2 });
  assert.ok(sync.ok);
  assert.deepEqual(sync.messages.map((m: any) => m.text), ['message 3', 'message 4', 'message 5']);

  const rest = await api(ctx.server, 'GET', `/api/conversations/${sent[0].conversationId}/messages?after=4`, { cookie: ctx.owner.cookie });
  assert.equal(rest.status, 200);
  assert.deepEqual(rest.body.messages.map((m: any) => m.seq), [5]);
  visitor.close();
});

test('R1: a reconnecting visitor with the same token gets its whole history back', async () => {
  const first = await connectVisitor(ctx.server, ctx.owner.widgetId);
  await first.emit('message:send', { clientId: clientId(), text: 'before reload' });
  first.close();
  const again = await connectVisitor(ctx.server, ctx.owner.widgetId, first.token);
  const sync = await again.emit('sync', { after: 0 });
  assert.ok(sync.ok);
  assert.deepEqual(sync.messages.map((m: any) => m.text), ['before reload']);
  again.close();
});

test('C1: a visitor message reaches online agents live and the conversation waits in the queue', async () => {
  const agent = await connectAgent(ctx.server, ctx.owner.cookie);
  const visitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const arriving = agent.next('conversation:message');
  await visitor.emit('message:send', { clientId: clientId(), text: 'I need help with my order' });
  const { message, conversation } = await arriving;
  assert.equal(message.text, 'I need help with my order');
  assert.equal(conversation.assigneeId, null);
  const queue = await api(ctx.server, 'GET', '/api/conversations?view=queue', { cookie: ctx.owner.cookie });
  assert.ok(queue.body.conversations.some((c: any) => c.id === conversation.id));
  agent.close();
  visitor.close();
});

test('C1: the first agent to reply owns the chat and it leaves the queue of the others', async () => {
  const second = await addAgent(ctx.server, ctx.owner.accountId, {
    name: 'Marta Ruiz',
    email: `marta-${clientId()}@example.com`,
    password: 'another password',
    role: 'agent',
  });
  const secondCookie = await signIn(ctx.server, second.email, 'another password');
  const visitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const sent = await visitor.emit('message:send', { clientId: clientId(), text: 'Who can help me?' });
  assert.ok(sent.ok);
  const conversationId = sent.message.conversationId;

  const agent = await connectAgent(ctx.server, ctx.owner.cookie);
  const otherTab = await connectAgent(ctx.server, ctx.owner.cookie);
  const echoes: string[] = [];
  agent.socket.on('conversation:message', (e) => echoes.push(e.message.text));
  const replyReachesVisitor = visitor.next('message:new');
  const otherTabHears = otherTab.next('conversation:message').then((e) => e.conversation);
  const reply = await agent.emit('message:send', { conversationId, clientId: clientId(), text: 'Hi! Helena here.' });
  assert.ok(reply.ok);
  assert.equal((await replyReachesVisitor).text, 'Hi! Helena here.');
  const ownership = ({ assigneeId, assigneeName, lastSeq, lastMessageText }: typeof reply.conversation) => ({ assigneeId, assigneeName, lastSeq, lastMessageText });
  const expected = { assigneeId: ctx.owner.agentId, assigneeName: 'Helena Prado', lastSeq: 2, lastMessageText: 'Hi! Helena here.' };
  // The sender learns from its ack; the agent's other tab from the broadcast, which skips the sender.
  assert.deepEqual(ownership(reply.conversation), expected);
  assert.deepEqual(ownership(await otherTabHears), expected);
  assert.deepEqual(echoes, []);
  otherTab.close();

  // The visitor's next message keeps the owner and shows the name they gave.
  assert.ok((await visitor.emit('visitor:update', { name: 'Ada Lovelace' })).ok);
  const stillOwned = agent.next('conversation:message').then((e) => e.conversation);
  assert.ok((await visitor.emit('message:send', { clientId: clientId(), text: 'Thanks!' })).ok);
  const update = await stillOwned;
  assert.equal(update.assigneeName, 'Helena Prado');
  assert.equal(update.visitorName, 'Ada Lovelace');

  const secondQueue = await api(ctx.server, 'GET', '/api/conversations?view=queue', { cookie: secondCookie });
  assert.ok(!secondQueue.body.conversations.some((c: any) => c.id === conversationId));
  const mine = await api(ctx.server, 'GET', '/api/conversations?view=mine', { cookie: ctx.owner.cookie });
  assert.ok(mine.body.conversations.some((c: any) => c.id === conversationId && c.assigneeName === 'Helena Prado'));

  // A later reply by someone else does not steal the chat.
  await api(ctx.server, 'POST', `/api/conversations/${conversationId}/messages`, { cookie: secondCookie, body: { clientId: clientId(), text: 'Me too' } });
  const detail = await api(ctx.server, 'GET', `/api/conversations/${conversationId}`, { cookie: secondCookie });
  assert.equal(detail.body.conversation.assigneeId, ctx.owner.agentId);
  assert.deepEqual(detail.body.messages.map((m: any) => m.seq), [1, 2, 3, 4]);
  assert.equal(detail.body.messages[2].authorName, 'Ada Lovelace');
  agent.close();
  visitor.close();
});

test('C7: a reply written while the visitor is away is there when they come back', async () => {
  const visitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const sent = await visitor.emit('message:send', { clientId: clientId(), text: 'Leaving now, answer later' });
  assert.ok(sent.ok);
  visitor.close();
  const reply = await api(ctx.server, 'POST', `/api/conversations/${sent.message.conversationId}/messages`, {
    cookie: ctx.owner.cookie,
    body: { clientId: clientId(), text: 'Here is your answer' },
  });
  assert.equal(reply.status, 201);
  const back = await connectVisitor(ctx.server, ctx.owner.widgetId, visitor.token);
  const sync = await back.emit('sync', { after: sent.message.seq });
  assert.ok(sync.ok);
  assert.deepEqual(sync.messages.map((m: any) => [m.authorType, m.text]), [['agent', 'Here is your answer']]);
  back.close();
});

test('R1: an acknowledged message is on disk: it survives closing and reopening the database', async () => {
  const own = await startInProcessServer();
  const o = await setupOwner(own);
  const visitor = await connectVisitor(own, o.widgetId);
  const ack = await visitor.emit('message:send', { clientId: clientId(), text: 'keep me' });
  assert.ok(ack.ok);
  visitor.close();
  // Closes the app and its database, then opens both again on the same data.
  await own.restart();
  const stored = await messagesOf(own, o.cookie, ack.message.conversationId);
  assert.equal(stored.find((m) => m.id === ack.message.id)?.text, 'keep me');
  await own.close();
});

test('R1: a long history comes in pages, each saying whether more follow, and nothing is skipped', async () => {
  // A server of its own: 520 messages from one visitor are far over the default rate limit.
  const own = await startInProcessServer({ env: { WIDGET_RATE_LIMIT: '100000' } });
  const o = await setupOwner(own);
  const visitor = await connectVisitor(own, o.widgetId);
  const first = await visitor.emit('message:send', { clientId: clientId(), text: 'message 1' });
  assert.ok(first.ok);
  for (let i = 2; i <= 520; i += 100) {
    const batch = Array.from({ length: Math.min(100, 521 - i) }, (_, k) => visitor.emit('message:send', { clientId: clientId(), text: `message ${i + k}` }, 20_000));
    for (const ack of await Promise.all(batch)) assert.ok(ack.ok, JSON.stringify(ack));
  }

  const page1 = await visitor.emit('sync', { after: 0 });
  assert.ok(page1.ok);
  assert.equal(page1.messages.length, 500);
  assert.equal(page1.hasMore, true);
  const page2 = await visitor.emit('sync', { after: page1.messages.at(-1)!.seq });
  assert.ok(page2.ok);
  assert.equal(page2.hasMore, false);
  assert.deepEqual([...page1.messages, ...page2.messages].map((m: any) => m.seq), Array.from({ length: 520 }, (_, i) => i + 1));

  const detail = await api(own, 'GET', `/api/conversations/${first.message.conversationId}`, { cookie: o.cookie });
  assert.equal(detail.body.messages.length, 500);
  assert.equal(detail.body.hasMore, true);
  const rest = await api(own, 'GET', `/api/conversations/${first.message.conversationId}/messages?after=500`, { cookie: o.cookie });
  assert.deepEqual([rest.body.messages.length, rest.body.hasMore], [20, false]);
  visitor.close();
  await own.close();
});
