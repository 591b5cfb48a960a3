// The documented deployment, end to end: nginx terminating TLS (self-signed, made by the test) in
// front of two Palique processes on PostgreSQL + Redis. A visitor on the demo site and an agent in
// the dashboard, on different processes, chat through it in Chromium over WebSockets; the session
// cookie is Secure; the client address is the one nginx added, not one the client wrote.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { freePort, startCluster, type Cluster, type ServerProcess } from '@palique/server/testing';
import { launchBrowser } from '../support/browser';
import { expect } from '../support/expect';
import { startTlsProxy, type TlsProxy } from '../support/nginx';
import { OWNER, agentSends, openWidget, signIn, visitorSends } from '../support/ui';

const METRICS_TOKEN = 'proxy-test-metrics-token-0123';
let cluster: Cluster;
let proxy: TlsProxy;
let browser: Browser;

before(async () => {
  const port = await freePort();
  cluster = await startCluster({
    owner: OWNER,
    env: { PUBLIC_URL: `https://localhost:${port}`, TRUST_PROXY: '1', METRICS_TOKEN, LOGIN_RATE_LIMIT: '2' },
  });
  proxy = await startTlsProxy([cluster.a.port, cluster.b.port], port);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await proxy?.stop();
  await cluster?.close();
});

/** How many visitor and agent sockets a process holds, from its metrics (asked directly, not through nginx). */
async function socketsOn(server: ServerProcess): Promise<{ visitors: number; agents: number }> {
  const text = await (await fetch(`${server.directUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const value = (name: string) => Number(/^(\S+) (\S+)$/m.exec(text.split('\n').find((l) => l.startsWith(`${name} `)) ?? `${name} 0`)?.[2] ?? 0);
  return { visitors: value('palique_connected_visitors'), agents: value('palique_connected_agents') };
}

test('through nginx with TLS: a visitor and an agent on different processes chat over WebSockets, with a Secure cookie', async () => {
  const agents: BrowserContext = await browser.newContext({ ignoreHTTPSErrors: true });
  const visitors: BrowserContext = await browser.newContext({ ignoreHTTPSErrors: true });
  try {
    const agent = await agents.newPage();
    const sockets: string[] = [];
    agent.on('websocket', (ws) => sockets.push(ws.url()));
    await signIn(agent, proxy.url);
    const cookie = (await agents.cookies(proxy.url)).find((c) => c.name === 'palique_session');
    assert.ok(cookie, 'signed in through the proxy');
    assert.equal(cookie.secure, true, 'the session cookie is Secure behind TLS');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    await expect(() => sockets.some((u) => u.startsWith(`wss://localhost:${proxy.port}/socket.io/`)), 'the dashboard upgraded to a WebSocket through nginx');

    // The demo site on another origin (127.0.0.1) loads the widget from https://localhost.
    const site: Page = await visitors.newPage();
    let frame = undefined as Awaited<ReturnType<typeof openWidget>> | undefined;
    let placed = '';
    for (let attempt = 0; attempt < 8 && !placed; attempt++) {
      await site.goto(`https://127.0.0.1:${proxy.port}/demo/`);
      frame = await openWidget(site);
      await expect(async () => {
        const [a, b] = await Promise.all([socketsOn(cluster.a), socketsOn(cluster.b)]);
        return a.agents + b.agents === 1 && a.visitors + b.visitors === 1;
      }, 'one agent and one visitor connected');
      const [a, b] = await Promise.all([socketsOn(cluster.a), socketsOn(cluster.b)]);
      if ((a.agents === 1 && b.visitors === 1) || (b.agents === 1 && a.visitors === 1)) placed = a.agents === 1 ? 'agent on A, visitor on B' : 'agent on B, visitor on A';
    }
    assert.ok(placed, 'nginx spread the two sockets over both processes');

    await visitorSends(frame!, 'Hello through the proxy');
    await agent.getByText('Hello through the proxy').first().click();
    await expect(() => agent.getByRole('log').getByText('Hello through the proxy').isVisible(), `the agent sees it (${placed})`);
    await agentSends(agent, 'Answered across processes');
    await expect(() => frame!.getByText('Answered across processes').isVisible(), 'the visitor sees the reply');
  } finally {
    await agents.close();
    await visitors.close();
  }
});

test('through nginx: the address nginx added counts for the limits, whatever the client wrote', async () => {
  const login = (i: number) =>
    new Promise<number>((resolve, reject) => {
      const body = JSON.stringify({ email: `nobody${i}@example.com`, password: 'guess' });
      const req = https.request(
        `${proxy.url}/api/auth/login`,
        { method: 'POST', rejectUnauthorized: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-forwarded-for': `198.51.100.${i}` } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const statuses: number[] = [];
  // 5 × LOGIN_RATE_LIMIT = 10 tries per address (the sign-in of the test before counts too); each
  // try claims another address, all come from 127.0.0.1. Trusting the header would let all 11 through.
  for (let i = 1; i <= 11; i++) statuses.push(await login(i));
  assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401], statuses.join(' '));
  assert.equal(statuses.at(-1), 429, `the 11th try from one real address is held back: ${statuses.join(' ')}`);
});
