// F4 + R4: signing out on one process closes that session's sockets on every process.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { api, clientId, connectAgent, connectVisitor, signIn, startCluster, type Cluster } from '@palique/server/testing';

let cluster: Cluster;

before(async () => {
  cluster = await startCluster();
});
after(() => cluster?.close());

test('F4 + R4: signing out on process A closes the dashboard socket of that session on process B', async () => {
  const { owner } = cluster;
  const leaving = await signIn(cluster.a, owner.email, owner.password);
  const old = await connectAgent(cluster.b, leaving);
  const staying = await connectAgent(cluster.b, owner.cookie);
  const heardByOld: string[] = [];
  old.socket.on('conversation:message', (e) => heardByOld.push(e.message.text));

  const dropped = old.disconnected(5_000);
  assert.equal((await api(cluster.a, 'POST', '/api/auth/logout', { cookie: leaving })).status, 204);
  assert.equal(await dropped, 'io server disconnect');

  const visitor = await connectVisitor(cluster.a, owner.widgetId);
  const stayingHears = staying.next('conversation:message', 5_000, (e) => e.message.text === 'still there?');
  assert.ok((await visitor.emit('message:send', { clientId: clientId(), text: 'still there?' })).ok);
  await stayingHears;
  assert.deepEqual(heardByOld, []);

  visitor.close();
  staying.close();
  old.close();
});
