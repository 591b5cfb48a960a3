// C3: page views through the visitor client, against a real server: those reported before the
// connection are sent once it is synced, in order, and the agents see them.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, connectAgent, eventually, serverWithOwner } from '@palique/server/testing';
import { VisitorChatClient } from './visitor-client';

const ctx = serverWithOwner();
const clients: VisitorChatClient[] = [];
after(() => clients.forEach((c) => c.stop()));

test('C3: page views reported before the connection reach the agents in order once connected; bad ones are dropped', async () => {
  const agent = await connectAgent(ctx.server, ctx.owner.cookie);
  const client = new VisitorChatClient({ baseUrl: ctx.server.url, widgetId: ctx.owner.widgetId, storage: new Map(), ackTimeoutMs: 5_000 });
  clients.push(client);
  client.pageView({ url: 'https://shop.example/', title: 'Home', referrer: 'https://search.example/' });
  client.pageView({ url: 'javascript:alert(1)', title: 'Bad' }); // refused by the server, not retried
  client.pageView({ url: 'https://shop.example/shoes', title: 'Shoes' });
  const heard = agent.next('visitor:details', 10_000, (d) => d.currentUrl === 'https://shop.example/shoes');
  await client.start();
  const details = await heard;
  assert.deepEqual(details.pages.map((p) => p.title), ['Home', 'Shoes']);
  assert.equal(details.referrer, 'https://search.example/');
  // Later ones go at once.
  client.pageView({ url: 'https://shop.example/cart', title: 'Cart' });
  const visitorId = client.getState().visitorId!;
  const stored = await eventually(
    async () => (await api(ctx.server, 'GET', `/api/visitors/${visitorId}/details`, { cookie: ctx.owner.cookie })).body.details,
    (d) => d?.currentTitle === 'Cart',
    5_000,
  );
  assert.deepEqual(stored.pages.map((p: { title: string }) => p.title), ['Home', 'Shoes', 'Cart']);
  agent.close();
});
