// R8 for triggers: a trigger's wait is a durable timer. It survives a restart of the server that
// saw the page view, and with two servers on one database the targeted message is sent once.
// Data protection: a visitor's export lists their targeted messages; a delete leaves no firing
// and no pending trigger timer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, connectVisitor, setupOwner, startInProcessServer, TestClock, triggerRowsOfVisitor } from '@palique/server/testing';
import { useTriggers } from './test-support';

const cartBody = () => ({
  name: 'Cart',
  conditions: [{ type: 'page_url', op: 'contains', value: '/cart' }, { type: 'time_on_page', seconds: 60 }],
  action: { type: 'send_message', text: 'Need a hand with your order?', from: { type: 'team' } },
  frequency: 'once_per_visit',
  mode: 'both',
});

test('R8: a trigger\'s wait survives a restart, and two servers on one database send its message once', async (t) => {
  const clock = new TestClock(new Date());
  const env = { TIMER_POLL_MS: '20' };
  const a = await startInProcessServer({ clock, env });
  const b = await startInProcessServer({ clock, env, storageOf: a });
  t.after(async () => {
    await b.close();
    await a.close();
  });
  const owner = await setupOwner(a);
  await api(a, 'PUT', '/api/triggers/settings', { cookie: owner.cookie, body: { minDelaySeconds: 1, quietSeconds: 0 } });
  const body = cartBody();
  assert.equal((await api(a, 'POST', '/api/triggers', { cookie: owner.cookie, body })).status, 201);
  const { visitorOn } = useTriggers({ server: a }, clock);
  const visitor = await visitorOn(owner);
  await visitor.view('https://shop.example/cart');

  await a.stop(); // the server that saw the page view goes down with the wait pending
  await a.restart();
  const onB = useTriggers({ server: b }, clock);
  const socket = await connectVisitor(b, owner.widgetId, visitor.socket.token);
  // Two tabs, one on each server: without Redis a server only sees its own visitors online, and
  // a trigger never reaches out to a visitor who has left the site.
  const otherTab = await connectVisitor(a, owner.widgetId, visitor.socket.token);
  clock.advance(60_000);
  const widget = { socket };
  const until = Date.now() + 10_000;
  while ((await onB.proactiveOf(widget)).length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 300));
  await new Promise((r) => setTimeout(r, 500)); // many more polls of both servers
  assert.deepEqual((await onB.proactiveOf(widget)).map((m) => m.text), ['Need a hand with your order?']);
  socket.close();
  otherTab.close();
  visitor.close();
});

test('Data protection: the export lists the targeted messages; a delete leaves no firing and no pending trigger timer', async (t) => {
  const clock = new TestClock(new Date());
  const server = await startInProcessServer({ clock, env: { TIMER_POLL_MS: '20' } });
  t.after(() => server.close());
  const owner = await setupOwner(server);
  await api(server, 'PUT', '/api/triggers/settings', { cookie: owner.cookie, body: { minDelaySeconds: 1, quietSeconds: 0 } });
  await api(server, 'POST', '/api/triggers', { cookie: owner.cookie, body: cartBody() });
  await api(server, 'POST', '/api/triggers', { cookie: owner.cookie, body: { ...cartBody(), name: 'Later', conditions: [{ type: 'time_on_site', seconds: 3_600 }] } });
  const { visitorOn } = useTriggers({ server }, clock);
  const visitor = await visitorOn(owner);
  await visitor.view('https://shop.example/cart');
  await visitor.waitFor(60_000, 1);
  const exported = await api(server, 'GET', `/api/visitors/${visitor.id}/export`, { cookie: owner.cookie });
  assert.equal(exported.status, 200);
  assert.deepEqual(exported.body.targetedMessages.map((f: { triggerName: string; pageUrl: string }) => [f.triggerName, f.pageUrl]), [['Cart', 'https://shop.example/cart']]);
  assert.deepEqual(await triggerRowsOfVisitor(server, owner.accountId, visitor.id), { firings: 1, timers: 1 }, 'the "Later" trigger waits');
  assert.equal((await api(server, 'DELETE', `/api/visitors/${visitor.id}`, { cookie: owner.cookie })).status, 200);
  assert.deepEqual(await triggerRowsOfVisitor(server, owner.accountId, visitor.id), { firings: 0, timers: 0 });
  visitor.close();
});
