// Every bad input gets a 4xx `{ error: { code, message } }` (or a failed ack) and changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, clientId, connectAgent, connectVisitor, messagesOfAccount, serverWithOwner } from '@palique/server/testing';

const ctx = serverWithOwner();

function assertError(res: { status: number; body: any }, status: number, code: string) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body.error.code, code);
  assert.equal(typeof res.body.error.message, 'string');
}

async function messageCount(): Promise<number> {
  return (await messagesOfAccount(ctx.server, ctx.owner.cookie)).length;
}

async function startConversation() {
  const visitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const ack = await visitor.emit('message:send', { clientId: clientId(), text: 'hi' });
  assert.ok(ack.ok);
  visitor.close();
  return ack.message.conversationId as string;
}

test('HTTP: a message over 10,000 characters is refused with 400 and nothing is stored', async () => {
  const conversationId = await startConversation();
  const before = await messageCount();
  const res = await api(ctx.server, 'POST', `/api/conversations/${conversationId}/messages`, {
    cookie: ctx.owner.cookie,
    body: { clientId: clientId(), text: 'x'.repeat(10_001) },
  });
  assertError(res, 400, 'invalid_input');
  assert.match(res.body.error.message, /10000/);
  assert.equal(await messageCount(), before);
  const ok = await api(ctx.server, 'POST', `/api/conversations/${conversationId}/messages`, {
    cookie: ctx.owner.cookie,
    body: { clientId: clientId(), text: 'y'.repeat(10_000) },
  });
  assert.equal(ok.status, 201);
});

test('HTTP: empty or blank messages, bad client ids and wrong types are 400', async () => {
  const conversationId = await startConversation();
  const before = await messageCount();
  for (const body of [
    { clientId: clientId(), text: '' },
    { clientId: clientId(), text: '   \n ' },
    { clientId: 'short', text: 'hello' },
    { clientId: 'has spaces and <tags>', text: 'hello' },
    { clientId: clientId(), text: 42 },
    { text: 'no client id' },
    [],
  ]) {
    const res = await api(ctx.server, 'POST', `/api/conversations/${conversationId}/messages`, { cookie: ctx.owner.cookie, body });
    assertError(res, 400, 'invalid_input');
  }
  assert.equal(await messageCount(), before);
});

test('HTTP: a request body over 64 KiB gets 413 and malformed JSON gets 400', async () => {
  const big = await api(ctx.server, 'POST', '/api/auth/login', { rawBody: JSON.stringify({ email: 'a@b.co', password: 'p'.repeat(70_000) }) });
  assertError(big, 413, 'body_too_large');
  const malformed = await api(ctx.server, 'POST', '/api/auth/login', { rawBody: '{"email":' });
  assertError(malformed, 400, 'invalid_json');
  const wrongType = await api(ctx.server, 'POST', '/api/auth/login', { rawBody: 'email=a', contentType: 'application/x-www-form-urlencoded' });
  assert.equal(wrongType.status, 415);
  assert.ok(wrongType.body.error.code);
});

test('HTTP: unknown routes, unknown ids and missing sessions answer 404 / 401 in the error shape', async () => {
  assertError(await api(ctx.server, 'GET', '/api/nope'), 404, 'not_found');
  assertError(await api(ctx.server, 'GET', '/api/conversations/00000000-0000-7000-8000-000000000000', { cookie: ctx.owner.cookie }), 404, 'conversation_not_found');
  assertError(await api(ctx.server, 'GET', '/api/conversations/not%20an%20id', { cookie: ctx.owner.cookie }), 400, 'invalid_input');
  assertError(await api(ctx.server, 'GET', '/api/conversations'), 401, 'unauthenticated');
  assertError(await api(ctx.server, 'GET', '/api/conversations', { cookie: 'palique_session=forged' }), 401, 'unauthenticated');
  assertError(await api(ctx.server, 'GET', '/api/conversations?view=everything', { cookie: ctx.owner.cookie }), 400, 'invalid_input');
  assertError(await api(ctx.server, 'POST', '/api/widget/unknown-widget/visitors', { body: {} }), 404, 'widget_not_found');
  assertError(await api(ctx.server, 'PUT', '/api/me/status', { cookie: ctx.owner.cookie, body: { status: 'busy' } }), 400, 'invalid_input');
});

test('Socket: bad payloads get a failed ack with the error shape and store nothing', async () => {
  const visitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const before = await messageCount();
  for (const body of [undefined, 'text', { clientId: clientId() }, { clientId: clientId(), text: 'z'.repeat(10_001) }, { clientId: '!!', text: 'x' }]) {
    const ack = await visitor.emitMalformed('message:send', body);
    assert.equal(ack.ok, false);
    if (!ack.ok) assert.equal(ack.error.code, 'invalid_input');
  }
  const badSync = await visitor.emit('sync', { after: -1 });
  assert.equal(badSync.ok, false);
  const badUpdate = await visitor.emit('visitor:update', { email: 'not-an-email' });
  assert.equal(badUpdate.ok, false);
  const unknownField = await visitor.emitMalformed('visitor:update', { isAdmin: true });
  assert.equal(unknownField.ok, false);
  assert.equal(await messageCount(), before);
  visitor.close();

  const agent = await connectAgent(ctx.server, ctx.owner.cookie);
  const noConversation = await agent.emit('message:send', { conversationId: '00000000-0000-7000-8000-000000000000', clientId: clientId(), text: 'x' });
  assert.deepEqual(noConversation.ok ? null : noConversation.error.code, 'conversation_not_found');
  const badStatus = await agent.emitMalformed('status:set', { status: 'away' });
  assert.equal(badStatus.ok, false);
  agent.close();
});

test('Socket: a visitor without a valid token cannot connect', async () => {
  await assert.rejects(connectVisitor(ctx.server, ctx.owner.widgetId, 'x'.repeat(43)), (err: any) => err.data?.code === 'visitor_unknown');
  await assert.rejects(connectVisitor(ctx.server, ctx.owner.widgetId, 'short'), (err: any) => err.data?.code === 'invalid_input');
  await assert.rejects(connectAgent(ctx.server, 'palique_session=forged'), (err: any) => err.data?.code === 'unauthenticated');
});

test('Message text is stored exactly as typed (minus NUL), HTML included', async () => {
  const visitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const text = '<img src=x onerror=alert(1)> <script>alert(2)</script> &amp; \u0000end';
  const ack = await visitor.emit('message:send', { clientId: clientId(), text });
  assert.ok(ack.ok);
  assert.equal(ack.message.text, '<img src=x onerror=alert(1)> <script>alert(2)</script> &amp; end');
  visitor.close();
});
