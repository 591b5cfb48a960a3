// W3: the widget's texts per language (settings for owner and admins, merged texts for the
// widget) and W2: the team the widget shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { en, widgetTextDefaults } from '@palique/protocol';
import { addAgent, api, connectAgent, connectVisitor, eventually, serverWithOwner, signIn } from '@palique/server/testing';

const ctx = serverWithOwner();

async function agentCookie(role: 'agent' | 'admin'): Promise<string> {
  const { email } = await addAgent(ctx.server, ctx.owner.accountId, { name: `Pablo ${role}`, password: 'pablo password', role });
  return signIn(ctx.server, email, 'pablo password');
}

test('W3: agents get 403 on the widget texts settings; owner and admins get them', async () => {
  const cookie = await agentCookie('agent');
  const read = await api(ctx.server, 'GET', '/api/widget/texts/es', { cookie });
  const write = await api(ctx.server, 'PUT', '/api/widget/texts/es', { cookie, body: { overrides: { title: 'Hackeado' } } });
  assert.deepEqual([read.status, write.status], [403, 403]);
  assert.equal(write.body.error.code, 'forbidden');
  const admin = await api(ctx.server, 'GET', '/api/widget/texts/es', { cookie: await agentCookie('admin') });
  assert.equal(admin.status, 200);
  assert.deepEqual(admin.body.defaults, widgetTextDefaults.es);
  // Nothing was stored by the refused write.
  const widget = await api(ctx.server, 'GET', `/api/widget/${ctx.owner.widgetId}/texts/es`);
  assert.equal(widget.body.texts.title, widgetTextDefaults.es.title);
  assert.equal((await api(ctx.server, 'GET', '/api/widget/texts/en')).status, 401);
});

test('W3: texts are stored per language, merged for the widget, and clearing one restores the default', async () => {
  const { cookie, widgetId } = ctx.owner;
  const saved = await api(ctx.server, 'PUT', '/api/widget/texts/es', {
    cookie,
    body: { overrides: { statusMessenger: 'Respondemos en una hora', greetingLive: '¡Hola, vecino!' } },
  });
  assert.equal(saved.status, 200);
  assert.deepEqual(saved.body.overrides, { statusMessenger: 'Respondemos en una hora', greetingLive: '¡Hola, vecino!' });

  const es = await api(ctx.server, 'GET', `/api/widget/${widgetId}/texts/es`);
  assert.equal(es.status, 200);
  assert.deepEqual(es.body, {
    language: 'es',
    texts: { ...widgetTextDefaults.es, statusMessenger: 'Respondemos en una hora', greetingLive: '¡Hola, vecino!' },
  });
  // English is untouched.
  assert.deepEqual((await api(ctx.server, 'GET', `/api/widget/${widgetId}/texts/en`)).body.texts, en);

  // Clearing a field (blank or left out) restores its default.
  const cleared = await api(ctx.server, 'PUT', '/api/widget/texts/es', { cookie, body: { overrides: { statusMessenger: '  ', greetingLive: '¡Hola, vecino!' } } });
  assert.deepEqual(cleared.body.overrides, { greetingLive: '¡Hola, vecino!' });
  const after = await api(ctx.server, 'GET', `/api/widget/${widgetId}/texts/es`);
  assert.equal(after.body.texts.statusMessenger, widgetTextDefaults.es.statusMessenger);
  assert.deepEqual((await api(ctx.server, 'GET', '/api/widget/texts/es', { cookie })).body.overrides, { greetingLive: '¡Hola, vecino!' });
});

test('W3: the widget\'s texts are revalidated on every load (ETag) so an edit shows without a rebuild', async () => {
  const { cookie, widgetId } = ctx.owner;
  const first = await api(ctx.server, 'GET', `/api/widget/${widgetId}/texts/en`);
  assert.equal(first.headers.get('cache-control'), 'no-cache');
  const etag = first.headers.get('etag')!;
  const same = await fetch(`${ctx.server.url}/api/widget/${widgetId}/texts/en`, { headers: { 'if-none-match': etag } });
  assert.equal(same.status, 304);
  await api(ctx.server, 'PUT', '/api/widget/texts/en', { cookie, body: { overrides: { title: 'Talk to Acme' } } });
  const edited = await fetch(`${ctx.server.url}/api/widget/${widgetId}/texts/en`, { headers: { 'if-none-match': etag } });
  assert.equal(edited.status, 200);
  assert.equal(((await edited.json()) as { texts: { title: string } }).texts.title, 'Talk to Acme');
  await api(ctx.server, 'PUT', '/api/widget/texts/en', { cookie, body: { overrides: {} } });
});

test('W3: bad input gets 400: unknown language, unknown key, a text too long, not a string', async () => {
  const { cookie, widgetId } = ctx.owner;
  const bad = [
    await api(ctx.server, 'GET', '/api/widget/texts/fr', { cookie }),
    await api(ctx.server, 'PUT', '/api/widget/texts/xx', { cookie, body: { overrides: {} } }),
    await api(ctx.server, 'PUT', '/api/widget/texts/es', { cookie, body: { overrides: { notAText: 'x' } } }),
    await api(ctx.server, 'PUT', '/api/widget/texts/es', { cookie, body: { overrides: { title: 'x'.repeat(501) } } }),
    await api(ctx.server, 'PUT', '/api/widget/texts/es', { cookie, body: { overrides: { title: 42 } } }),
    await api(ctx.server, 'PUT', '/api/widget/texts/es', { cookie, body: { title: 'no overrides object' } }),
    await api(ctx.server, 'GET', `/api/widget/${widgetId}/texts/de`),
  ];
  assert.deepEqual(
    bad.map((r) => [r.status, r.body.error.code]),
    bad.map(() => [400, 'invalid_input']),
  );
  const unknownWidget = await api(ctx.server, 'GET', '/api/widget/nosuchwidget/texts/en');
  assert.deepEqual([unknownWidget.status, unknownWidget.body.error.code], [404, 'widget_not_found']);
});

test('W2: the widget\'s sync carries the team: names, initials, who is online, last active; never emails', async () => {
  const { id: idleId } = await addAgent(ctx.server, ctx.owner.accountId, { name: 'María  José Ruiz', password: 'maria password', role: 'agent' });
  const owner = await connectAgent(ctx.server, ctx.owner.cookie);
  const visitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const team = await eventually(
    async () => {
      const sync = await visitor.emit('sync', { after: 0 });
      assert.ok(sync.ok);
      return sync.team;
    },
    (members) => members.some((m) => m.id === ctx.owner.agentId && m.online && m.lastActiveAt),
  );
  const helena = team.find((m) => m.id === ctx.owner.agentId)!;
  assert.deepEqual([helena.name, helena.initials], ['Helena Prado', 'HP']);
  const maria = team.find((m) => m.id === idleId)!;
  assert.deepEqual([maria.initials, maria.online, maria.lastActiveAt], ['MR', false, null]);
  assert.equal(team[0]!.id, ctx.owner.agentId, 'online agents come first');
  assert.doesNotMatch(JSON.stringify(team), /@/, 'no emails');
  visitor.close();

  // Going invisible: still in the team, not online, active since the switch.
  const switched = await owner.emit('status:set', { status: 'invisible' });
  assert.ok(switched.ok);
  const again = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const sync = await again.emit('sync', { after: 0 });
  assert.ok(sync.ok);
  const invisible = sync.team.find((m) => m.id === ctx.owner.agentId)!;
  assert.equal(invisible.online, false);
  assert.ok(invisible.lastActiveAt! >= helena.lastActiveAt!);
  await owner.emit('status:set', { status: 'online' });
  again.close();
  owner.close();
});

test('W2: visitors hear the team change when an agent switches status', async () => {
  const owner = await connectAgent(ctx.server, ctx.owner.cookie);
  const visitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const sync = await visitor.emit('sync', { after: 0 });
  assert.ok(sync.ok);
  const heard = visitor.next('team');
  await owner.emit('status:set', { status: 'offline' });
  const { team } = await heard;
  const helena = team.find((m) => m.id === ctx.owner.agentId)!;
  assert.equal(helena.online, false);
  assert.ok(helena.lastActiveAt);
  await owner.emit('status:set', { status: 'online' });
  visitor.close();
  owner.close();
});
