// F4: signing out ends that session everywhere at once: its open dashboard sockets are closed by
// the server, hear nothing more and can send nothing more; the agent's other sessions stay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, clientId, connectAgent, connectVisitor, messagesOf, serverWithOwner, signIn } from '@palique/server/testing';

const ctx = serverWithOwner();

test('F4: signing out closes the open sockets of that session at once; other sessions stay', async () => {
  const { server, owner } = ctx;
  const leaving = await signIn(server, owner.email, owner.password);
  const old = await connectAgent(server, leaving);
  const staying = await connectAgent(server, owner.cookie);
  const heardByOld: string[] = [];
  old.socket.on('conversation:message', (e) => heardByOld.push(e.message.text));

  const dropped = old.disconnected(3_000);
  assert.equal((await api(server, 'POST', '/api/auth/logout', { cookie: leaving })).status, 204);
  assert.equal(await dropped, 'io server disconnect');

  // A visitor writes: the other session hears it, the signed-out socket does not and cannot reply.
  const visitor = await connectVisitor(server, owner.widgetId);
  const stayingHears = staying.next('conversation:message', 5_000, (e) => e.message.text === 'anyone there?');
  assert.ok((await visitor.emit('message:send', { clientId: clientId(), text: 'anyone there?' })).ok);
  const { conversation } = await stayingHears;
  await assert.rejects(old.emit('message:send', { conversationId: conversation.id, clientId: clientId(), text: 'ghost reply' }, 500));
  assert.deepEqual(heardByOld, []);
  assert.deepEqual((await messagesOf(server, owner.cookie, conversation.id)).map((m) => m.text), ['anyone there?']);
  // Nor can it come back with the old cookie.
  await assert.rejects(connectAgent(server, leaving), (err: any) => err.data?.code === 'unauthenticated');

  visitor.close();
  staying.close();
  old.close();
});
