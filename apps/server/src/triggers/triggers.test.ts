// T1–T4 through the API with the server's clock moved: frequencies (table-driven), templates,
// targeted messages from an agent or the team, firings in the visitor's details, enable /
// duplicate / delete, bad definitions, other accounts and roles. The not-invasive rules and
// modes are in not-invasive.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { triggerFromTemplate, type Message, type TriggerDefinitionInput } from '@palique/protocol';
import { addAccount, addAgent, api, clientId, eventually, serverWithOwner, signIn, TestClock, type OwnerSession } from '@palique/server/testing';
import { useTriggers } from './test-support';

const clock = new TestClock(new Date());
const ctx = serverWithOwner({ clock, env: { TIMER_POLL_MS: '20', TRUST_PROXY: '1' } });
const { visitorOn, newAccount, proactiveOf } = useTriggers(ctx, clock);

const cartTrigger = (over: Partial<TriggerDefinitionInput> = {}): TriggerDefinitionInput => ({
  name: 'Cart',
  conditions: [{ type: 'page_url', op: 'contains', value: '/cart' }, { type: 'time_on_page', seconds: 20 }],
  action: { type: 'send_message', text: 'Any **questions** about your order?', from: { type: 'team' } },
  frequency: 'once_per_visit',
  mode: 'both',
  ...over,
});

const frequencies: Array<[string, number[]]> = [
  // Messages after: the first cart view, the cart again in the same visit, the cart in a new visit.
  ['once_per_visitor', [1, 1, 1]],
  ['once_per_visit', [1, 1, 2]],
  ['every_page_load', [1, 2, 3]],
];

for (const [frequency, expected] of frequencies) {
  test(`T1: frequency ${frequency} sends ${expected.join(', ')} targeted messages`, async () => {
    const owner = await newAccount({ minDelaySeconds: 1, quietSeconds: 0 });
    assert.equal((await api(ctx.server, 'POST', '/api/triggers', { cookie: owner.cookie, body: cartTrigger({ frequency: frequency as 'once_per_visit' }) })).status, 201);
    const visitor = await visitorOn(owner);
    const counts: number[] = [];
    await visitor.view('https://shop.example/cart');
    await visitor.waitFor(20_000, 1);
    counts.push((await proactiveOf(visitor)).length);
    await visitor.view('https://shop.example/shoes');
    clock.advance(1_000);
    await visitor.view('https://shop.example/cart');
    counts.push(await visitor.settleCount(25_000));
    clock.advance(31 * 60_000); // a new visit
    await visitor.view('https://shop.example/cart');
    counts.push(await visitor.settleCount(25_000));
    assert.deepEqual(counts, expected);
    visitor.close();
  });
}

test('T2: the cart template with a path fires on the cart page after its wait, from the team, and shows in the visitor details', async () => {
  const owner = await newAccount({ minDelaySeconds: 1, quietSeconds: 0 });
  const body = triggerFromTemplate('cart_page', '/cart', 'Cart page');
  const created = await api(ctx.server, 'POST', '/api/triggers', { cookie: owner.cookie, body });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.trigger.template, 'cart_page');
  const visitor = await visitorOn(owner);
  await visitor.view('https://shop.example/cart?items=2');
  assert.equal(await visitor.settleCount(10_000), 0, 'not before its 30 s on the page');
  const live = visitor.socket.next('message:new', 5_000);
  clock.advance(20_000);
  const message: Message = await live;
  assert.equal(message.text, body.action.text);
  assert.deepEqual([message.authorType, message.authorId, message.authorName], ['agent', null, null], 'from the team: the widget shows the team name');
  // The firing is recorded right after the message is stored.
  const firings = await eventually(
    () => api(ctx.server, 'GET', `/api/visitors/${visitor.id}/trigger-firings`, { cookie: owner.cookie }),
    (res) => res.status !== 200 || res.body.firings.length > 0,
  );
  assert.equal(firings.status, 200);
  assert.equal(firings.body.firings.length, 1);
  assert.equal(firings.body.firings[0].triggerName, 'Cart page');
  assert.equal(firings.body.firings[0].messageId, message.id);
  assert.equal(firings.body.firings[0].pageUrl, 'https://shop.example/cart?items=2');
  // Nobody has to answer yet: the chat is in All, not in the agents' Queue, until the visitor replies.
  const inView = async (view: string) =>
    (await api(ctx.server, 'GET', `/api/conversations?view=${view}`, { cookie: owner.cookie })).body.conversations.some((c: { id: string }) => c.id === message.conversationId);
  assert.deepEqual([await inView('queue'), await inView('all')], [false, true]);
  assert.ok((await visitor.socket.emit('message:send', { clientId: clientId(), text: 'Is shipping free?' })).ok);
  assert.equal(await inView('queue'), true, 'the visitor replied: now it waits for an agent');
  visitor.close();
});

test('T1: a targeted message from a chosen agent carries their name; a disabled trigger sends nothing', async () => {
  const owner = await newAccount({ minDelaySeconds: 1, quietSeconds: 0 });
  const helena = cartTrigger({ name: 'From Helena', action: { type: 'send_message', text: 'Hi, I am Helena.', from: { type: 'agent', agentId: owner.agentId } } });
  const off = (await api(ctx.server, 'POST', '/api/triggers', { cookie: owner.cookie, body: { ...cartTrigger(), enabled: false } })).body.trigger;
  assert.equal(off.enabled, false);
  await api(ctx.server, 'POST', '/api/triggers', { cookie: owner.cookie, body: helena });
  const visitor = await visitorOn(owner);
  await visitor.view('https://shop.example/cart');
  await visitor.waitFor(20_000, 1);
  const [m] = await proactiveOf(visitor);
  assert.deepEqual([m!.text, m!.authorId, m!.authorName], ['Hi, I am Helena.', owner.agentId, 'Helena Prado']);
  assert.equal(await visitor.settleCount(60_000), 1, 'the disabled one never fired');
  visitor.close();
});

test('T2: duplicate copies a trigger (disabled, for another page); enable, edit and delete', async () => {
  const owner = await newAccount();
  const original = (await api(ctx.server, 'POST', '/api/triggers', { cookie: owner.cookie, body: cartTrigger() })).body.trigger;
  const copy = await api(ctx.server, 'POST', `/api/triggers/${original.id}/duplicate`, { cookie: owner.cookie, body: { name: 'Cart (copy)' } });
  assert.equal(copy.status, 201);
  assert.deepEqual([copy.body.trigger.name, copy.body.trigger.enabled], ['Cart (copy)', false]);
  assert.deepEqual(copy.body.trigger.conditions, original.conditions);
  assert.notEqual(copy.body.trigger.id, original.id);
  const edited = await api(ctx.server, 'PUT', `/api/triggers/${copy.body.trigger.id}`, {
    cookie: owner.cookie,
    body: cartTrigger({ name: 'Checkout', conditions: [{ type: 'page_url', op: 'starts_with', value: '/checkout' }] }),
  });
  assert.equal(edited.status, 200);
  assert.equal(edited.body.trigger.conditions[0].value, '/checkout');
  const enabled = await api(ctx.server, 'PUT', `/api/triggers/${original.id}/enabled`, { cookie: owner.cookie, body: { enabled: false } });
  assert.equal(enabled.body.trigger.enabled, false);
  assert.equal((await api(ctx.server, 'DELETE', `/api/triggers/${original.id}`, { cookie: owner.cookie })).status, 204);
  const list = await api(ctx.server, 'GET', '/api/triggers', { cookie: owner.cookie });
  assert.deepEqual(list.body.triggers.map((t: { name: string }) => t.name), ['Checkout']);
});

const badDefinitions: Array<[string, (owner: OwnerSession) => unknown]> = [
  ['no conditions', () => cartTrigger({ conditions: [] })],
  ['an unknown condition', () => cartTrigger({ conditions: [{ type: 'weather', value: 'rain' } as never] })],
  ['an unknown URL operator', () => cartTrigger({ conditions: [{ type: 'page_url', op: 'regex' as never, value: '(a+)+$' }] })],
  ['an empty URL', () => cartTrigger({ conditions: [{ type: 'page_url', op: 'contains', value: '  ' }] })],
  ['a URL pattern too long', () => cartTrigger({ conditions: [{ type: 'page_url', op: 'matches', value: '*'.repeat(501) }] })],
  ['an empty referrer pattern', () => cartTrigger({ conditions: [{ type: 'referrer', op: 'contains', value: '' }] })],
  ['a negative time', () => cartTrigger({ conditions: [{ type: 'time_on_page', seconds: -5 }] })],
  ['a bad country', () => cartTrigger({ conditions: [{ type: 'country', op: 'is', values: ['Spain'] }] })],
  ['an empty message', () => cartTrigger({ action: { type: 'send_message', text: ' ', from: { type: 'team' } } })],
  ['an unknown action', () => cartTrigger({ action: { type: 'launch_rocket' } as never })],
  ['an unknown frequency', () => cartTrigger({ frequency: 'hourly' as never })],
  ['an unknown mode', () => cartTrigger({ mode: 'always' as never })],
  ['a sender from no team', () => cartTrigger({ action: { type: 'send_message', text: 'Hi', from: { type: 'agent', agentId: 'no-such-agent' } } })],
];

test('T1: bad trigger definitions answer 400 with a clear message and change nothing', async () => {
  const owner = await newAccount();
  const kept = (await api(ctx.server, 'POST', '/api/triggers', { cookie: owner.cookie, body: cartTrigger() })).body.trigger;
  for (const [what, body] of badDefinitions) {
    const created = await api(ctx.server, 'POST', '/api/triggers', { cookie: owner.cookie, body: body(owner) });
    assert.equal(created.status, 400, `${what}: ${JSON.stringify(created.body)}`);
    assert.equal(created.body.error.code, 'invalid_input');
    assert.ok(created.body.error.message.length > 5, what);
    const replaced = await api(ctx.server, 'PUT', `/api/triggers/${kept.id}`, { cookie: owner.cookie, body: body(owner) });
    assert.equal(replaced.status, 400, `${what} (edit)`);
  }
  const list = await api(ctx.server, 'GET', '/api/triggers', { cookie: owner.cookie });
  assert.deepEqual(list.body.triggers, [kept]);
  const settings = await api(ctx.server, 'PUT', '/api/triggers/settings', { cookie: owner.cookie, body: { minDelaySeconds: 0, quietSeconds: 10 } });
  assert.equal(settings.status, 400, 'never right on arrival: at least 1 s');
});

test('T1: another account sees none of the triggers, and its triggers never reach this account\'s visitors', async () => {
  const mine = await newAccount({ minDelaySeconds: 1, quietSeconds: 0 });
  const theirs = await newAccount({ minDelaySeconds: 1, quietSeconds: 0 });
  const trigger = (await api(ctx.server, 'POST', '/api/triggers', { cookie: theirs.cookie, body: cartTrigger() })).body.trigger;
  for (const [method, path, body] of [
    ['GET', `/api/triggers/${trigger.id}`],
    ['PUT', `/api/triggers/${trigger.id}`, cartTrigger()],
    ['PUT', `/api/triggers/${trigger.id}/enabled`, { enabled: false }],
    ['POST', `/api/triggers/${trigger.id}/duplicate`, { name: 'Mine now' }],
    ['DELETE', `/api/triggers/${trigger.id}`],
  ] as const) {
    const res = await api(ctx.server, method, path, { cookie: mine.cookie, body });
    assert.equal(res.status, 404, `${method} ${path}`);
    assert.equal(res.body.error.code, 'trigger_not_found');
  }
  assert.deepEqual((await api(ctx.server, 'GET', '/api/triggers', { cookie: mine.cookie })).body.triggers, []);
  const visitor = await visitorOn(mine);
  await visitor.view('https://shop.example/cart');
  assert.equal(await visitor.settleCount(60_000), 0);
  const theirVisitor = await visitorOn(theirs);
  await theirVisitor.view('https://shop.example/cart');
  await theirVisitor.waitFor(20_000, 1);
  const firings = await api(ctx.server, 'GET', `/api/visitors/${theirVisitor.id}/trigger-firings`, { cookie: mine.cookie });
  assert.equal(firings.status, 404, 'another account\'s visitor');
  visitor.close();
  theirVisitor.close();
});

test('T1: agents cannot read or change triggers (403); admins can; every agent sees a visitor\'s firings', async () => {
  const owner = await newAccount();
  const password = 'correct horse battery';
  const agent = await addAgent(ctx.server, owner.accountId, { name: 'Ana', password, role: 'agent' });
  const admin = await addAgent(ctx.server, owner.accountId, { name: 'Adam', password, role: 'admin' });
  const agentCookie = await signIn(ctx.server, agent.email, password);
  const adminCookie = await signIn(ctx.server, admin.email, password);
  assert.equal((await api(ctx.server, 'GET', '/api/triggers', { cookie: agentCookie })).status, 403);
  assert.equal((await api(ctx.server, 'POST', '/api/triggers', { cookie: agentCookie, body: cartTrigger() })).status, 403);
  assert.equal((await api(ctx.server, 'POST', '/api/triggers', { cookie: adminCookie, body: cartTrigger() })).status, 201);
  const visitor = await visitorOn(owner);
  await visitor.view('https://shop.example/');
  assert.equal((await api(ctx.server, 'GET', `/api/visitors/${visitor.id}/trigger-firings`, { cookie: agentCookie })).status, 200);
  visitor.close();
});
