// C1 on two processes over PostgreSQL + Redis: two agents, one per process, answering the same
// chat in the same instant end with one owner, and both hear who it is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { addAgent, clientId, connectAgent, connectVisitor, signIn, startCluster, type Cluster } from '@palique/server/testing';

let cluster: Cluster;

before(async () => {
  cluster = await startCluster();
});
after(() => cluster?.close());

test('C1 + R4: agents on two processes answering at once end with exactly one owner, seen by both', async () => {
  const { id: anaId, email } = await addAgent(cluster.a, cluster.owner.accountId, { name: 'Ana', password: 'correct horse battery', role: 'agent' });
  const anaCookie = await signIn(cluster.a, email, 'correct horse battery');
  const ana = await connectAgent(cluster.a, anaCookie);
  const owner = await connectAgent(cluster.b, cluster.owner.cookie);
  for (let round = 0; round < 5; round++) {
    const visitor = await connectVisitor(cluster.a, cluster.owner.widgetId);
    const sent = await visitor.emit('message:send', { clientId: clientId(), text: `round ${round}` });
    assert.ok(sent.ok, JSON.stringify(sent));
    const { conversationId } = sent.message;
    const anaHears = ana.next('conversation:message', 5000, (e) => e.conversation.id === conversationId && e.message.authorType === 'agent');
    const ownerHears = owner.next('conversation:message', 5000, (e) => e.conversation.id === conversationId && e.message.authorType === 'agent');
    const [a, b] = await Promise.all([
      ana.emit('message:send', { conversationId, clientId: clientId(), text: 'Ana here' }),
      owner.emit('message:send', { conversationId, clientId: clientId(), text: 'Owner here' }),
    ]);
    assert.ok(a.ok && b.ok);
    const owners = new Set([a.conversation.assigneeId, b.conversation.assigneeId, (await anaHears).conversation.assigneeId, (await ownerHears).conversation.assigneeId]);
    assert.equal(owners.size, 1, `round ${round}: ${[...owners].join(', ')}`);
    assert.ok([anaId, cluster.owner.agentId].includes([...owners][0]!));
    visitor.close();
  }
  ana.close();
  owner.close();
});
