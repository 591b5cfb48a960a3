// F18: the security headers of each class of response: the dashboard is never framed, the widget's
// chat app may be framed anywhere, the demo page runs only its own scripts, API answers are never
// cached, and websockets may only go to our own host.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { api, serverWithOwner } from '@palique/server/testing';

const ctx = serverWithOwner();
const built = (app: string) => fs.existsSync(path.join(import.meta.dirname, '../../../', app, 'dist'));

function directives(res: { headers: Headers }): Map<string, string> {
  const csp = res.headers.get('content-security-policy') ?? '';
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+(.*)/s) as [string, string]).filter(([k]) => k));
}

function assertOwnWebsocketsOnly(res: { headers: Headers }) {
  const connect = directives(res).get('connect-src') ?? '';
  assert.ok(connect, 'a connect-src');
  for (const source of connect.split(/\s+/)) assert.doesNotMatch(source, /^(wss?:|https?:|\*)$/, `connect-src allows any host: ${connect}`);
}

test('F18: the demo page has a CSP that runs only its nonce\'d scripts and the widget, and is not framed', async () => {
  const res = await fetch(`${ctx.server.url}/demo/`);
  const html = await res.text();
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('x-frame-options'), 'DENY');
  const csp = directives(res);
  assert.equal(csp.get('frame-ancestors'), "'none'");
  const nonce = /'nonce-([^']+)'/.exec(csp.get('script-src') ?? '')?.[1];
  assert.ok(nonce, 'script-src has a nonce');
  assert.doesNotMatch(csp.get('script-src') ?? '', /unsafe-inline/);
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  assert.ok(scripts.length >= 3);
  for (const tag of scripts) assert.ok(tag.includes(`nonce="${nonce}"`), tag);
  assertOwnWebsocketsOnly(res);
});

test('F18: signed-in API answers (visitor emails, phones) are not cached', async () => {
  for (const route of ['/api/me', '/api/conversations', '/api/widget']) {
    const res = await api(ctx.server, 'GET', route, { cookie: ctx.owner.cookie });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store', route);
  }
  const session = await api(ctx.server, 'POST', `/api/widget/${ctx.owner.widgetId}/visitors`, { body: {} });
  assert.equal(session.headers.get('cache-control'), 'no-store');
});

test('F18: the dashboard and its SPA fallback are not framed, send a Referrer-Policy and allow websockets to our host only', { skip: !built('dashboard') && 'dashboard not built' }, async () => {
  for (const route of ['/', '/conversations/some-id']) {
    const res = await fetch(ctx.server.url + route, { headers: { accept: 'text/html' } });
    assert.equal(res.status, 200, route);
    assert.equal(res.headers.get('x-frame-options'), 'DENY', route);
    assert.equal(directives(res).get('frame-ancestors'), "'none'", route);
    assert.equal(res.headers.get('referrer-policy'), 'same-origin', route);
    assertOwnWebsocketsOnly(res);
  }
});

test('F18: the widget\'s chat app may be framed by any site and talks only to our host', { skip: !built('widget') && 'widget not built' }, async () => {
  const res = await fetch(`${ctx.server.url}/widget/index.html`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('x-frame-options'), null);
  assert.equal(directives(res).get('frame-ancestors'), '*');
  assertOwnWebsocketsOnly(res);
});
