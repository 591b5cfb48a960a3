// Accounts are isolated, roles are enforced, passwords hashed, sessions HttpOnly, sign-in limited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  addAccount,
  addAgent,
  api,
  clientId,
  connectAgent,
  connectVisitor,
  setupOwner,
  signIn,
  startInProcessServer,
  storedPasswordHash,
  type InProcessServer,
  type OwnerSession,
} from '@palique/server/testing';

let server: InProcessServer;
let a: OwnerSession;
let b: OwnerSession;

before(async () => {
  server = await startInProcessServer({ env: { LOGIN_RATE_LIMIT: '3' } });
  a = await setupOwner(server, { siteName: 'Site A' });
  b = await addAccount(server, { siteName: 'Site B' });
});
after(() => server.close());

async function conversationOfA(text = 'private to A') {
  const visitor = await connectVisitor(server, a.widgetId);
  const ack = await visitor.emit('message:send', { clientId: clientId(), text });
  assert.ok(ack.ok);
  return { visitor, conversationId: ack.message.conversationId as string };
}

test('Isolation (REST): another account guessing a conversation id gets 404 and no data', async () => {
  const { visitor, conversationId } = await conversationOfA();
  for (const route of [`/api/conversations/${conversationId}`, `/api/conversations/${conversationId}/messages?after=0`]) {
    const res = await api(server, 'GET', route, { cookie: b.cookie });
    assert.equal(res.status, 404);
    assert.doesNotMatch(JSON.stringify(res.body), /private to A/);
  }
  const post = await api(server, 'POST', `/api/conversations/${conversationId}/messages`, { cookie: b.cookie, body: { clientId: clientId(), text: 'intrusion' } });
  assert.equal(post.status, 404);
  const all = await api(server, 'GET', '/api/conversations?view=all', { cookie: b.cookie });
  assert.ok(!all.body.conversations.some((c: any) => c.id === conversationId));
  const mine = await api(server, 'GET', `/api/conversations/${conversationId}`, { cookie: a.cookie });
  assert.deepEqual(mine.body.messages.map((m: any) => m.text), ['private to A']);
  visitor.close();
});

test('Isolation (socket): agents of another account neither hear nor reach a conversation', async () => {
  const agentB = await connectAgent(server, b.cookie);
  const heard: string[] = [];
  agentB.socket.on('conversation:message', (e: any) => heard.push(e.message.text));
  const agentA = await connectAgent(server, a.cookie);
  const aHears = agentA.next('conversation:message');
  const { visitor, conversationId } = await conversationOfA('only A hears this');
  assert.equal((await aHears).message.text, 'only A hears this');
  const sync = await agentB.emit('conversation:sync', { conversationId, after: 0 });
  assert.equal(sync.ok ? 'ok' : sync.error.code, 'conversation_not_found');
  const send = await agentB.emit('message:send', { conversationId, clientId: clientId(), text: 'intrusion' });
  assert.equal(send.ok ? 'ok' : send.error.code, 'conversation_not_found');
  await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(heard, []);
  agentA.close();
  agentB.close();
  visitor.close();
});

test('Isolation (widget): a visitor token of one site does not open another site\'s widget', async () => {
  const { visitor } = await conversationOfA();
  await assert.rejects(connectVisitor(server, b.widgetId, visitor.token), (err: any) => err.data?.code === 'visitor_unknown');
  // And a visitor only ever syncs their own thread.
  const other = await connectVisitor(server, a.widgetId);
  const sync = await other.emit('sync', { after: 0 });
  assert.ok(sync.ok);
  assert.deepEqual(sync.messages, []);
  other.close();
  visitor.close();
});

test('Roles: an agent cannot read the widget settings; the owner can', async () => {
  const { email } = await addAgent(server, a.accountId, { name: 'Pablo Gil', password: 'pablo password', role: 'agent' });
  const agentCookie = await signIn(server, email, 'pablo password');
  const denied = await api(server, 'GET', '/api/widget', { cookie: agentCookie });
  assert.equal(denied.status, 403);
  assert.equal(denied.body.error.code, 'forbidden');
  const allowed = await api(server, 'GET', '/api/widget', { cookie: a.cookie });
  assert.equal(allowed.status, 200);
  assert.ok(
    allowed.body.snippet.includes(`<script async src="${server.url}/widget.js" data-widget-id="${a.widgetId}"></script>`),
    `the snippet loads the widget from this server (${server.url}): ${allowed.body.snippet}`,
  );
  assert.match(allowed.body.snippet, /Palique\.q=Palique\.q\|\|\[\]/);
});

test('Auth: passwords are stored as argon2id hashes and the session cookie is HttpOnly, SameSite=Lax', async () => {
  // `a` signed up through the app's own setup, so this is the hash the app computed.
  const passwordHash = await storedPasswordHash(server, a.agentId);
  assert.match(passwordHash, /^\$argon2id\$/);
  assert.ok(!passwordHash.includes(a.password));
  const res = await api(server, 'POST', '/api/auth/login', { body: { email: a.email, password: a.password } });
  const cookie = res.headers.get('set-cookie') ?? '';
  assert.match(cookie, /HttpOnly/i);
  assert.match(cookie, /SameSite=Lax/i);
  assert.doesNotMatch(cookie, /Secure/i, 'plain http on localhost: no Secure flag');
});

test('Auth: sign out ends the session for good', async () => {
  const cookie = await signIn(server, b.email, b.password);
  assert.equal((await api(server, 'GET', '/api/me', { cookie })).status, 200);
  assert.equal((await api(server, 'POST', '/api/auth/logout', { cookie })).status, 204);
  assert.equal((await api(server, 'GET', '/api/me', { cookie })).status, 401);
});

test('Auth: wrong passwords get 401, then sign-in is rate limited with 429', async () => {
  const { email } = await addAgent(server, a.accountId, { name: 'Target Agent', password: 'the real password', role: 'agent' });
  const statuses = [];
  for (let i = 0; i < 4; i++) {
    statuses.push((await api(server, 'POST', '/api/auth/login', { body: { email, password: 'wrong password' } })).status);
  }
  assert.deepEqual(statuses, [401, 401, 401, 429]);
  const limited = await api(server, 'POST', '/api/auth/login', { body: { email, password: 'the real password' } });
  assert.equal(limited.status, 429);
  assert.equal(limited.body.error.code, 'rate_limited');
});

test('Setup: the first visit creates the owner; afterwards setup is closed', async () => {
  const fresh = await startInProcessServer();
  assert.deepEqual((await api(fresh, 'GET', '/api/setup')).body, { needsSetup: true });
  const created = await api(fresh, 'POST', '/api/setup', { body: { name: 'Helena Prado', email: 'helena@example.com', password: 'a good password', siteName: 'Acme' } });
  assert.equal(created.status, 201);
  assert.equal(created.body.agent.role, 'owner');
  assert.match(created.headers.get('set-cookie') ?? '', /palique_session=/);
  assert.deepEqual((await api(fresh, 'GET', '/api/setup')).body, { needsSetup: false });
  const again = await api(fresh, 'POST', '/api/setup', { body: { name: 'Mallory', email: 'm@example.com', password: 'a good password', siteName: 'Evil' } });
  assert.equal(again.status, 409);
  assert.equal(again.body.error.code, 'already_set_up');
  await fresh.close();
});

test('Widget traffic is rate limited per visitor', async () => {
  const limited = await startInProcessServer({ env: { WIDGET_RATE_LIMIT: '5' } });
  const o = await setupOwner(limited);
  const visitor = await connectVisitor(limited, o.widgetId);
  const acks = [];
  for (let i = 0; i < 7; i++) acks.push(await visitor.emit('message:send', { clientId: clientId(), text: `spam ${i}` }));
  assert.deepEqual(acks.map((x) => (x.ok ? 'ok' : x.error.code)), ['ok', 'ok', 'ok', 'ok', 'ok', 'rate_limited', 'rate_limited']);
  visitor.close();
  await limited.close();
});
