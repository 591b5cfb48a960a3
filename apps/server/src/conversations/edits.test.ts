// C5 against the real server: an agent edits their own message; the edit is stored once, has its
// own seq, reaches the visitor live and after a reconnect, and nobody else can make it. Runs on
// PostgreSQL too when TEST_DATABASE_URL is set (the scale suite runs every server test there).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorCode, MAX_MESSAGE_LENGTH, type Message } from '@palique/protocol';
import { addAccount, addAgent, api, clientId, connectAgent, connectVisitor, conversationOf, messagesOf, serverWithOwner, signIn } from '@palique/server/testing';

const ctx = serverWithOwner();

/** A visitor who wrote, and the owner's reply in their conversation. */
async function chatWithReply(reply = 'We ship in 3 days') {
  const visitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const agent = await connectAgent(ctx.server, ctx.owner.cookie);
  const first = await visitor.emit('message:send', { clientId: clientId(), text: 'When do you ship?' });
  assert.ok(first.ok);
  const conversationId = first.message.conversationId;
  const sent = await agent.emit('message:send', { conversationId, clientId: clientId(), text: reply });
  assert.ok(sent.ok);
  return { visitor, agent, conversationId, reply: sent.message };
}

const edits = (messages: Message[]) => messages.filter((m) => m.editOf);

/** A second agent of the owner's account, signed in. */
async function colleagueCookie(): Promise<string> {
  const colleague = await addAgent(ctx.server, ctx.owner.accountId, { name: 'Bruno Sá', password: 'correct horse battery', role: 'agent' });
  return signIn(ctx.server, colleague.email, 'correct horse battery');
}

test('C5: the author edits their message; the visitor sees the new text live, and a fresh load shows it edited', async () => {
  const { visitor, agent, conversationId, reply } = await chatWithReply();
  const other = await connectAgent(ctx.server, await colleagueCookie()); // another agent's dashboard
  const heardByVisitor = visitor.next('message:new', undefined, (m) => m.editOf === reply.id, 'the edit');
  const heardByAgents = other.next('conversation:message', undefined, (e) => e.message.editOf === reply.id, 'the edit');

  const ack = await agent.emit('message:edit', { conversationId, messageId: reply.id, editId: clientId(), text: 'We ship in 2 days' });
  assert.ok(ack.ok, JSON.stringify(ack));
  assert.equal(ack.message.text, 'We ship in 2 days');
  assert.equal(ack.edit.seq, reply.seq + 1, 'the edit takes the next seq');

  const live = await heardByVisitor;
  assert.deepEqual([live.seq, live.text, live.editOf], [reply.seq + 1, 'We ship in 2 days', reply.id]);
  assert.equal((await heardByAgents).conversation.lastMessageText, 'We ship in 2 days');

  // A fresh load: the message itself reads the new text, marked edited; its seq is unchanged.
  const sync = await visitor.emit('sync', { after: 0 });
  assert.ok(sync.ok);
  const stored = sync.messages.find((m) => m.id === reply.id)!;
  assert.deepEqual([stored.seq, stored.text, stored.editedSeq], [reply.seq, 'We ship in 2 days', reply.seq + 1]);
  assert.ok(stored.editedAt);
  const conversation = await conversationOf(ctx.server, ctx.owner.cookie, conversationId);
  assert.equal(conversation.lastSeq, reply.seq + 1);
  assert.equal(conversation.lastMessageText, 'We ship in 2 days');
  for (const s of [visitor, agent, other]) s.close();
});

test('C5: only the author may edit: another agent gets 403, a visitor cannot edit an agent message, another account finds nothing', async () => {
  const { visitor, agent, conversationId, reply } = await chatWithReply('Original answer');
  const cookie = await colleagueCookie();
  const route = `/api/conversations/${conversationId}/messages/${reply.id}`;

  const byColleague = await api(ctx.server, 'PUT', route, { cookie, body: { editId: clientId(), text: 'Changed by someone else' } });
  assert.equal(byColleague.status, 403);
  assert.equal(byColleague.body.error.code, ErrorCode.NotMessageAuthor);
  assert.equal(typeof byColleague.body.error.message, 'string');

  const byVisitor = await visitor.emit('message:edit', { messageId: reply.id, editId: clientId(), text: 'Free shipping for me' });
  assert.equal(byVisitor.ok, false);
  assert.ok(!byVisitor.ok && byVisitor.error.code === ErrorCode.NotMessageAuthor);

  const stranger = await addAccount(ctx.server);
  const byStranger = await api(ctx.server, 'PUT', route, { cookie: stranger.cookie, body: { editId: clientId(), text: 'Not yours' } });
  assert.equal(byStranger.status, 404);

  const messages = await messagesOf(ctx.server, ctx.owner.cookie, conversationId);
  assert.equal(messages.find((m) => m.id === reply.id)?.text, 'Original answer');
  assert.deepEqual(edits(messages), []);
  visitor.close();
  agent.close();
});

test('C5: an edit is validated like a message, and the visitor can edit only their own', async () => {
  const { visitor, agent, conversationId, reply } = await chatWithReply();
  const route = `/api/conversations/${conversationId}/messages/${reply.id}`;
  const blank = await api(ctx.server, 'PUT', route, { cookie: ctx.owner.cookie, body: { editId: clientId(), text: '  \n ' } });
  assert.equal(blank.status, 400);
  assert.equal(blank.body.error.code, ErrorCode.InvalidInput);
  const tooLong = await api(ctx.server, 'PUT', route, { cookie: ctx.owner.cookie, body: { editId: clientId(), text: 'x'.repeat(MAX_MESSAGE_LENGTH + 1) } });
  assert.equal(tooLong.status, 400);
  const controls = await api(ctx.server, 'PUT', route, { cookie: ctx.owner.cookie, body: { editId: clientId(), text: 'line one\r\nline\u0000 two' } });
  assert.equal(controls.status, 200, JSON.stringify(controls.body));
  assert.equal(controls.body.message.text, 'line one\nline two');

  const sync = await visitor.emit('sync', { after: 0 });
  assert.ok(sync.ok);
  const own = sync.messages.find((m) => m.authorType === 'visitor')!;
  const ack = await visitor.emit('message:edit', { messageId: own.id, editId: clientId(), text: 'When do you ship to Spain?' });
  assert.ok(ack.ok, JSON.stringify(ack));
  assert.equal(ack.message.text, 'When do you ship to Spain?');
  const byAgent = await agent.emit('message:edit', { conversationId, messageId: own.id, editId: clientId(), text: 'Edited by the agent' });
  assert.ok(!byAgent.ok && byAgent.error.code === ErrorCode.NotMessageAuthor);
  visitor.close();
  agent.close();
});

test('C5: a replayed edit (the same edit id, again and at the same time) is stored once', async () => {
  const { visitor, agent, conversationId, reply } = await chatWithReply();
  const editId = clientId();
  const body = { conversationId, messageId: reply.id, editId, text: 'Corrected once' };
  const [a, b] = await Promise.all([agent.emit('message:edit', body), agent.emit('message:edit', body)]);
  const again = await agent.emit('message:edit', body);
  assert.ok(a.ok && b.ok && again.ok);
  assert.equal(new Set([a.edit.id, b.edit.id, again.edit.id]).size, 1);
  assert.equal(again.edit.seq, reply.seq + 1);
  const replayOverHttp = await api(ctx.server, 'PUT', `/api/conversations/${conversationId}/messages/${reply.id}`, {
    cookie: ctx.owner.cookie,
    body: { editId, text: 'Corrected once' },
  });
  assert.equal(replayOverHttp.status, 200);
  assert.equal(replayOverHttp.body.edit.id, a.edit.id);

  const messages = await messagesOf(ctx.server, ctx.owner.cookie, conversationId);
  assert.equal(edits(messages).length, 1);
  assert.equal((await conversationOf(ctx.server, ctx.owner.cookie, conversationId)).lastSeq, reply.seq + 1, 'no seq taken by the replays');
  // The next message follows the edit without a gap.
  const next = await agent.emit('message:send', { conversationId, clientId: clientId(), text: 'Anything else?' });
  assert.ok(next.ok && next.message.seq === reply.seq + 2);
  visitor.close();
  agent.close();
});

test('C5: a visitor that reconnects with an older seq receives the edit in order', async () => {
  const { visitor, agent, conversationId, reply } = await chatWithReply('Your order is 1243');
  const seenUpTo = reply.seq;
  visitor.close();

  // While the visitor is away: the reply is corrected, then another message follows.
  const edited = await agent.emit('message:edit', { conversationId, messageId: reply.id, editId: clientId(), text: 'Your order is 1234' });
  assert.ok(edited.ok);
  const later = await agent.emit('message:send', { conversationId, clientId: clientId(), text: 'It left today' });
  assert.ok(later.ok);

  const back = await connectVisitor(ctx.server, ctx.owner.widgetId, visitor.token);
  const sync = await back.emit('sync', { after: seenUpTo });
  assert.ok(sync.ok);
  assert.deepEqual(
    sync.messages.map((m) => [m.seq, m.editOf ?? null, m.text]),
    [
      [seenUpTo + 1, reply.id, 'Your order is 1234'],
      [seenUpTo + 2, null, 'It left today'],
    ],
  );
  back.close();
  agent.close();
});

test('C5: editing a message that is not the last one leaves the list preview alone', async () => {
  const { visitor, agent, conversationId, reply } = await chatWithReply('First answer');
  assert.ok((await visitor.emit('message:send', { clientId: clientId(), text: 'Thanks!' })).ok);
  const ack = await agent.emit('message:edit', { conversationId, messageId: reply.id, editId: clientId(), text: 'First answer, corrected' });
  assert.ok(ack.ok);
  assert.equal(ack.conversation.lastMessageText, 'Thanks!');
  assert.equal(ack.conversation.lastMessageAuthorType, 'visitor');
  visitor.close();
  agent.close();
});

test('C5: messages and edits sent at the same time get consecutive, gap-free seqs', async () => {
  const { visitor, agent, conversationId, reply } = await chatWithReply('Version 0');
  const results = await Promise.all([
    ...Array.from({ length: 10 }, (_, i) => agent.emit('message:edit', { conversationId, messageId: reply.id, editId: clientId(), text: `Version ${i + 1}` })),
    ...Array.from({ length: 10 }, (_, i) => visitor.emit('message:send', { clientId: clientId(), text: `visitor ${i}` })),
  ]);
  assert.ok(results.every((r) => r.ok));
  const messages = await messagesOf(ctx.server, ctx.owner.cookie, conversationId);
  assert.deepEqual(messages.map((m) => m.seq), Array.from({ length: reply.seq + 20 }, (_, i) => i + 1));
  // The message reads as its last edit (the highest seq) says.
  const last = edits(messages).at(-1)!;
  const message = messages.find((m) => m.id === reply.id)!;
  assert.deepEqual([message.text, message.editedSeq], [last.text, last.seq]);
  visitor.close();
  agent.close();
});
