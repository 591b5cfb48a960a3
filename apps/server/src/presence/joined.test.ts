// A3: an Invisible agent who types in a chat joins it and shows as present there: that visitor
// sees them online (and the widget live), every other visitor sees their real status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addAgent, api, clientId, connectAgent, connectVisitor, serverWithOwner, signIn } from '@palique/server/testing';

const ctx = serverWithOwner();
const PASSWORD = 'correct horse battery';

test('A3: an Invisible agent who wrote in a chat is online for that visitor only, while their dashboard is open', async () => {
  const { id: ivaId, email } = await addAgent(ctx.server, ctx.owner.accountId, { name: 'Iva Invisible', password: PASSWORD, role: 'agent' });
  const cookie = await signIn(ctx.server, email, PASSWORD);
  assert.equal((await api(ctx.server, 'PUT', '/api/me/status', { cookie, body: { status: 'invisible' } })).status, 200);
  let iva = await connectAgent(ctx.server, cookie);
  const joinedVisitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const otherVisitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const first = await joinedVisitor.emit('message:send', { clientId: clientId(), text: 'Hello?' });
  assert.ok(first.ok);
  assert.ok((await otherVisitor.emit('message:send', { clientId: clientId(), text: 'Anyone?' })).ok);

  const before = await joinedVisitor.emit('sync', { after: 0 });
  assert.ok(before.ok);
  assert.deepEqual([before.mode, before.present, before.team.find((m) => m.id === ivaId)?.online], ['messenger', [], false]);

  // Iva types in the first chat: she joined it.
  const heard = joinedVisitor.next('message:new');
  assert.ok((await iva.emit('message:send', { conversationId: first.message.conversationId, clientId: clientId(), text: 'Iva here' })).ok);
  assert.equal((await heard).authorId, ivaId);
  assert.deepEqual(await joinedVisitor.emit('present', {}), { ok: true, agentIds: [ivaId] });
  const after = await joinedVisitor.emit('sync', { after: 0 });
  assert.ok(after.ok);
  assert.deepEqual(after.present, [ivaId]);
  // The other visitor still sees her real status: not online, not present, messenger mode.
  const other = await otherVisitor.emit('sync', { after: 0 });
  assert.ok(other.ok);
  assert.deepEqual([other.mode, other.present, other.team.find((m) => m.id === ivaId)?.online], ['messenger', [], false]);
  assert.deepEqual(await otherVisitor.emit('present', {}), { ok: true, agentIds: [] });

  // She closes her dashboard: no longer present; she opens it again: present again (she stays joined).
  const gone = joinedVisitor.next('present');
  iva.close();
  assert.deepEqual(await gone, { agentIds: [] });
  const back = joinedVisitor.next('present');
  iva = await connectAgent(ctx.server, cookie);
  assert.deepEqual(await back, { agentIds: [ivaId] });
  // Offline: never shown as present.
  const offline = joinedVisitor.next('present');
  assert.ok((await iva.emit('status:set', { status: 'offline' })).ok);
  assert.deepEqual(await offline, { agentIds: [] });
  iva.close();
  joinedVisitor.close();
  otherVisitor.close();
});
