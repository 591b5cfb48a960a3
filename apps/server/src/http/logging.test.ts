// The logs of a whole journey, at debug level, hold no password, session or visitor token, email,
// message text or typing preview; every line is JSON and every request line has a random id,
// which the answer carries as X-Request-Id (never the one a client chose).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, clientId, connectAgent, connectVisitor, setupOwner, startServerProcess } from '@palique/server/testing';
import { loggableUrl } from './logging';

test('log URLs keep the path and drop what identifies or authorises', () => {
  assert.equal(loggableUrl('/api/invitations/abc123secret/join'), '/api/invitations/[token]/join');
  assert.equal(loggableUrl('/files/f1?exp=123&sig=deadbeef'), '/files/f1?exp=…&sig=…');
  assert.equal(loggableUrl('/api/conversations?view=all'), '/api/conversations?view=…');
  assert.equal(loggableUrl('/healthz'), '/healthz');
});

test('a full journey logs no secret and no personal data, in JSON lines with request ids', async () => {
  const server = await startServerProcess({ name: 'logs', env: { LOG_LEVEL: 'debug' }, outputLimit: 5_000_000 });
  try {
    const secrets = {
      ownerPassword: 'owner pass phrase 7731',
      wrongPassword: 'wrong pass phrase 9184',
      ownerEmail: 'owner.private.7731@example.org',
      visitorEmail: 'visitor.private.5521@example.org',
      inviteeEmail: 'invitee.private.6612@example.org',
      message: 'message text that is private 4471',
      typing: 'typing preview that is private 3391',
      reply: 'agent reply that is private 8825',
      visitorName: 'Visitorname Privatesurname',
    } as Record<string, string>;
    const owner = await setupOwner(server, { email: secrets.ownerEmail, password: secrets.ownerPassword });
    const wrong = await api(server, 'POST', '/api/auth/login', { body: { email: secrets.ownerEmail, password: secrets.wrongPassword } });
    assert.equal(wrong.status, 401);
    const bad = await api(server, 'POST', '/api/auth/login', { body: { email: 42, password: secrets.wrongPassword } });
    assert.equal(bad.status, 400);

    const session = await api(server, 'POST', `/api/widget/${owner.widgetId}/visitors`, { body: {} });
    secrets.visitorToken = session.body.token;
    secrets.sessionCookie = owner.cookie.split('=')[1]!;
    const visitor = await connectVisitor(server, owner.widgetId, session.body.token);
    assert.ok((await visitor.emit('visitor:update', { name: secrets.visitorName, email: secrets.visitorEmail })).ok);
    visitor.socket.emit('typing', { text: secrets.typing });
    const sent = await visitor.emit('message:send', { clientId: clientId(), text: secrets.message });
    assert.ok(sent.ok);
    const agent = await connectAgent(server, owner.cookie);
    assert.ok((await agent.emit('message:send', { conversationId: sent.message.conversationId, clientId: clientId(), text: secrets.reply })).ok);
    const invitation = await api(server, 'POST', '/api/team/invitations', { cookie: owner.cookie, body: { email: secrets.inviteeEmail, role: 'agent' } });
    assert.equal(invitation.status, 201);
    const invitationToken = new URL(invitation.body.link).pathname.split('/').at(-1)!;
    assert.equal((await api(server, 'GET', `/api/invitations/${invitationToken}`)).status, 200);

    const chosen = await api(server, 'GET', '/api/setup', { headers: { 'x-request-id': 'attacker-chosen-id' } });
    assert.match(chosen.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/, 'the server picks the id');
    visitor.close();
    agent.close();
    await new Promise((r) => setTimeout(r, 300));

    const lines = server.output().split('\n').filter((l) => l.trim().startsWith('{'));
    assert.ok(lines.length > 10, `a debug journey logs something (${lines.length} lines)`);
    for (const [name, value] of Object.entries(secrets)) {
      const leaks = lines.filter((l) => l.includes(value));
      assert.deepEqual(leaks, [], `${name} appears in the logs`);
    }
    // The invitation link is logged on purpose (no SMTP configured), once; request lines never show it.
    assert.equal(lines.filter((l) => l.includes(invitationToken)).length, 1, 'the invitation token only in the line that hands out the link');
    const requests = lines.map((l) => JSON.parse(l)).filter((l) => l.req);
    assert.ok(requests.length > 5);
    for (const r of requests) assert.match(String(r.reqId), /^[0-9a-f-]{36}$/);
    assert.ok(!requests.some((r) => r.reqId === 'attacker-chosen-id'));
  } finally {
    await server.close();
  }
});
