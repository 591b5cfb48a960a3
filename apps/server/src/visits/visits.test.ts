// C3: page views → visitor details: order, visits after inactivity (moved clock), device and
// location from the request, live updates to the agents watching the visitor only, limits and bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addAccount, api, connectAgent, serverWithOwner, TestClock, type ApiResult } from '@palique/server/testing';

const clock = new TestClock('2026-03-02T08:00:00.000Z');
// One proxy in front: the address it adds (X-Forwarded-For) is the visitor's.
const ctx = serverWithOwner({ clock, env: { TRUST_PROXY: '1' } });

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

async function newVisitor(widgetId = ctx.owner.widgetId): Promise<string> {
  const res = await api(ctx.server, 'POST', `/api/widget/${widgetId}/visitors`, { body: {} });
  return res.body.token as string;
}

function pageView(token: string, body: unknown, opts: { ip?: string; widgetId?: string } = {}): Promise<ApiResult> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'user-agent': IPHONE };
  if (opts.ip) headers['x-forwarded-for'] = opts.ip;
  return api(ctx.server, 'POST', `/api/widget/${opts.widgetId ?? ctx.owner.widgetId}/page-views`, { body, headers });
}

async function visitorIdOf(token: string, widgetId = ctx.owner.widgetId): Promise<string> {
  const res = await api(ctx.server, 'POST', `/api/widget/${widgetId}/visitors`, { body: { token } });
  return res.body.visitorId as string;
}

test('C3: three page views reach the watching agent live, in order, with device, language, local time and location', async () => {
  const agent = await connectAgent(ctx.server, ctx.owner.cookie);
  const token = await newVisitor();
  const visitorId = await visitorIdOf(token);
  assert.equal((await agent.emit('visitor:watch', { visitorId })).ok, true);
  const first = { url: 'https://shop.example/', title: 'Home', referrer: 'https://search.example/?q=shoes', language: 'es-ES', timeZone: 'Europe/Madrid', utcOffsetMinutes: 60, screen: '390x844' };
  const heard = agent.next('visitor:details', 5_000, (d) => d.visitorId === visitorId);
  assert.equal((await pageView(token, first, { ip: '8.8.8.8' })).status, 204);
  const live = await heard;
  assert.equal(live.currentUrl, 'https://shop.example/');
  clock.advance(40_000);
  assert.equal((await pageView(token, { url: 'https://shop.example/shoes', title: 'Shoes' }, { ip: '8.8.8.8' })).status, 204);
  clock.advance(20_000);
  const third = agent.next('visitor:details', 5_000, (d) => d.currentUrl === 'https://shop.example/cart');
  assert.equal((await pageView(token, { url: 'https://shop.example/cart', title: 'Cart' }, { ip: '8.8.8.8' })).status, 204);
  const d = await third;
  assert.deepEqual(d.pages.map((p) => p.title), ['Home', 'Shoes', 'Cart']);
  assert.equal(d.currentTitle, 'Cart');
  assert.equal(d.referrer, 'https://search.example/?q=shoes');
  assert.equal(d.visits, 1);
  // Time on site 60 s, on this page 0 s (the dashboard ticks both from these).
  assert.equal(new Date(d.pageStartedAt).getTime() - new Date(d.visitStartedAt).getTime(), 60_000);
  assert.deepEqual([d.language, d.timeZone, d.utcOffsetMinutes, d.screen], ['es-ES', 'Europe/Madrid', 60, '390x844']);
  assert.deepEqual([d.device, d.os, d.browser], ['Mobile (Apple iPhone)', 'iOS 17.4', 'Mobile Safari 17']);
  assert.equal(d.country, 'US');
  // What the conversation panel loads: the same, with the attribution of the location data.
  const res = await api(ctx.server, 'GET', `/api/visitors/${visitorId}/details`, { cookie: ctx.owner.cookie });
  assert.equal(res.status, 200);
  assert.deepEqual(res.body.details, d);
  assert.equal(res.body.attribution.url, 'https://db-ip.com');
  agent.close();
});

test('C3: the same URL again (replaceState, reload) is not a new page; 30 minutes idle start a new visit', async () => {
  const token = await newVisitor();
  const visitorId = await visitorIdOf(token);
  await pageView(token, { url: 'https://shop.example/a', title: 'A', referrer: 'https://ads.example/' });
  clock.advance(5_000);
  await pageView(token, { url: 'https://shop.example/a', title: 'A (2 items)' });
  let d = (await api(ctx.server, 'GET', `/api/visitors/${visitorId}/details`, { cookie: ctx.owner.cookie })).body.details;
  assert.deepEqual(d.pages.map((p: { title: string }) => p.title), ['A (2 items)']);
  clock.advance(29 * 60_000);
  await pageView(token, { url: 'https://shop.example/b', title: 'B' });
  d = (await api(ctx.server, 'GET', `/api/visitors/${visitorId}/details`, { cookie: ctx.owner.cookie })).body.details;
  assert.equal(d.visits, 1, 'within 30 minutes: the same visit');
  clock.advance(31 * 60_000);
  await pageView(token, { url: 'https://shop.example/c', title: 'C', referrer: '' });
  d = (await api(ctx.server, 'GET', `/api/visitors/${visitorId}/details`, { cookie: ctx.owner.cookie })).body.details;
  assert.equal(d.visits, 2);
  assert.deepEqual(d.pages.map((p: { title: string }) => p.title), ['C'], 'the path is this visit\'s');
  assert.equal(d.referrer, null, 'the new visit came from nowhere');
  assert.equal(d.visitStartedAt, clock.now().toISOString());
});

test('C3: a visit keeps its last 50 pages; a request from a private address has no location', async () => {
  const token = await newVisitor();
  const visitorId = await visitorIdOf(token);
  for (let i = 1; i <= 25; i++) assert.equal((await pageView(token, { url: `https://shop.example/p${i}`, title: `P${i}` })).status, 204);
  const d = (await api(ctx.server, 'GET', `/api/visitors/${visitorId}/details`, { cookie: ctx.owner.cookie })).body.details;
  assert.equal(d.pages.length, 25);
  assert.deepEqual([d.country, d.city], [null, null]); // 127.0.0.1
});

test('C3: page views are limited per visitor (429 beyond 30 a minute)', async () => {
  const token = await newVisitor();
  const statuses: number[] = [];
  for (let i = 0; i < 32; i++) statuses.push((await pageView(token, { url: `https://shop.example/${i}` })).status);
  assert.deepEqual(statuses.slice(0, 30), new Array(30).fill(204));
  assert.equal(statuses[31], 429);
});

test('C3: bad page views are refused with 4xx and store nothing', async () => {
  const token = await newVisitor();
  const visitorId = await visitorIdOf(token);
  const bad: unknown[] = [
    { url: 'javascript:alert(1)' },
    { url: 'file:///etc/passwd' },
    { url: 'ftp://example.com/' },
    { url: `https://shop.example/${'x'.repeat(2100)}` },
    { url: 'not a url' },
    { url: 'https://shop.example/', referrer: 'data:text/html,hi' },
    { url: 'https://shop.example/', screen: '<b>' },
    { url: 'https://shop.example/', utcOffsetMinutes: 100_000 },
    { url: 'https://shop.example/', extra: 1 },
    {},
  ];
  for (const body of bad) {
    const res = await pageView(token, body);
    assert.equal(res.status, 400, JSON.stringify(body).slice(0, 80));
    assert.ok(res.body.error.code);
  }
  assert.equal((await pageView('x'.repeat(40), { url: 'https://shop.example/' })).status, 401);
  assert.equal((await api(ctx.server, 'POST', `/api/widget/${ctx.owner.widgetId}/page-views`, { body: { url: 'https://shop.example/' } })).status, 401);
  const res = await api(ctx.server, 'GET', `/api/visitors/${visitorId}/details`, { cookie: ctx.owner.cookie });
  assert.equal(res.body.details, null);
  assert.equal((await api(ctx.server, 'GET', `/api/visitors/${visitorId}/details`)).status, 401);
});

test('C3: tenant isolation: another account neither reads the details nor hears the page views', async () => {
  const other = await addAccount(ctx.server, { siteName: 'Other' });
  const otherAgent = await connectAgent(ctx.server, other.cookie);
  const heard: string[] = [];
  otherAgent.socket.on('visitor:details', (d) => heard.push(d.visitorId));
  const token = await newVisitor();
  const visitorId = await visitorIdOf(token);
  assert.equal((await pageView(token, { url: 'https://shop.example/secret' })).status, 204);
  // Its token does not work with the other account's widget either.
  assert.equal((await pageView(token, { url: 'https://shop.example/x' }, { widgetId: other.widgetId })).status, 401);
  assert.equal((await api(ctx.server, 'GET', `/api/visitors/${visitorId}/details`, { cookie: other.cookie })).status, 404);
  // The other account's own visitor is heard by its agent (so silence above means something).
  const otherToken = await newVisitor(other.widgetId);
  assert.equal((await otherAgent.emit('visitor:watch', { visitorId: await visitorIdOf(otherToken, other.widgetId) })).ok, true);
  const own = otherAgent.next('visitor:details');
  assert.equal((await pageView(otherToken, { url: 'https://other.example/' }, { widgetId: other.widgetId })).status, 204);
  await own;
  assert.ok(!heard.includes(visitorId));
  otherAgent.close();
});
