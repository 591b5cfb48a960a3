// C8 + R4: the online visitors list across two processes on PostgreSQL + Redis: an agent on B
// lists and hears about a visitor connected to A, and starts a chat that reaches them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { OnlineVisitor, OnlineVisitorsChanges } from '@palique/protocol';
import { api, clientId, connectAgent, connectVisitor, eventually, startCluster, type Cluster } from '@palique/server/testing';

let cluster: Cluster;

before(async () => {
  cluster = await startCluster();
});
after(() => cluster?.close());

test('C8 + R4: an agent on process B sees a visitor of process A browse and leave, and starts a chat with them', async () => {
  const agent = await connectAgent(cluster.b, cluster.owner.cookie);
  const heard: OnlineVisitorsChanges[] = [];
  agent.socket.on('visitors:changes', (c) => heard.push(c));
  const visitor = await connectVisitor(cluster.a, cluster.owner.widgetId);
  const sync = await visitor.emit('sync', { after: 0 });
  assert.ok(sync.ok);
  const id = sync.visitor.id;

  // The page view reaches B (HTTP), the socket is on A: B's batch must still count them online.
  const view = await api(cluster.b, 'POST', `/api/widget/${cluster.owner.widgetId}/page-views`, {
    body: { url: 'https://shop.example/cart', title: 'Cart' },
    headers: { authorization: `Bearer ${visitor.token}` },
  });
  assert.equal(view.status, 204);
  const rowOf = () => heard.flatMap((c) => c.upserts).filter((r) => r.visitorId === id).at(-1);
  await eventually(() => rowOf()?.currentUrl, (url) => url === 'https://shop.example/cart');
  const listed = await api(cluster.b, 'GET', '/api/online-visitors', { cookie: cluster.owner.cookie });
  assert.ok((listed.body.visitors as OnlineVisitor[]).some((r) => r.visitorId === id && r.currentTitle === 'Cart'));

  const arrives = visitor.next('message:new', 5_000, (m) => m.text === 'Need a hand with your cart?');
  const started = await api(cluster.b, 'POST', `/api/online-visitors/${id}/chat`, { cookie: cluster.owner.cookie, body: { clientId: clientId(), text: 'Need a hand with your cart?' } });
  assert.equal(started.status, 200, JSON.stringify(started.body));
  await arrives;

  visitor.close();
  await eventually(() => heard.some((c) => c.removals.includes(id)), Boolean);
  agent.close();
});
