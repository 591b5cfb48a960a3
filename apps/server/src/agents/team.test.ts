// A1 and A2: roles on every settings route, the "Agents" section (invitations that expire, can
// be revoked and work once; owner protection; ownership hand-over; removal ends sessions and
// sockets at once) and avatars re-encoded to clean WebP, with bad uploads refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { addAgent, api, connectAgent, serverWithOwner, signIn, TestClock, uniqueEmail } from '@palique/server/testing';

const clock = new TestClock();
const ctx = serverWithOwner({ clock });
const PASSWORD = 'agent password 1';

async function agentWithRole(role: 'admin' | 'agent') {
  const a = await addAgent(ctx.server, ctx.owner.accountId, { name: `Test ${role}`, password: PASSWORD, role });
  return { ...a, cookie: await signIn(ctx.server, a.email, PASSWORD) };
}

/** An example request for a route: its `:params` filled in, a JSON body for writes. */
function exampleRequest(route: string): { method: string; path: string; body?: unknown } {
  const [method, path] = route.split(' ') as [string, string];
  return { method, path: path.replace(/:(\w+)/g, (_m, p: string) => (p === 'language' ? 'en' : '0190aaaa-0000-7000-8000-000000000000')), ...(method === 'GET' || method === 'DELETE' ? {} : { body: {} }) };
}

test('A2: every settings route answers 403 to an agent and 401 without a session', async () => {
  const { server } = ctx;
  const routes = server.settingsRoutes;
  // The settings the guide names: widget, its texts, the team, the account options.
  for (const expected of ['GET /api/widget', 'PUT /api/widget/texts/:language', 'GET /api/team', 'POST /api/team/invitations', 'PUT /api/account/options', 'PUT /api/widget/demo-page']) {
    assert.ok(routes.includes(expected), `${expected} is a settings route`);
  }
  // Whatever lives under a settings path is a settings route: a new one cannot be left untagged.
  const underSettingsPath = (r: string) => /^\S+ \/api\/(team|account|widget)(\/|$)/.test(r) && !r.includes('/:widgetId/');
  const untagged = server.apiRoutes.filter((r) => underSettingsPath(r) && !routes.includes(r));
  assert.deepEqual(untagged, [], 'routes under a settings path without config.settings');
  assert.ok(routes.length >= 9, `settings routes: ${routes.join(', ')}`);
  const agent = await agentWithRole('agent');
  for (const route of routes) {
    const { method, path, body } = exampleRequest(route);
    const asAgent = await api(server, method, path, { cookie: agent.cookie, body });
    assert.equal(asAgent.status, 403, `${route} as an agent`);
    assert.equal(asAgent.body.error.code, 'forbidden');
    assert.equal((await api(server, method, path, { body })).status, 401, `${route} signed out`);
  }
  // Admins and the owner pass the guard.
  const admin = await agentWithRole('admin');
  assert.equal((await api(server, 'GET', '/api/team', { cookie: admin.cookie })).status, 200);
  assert.equal((await api(server, 'GET', '/api/account/options', { cookie: ctx.owner.cookie })).status, 200);
});

async function invite(cookie: string, email = uniqueEmail('invited'), role: 'admin' | 'agent' = 'agent') {
  const res = await api(ctx.server, 'POST', '/api/team/invitations', { cookie, body: { email, role } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.equal(res.body.emailed, false);
  const token = new URL(res.body.link).pathname.split('/').at(-1)!;
  return { id: res.body.invitation.id as string, email, token };
}

test('A2: an invitation link works once, then says it was used', async () => {
  const { server, owner } = ctx;
  const inv = await invite(owner.cookie, undefined, 'admin');
  const preview = await api(server, 'GET', `/api/invitations/${inv.token}`);
  assert.equal(preview.status, 200);
  assert.deepEqual(preview.body, { email: inv.email, role: 'admin', accountName: 'Acme' });
  const joined = await api(server, 'POST', `/api/invitations/${inv.token}/join`, { body: { name: 'Nora Vidal', password: PASSWORD } });
  assert.equal(joined.status, 201);
  assert.equal(joined.body.agent.role, 'admin');
  assert.match(joined.headers.get('set-cookie') ?? '', /palique_session=/);
  await signIn(server, inv.email, PASSWORD);
  const again = await api(server, 'POST', `/api/invitations/${inv.token}/join`, { body: { name: 'Mallory', password: PASSWORD } });
  assert.equal(again.status, 410);
  assert.equal(again.body.error.code, 'invitation_used');
  assert.equal((await api(server, 'GET', `/api/invitations/${inv.token}`)).body.error.code, 'invitation_used');
  const team = await api(server, 'GET', '/api/team', { cookie: owner.cookie });
  assert.ok(team.body.agents.some((a: any) => a.email === inv.email && a.name === 'Nora Vidal'));
  assert.ok(!team.body.invitations.some((i: any) => i.id === inv.id));
  // The stored token is a hash, never the link's token.
  assert.equal((await api(server, 'GET', '/api/invitations/not-a-real-token-at-all')).status, 404);
});

test('A2: a revoked invitation and one older than 7 days (moved clock) no longer work', async () => {
  const { server, owner } = ctx;
  const revoked = await invite(owner.cookie);
  assert.equal((await api(server, 'DELETE', `/api/team/invitations/${revoked.id}`, { cookie: owner.cookie })).status, 204);
  const r = await api(server, 'POST', `/api/invitations/${revoked.token}/join`, { body: { name: 'Late', password: PASSWORD } });
  assert.equal(r.status, 410);
  assert.equal(r.body.error.code, 'invitation_revoked');

  const old = await invite(owner.cookie);
  clock.advance(7 * 86_400_000 - 60_000);
  assert.equal((await api(server, 'GET', `/api/invitations/${old.token}`)).status, 200);
  clock.advance(120_000);
  const expired = await api(server, 'POST', `/api/invitations/${old.token}/join`, { body: { name: 'Late', password: PASSWORD } });
  assert.equal(expired.status, 410);
  assert.equal(expired.body.error.code, 'invitation_expired');
  assert.match(expired.body.error.message, /expired/);
  assert.equal((await api(server, 'POST', '/api/auth/login', { body: { email: old.email, password: PASSWORD } })).status, 401);
});

test('A2: admins manage agents but cannot remove or demote the owner; the owner hands ownership over', async () => {
  const { server, owner } = ctx;
  const admin = await agentWithRole('admin');
  const demote = await api(server, 'PUT', `/api/team/agents/${owner.agentId}/role`, { cookie: admin.cookie, body: { role: 'agent' } });
  assert.equal(demote.status, 403);
  assert.equal(demote.body.error.code, 'owner_protected');
  assert.equal((await api(server, 'DELETE', `/api/team/agents/${owner.agentId}`, { cookie: admin.cookie })).body.error.code, 'owner_protected');
  // Only the owner hands ownership over, and only to an admin.
  assert.equal((await api(server, 'POST', `/api/team/agents/${admin.id}/ownership`, { cookie: admin.cookie })).status, 403);
  const agent = await agentWithRole('agent');
  assert.equal((await api(server, 'POST', `/api/team/agents/${agent.id}/ownership`, { cookie: owner.cookie })).status, 403);
  // An admin changes an agent's role.
  assert.equal((await api(server, 'PUT', `/api/team/agents/${agent.id}/role`, { cookie: admin.cookie, body: { role: 'admin' } })).body.role, 'admin');

  const handed = await api(server, 'POST', `/api/team/agents/${admin.id}/ownership`, { cookie: owner.cookie });
  assert.equal(handed.status, 200);
  const roles = Object.fromEntries(handed.body.agents.map((a: any) => [a.id, a.role]));
  assert.equal(roles[admin.id], 'owner');
  assert.equal(roles[owner.agentId], 'admin');
  // Both sign in again with their new roles; the old owner is now protected against nothing.
  const newOwner = await signIn(server, admin.email, PASSWORD);
  ctx.owner.cookie = await signIn(server, owner.email, owner.password);
  assert.equal((await api(server, 'GET', '/api/me', { cookie: newOwner })).body.agent.role, 'owner');
  assert.equal((await api(server, 'PUT', `/api/team/agents/${admin.id}/role`, { cookie: ctx.owner.cookie, body: { role: 'agent' } })).body.error.code, 'owner_protected');
  // Hand it back for the other tests.
  assert.equal((await api(server, 'POST', `/api/team/agents/${owner.agentId}/ownership`, { cookie: newOwner })).status, 200);
  ctx.owner.cookie = await signIn(server, owner.email, owner.password);
});

test('A2: removing an agent ends their sessions and closes their sockets at once', async () => {
  const { server } = ctx;
  const agent = await agentWithRole('agent');
  const socket = await connectAgent(server, agent.cookie);
  const dropped = socket.disconnected(3_000);
  assert.equal((await api(server, 'DELETE', `/api/team/agents/${agent.id}`, { cookie: ctx.owner.cookie })).status, 204);
  assert.equal(await dropped, 'io server disconnect');
  assert.equal((await api(server, 'GET', '/api/me', { cookie: agent.cookie })).status, 401);
  assert.equal((await api(server, 'POST', '/api/auth/login', { body: { email: agent.email, password: PASSWORD } })).status, 401);
  const team = await api(server, 'GET', '/api/team', { cookie: ctx.owner.cookie });
  assert.ok(!team.body.agents.some((a: any) => a.id === agent.id));
  socket.close();
});

async function upload(cookie: string, body: Buffer, type: string) {
  const res = await fetch(`${ctx.server.url}/api/me/avatar`, { method: 'PUT', headers: { cookie, 'content-type': type }, body: new Uint8Array(body) });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

test('A1: bad avatar files get a clear 4xx and nothing is stored; a PNG is served as a square WebP', async () => {
  const { server } = ctx;
  const agent = await agentWithRole('agent');
  const png = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#3a7' } })
    .withMetadata({ exif: { IFD0: { Copyright: 'secret-exif' } } })
    .png()
    .toBuffer();
  const bad: Array<[string, Buffer, string]> = [
    ['6 MB', Buffer.concat([png, Buffer.alloc(6 * 1024 * 1024)]), 'image/png'],
    ['truncated PNG', png.subarray(0, Math.floor(png.length / 2)), 'image/png'],
    ['SVG with a script', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image/svg+xml'],
    ['SVG sent as PNG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image/png'],
    ['PNG header then HTML', Buffer.concat([png.subarray(0, 8), Buffer.from('<html><script>alert(1)</script></html>')]), 'image/png'],
    ['HTML', Buffer.from('<html><script>alert(1)</script></html>'), 'text/html'],
  ];
  for (const [what, body, type] of bad) {
    const res = await upload(agent.cookie, body, type);
    assert.ok(res.status >= 400 && res.status < 500, `${what}: ${res.status}`);
    assert.ok(res.body?.error?.message, `${what}: a clear message`);
  }
  assert.equal((await api(server, 'GET', '/api/me', { cookie: agent.cookie })).body.agent.avatarUrl, null);

  const good = await upload(agent.cookie, png, 'image/png');
  assert.equal(good.status, 200);
  const url: string = good.body.avatarUrl;
  assert.match(url, /^\/avatars\/.+\.webp$/);
  const served = await fetch(server.url + url);
  assert.equal(served.status, 200);
  assert.equal(served.headers.get('content-type'), 'image/webp');
  assert.equal(served.headers.get('x-content-type-options'), 'nosniff');
  assert.match(served.headers.get('cache-control') ?? '', /max-age=31536000/);
  const bytes = Buffer.from(await served.arrayBuffer());
  const meta = await sharp(bytes).metadata();
  assert.equal(meta.format, 'webp');
  assert.equal(meta.width, 256);
  assert.equal(meta.height, 256);
  assert.equal(meta.exif, undefined);
  assert.ok(!bytes.includes('secret-exif'));
  // The widget's team strip shows it.
  const me = await api(server, 'PUT', '/api/me/profile', { cookie: agent.cookie, body: { name: 'Helena Prado', title: 'Support' } });
  assert.equal(me.body.title, 'Support');
});
