// R4: two processes on PostgreSQL + Redis behave as one server: messages and presence cross them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { api, clientId, connectAgent, connectVisitor, eventually, startCluster, type Cluster } from '@palique/server/testing';

let cluster: Cluster;

before(async () => {
  cluster = await startCluster();
});
after(() => cluster?.close());

test('R4: a visitor on process A and an agent on process B chat live in both directions', async () => {
  const agent = await connectAgent(cluster.b, cluster.owner.cookie);
  const visitor = await connectVisitor(cluster.a, cluster.owner.widgetId);

  const agentHears = agent.next('conversation:message', 5000, (e) => e.message.text === 'Hello from A', 'visitor message at the agent').then((e) => e.message);
  const sent = await visitor.emit('message:send', { clientId: clientId(), text: 'Hello from A' });
  assert.ok(sent.ok, JSON.stringify(sent));
  const heard = await agentHears;
  assert.equal(heard.authorType, 'visitor');
  assert.equal(heard.seq, 1);

  const visitorHears = visitor.next('message:new', 5000, (m) => m.authorType === 'agent', 'agent reply at the visitor');
  const reply = await agent.emit('message:send', { conversationId: heard.conversationId, clientId: clientId(), text: 'Hi, this is B' });
  assert.ok(reply.ok, JSON.stringify(reply));
  const got = await visitorHears;
  assert.equal(got.text, 'Hi, this is B');
  assert.equal(got.seq, 2);
  agent.close();
  visitor.close();
});

test('W2 + R4: an agent on process B switches the widget of a visitor on process A between live and messenger', async () => {
  const visitor = await connectVisitor(cluster.a, cluster.owner.widgetId);
  // The agent of the test before has just closed its socket on B: its presence leaves through Redis.
  await eventually(
    async () => {
      const sync = await visitor.emit('sync', { after: 0 });
      return sync.ok && sync.mode;
    },
    (mode) => mode === 'messenger',
    5_000,
  );

  const goesLive = visitor.next('mode', 5000, (e) => e.mode === 'live', "mode 'live'");
  const agent = await connectAgent(cluster.b, cluster.owner.cookie);
  await goesLive;

  const goesMessenger = visitor.next('mode', 5000, (e) => e.mode === 'messenger', "mode 'messenger'");
  assert.ok((await agent.emit('status:set', { status: 'invisible' })).ok);
  await goesMessenger;

  const backLive = visitor.next('mode', 5000, (e) => e.mode === 'live', "mode 'live' again");
  assert.ok((await agent.emit('status:set', { status: 'online' })).ok);
  await backLive;

  // A visitor arriving on A later sees the agent of B at once.
  const later = await connectVisitor(cluster.a, cluster.owner.widgetId);
  const laterSync = await later.emit('sync', { after: 0 });
  assert.equal(laterSync.ok && laterSync.mode, 'live');

  const closes = visitor.next('mode', 5000, (e) => e.mode === 'messenger', "mode 'messenger' after the agent left");
  agent.close();
  await closes;
  visitor.close();
  later.close();
});

test('W2 + R4: a status changed on process B is what process A pushes next and answers syncs with, not what A read a moment before', async () => {
  const visitor = await connectVisitor(cluster.a, cluster.owner.widgetId);
  const modes: string[] = [];
  visitor.socket.on('mode', ({ mode }) => modes.push(mode));
  const agent = await connectAgent(cluster.b, cluster.owner.cookie);
  await eventually(() => modes, (m) => m.at(-1) === 'live', 5_000);
  for (const [status, mode] of [['invisible', 'messenger'], ['online', 'live'], ['offline', 'messenger'], ['online', 'live']] as const) {
    // A has just read the statuses (a sync answers with the mode): what it read is kept a moment.
    const before = await connectVisitor(cluster.a, cluster.owner.widgetId);
    const sync = await before.emit('sync', { after: 0 });
    assert.equal(sync.ok && sync.mode, mode === 'live' ? 'messenger' : 'live');
    before.close();
    const pushedBefore = modes.length;
    assert.ok((await agent.emit('status:set', { status })).ok);
    await eventually(() => modes.slice(pushedBefore), (m) => m.length > 0, 5_000);
    // The first push after the change carries it (a stale read would push the old mode again).
    assert.equal(modes[pushedBefore], mode, `after ${status}`);
    const after = await connectVisitor(cluster.a, cluster.owner.widgetId);
    const then = await after.emit('sync', { after: 0 });
    assert.equal(then.ok && then.mode, mode, `a sync on A after ${status}`);
    after.close();
  }
  agent.close();
  visitor.close();
});

test('R4: sign-in attempts are limited across processes, not per process', async () => {
  const email = 'guess@example.com';
  const statuses: number[] = [];
  // The default limit is 10 attempts per email and address; spread them over both processes.
  for (let i = 0; i < 11; i++) {
    const res = await api(i % 2 === 0 ? cluster.a : cluster.b, 'POST', '/api/auth/login', { body: { email, password: `wrong ${i}` } });
    statuses.push(res.status);
  }
  assert.deepEqual(statuses, [...Array(10).fill(401), 429]);
});
