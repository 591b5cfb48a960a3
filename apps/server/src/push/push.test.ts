// A6 Web Push, delivered to a local push endpoint the test starts (no outside network): who gets
// a push (A3's rules), the agent's settings, the 30 s phone delay and its cancellation, bad
// subscriptions, and subscriptions the push service calls gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addAgent,
  api,
  clientId,
  connectAgent,
  connectVisitor,
  eventually,
  setupOwner,
  signIn,
  startInProcessServer,
  startPushEndpoint,
  TestClock,
  type InProcessServer,
  type OwnerSession,
  type PushEndpoint,
  type TestPushSubscription,
} from '@palique/server/testing';

const QUIET_MS = 300;
const settle = () => new Promise((r) => setTimeout(r, QUIET_MS));
const DESKTOP_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
const PHONE_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36';

interface World {
  server: InProcessServer;
  owner: OwnerSession;
  clock: TestClock;
  endpoint: PushEndpoint;
}

async function withServer(work: (w: World) => Promise<void>) {
  const clock = new TestClock();
  const endpoint = await startPushEndpoint();
  const server = await startInProcessServer({ clock, env: { TIMER_POLL_MS: '20', PUSH_ALLOW_LOOPBACK_HTTP: 'true' } });
  try {
    await work({ server, owner: await setupOwner(server), clock, endpoint });
  } finally {
    await server.close();
    await endpoint.close();
  }
}

/** An agent with the given status and no dashboard open. */
async function teammate(server: InProcessServer, owner: OwnerSession, status: 'online' | 'invisible' | 'offline') {
  const { id, email } = await addAgent(server, owner.accountId, { name: `Agent ${status}`, password: 'correct horse battery', role: 'agent' });
  const cookie = await signIn(server, email, 'correct horse battery');
  assert.equal((await api(server, 'PUT', '/api/me/status', { cookie, body: { status } })).status, 200);
  return { id, cookie };
}

/** The browser subscribes (its PushSubscription's JSON), from a desktop or a phone browser. */
async function subscribe(server: InProcessServer, cookie: string, subscription: TestPushSubscription, userAgent = DESKTOP_UA) {
  const res = await api(server, 'POST', '/api/push/subscriptions', {
    cookie,
    headers: { 'user-agent': userAgent },
    body: { endpoint: subscription.endpoint, expirationTime: null, keys: subscription.keys },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.device as string;
}

async function visitorSays(w: World, text: string, token?: string) {
  const visitor = await connectVisitor(w.server, w.owner.widgetId, token);
  const ack = await visitor.emit('message:send', { clientId: clientId(), text });
  assert.ok(ack.ok);
  return { visitor, message: ack.message };
}

test('A6: a new chat is pushed, encrypted and signed, to an online agent whose dashboard is closed', () =>
  withServer(async (w) => {
    const agent = await teammate(w.server, w.owner, 'online');
    const key = await api(w.server, 'GET', '/api/push/key', { cookie: agent.cookie });
    assert.equal(key.status, 200);
    assert.match(key.body.publicKey, /^[A-Za-z0-9_-]{87}$/);
    const browser = w.endpoint.subscription();
    assert.equal(await subscribe(w.server, agent.cookie, browser), 'desktop');
    const { visitor, message } = await visitorSays(w, 'Hola, <b>¿hay alguien?</b>');
    await eventually(() => browser.received().length, (n) => n === 1);
    const push = browser.received()[0]!;
    assert.equal(push.headers['content-encoding'], 'aes128gcm');
    assert.equal(push.headers.ttl, '3600');
    assert.match(String(push.headers.authorization), new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${key.body.publicKey}$`));
    assert.ok(!push.body.includes(Buffer.from('alguien')), 'the body is encrypted');
    assert.deepEqual(browser.decrypt(push), {
      title: 'New chat: Visitor',
      body: 'Hola, <b>¿hay alguien?</b>',
      url: `/conversations/${message.conversationId}`,
      tag: `conversation:${message.conversationId}`,
      sound: true,
    });
    visitor.close();
  }));

test('A6: the VAPID keys are made once and kept across restarts', () =>
  withServer(async (w) => {
    const before = (await api(w.server, 'GET', '/api/push/key', { cookie: w.owner.cookie })).body.publicKey;
    await w.server.restart();
    assert.equal((await api(w.server, 'GET', '/api/push/key', { cookie: w.owner.cookie })).body.publicKey, before);
    assert.equal((await api(w.server, 'GET', '/api/push/key')).status, 401);
  }));

test('A6: offline agents get no push, nor invisible ones in a chat they never joined', () =>
  withServer(async (w) => {
    const offline = await teammate(w.server, w.owner, 'offline');
    const invisible = await teammate(w.server, w.owner, 'invisible');
    const online = await teammate(w.server, w.owner, 'online');
    const [offlineBrowser, invisibleBrowser, onlineBrowser] = [w.endpoint.subscription(), w.endpoint.subscription(), w.endpoint.subscription()];
    await subscribe(w.server, offline.cookie, offlineBrowser);
    await subscribe(w.server, invisible.cookie, invisibleBrowser);
    await subscribe(w.server, online.cookie, onlineBrowser);
    const { visitor } = await visitorSays(w, 'Hi');
    await eventually(() => onlineBrowser.received().length, (n) => n === 1);
    await settle();
    assert.equal(offlineBrowser.received().length, 0);
    assert.equal(invisibleBrowser.received().length, 0);
    visitor.close();
  }));

test('A6: notification settings switch events off, per agent, for push too', () =>
  withServer(async (w) => {
    const agent = await teammate(w.server, w.owner, 'online');
    assert.deepEqual((await api(w.server, 'GET', '/api/me/notification-settings', { cookie: agent.cookie })).body, { sound: true, newChat: true, newMessage: true });
    const off = { sound: false, newChat: false, newMessage: true };
    assert.equal((await api(w.server, 'PUT', '/api/me/notification-settings', { cookie: agent.cookie, body: off })).status, 200);
    assert.deepEqual((await api(w.server, 'GET', '/api/me/notification-settings', { cookie: agent.cookie })).body, off);
    assert.deepEqual((await api(w.server, 'GET', '/api/me/notification-settings', { cookie: w.owner.cookie })).body.newChat, true, 'settings are per agent');
    assert.equal((await api(w.server, 'PUT', '/api/me/notification-settings', { cookie: agent.cookie, body: { sound: 'yes' } })).status, 400);
    const browser = w.endpoint.subscription();
    await subscribe(w.server, agent.cookie, browser);

    const { visitor, message } = await visitorSays(w, 'A new chat');
    await settle();
    assert.equal(browser.received().length, 0, 'new chats are off');
    // The owner takes the chat: later messages are "new messages", which stay on.
    const owner = await connectAgent(w.server, w.owner.cookie);
    assert.ok((await owner.emit('message:send', { conversationId: message.conversationId, clientId: clientId(), text: 'Hello!' })).ok);
    await visitor.emit('message:send', { clientId: clientId(), text: 'A new message' });
    await eventually(() => browser.received().length, (n) => n === 1);
    assert.deepEqual(browser.decrypt(browser.received()[0]!), {
      title: 'Visitor',
      body: 'A new message',
      url: `/conversations/${message.conversationId}`,
      tag: `conversation:${message.conversationId}`,
      sound: false,
    });
    await api(w.server, 'PUT', '/api/me/notification-settings', { cookie: agent.cookie, body: { ...off, newMessage: false } });
    await visitor.emit('message:send', { clientId: clientId(), text: 'Another one' });
    await settle();
    assert.equal(browser.received().length, 1, 'new messages are off too');
    owner.close();
    visitor.close();
  }));

test('A6: with a desktop and a phone, the phone is pushed 30 s later', () =>
  withServer(async (w) => {
    const agent = await teammate(w.server, w.owner, 'online');
    const desktop = w.endpoint.subscription();
    const phone = w.endpoint.subscription();
    assert.equal(await subscribe(w.server, agent.cookie, desktop, DESKTOP_UA), 'desktop');
    assert.equal(await subscribe(w.server, agent.cookie, phone, PHONE_UA), 'phone');
    const { visitor, message } = await visitorSays(w, 'Anyone?');
    await eventually(() => desktop.received().length, (n) => n === 1);
    await visitor.emit('message:send', { clientId: clientId(), text: 'Hello??' });
    await eventually(() => desktop.received().length, (n) => n === 2);
    w.clock.advance(29_000);
    await settle();
    assert.equal(phone.received().length, 0);
    w.clock.advance(1_500);
    await eventually(() => phone.received().length, (n) => n === 1);
    assert.equal((phone.decrypt(phone.received()[0]!) as { url: string }).url, `/conversations/${message.conversationId}`);
    await settle();
    assert.equal(phone.received().length, 1, 'one phone notice per chat within the delay');
    visitor.close();
  }));

test('A6: the phone push is dropped when the agent replies from the desktop first', () =>
  withServer(async (w) => {
    const agent = await teammate(w.server, w.owner, 'online');
    const desktop = w.endpoint.subscription();
    const phone = w.endpoint.subscription();
    await subscribe(w.server, agent.cookie, desktop);
    await subscribe(w.server, agent.cookie, phone, PHONE_UA);
    const { visitor, message } = await visitorSays(w, 'Anyone?');
    await eventually(() => desktop.received().length, (n) => n === 1);
    // The agent clicks the desktop notice, the dashboard opens, and they answer.
    const dashboard = await connectAgent(w.server, agent.cookie);
    assert.ok((await dashboard.emit('message:send', { conversationId: message.conversationId, clientId: clientId(), text: 'Yes!' })).ok);
    // The reply's listeners run after its ack; in life the phone's 30 s pass in between, here they
    // must not be skipped by moving the clock at once (it failed so on a loaded PostgreSQL + Redis).
    await settle();
    w.clock.advance(60_000);
    await settle();
    assert.equal(phone.received().length, 0);
    dashboard.close();
    visitor.close();
  }));

test('A6: the phone push is dropped when the agent opens the chat on the desktop first', () =>
  withServer(async (w) => {
    const agent = await teammate(w.server, w.owner, 'online');
    const desktop = w.endpoint.subscription();
    const phone = w.endpoint.subscription();
    await subscribe(w.server, agent.cookie, desktop);
    await subscribe(w.server, agent.cookie, phone, PHONE_UA);
    const first = await visitorSays(w, 'First chat');
    const second = await visitorSays(w, 'Second chat');
    await eventually(() => desktop.received().length, (n) => n === 2);
    const opened = await api(w.server, 'POST', '/api/push/seen', { cookie: agent.cookie, body: { conversationId: first.message.conversationId } });
    assert.equal(opened.status, 204);
    w.clock.advance(31_000);
    await eventually(() => phone.received().length, (n) => n === 1);
    await settle();
    assert.equal(phone.received().length, 1);
    assert.equal((phone.decrypt(phone.received()[0]!) as { url: string }).url, `/conversations/${second.message.conversationId}`, 'only the chat not opened');
    first.visitor.close();
    second.visitor.close();
  }));

test('A6: a phone alone is pushed at once; a desktop with its dashboard open is not pushed', () =>
  withServer(async (w) => {
    const phoneOnly = await teammate(w.server, w.owner, 'online');
    const phone = w.endpoint.subscription();
    assert.equal(await subscribe(w.server, phoneOnly.cookie, phone, DESKTOP_UA.replace('X11; Linux x86_64', 'iPhone; CPU iPhone OS 17_0 like Mac OS X')), 'phone');
    const watching = await teammate(w.server, w.owner, 'online');
    const desktop = w.endpoint.subscription();
    await subscribe(w.server, watching.cookie, desktop);
    const dashboard = await connectAgent(w.server, watching.cookie);
    // Online: its notice is the message's broadcast (the client library raises it).
    const noticed = dashboard.next('conversation:message');
    const { visitor } = await visitorSays(w, 'Hi there');
    await noticed;
    await eventually(() => phone.received().length, (n) => n === 1);
    await settle();
    assert.equal(desktop.received().length, 0, 'the open dashboard shows its own notice');
    dashboard.close();
    visitor.close();
  }));

test('A6: invalid subscriptions are refused with 400', () =>
  withServer(async (w) => {
    const good = w.endpoint.subscription();
    const bad: Array<[string, unknown]> = [
      ['plain http, not loopback', { endpoint: 'http://push.example.com/x', keys: good.keys }],
      ['not a URL', { endpoint: 'push me', keys: good.keys }],
      ['javascript: URL', { endpoint: 'javascript:alert(1)', keys: good.keys }],
      ['no keys', { endpoint: 'https://push.example.com/x' }],
      ['short p256dh', { endpoint: 'https://push.example.com/x', keys: { ...good.keys, p256dh: 'abc' } }],
      ['auth not base64url', { endpoint: 'https://push.example.com/x', keys: { ...good.keys, auth: '<script>alert(1)</script>' } }],
      ['unknown device', { endpoint: 'https://push.example.com/x', keys: good.keys, device: 'fridge' }],
    ];
    for (const [what, body] of bad) {
      const res = await api(w.server, 'POST', '/api/push/subscriptions', { cookie: w.owner.cookie, body });
      assert.equal(res.status, 400, what);
      assert.equal(res.body.error.code, 'invalid_input', what);
    }
    assert.equal((await api(w.server, 'POST', '/api/push/subscriptions', { body: { endpoint: good.endpoint, keys: good.keys } })).status, 401);
    const https = await api(w.server, 'POST', '/api/push/subscriptions', {
      cookie: w.owner.cookie,
      body: { endpoint: 'https://push.example.com/x', keys: good.keys, device: 'phone' },
    });
    assert.equal(https.status, 201);
    assert.equal(https.body.device, 'phone');
  }));

test('A6: plain-HTTP loopback endpoints are refused unless the test flag is set', async () => {
  const server = await startInProcessServer();
  try {
    const owner = await setupOwner(server);
    const endpoint = await startPushEndpoint();
    const res = await api(server, 'POST', '/api/push/subscriptions', { cookie: owner.cookie, body: { endpoint: endpoint.subscription().endpoint, keys: endpoint.subscription().keys } });
    assert.equal(res.status, 400);
    await endpoint.close();
  } finally {
    await server.close();
  }
});

test('A6: a subscription the push service calls gone (410) is removed; an unsubscribed one gets nothing', () =>
  withServer(async (w) => {
    const agent = await teammate(w.server, w.owner, 'online');
    const expired = w.endpoint.subscription();
    const removed = w.endpoint.subscription();
    await subscribe(w.server, agent.cookie, expired);
    await subscribe(w.server, agent.cookie, removed);
    assert.equal((await api(w.server, 'DELETE', '/api/push/subscriptions', { cookie: agent.cookie, body: { endpoint: removed.endpoint } })).status, 204);
    expired.answer(410);
    const first = await visitorSays(w, 'First chat');
    await eventually(() => expired.received().length, (n) => n === 1);
    await settle();
    const second = await visitorSays(w, 'Second chat');
    await settle();
    assert.equal(expired.received().length, 1, 'not pushed again after 410 Gone');
    assert.equal(removed.received().length, 0);
    first.visitor.close();
    second.visitor.close();
  }));

test('A6: VAPID keys are made as web-push makes them: a P-256 pair web-push signs with', async () => {
  const { newVapidKeys } = await import('./service');
  const { default: webpush } = await import('web-push');
  const { createECDH } = await import('node:crypto');
  for (let i = 0; i < 20; i++) {
    const keys = newVapidKeys();
    assert.equal(Buffer.from(keys.publicKey, 'base64url').length, 65);
    assert.equal(Buffer.from(keys.privateKey, 'base64url').length, 32);
    const curve = createECDH('prime256v1');
    curve.setPrivateKey(Buffer.from(keys.privateKey, 'base64url'));
    assert.equal(curve.getPublicKey().toString('base64url'), keys.publicKey, 'the public key is the private key’s');
    const headers = webpush.getVapidHeaders('https://push.example', 'mailto:owner@acme.example', keys.publicKey, keys.privateKey, 'aes128gcm');
    assert.match(String(headers.Authorization), /^vapid t=.+, k=/);
  }
});
