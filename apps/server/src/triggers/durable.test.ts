// R8 for triggers: a trigger's wait is a durable timer. It survives a restart of the server that
// saw the page view, and with two servers on one database the targeted message is sent once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, connectVisitor, setupOwner, startInProcessServer, TestClock } from '@palique/server/testing';
import { useTriggers } from './test-support';

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
  const body = {
    name: 'Cart',
    conditions: [{ type: 'page_url', op: 'contains', value: '/cart' }, { type: 'time_on_page', seconds: 60 }],
    action: { type: 'send_message', text: 'Need a hand with your order?', from: { type: 'team' } },
    frequency: 'once_per_visit',
    mode: 'both',
  };
  assert.equal((await api(a, 'POST', '/api/triggers', { cookie: owner.cookie, body })).status, 201);
  const { visitorOn } = useTriggers({ server: a }, clock);
  const visitor = await visitorOn(owner);
  await visitor.view('https://shop.example/cart');

  await a.stop(); // the server that saw the page view goes down with the wait pending
  clock.advance(60_000);
  await a.restart();
  const onB = useTriggers({ server: b }, clock);
  const socket = await connectVisitor(b, owner.widgetId, visitor.socket.token);
  const widget = { socket };
  const until = Date.now() + 10_000;
  while ((await onB.proactiveOf(widget)).length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 300));
  await new Promise((r) => setTimeout(r, 500)); // many more polls of both servers
  assert.deepEqual((await onB.proactiveOf(widget)).map((m) => m.text), ['Need a hand with your order?']);
  socket.close();
  visitor.close();
});
