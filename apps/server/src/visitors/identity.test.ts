// W7 identified users: PaliqueSetup.clientId binds the chat to a site's signed-in user only with
// a valid HMAC of the id (the account's secret); a missing, forged or borrowed signature is
// ignored, and never hands anyone another user's history.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { addAccount, addAgent, api, signIn, clientId, connectVisitor, serverWithOwner } from '@palique/server/testing';

const ctx = serverWithOwner();

const sign = (secret: string, id: string) => crypto.createHmac('sha256', secret).update(id).digest('hex');

async function secretOf(cookie: string): Promise<string> {
  const res = await api(ctx.server, 'GET', '/api/widget/identity-secret', { cookie });
  assert.equal(res.status, 200);
  return res.body.secret as string;
}

async function session(widgetId: string, body: Record<string, string | undefined>) {
  const res = await api(ctx.server, 'POST', `/api/widget/${widgetId}/visitors`, { body });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as { token: string; visitorId: string };
}

/** What the visitor sees in their widget: the texts of their thread. */
async function historyOf(widgetId: string, token: string): Promise<string[]> {
  const socket = await connectVisitor(ctx.server, widgetId, token);
  const ack = await socket.emit('sync', { after: 0 });
  socket.close();
  assert.ok(ack.ok);
  return ack.messages.map((m: { text: string }) => m.text);
}

async function say(widgetId: string, token: string, text: string): Promise<void> {
  const socket = await connectVisitor(ctx.server, widgetId, token);
  const ack = await socket.emit('message:send', { clientId: clientId(), text });
  socket.close();
  assert.ok(ack.ok);
}

test('W7: a validly signed client id gives the same user one history on two devices', async () => {
  const { widgetId, cookie } = ctx.owner;
  const secret = await secretOf(cookie);
  const laptop = await session(widgetId, { clientId: 'user-42', clientIdSignature: sign(secret, 'user-42') });
  await say(widgetId, laptop.token, 'Where is order 1001?');

  const phone = await session(widgetId, { clientId: 'user-42', clientIdSignature: sign(secret, 'user-42') });
  assert.equal(phone.visitorId, laptop.visitorId);
  assert.notEqual(phone.token, laptop.token, 'each device keeps its own token');
  assert.deepEqual(await historyOf(widgetId, phone.token), ['Where is order 1001?']);
  // The laptop keeps working, and coming back with its token stays the same visitor.
  assert.deepEqual(await historyOf(widgetId, laptop.token), ['Where is order 1001?']);
  const again = await session(widgetId, { token: laptop.token, clientId: 'user-42', clientIdSignature: sign(secret, 'user-42') });
  assert.deepEqual(again, laptop);
});

test('W7: a visitor who chatted before signing in keeps that chat as the signed-in user', async () => {
  const { widgetId, cookie } = ctx.owner;
  const secret = await secretOf(cookie);
  const anonymous = await session(widgetId, {});
  await say(widgetId, anonymous.token, 'before signing in');
  const signedIn = await session(widgetId, { token: anonymous.token, clientId: 'user-7', clientIdSignature: sign(secret, 'user-7') });
  assert.equal(signedIn.visitorId, anonymous.visitorId);
  const otherDevice = await session(widgetId, { clientId: 'user-7', clientIdSignature: sign(secret, 'user-7') });
  assert.deepEqual(await historyOf(widgetId, otherDevice.token), ['before signing in']);
});

test('W7: a missing or forged signature is ignored: a new anonymous visitor, never the user', async () => {
  const { widgetId, cookie } = ctx.owner;
  const secret = await secretOf(cookie);
  const owner = await session(widgetId, { clientId: 'user-100', clientIdSignature: sign(secret, 'user-100') });
  await say(widgetId, owner.token, 'my private question');

  const attempts = [
    { clientId: 'user-100' },
    { clientId: 'user-100', clientIdSignature: '' },
    { clientId: 'user-100', clientIdSignature: sign('guessed-secret', 'user-100') },
    { clientId: 'user-100', clientIdSignature: sign(secret, 'user-100').slice(0, 63) },
    { clientId: 'user-100', clientIdSignature: 'not hex at all' },
  ];
  for (const body of attempts) {
    const s = await session(widgetId, body);
    assert.notEqual(s.visitorId, owner.visitorId, JSON.stringify(body));
    assert.deepEqual(await historyOf(widgetId, s.token), [], JSON.stringify(body));
  }
});

test("W7: one user's signature replayed for another user, or another account, binds nothing", async () => {
  const { widgetId, cookie } = ctx.owner;
  const secret = await secretOf(cookie);
  const victim = await session(widgetId, { clientId: 'victim', clientIdSignature: sign(secret, 'victim') });
  await say(widgetId, victim.token, 'victim history');
  const attacker = await session(widgetId, { clientId: 'attacker', clientIdSignature: sign(secret, 'attacker') });

  // The attacker's own (valid) signature with the victim's id.
  const replayed = await session(widgetId, { token: attacker.token, clientId: 'victim', clientIdSignature: sign(secret, 'attacker') });
  assert.equal(replayed.visitorId, attacker.visitorId, 'ignored: the attacker stays themselves');
  assert.deepEqual(await historyOf(widgetId, replayed.token), []);

  // A valid signature of this account does not work on another account's widget.
  const other = await addAccount(ctx.server);
  const elsewhere = await session(other.widgetId, { clientId: 'victim', clientIdSignature: sign(secret, 'victim') });
  assert.deepEqual(await historyOf(other.widgetId, elsewhere.token), []);
  const otherSecret = await secretOf(other.cookie);
  assert.notEqual(otherSecret, secret);
});

test('W7: a signed-in device never takes over another user\'s visitor on a shared browser', async () => {
  const { widgetId, cookie } = ctx.owner;
  const secret = await secretOf(cookie);
  const alice = await session(widgetId, { clientId: 'alice', clientIdSignature: sign(secret, 'alice') });
  await say(widgetId, alice.token, "alice's chat");
  // Bob signs in on the same browser, which still holds Alice's token.
  const bob = await session(widgetId, { token: alice.token, clientId: 'bob', clientIdSignature: sign(secret, 'bob') });
  assert.notEqual(bob.visitorId, alice.visitorId);
  assert.deepEqual(await historyOf(widgetId, bob.token), []);
});

test('W7: "Regenerate" makes old signatures worthless', async () => {
  const { widgetId, cookie } = ctx.owner;
  const old = await secretOf(cookie);
  const before = await session(widgetId, { clientId: 'user-r', clientIdSignature: sign(old, 'user-r') });
  const regenerated = await api(ctx.server, 'POST', '/api/widget/identity-secret', { cookie });
  assert.equal(regenerated.status, 200);
  assert.notEqual(regenerated.body.secret, old);
  assert.equal(await secretOf(cookie), regenerated.body.secret);
  const stale = await session(widgetId, { clientId: 'user-r', clientIdSignature: sign(old, 'user-r') });
  assert.notEqual(stale.visitorId, before.visitorId);
  const fresh = await session(widgetId, { clientId: 'user-r', clientIdSignature: sign(regenerated.body.secret, 'user-r') });
  assert.equal(fresh.visitorId, before.visitorId);
});

test('W7: agents (not owner or admins) can neither read nor regenerate the secret', async () => {
  const agent = await addAgent(ctx.server, ctx.owner.accountId, { name: 'Ana Agent', password: 'a long password 1', role: 'agent' });
  const cookie = await signIn(ctx.server, agent.email, 'a long password 1');
  assert.equal((await api(ctx.server, 'GET', '/api/widget/identity-secret', { cookie })).status, 403);
  assert.equal((await api(ctx.server, 'POST', '/api/widget/identity-secret', { cookie })).status, 403);
});

test('W7: a browser that keeps nothing does not pile up tokens: the 20 newest devices stay signed in', async () => {
  const { widgetId, cookie } = ctx.owner;
  const secret = await secretOf(cookie);
  const signed = { clientId: 'forgetful', clientIdSignature: sign(secret, 'forgetful') };
  const first = await session(widgetId, signed);
  const devices: string[] = [];
  for (let i = 0; i < 25; i++) devices.push((await session(widgetId, signed)).token);
  let stillValid = 0;
  for (const token of devices) if ((await session(widgetId, { token })).token === token) stillValid++;
  assert.equal(stillValid, 20);
  assert.equal((await session(widgetId, { token: devices[24]! })).visitorId, first.visitorId, 'the newest device is kept');
  assert.equal((await session(widgetId, { token: first.token })).token, first.token, 'the first device is kept');
});
