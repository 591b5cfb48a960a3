// The one table of limits: sign-in per account with backoff, IPv6 grouped by /64 (F5), limits
// that hold while Redis is down (per process instead of none), and which ones Redis shares.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { addAgent, api, setupOwner, startInProcessServer, startRedisServer } from '@palique/server/testing';
import { RateLimits, type LimitName, type LimitRule } from './limits';

const login = (server: { url: string }, email: string, password: string, from: string) =>
  api(server, 'POST', '/api/auth/login', { body: { email, password }, headers: { 'x-forwarded-for': from } }).then((r) => r.status);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('F5: wrong passwords for one account from many addresses make its sign-in back off, capped, and reset on success', async () => {
  const server = await startInProcessServer({ env: { TRUST_PROXY: 'true', LOGIN_RATE_LIMIT: '2', SIGNIN_BACKOFF_MAX_SECONDS: '2' } });
  try {
    const owner = await setupOwner(server);
    const { email } = await addAgent(server, owner.accountId, { name: 'Target', password: 'the real password', role: 'agent' });
    // Five addresses, each well within its own limit: the account's count is what stops them.
    const statuses = [];
    for (let i = 1; i <= 5; i++) statuses.push(await login(server, email, 'wrong password', `198.51.100.${i}`));
    assert.deepEqual(statuses, [401, 401, 429, 429, 429]);
    assert.equal(await login(server, email, 'the real password', '198.51.100.9'), 429, 'even the right password waits out the backoff');
    await sleep(1_100); // the first wait is 1 s
    assert.equal(await login(server, email, 'wrong password', '198.51.100.6'), 401);
    assert.equal(await login(server, email, 'the real password', '198.51.100.9'), 429, 'the next wait is longer');
    await sleep(2_100); // 2 s, the cap
    assert.equal(await login(server, email, 'the real password', '198.51.100.9'), 200, 'the owner gets in once the capped wait is over');
    // Success resets the count: the next wrong password is an ordinary 401 again.
    assert.equal(await login(server, email, 'wrong password', '198.51.100.7'), 401);
    assert.equal(await login(server, email, 'the real password', '198.51.100.9'), 200);
  } finally {
    await server.close();
  }
});

test('F5: every address of one IPv6 /64 shares the per-address sign-in limit', async () => {
  const server = await startInProcessServer({ env: { TRUST_PROXY: 'true', LOGIN_RATE_LIMIT: '2' } });
  try {
    await setupOwner(server);
    // Per address: 5 × LOGIN_RATE_LIMIT = 10 attempts per 15 minutes; each try uses another email
    // and another address of the same /64.
    const statuses = [];
    for (let i = 1; i <= 11; i++) statuses.push(await login(server, `nobody${i}@example.com`, 'guess', `2001:db8:7:7::${i.toString(16)}`));
    assert.deepEqual(statuses, [...Array(10).fill(401), 429]);
    assert.equal(await login(server, 'nobody@example.com', 'guess', '2001:db8:7:8::1'), 401, 'the next /64 is another client');
  } finally {
    await server.close();
  }
});

test('Redis down: rate limits fall back to per-process counting instead of letting everything through', async () => {
  const redis = await startRedisServer();
  const server = await startInProcessServer({ env: { REDIS_URL: redis.url, REDIS_KEY_PREFIX: 'limits-test:', LOGIN_RATE_LIMIT: '2' } });
  try {
    await setupOwner(server);
    await redis.kill();
    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push(await login(server, `guess${i}@example.com`, 'wrong', '127.0.0.1'));
    // 5 × 2 attempts per address, counted in this process's memory while Redis is away.
    assert.deepEqual(statuses, [...Array(10).fill(401), 429, 429]);
  } finally {
    await server.close();
    await redis.kill();
  }
});

test('with Redis, sign-in and new-visitor limits are shared by the processes; a visitor\'s own pace is counted where it is served', async () => {
  const redis = await startRedisServer();
  const clients = [new Redis(redis.url), new Redis(redis.url)];
  try {
    await Promise.all(clients.map((c) => c.ping())); // ready: before it, limits count in memory
    const rule: LimitRule = { points: 3, seconds: 60 };
    const table = Object.fromEntries(
      (['signInPerAddress', 'signInFailuresPerAccount', 'newVisitorPerAddress', 'visitorMessage', 'visitorUpdate', 'visitorSync', 'visitorTyping', 'agentTyping', 'agentWatch', 'visitorRead', 'visitorUpload', 'visitorPageView'] as LimitName[]).map((n) => [n, rule]),
    ) as Record<LimitName, LimitRule>;
    // Two processes sharing one Redis.
    const [one, two] = clients.map((client) => new RateLimits(table, 60, { client, keyPrefix: 'shared-test:' }));
    const outcome = (p: Promise<void>) => p.then(() => 'ok', (err: { status?: number }) => String(err.status));

    for (let i = 0; i < 3; i++) await one!.enforce('newVisitorPerAddress', '203.0.113.7');
    assert.equal(await outcome(two!.enforce('newVisitorPerAddress', '203.0.113.7')), '429', 'the other process sees the same count');
    for (let i = 0; i < 3; i++) await two!.enforce('signInPerAddress', '203.0.113.8');
    assert.equal(await outcome(one!.enforce('signInPerAddress', '203.0.113.8')), '429');

    for (let i = 0; i < 3; i++) await one!.enforce('visitorMessage', 'visitor-1');
    assert.equal(await outcome(one!.enforce('visitorMessage', 'visitor-1')), '429', 'the process serving the visitor holds them to the limit');
    assert.equal(await outcome(two!.enforce('visitorMessage', 'visitor-1')), 'ok', 'counted in the process that served them');
    assert.deepEqual(await clients[0]!.keys('shared-test:rate:visitor*'), [], 'no Redis round trip for a visitor\'s own pace');
  } finally {
    clients.forEach((c) => c.disconnect());
    await redis.kill();
  }
});
