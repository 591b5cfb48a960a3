// The messages for the agents of one moment travel together (`conversation:messages`): fewer
// frames, and with several processes fewer Redis publishes, each message still heard once, in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientId, connectAgent, connectVisitor, eventually, serverWithOwner } from '@palique/server/testing';

const ctx = serverWithOwner();

test('messages sent at the same moment reach an agent in fewer frames, each once, in the order they were stored', async () => {
  const agent = await connectAgent(ctx.server, ctx.owner.cookie);
  // Frames as they arrive (the harness then unpacks a batch into `conversation:message`).
  let frames = 0;
  let batched = 0;
  agent.socket.onAny((event: string) => {
    if (event === 'conversation:message' || event === 'conversation:messages') frames += 1;
    if (event === 'conversation:messages') batched += 1;
  });
  const heard: Array<{ text: string; seq: number; conversationId: string }> = [];
  agent.socket.on('conversation:message', ({ message }) => void heard.push({ text: message.text, seq: message.seq, conversationId: message.conversationId }));
  const visitors = await Promise.all(Array.from({ length: 20 }, () => connectVisitor(ctx.server, ctx.owner.widgetId)));
  // Each visitor sends three at once, all visitors together.
  const sent = await Promise.all(
    visitors.map((v, i) => Promise.all([1, 2, 3].map((n) => v.emit('message:send', { clientId: clientId(), text: `v${i} m${n}` })))),
  );
  for (const acks of sent) for (const ack of acks) assert.ok(ack.ok);
  await eventually(() => heard.length, (n) => n >= 60, 5_000);
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(heard.length, 60, 'each message once');
  assert.deepEqual(new Set(heard.map((h) => h.text)).size, 60);
  // Within each chat, in the order stored.
  const byChat = new Map<string, number[]>();
  for (const h of heard) byChat.set(h.conversationId, [...(byChat.get(h.conversationId) ?? []), h.seq]);
  for (const seqs of byChat.values()) assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
  assert.ok(batched > 0, 'some arrived together');
  assert.ok(frames < 60, `fewer frames than messages (${frames})`);
  visitors.forEach((v) => v.close());
  agent.close();
});

test('an agent is not sent their own message; the other agents hear it', async () => {
  const first = await connectAgent(ctx.server, ctx.owner.cookie);
  const second = await connectAgent(ctx.server, ctx.owner.cookie);
  const visitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const asked = await visitor.emit('message:send', { clientId: clientId(), text: 'Hello?' });
  assert.ok(asked.ok);
  const ownHeard: string[] = [];
  first.socket.on('conversation:message', ({ message }) => void ownHeard.push(message.text));
  const otherHears = second.next('conversation:message', undefined, ({ message }) => message.text === 'Answer 3');
  const answers = await Promise.all([1, 2, 3].map((n) => first.emit('message:send', { conversationId: asked.message.conversationId, clientId: clientId(), text: `Answer ${n}` })));
  for (const a of answers) assert.ok(a.ok);
  await otherHears;
  await new Promise((r) => setTimeout(r, 200));
  assert.deepEqual(ownHeard.filter((t) => t.startsWith('Answer')), []);
  first.close();
  second.close();
  visitor.close();
});
