// W1: the demo page is for trying Palique on the machine it runs on (loopback clients only,
// TRUST_PROXY-aware) unless the owner turns on "Demo page for other addresses"; the "Chat
// widget" section learns whether PUBLIC_URL was set, to warn about a snippet pointing at localhost.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { isLoopback } from './demo-access';
import { addAgent, api, serverWithOwner, setupOwner, signIn, startInProcessServer } from '@palique/server/testing';

// One trusted proxy in front: X-Forwarded-For from it names the client, as behind nginx.
const ctx = serverWithOwner({ env: { TRUST_PROXY: '1' } });
const fromAnotherComputer = { headers: { 'x-forwarded-for': '203.0.113.7' } };

test('W1: the demo page answers another address with a clear 404 page', async () => {
  const res = await api(ctx.server, 'GET', '/demo/', fromAnotherComputer);
  assert.equal(res.status, 404);
  assert.match(res.headers.get('content-type') ?? '', /text\/html/);
  assert.match(res.body, /The demo page is not available here/);
  assert.match(res.body, /Demo page for other addresses/);
  assert.doesNotMatch(res.body, /data-widget-id/, 'no snippet for other addresses');
});

test('W1: the demo page is served to the machine Palique runs on (loopback)', async () => {
  const direct = await api(ctx.server, 'GET', '/demo/');
  assert.equal(direct.status, 200);
  assert.match(direct.body, /data-widget-id="/);
  // Through the proxy on the same machine: the client is 127.0.0.1 or ::1.
  for (const address of ['127.0.0.1', '::1']) {
    assert.equal((await api(ctx.server, 'GET', '/demo/', { headers: { 'x-forwarded-for': address } })).status, 200, address);
  }
});

test('W1: after the owner turns on "Demo page for other addresses", other addresses get the demo page', async () => {
  const { server, owner } = ctx;
  assert.equal((await api(server, 'GET', '/api/widget', { cookie: owner.cookie })).body.demoPageForOtherAddresses, false);
  const on = await api(server, 'PUT', '/api/widget/demo-page', { cookie: owner.cookie, body: { forOtherAddresses: true } });
  assert.equal(on.status, 200);
  assert.deepEqual(on.body, { forOtherAddresses: true });
  assert.equal((await api(server, 'GET', '/api/widget', { cookie: owner.cookie })).body.demoPageForOtherAddresses, true);
  const res = await api(server, 'GET', '/demo/', fromAnotherComputer);
  assert.equal(res.status, 200);
  assert.match(res.body, /data-widget-id="/);
  // And off again.
  await api(server, 'PUT', '/api/widget/demo-page', { cookie: owner.cookie, body: { forOtherAddresses: false } });
  assert.equal((await api(server, 'GET', '/demo/', fromAnotherComputer)).status, 404);
});

test('W1: an agent cannot change the demo page setting (403); an admin can; a bad body is 400', async () => {
  const { server, owner } = ctx;
  const agent = await addAgent(server, owner.accountId, { name: 'Ana Agent', password: 'agent password 1', role: 'agent' });
  const agentCookie = await signIn(server, agent.email, 'agent password 1');
  const asAgent = await api(server, 'PUT', '/api/widget/demo-page', { cookie: agentCookie, body: { forOtherAddresses: true } });
  assert.equal(asAgent.status, 403);
  assert.equal(asAgent.body.error.code, 'forbidden');
  assert.equal((await api(server, 'GET', '/demo/', fromAnotherComputer)).status, 404, 'still closed');
  const admin = await addAgent(server, owner.accountId, { name: 'Ada Admin', password: 'admin password 1', role: 'admin' });
  const adminCookie = await signIn(server, admin.email, 'admin password 1');
  assert.equal((await api(server, 'PUT', '/api/widget/demo-page', { cookie: adminCookie, body: { forOtherAddresses: true } })).status, 200);
  await api(server, 'PUT', '/api/widget/demo-page', { cookie: adminCookie, body: { forOtherAddresses: false } });
  const bad = await api(server, 'PUT', '/api/widget/demo-page', { cookie: owner.cookie, body: { forOtherAddresses: 'yes' } });
  assert.equal(bad.status, 400);
});

test('W1: GET /api/widget says PUBLIC_URL was set, and where the snippet points', async () => {
  const { server, owner } = ctx;
  const res = await api(server, 'GET', '/api/widget', { cookie: owner.cookie });
  assert.equal(res.status, 200);
  assert.equal(res.body.publicUrlSet, true);
  assert.equal(res.body.publicUrl, server.url);
  assert.ok(res.body.snippet.includes(`${server.url}/widget.js`));
});

test('W1: loopback is 127.0.0.0/8 and ::1, also IPv4-mapped; nothing else', () => {
  for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) assert.ok(isLoopback(address), address);
  for (const address of ['203.0.113.7', '10.0.0.1', '::ffff:192.168.1.5', '2001:db8::1', '::', '0.0.0.0', '127.0.0.1.example.com']) {
    assert.ok(!isLoopback(address), address);
  }
});

const unset = await startInProcessServer({ env: { PUBLIC_URL: '' } });
after(() => unset.close());

test('W1: without PUBLIC_URL the snippet points at localhost and GET /api/widget says it was not set', async () => {
  const owner = await setupOwner(unset);
  const res = await api(unset, 'GET', '/api/widget', { cookie: owner.cookie });
  assert.equal(res.status, 200);
  assert.equal(res.body.publicUrlSet, false);
  assert.equal(res.body.publicUrl, `http://localhost:${unset.port}`);
  assert.ok(res.body.snippet.includes(`src="http://localhost:${unset.port}/widget.js"`));
});
