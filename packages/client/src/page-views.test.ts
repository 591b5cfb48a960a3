// C3: page views through the visitor client, against a real server: those reported before the
// connection are sent once it is synced, in order, and the agent watching the visitor sees them.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, connectAgent, eventually, serverWithOwner } from '@palique/server/testing';
import { VisitorChatClient } from './visitor-client';

const ctx = serverWithOwner();
const clients: VisitorChatClient[] = [];
after(() => clients.forEach((c) => c.stop()));

test('C3: page views reported before the connection reach the server in order once connected; bad ones are dropped; the watching agent hears later ones', async () => {
  const agent = await connectAgent(ctx.server, ctx.owner.cookie);
  const client = new VisitorChatClient({ baseUrl: ctx.server.url, widgetId: ctx.owner.widgetId, storage: new Map(), ackTimeoutMs: 5_000 });
  clients.push(client);
  client.pageView({ url: 'https://shop.example/', title: 'Home', referrer: 'https://search.example/' });
  client.pageView({ url: 'javascript:alert(1)', title: 'Bad' }); // refused by the server, not retried
  client.pageView({ url: 'https://shop.example/shoes', title: 'Shoes' });
  await client.start();
  const visitorId = client.getState().visitorId!;
  const detailsOf = async () => (await api(ctx.server, 'GET', `/api/visitors/${visitorId}/details`, { cookie: ctx.owner.cookie })).body.details;
  const details = await eventually(detailsOf, (d) => d?.currentUrl === 'https://shop.example/shoes', 10_000);
  assert.deepEqual(details.pages.map((p: { title: string }) => p.title), ['Home', 'Shoes']);
  assert.equal(details.referrer, 'https://search.example/');
  // Later ones go at once, live to the agent watching this visitor (the conversation open).
  assert.equal((await agent.emit('visitor:watch', { visitorId })).ok, true);
  const heard = agent.next('visitor:details', 10_000, (d) => d.currentUrl === 'https://shop.example/cart');
  client.pageView({ url: 'https://shop.example/cart', title: 'Cart' });
  assert.deepEqual((await heard).pages.map((p) => p.title), ['Home', 'Shoes', 'Cart']);
  const stored = await eventually(detailsOf, (d) => d?.currentTitle === 'Cart', 5_000);
  assert.deepEqual(stored.pages.map((p: { title: string }) => p.title), ['Home', 'Shoes', 'Cart']);
  agent.close();
});
