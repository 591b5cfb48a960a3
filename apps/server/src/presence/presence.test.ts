// W2: the widget is live while an Online agent has the dashboard open, messenger otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectAgent, connectVisitor, serverWithOwner, type VisitorSocket } from '@palique/server/testing';

const ctx = serverWithOwner();

/**
 * The next mode pushed that differs from `current`. The widget ignores a repeat (another
 * process's recheck, or a change racing this one, may push the mode it already shows).
 */
const nextMode = (visitor: VisitorSocket, current: string) => visitor.next('mode', undefined, ({ mode }) => mode !== current);

test('W2: messenger mode while no agent is connected; live as soon as an online agent connects', async () => {
  const visitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const sync = await visitor.emit('sync', { after: 0 });
  assert.ok(sync.ok);
  assert.equal(sync.mode, 'messenger');
  const goesLive = nextMode(visitor, 'messenger');
  const agent = await connectAgent(ctx.server, ctx.owner.cookie);
  assert.deepEqual(await goesLive, { mode: 'live' });
  const goesOffline = nextMode(visitor, 'live');
  agent.close();
  assert.deepEqual(await goesOffline, { mode: 'messenger' });
  visitor.close();
});

test('W2: invisible and offline agents do not count as online', async () => {
  const agent = await connectAgent(ctx.server, ctx.owner.cookie);
  const visitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  assert.equal((await visitor.emit('sync', { after: 0 }) as any).mode, 'live');
  let shown = 'live';
  for (const [status, mode] of [['invisible', 'messenger'], ['online', 'live'], ['offline', 'messenger'], ['online', 'live']] as const) {
    const change = nextMode(visitor, shown);
    const ack = await agent.emit('status:set', { status });
    assert.ok(ack.ok);
    assert.deepEqual(await change, { mode }, `after ${status}`);
    shown = mode;
  }
  // The status is kept: a new visitor sees it at once.
  await agent.emit('status:set', { status: 'invisible' });
  const later = await connectVisitor(ctx.server, ctx.owner.widgetId);
  assert.equal((await later.emit('sync', { after: 0 }) as any).mode, 'messenger');
  await agent.emit('status:set', { status: 'online' });
  agent.close();
  visitor.close();
  later.close();
});

test('W2: one online agent among several keeps the widget live', async () => {
  const first = await connectAgent(ctx.server, ctx.owner.cookie);
  const second = await connectAgent(ctx.server, ctx.owner.cookie);
  const visitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  first.close();
  await new Promise((r) => setTimeout(r, 150));
  assert.equal((await visitor.emit('sync', { after: 0 }) as any).mode, 'live');
  second.close();
  visitor.close();
});
