// C3: an agent hears a visitor's page views (`visitor:details`) only while watching that visitor
// (the conversation open in the dashboard); other agents, and other accounts, hear nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { VisitorDetails } from '@palique/protocol';
import { addAccount, api, connectAgent, serverWithOwner, type AgentSocket } from '@palique/server/testing';

const ctx = serverWithOwner();

async function newVisitor(widgetId = ctx.owner.widgetId): Promise<{ token: string; id: string }> {
  const res = await api(ctx.server, 'POST', `/api/widget/${widgetId}/visitors`, { body: {} });
  return { token: res.body.token as string, id: res.body.visitorId as string };
}

async function pageView(visitor: { token: string }, url: string, widgetId = ctx.owner.widgetId): Promise<void> {
  const res = await api(ctx.server, 'POST', `/api/widget/${widgetId}/page-views`, { body: { url }, headers: { authorization: `Bearer ${visitor.token}` } });
  assert.equal(res.status, 204);
}

/** Every `visitor:details` the agent hears, as "<visitor id> <url>". */
function heardBy(agent: AgentSocket): string[] {
  const heard: string[] = [];
  agent.socket.on('visitor:details', (d: VisitorDetails) => heard.push(`${d.visitorId} ${d.currentUrl}`));
  return heard;
}

test('C3: an agent watching visitor A hears A\'s page views, not B\'s; an agent watching nobody hears none', async () => {
  const [watcher, other] = await Promise.all([connectAgent(ctx.server, ctx.owner.cookie), connectAgent(ctx.server, ctx.owner.cookie)]);
  const [a, b] = await Promise.all([newVisitor(), newVisitor()]);
  const watcherHeard = heardBy(watcher);
  const otherHeard = heardBy(other);
  assert.deepEqual(await watcher.emit('visitor:watch', { visitorId: a.id }), { ok: true });
  // B's page view goes first: had it been sent to the watcher, it would be heard before A's.
  await pageView(b, 'https://shop.example/b1');
  const seen = watcher.next('visitor:details', 5_000, (d) => d.currentUrl === 'https://shop.example/a1');
  await pageView(a, 'https://shop.example/a1');
  await seen;
  assert.deepEqual(watcherHeard, [`${a.id} https://shop.example/a1`]);

  // Watching B leaves A; the other agent now watches A (so its silence so far means something).
  assert.equal((await watcher.emit('visitor:watch', { visitorId: b.id })).ok, true);
  assert.equal((await other.emit('visitor:watch', { visitorId: a.id })).ok, true);
  await pageView(a, 'https://shop.example/a2');
  const seenB = watcher.next('visitor:details', 5_000, (d) => d.currentUrl === 'https://shop.example/b2');
  await pageView(b, 'https://shop.example/b2');
  await seenB;
  assert.deepEqual(watcherHeard, [`${a.id} https://shop.example/a1`, `${b.id} https://shop.example/b2`]);
  assert.deepEqual(otherHeard, [`${a.id} https://shop.example/a2`], 'nothing before it watched, A only after');

  // null: nobody any more.
  assert.equal((await watcher.emit('visitor:watch', { visitorId: null })).ok, true);
  await pageView(b, 'https://shop.example/b3');
  const seenA = other.next('visitor:details', 5_000, (d) => d.currentUrl === 'https://shop.example/a3');
  await pageView(a, 'https://shop.example/a3');
  await seenA;
  assert.equal(watcherHeard.length, 2, 'no page view after unwatching');
  watcher.close();
  other.close();
});

test('C3: an agent of another account cannot watch a visitor of this one (error, nothing heard)', async () => {
  const otherAccount = await addAccount(ctx.server, { siteName: 'Other' });
  const intruder = await connectAgent(ctx.server, otherAccount.cookie);
  const heard = heardBy(intruder);
  const visitor = await newVisitor();
  const ack = await intruder.emit('visitor:watch', { visitorId: visitor.id });
  assert.equal(ack.ok, false);
  assert.ok(!ack.ok && ack.error.code);
  // Its own visitor it may watch: its page view comes after this account's, and is the only one heard.
  const own = await newVisitor(otherAccount.widgetId);
  assert.equal((await intruder.emit('visitor:watch', { visitorId: own.id })).ok, true);
  await pageView(visitor, 'https://shop.example/secret');
  const seen = intruder.next('visitor:details', 5_000, (d) => d.visitorId === own.id);
  await pageView(own, 'https://other.example/', otherAccount.widgetId);
  await seen;
  assert.deepEqual(heard, [`${own.id} https://other.example/`]);
  intruder.close();
});

test('C3: a malformed watch is refused', async () => {
  const agent = await connectAgent(ctx.server, ctx.owner.cookie);
  for (const body of [{}, { visitorId: 42 }, { visitorId: '../x' }, undefined]) {
    const ack = await agent.emitMalformed('visitor:watch', body);
    assert.equal(ack.ok, false, JSON.stringify(body));
  }
  agent.close();
});
