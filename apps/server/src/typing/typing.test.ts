// C4 against the real server: the visitor's box reaches the account's agents (no other account's),
// an agent's "is typing" reaches the conversation's visitor, floods are cut by the rate limit, and
// nothing of it is stored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addAccount, clientId, connectAgent, connectVisitor, messagesOf, serverWithOwner } from '@palique/server/testing';

const ctx = serverWithOwner();
const quiet = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('C4: agents see what the visitor is typing; other accounts do not; nothing is stored', async () => {
  const agent = await connectAgent(ctx.server, ctx.owner.cookie);
  const other = await addAccount(ctx.server);
  const stranger = await connectAgent(ctx.server, other.cookie);
  const visitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const first = await visitor.emit('message:send', { clientId: clientId(), text: 'hi' });
  assert.ok(first.ok);

  const strangerHeard: unknown[] = [];
  stranger.socket.on('visitor:typing', (e) => strangerHeard.push(e));
  const heard = agent.next('visitor:typing', 3_000, (e) => e.text === 'I need help with my ord');
  visitor.socket.emit('typing', { text: 'I need help with my ord' });
  const preview = await heard;
  assert.equal(preview.visitorId, first.message.authorId);

  const cleared = agent.next('visitor:typing', 3_000, (e) => e.text === '');
  visitor.socket.emit('typing', { text: '' });
  await cleared;
  // Malformed typing is dropped without an answer.
  visitor.socket.emit('typing', { text: 42 } as never);
  await quiet(200);
  assert.deepEqual(strangerHeard, []);
  const stored = await messagesOf(ctx.server, ctx.owner.cookie, first.message.conversationId);
  assert.deepEqual(stored.map((m) => m.text), ['hi']);
  for (const s of [agent, stranger, visitor]) s.close();
});

test('C4: the visitor hears "<name> is typing" from agents of their conversation only', async () => {
  const agent = await connectAgent(ctx.server, ctx.owner.cookie);
  const visitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const first = await visitor.emit('message:send', { clientId: clientId(), text: 'hello' });
  assert.ok(first.ok);
  const typing = visitor.next('agent:typing');
  agent.socket.emit('typing', { conversationId: first.message.conversationId, typing: true });
  const event = await typing;
  assert.equal(event.typing, true);
  assert.equal(event.name, 'Helena Prado');
  const stopped = visitor.next('agent:typing', 3_000, (e) => !e.typing);
  agent.socket.emit('typing', { conversationId: first.message.conversationId, typing: false });
  await stopped;

  // An agent of another account cannot reach this visitor with a conversation id of ours.
  const other = await addAccount(ctx.server);
  const stranger = await connectAgent(ctx.server, other.cookie);
  const heard: unknown[] = [];
  visitor.socket.on('agent:typing', (e) => heard.push(e));
  stranger.socket.emit('typing', { conversationId: first.message.conversationId, typing: true });
  await quiet(300);
  assert.deepEqual(heard, []);
  for (const s of [agent, stranger, visitor]) s.close();
});

test('C4: a flood of typing events is cut by the rate limit', async () => {
  const agent = await connectAgent(ctx.server, ctx.owner.cookie);
  const visitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  let heard = 0;
  agent.socket.on('visitor:typing', () => heard++);
  for (let i = 0; i < 100; i++) visitor.socket.emit('typing', { text: `x${i}` });
  await quiet(500);
  assert.ok(heard > 0 && heard <= 10, `heard ${heard}`);
  // Messages still go through at once.
  const ack = await visitor.emit('message:send', { clientId: clientId(), text: 'after the flood' });
  assert.ok(ack.ok);
  agent.close();
  visitor.close();
});
