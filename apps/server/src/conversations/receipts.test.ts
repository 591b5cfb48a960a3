// W5 against the real server: read receipts both ways, stored, never backwards, after reconnects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addAccount, clientId, connectAgent, connectVisitor, serverWithOwner } from '@palique/server/testing';

const ctx = serverWithOwner();

test('W5: the visitor hears when an agent read their messages; the agent when the visitor read theirs', async () => {
  const agent = await connectAgent(ctx.server, ctx.owner.cookie);
  const visitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const first = await visitor.emit('message:send', { clientId: clientId(), text: 'hello?' });
  assert.ok(first.ok);
  const conversationId = first.message.conversationId;

  const seen = visitor.next('agents:read');
  const ack = await agent.emit('conversation:seen', { conversationId, seq: 1 });
  assert.ok(ack.ok);
  assert.equal(ack.agentReadSeq, 1);
  assert.deepEqual(await seen, { seq: 1 });

  const reply = await agent.emit('message:send', { conversationId, clientId: clientId(), text: 'hi!' });
  assert.ok(reply.ok);
  const read = agent.next('visitor:read');
  const visitorAck = await visitor.emit('read', { seq: 2 });
  assert.ok(visitorAck.ok);
  assert.deepEqual([visitorAck.visitorReadSeq, visitorAck.agentReadSeq], [2, 1]);
  assert.deepEqual(await read, { conversationId, seq: 2 });
  agent.close();
  visitor.close();
});

test('W5: receipts never move backwards, never past the last message, and survive reconnects', async () => {
  const visitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  for (let i = 0; i < 3; i++) assert.ok((await visitor.emit('message:send', { clientId: clientId(), text: `m${i}` })).ok);
  const sync = await visitor.emit('sync', { after: 0 });
  assert.ok(sync.ok);
  const conversationId = sync.messages[0]!.conversationId;
  const agent = await connectAgent(ctx.server, ctx.owner.cookie);
  assert.ok((await agent.emit('conversation:seen', { conversationId, seq: 3 })).ok);
  const back = await agent.emit('conversation:seen', { conversationId, seq: 1 });
  assert.ok(back.ok && back.agentReadSeq === 3);
  const beyond = await agent.emit('conversation:seen', { conversationId, seq: 99 });
  assert.ok(beyond.ok && beyond.agentReadSeq === 3);
  agent.close();
  visitor.close();

  // A new connection (a reload, a reconnect) asks and gets the stored positions.
  const again = await connectVisitor(ctx.server, ctx.owner.widgetId, visitor.token);
  const ask = await again.emit('read', { seq: 0 });
  assert.ok(ask.ok);
  assert.equal(ask.agentReadSeq, 3);
  again.close();
});

test('W5: an agent of another account cannot mark or read our receipts', async () => {
  const visitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const first = await visitor.emit('message:send', { clientId: clientId(), text: 'private' });
  assert.ok(first.ok);
  const other = await addAccount(ctx.server);
  const stranger = await connectAgent(ctx.server, other.cookie);
  const ack = await stranger.emit('conversation:seen', { conversationId: first.message.conversationId, seq: 1 });
  assert.equal(ack.ok, false);
  const ask = await visitor.emit('read', { seq: 0 });
  assert.ok(ask.ok && ask.agentReadSeq === 0);
  stranger.close();
  visitor.close();
});
