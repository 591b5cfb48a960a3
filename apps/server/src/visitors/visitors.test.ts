// Visitors: tokens, details (setVisitor) and last-seen times.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectAgent, connectVisitor, serverWithOwner, visitorAsStored } from '@palique/server/testing';

const ctx = serverWithOwner();

test('C3: a returning visitor\'s last-seen time moves forward (written in batches, kept on shutdown)', async () => {
  const first = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const sync = await first.emit('sync', { after: 0 });
  assert.ok(sync.ok);
  const { visitor } = sync;
  first.close();
  await new Promise((r) => setTimeout(r, 20));
  const again = await connectVisitor(ctx.server, ctx.owner.widgetId, first.token);
  again.close();
  // Last-seen times wait in memory for their batch; shutting down writes them.
  await ctx.server.restart();
  const stored = await visitorAsStored(ctx.server, ctx.owner.widgetId, first.token);
  assert.ok(stored.lastSeenAt > visitor.lastSeenAt, `${stored.lastSeenAt} after ${visitor.lastSeenAt}`);
});

test('W7: setVisitor details reach the agents live and stay with the visitor', async () => {
  const agent = await connectAgent(ctx.server, ctx.owner.cookie);
  const visitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const heard = agent.next('visitor:updated');
  const ack = await visitor.emit('visitor:update', { name: 'Ada', email: 'ADA@example.com', data: { plan: 'Pro', items: 3 } });
  assert.ok(ack.ok);
  const update = await heard;
  assert.deepEqual([update.name, update.email, update.data], ['Ada', 'ada@example.com', { plan: 'Pro', items: 3 }]);
  // Data keys merge; an empty string clears a field.
  const second = await visitor.emit('visitor:update', { email: '', data: { cart: 'shoes' } });
  assert.ok(second.ok);
  const stored = await visitorAsStored(ctx.server, ctx.owner.widgetId, visitor.token);
  assert.equal(stored.id, update.id);
  assert.deepEqual([stored.name, stored.email, stored.data], ['Ada', null, { plan: 'Pro', items: 3, cart: 'shoes' }]);
  agent.close();
  visitor.close();
});
