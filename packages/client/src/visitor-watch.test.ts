// C3: the agent client watches the visitor on screen: it hears that visitor's page views only,
// and keeps hearing them after its connection drops and comes back (the watch is sent again).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { VisitorDetails } from '@palique/protocol';
import { api, eventually, serverWithOwner } from '@palique/server/testing';
import { AgentClient } from './agent-client';

const ctx = serverWithOwner();
const agent = new AgentClient();
after(() => agent.disconnect());

async function newVisitor(): Promise<{ token: string; id: string }> {
  const res = await api(ctx.server, 'POST', `/api/widget/${ctx.owner.widgetId}/visitors`, { body: {} });
  return { token: res.body.token as string, id: res.body.visitorId as string };
}

async function pageView(visitor: { token: string }, url: string): Promise<void> {
  const res = await api(ctx.server, 'POST', `/api/widget/${ctx.owner.widgetId}/page-views`, { body: { url }, headers: { authorization: `Bearer ${visitor.token}` } });
  assert.equal(res.status, 204);
}

test('C3: the watched visitor\'s page views are heard, the others\' not, and still after a reconnect', async () => {
  const connected = new Promise<void>((resolve) => agent.on('connect', () => resolve()));
  agent.connect(ctx.server.url, { cookie: ctx.owner.cookie, ackTimeoutMs: 5_000 });
  await connected;
  const [a, b] = await Promise.all([newVisitor(), newVisitor()]);
  const heard: string[] = [];
  agent.on('visitor:details', (d: VisitorDetails) => heard.push(d.currentUrl ?? ''));
  assert.equal(await agent.watchVisitor(a.id), true);
  await pageView(b, 'https://shop.example/b1');
  await pageView(a, 'https://shop.example/a1');
  await eventually(() => heard, (h) => h.length > 0, 5_000);
  assert.deepEqual(heard, ['https://shop.example/a1']);

  // The network drops (not a sign-out): the client reconnects by itself, on a new socket.
  const reconnected = new Promise<void>((resolve) => agent.on('connect', ({ reconnect }) => reconnect && resolve()));
  for (const socket of ctx.server.io.of('/agent').sockets.values()) socket.conn.close();
  await reconnected;
  // The watch is sent again right after the connect: page views until one is heard.
  let n = 0;
  await eventually(
    async () => {
      await pageView(a, `https://shop.example/a-after-${++n}`);
      await new Promise((r) => setTimeout(r, 100));
      return heard;
    },
    (h) => h.some((url) => url.startsWith('https://shop.example/a-after-')),
    5_000,
  );
  assert.ok(n <= 3, `heard again soon after the reconnect (after ${n} page views)`);
  await pageView(b, 'https://shop.example/b2');
  assert.equal(await agent.watchVisitor(null), true);
  await pageView(a, 'https://shop.example/a-unwatched');
  // B's and the unwatched page view: a page view of a visitor watched again after both proves the silence.
  assert.equal(await agent.watchVisitor(b.id), true);
  await pageView(b, 'https://shop.example/b3');
  await eventually(() => heard, (h) => h.includes('https://shop.example/b3'), 5_000);
  assert.deepEqual(heard.filter((url) => !url.includes('/a-after-')), ['https://shop.example/a1', 'https://shop.example/b3']);
});
