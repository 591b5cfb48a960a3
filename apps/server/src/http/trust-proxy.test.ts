// Behind a proxy the client address is the one the proxy added, never what the client wrote: a
// client that sends its own X-Forwarded-For must not escape the per-address limits. TRUST_PROXY
// names the proxies (a hop count or their addresses); `true` means the one proxy in front.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, setupOwner, startInProcessServer } from '@palique/server/testing';

/** A sign-in as it reaches Palique through a proxy that appends the client's real address. */
let guesses = 0;
/** Each try names another email, so only the per-address limit can stop them (not the per-account backoff). */
const loginVia = (server: { url: string }, forwardedFor: string) =>
  api(server, 'POST', '/api/auth/login', { body: { email: `nobody${++guesses}@example.com`, password: 'guess' }, headers: { 'x-forwarded-for': forwardedFor } });

/** Eleven tries from one real address, each claiming another address on the left. */
async function spoofedStatuses(server: { url: string }): Promise<number[]> {
  const statuses = [];
  for (let i = 1; i <= 11; i++) statuses.push((await loginVia(server, `198.51.100.${i}, 203.0.113.5`)).status);
  return statuses;
}

for (const trust of ['1', 'true', '127.0.0.1', '127.0.0.0/8, ::1']) {
  test(`TRUST_PROXY=${trust}: the address the proxy added counts, whatever the client wrote before it`, async () => {
    const server = await startInProcessServer({ env: { TRUST_PROXY: trust, LOGIN_RATE_LIMIT: '2' } });
    try {
      await setupOwner(server);
      // 5 × LOGIN_RATE_LIMIT = 10 tries per address per 15 minutes.
      assert.deepEqual(await spoofedStatuses(server), [...Array(10).fill(401), 429]);
      assert.equal((await loginVia(server, '203.0.113.5, 203.0.113.6')).status, 401, 'another real client is not held back');
    } finally {
      await server.close();
    }
  });
}

test('TRUST_PROXY=2: two proxies in front, the outer one\'s entry is the client', async () => {
  const server = await startInProcessServer({ env: { TRUST_PROXY: '2', LOGIN_RATE_LIMIT: '2' } });
  try {
    await setupOwner(server);
    const statuses = [];
    // client-written, the real client (added by the outer proxy), the outer proxy (added by the inner one)
    for (let i = 1; i <= 11; i++) statuses.push((await loginVia(server, `198.51.100.${i}, 203.0.113.5, 10.0.0.${i}`)).status);
    assert.deepEqual(statuses, [...Array(10).fill(401), 429]);
  } finally {
    await server.close();
  }
});

test('without TRUST_PROXY, X-Forwarded-For and X-Forwarded-Proto are ignored', async () => {
  const server = await startInProcessServer({ env: { LOGIN_RATE_LIMIT: '2' } });
  try {
    const statuses = [];
    for (let i = 1; i <= 11; i++) statuses.push((await loginVia(server, `198.51.100.${i}`)).status);
    assert.deepEqual(statuses, [...Array(10).fill(401), 429], 'every try counts against the connection\'s own address');
  } finally {
    await server.close();
  }
});

test('a trusted proxy that terminated TLS makes the session cookie Secure; an untrusted header does not', async () => {
  for (const [trust, secure] of [['1', true], ['false', false]] as const) {
    const server = await startInProcessServer({ env: { TRUST_PROXY: trust } });
    try {
      const owner = await setupOwner(server);
      const res = await api(server, 'POST', '/api/auth/login', {
        body: { email: owner.email, password: owner.password },
        headers: { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'https' },
      });
      assert.equal(res.status, 200);
      const cookie = res.headers.get('set-cookie') ?? '';
      assert.match(cookie, /HttpOnly/i);
      assert.equal(/;\s*Secure/i.test(cookie), secure, `TRUST_PROXY=${trust}: ${cookie}`);
    } finally {
      await server.close();
    }
  }
});
