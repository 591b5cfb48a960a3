// A6 with two server processes on one PostgreSQL and Redis: both sign pushes with the one VAPID
// key pair kept in the database, and a visitor's message handled by one process pushes once to an
// agent who subscribed through the other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, clientId, connectVisitor, eventually, startCluster, startPushEndpoint } from '@palique/server/testing';

test('A6: every process serves the same VAPID key, and a new chat is pushed once', async () => {
  const endpoint = await startPushEndpoint();
  const cluster = await startCluster({ env: { PUSH_ALLOW_LOOPBACK_HTTP: 'true' } });
  try {
    const { owner, a, b } = cluster;
    const keyA = (await api(a, 'GET', '/api/push/key', { cookie: owner.cookie })).body.publicKey;
    const keyB = (await api(b, 'GET', '/api/push/key', { cookie: owner.cookie })).body.publicKey;
    assert.equal(keyA, keyB);
    const browser = endpoint.subscription();
    const subscribed = await api(a, 'POST', '/api/push/subscriptions', { cookie: owner.cookie, body: { endpoint: browser.endpoint, keys: browser.keys } });
    assert.equal(subscribed.status, 201);
    const visitor = await connectVisitor(b, owner.widgetId);
    assert.ok((await visitor.emit('message:send', { clientId: clientId(), text: 'Hello from B' })).ok);
    await eventually(() => browser.received().length, (n) => n === 1);
    const push = browser.received()[0]!;
    assert.ok(String(push.headers.authorization).endsWith(`k=${keyA}`));
    assert.equal((browser.decrypt(push) as { body: string }).body, 'Hello from B');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(browser.received().length, 1, 'once');
    visitor.close();
  } finally {
    await cluster.close();
    await endpoint.close();
  }
});
