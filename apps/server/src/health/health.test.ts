// The probes a process manager or load balancer polls: /healthz says the process answers,
// /readyz that it can work (database takes a write, Redis answers), and neither says more.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, startInProcessServer, startRedisServer } from '@palique/server/testing';

test('/healthz and /readyz answer without a session, are never cached and reveal nothing but their status', async () => {
  const server = await startInProcessServer();
  try {
    const health = await fetch(`${server.url}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok' });
    assert.equal(health.headers.get('cache-control'), 'no-store');
    const ready = await fetch(`${server.url}/readyz`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { status: 'ready' });
    assert.equal(ready.headers.get('cache-control'), 'no-store');
  } finally {
    await server.close();
  }
});

test('/readyz turns 503 while Redis is unreachable and ready again when it is back; /healthz stays 200', async () => {
  const redis = await startRedisServer();
  const server = await startInProcessServer({ env: { REDIS_URL: redis.url, REDIS_KEY_PREFIX: 'readyz-test:' } });
  try {
    assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
    await redis.kill();
    const down = await fetch(`${server.url}/readyz`);
    assert.equal(down.status, 503);
    assert.deepEqual(await down.json(), { error: { code: 'not_ready', message: 'Redis is unreachable' } });
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200, 'the process itself is fine');
    const again = await startRedisServer(redis.port);
    try {
      await eventually(() => fetch(`${server.url}/readyz`).then((r) => r.status), (status) => status === 200, 15_000);
    } finally {
      await server.close();
      await again.kill();
    }
  } finally {
    await server.close();
    await redis.kill();
  }
});
