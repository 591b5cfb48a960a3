// F12: a request that changes something must be JSON from this server's own pages. What a browser
// marks as coming from another origin (Origin, Sec-Fetch-Site) is refused with 403, a body that is
// not JSON with 415, before any route runs; clients that are not browsers (no such headers) and
// the dashboard's and the widget's own requests keep working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, clientId, connectVisitor, serverWithOwner, signIn, type ApiResult } from '@palique/server/testing';

const ctx = serverWithOwner();

function assertError(res: ApiResult, status: number, code: string): void {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body?.error?.code, code, JSON.stringify(res.body));
}

test('F12: a text/plain form post cannot sign an agent out; the session still works', async () => {
  const { server, owner } = ctx;
  const cookie = await signIn(server, owner.email, owner.password);
  // <form method=post enctype=text/plain> on a same-site page (another port of this host).
  const sameSite = `http://127.0.0.1:${server.port + 1}`;
  const fromForm = await api(server, 'POST', '/api/auth/logout', {
    cookie,
    rawBody: 'x=y',
    contentType: 'text/plain',
    headers: { origin: sameSite, 'sec-fetch-site': 'same-site' },
  });
  assertError(fromForm, 403, 'forbidden_origin');
  // The same post without any origin headers is still not JSON.
  assertError(await api(server, 'POST', '/api/auth/logout', { cookie, rawBody: '', contentType: 'text/plain' }), 415, 'unsupported_media_type');
  assertError(await api(server, 'POST', '/api/auth/logout', { cookie, rawBody: 'x=y', contentType: 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type');
  assert.equal((await api(server, 'GET', '/api/me', { cookie })).status, 200, 'still signed in');
});

test('F12: every state-changing route refuses a cross-site Origin or Sec-Fetch-Site with 403', async () => {
  const { server, owner } = ctx;
  const visitor = await connectVisitor(server, owner.widgetId);
  const sent = await visitor.emit('message:send', { clientId: clientId(), text: 'hello' });
  assert.ok(sent.ok);
  const routes: Array<[string, string, unknown]> = [
    ['POST', '/api/setup', { name: 'M', email: 'm@example.com', password: 'a good password', siteName: 'Evil' }],
    ['POST', '/api/auth/login', { email: owner.email, password: owner.password }],
    ['POST', '/api/auth/logout', {}],
    ['PUT', '/api/me/status', { status: 'invisible' }],
    ['POST', `/api/conversations/${sent.message.conversationId}/messages`, { clientId: clientId(), text: 'forged' }],
    ['POST', `/api/widget/${owner.widgetId}/visitors`, {}],
  ];
  const foreign: Array<Record<string, string>> = [
    { origin: 'https://evil.example' },
    { origin: 'null' },
    { 'sec-fetch-site': 'cross-site' },
    { 'sec-fetch-site': 'same-site' },
  ];
  for (const [method, route, body] of routes) {
    for (const headers of foreign) {
      const res = await api(server, method, route, { cookie: owner.cookie, body, headers });
      assertError(res, 403, 'forbidden_origin');
    }
  }
  const me = await api(server, 'GET', '/api/me', { cookie: owner.cookie });
  assert.equal(me.body.agent.status, 'online', 'nothing was changed');
  visitor.close();
});

test('F12: JSON from the server\'s own origin works, as do clients that send no origin headers', async () => {
  const { server, owner } = ctx;
  const cookie = await signIn(server, owner.email, owner.password);
  const ours = { origin: server.url, 'sec-fetch-site': 'same-origin' };
  const status = await api(server, 'PUT', '/api/me/status', { cookie, body: { status: 'online' }, headers: ours });
  assert.equal(status.status, 200, JSON.stringify(status.body));
  const widget = await api(server, 'POST', `/api/widget/${owner.widgetId}/visitors`, { body: {}, headers: ours });
  assert.equal(widget.status, 200, JSON.stringify(widget.body));
  const login = await api(server, 'POST', '/api/auth/login', {
    body: { email: owner.email, password: owner.password },
    contentType: 'application/json; charset=utf-8',
  });
  assert.equal(login.status, 200);
  assert.equal((await api(server, 'POST', '/api/auth/logout', { cookie, headers: ours })).status, 204);
  assert.equal((await api(server, 'GET', '/api/me', { cookie })).status, 401);
});
