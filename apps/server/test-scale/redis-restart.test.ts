// R4: Redis restarted under two running processes. Messages keep being accepted while it is away,
// and live delivery across the processes, and presence, come back by themselves once it returns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from '@palique/protocol';
import { clientId, connectAgent, connectVisitor, startCluster, startRedisServer } from '@palique/server/testing';

const RECOVERY_MS = 10_000;

test('R4: after a Redis restart, a visitor on A reaches the agent on B live again within 10 s, and nothing sent meanwhile is lost', async () => {
  let redis = await startRedisServer();
  const cluster = await startCluster({ redisUrl: redis.url });
  try {
    const agent = await connectAgent(cluster.b, cluster.owner.cookie);
    const visitor = await connectVisitor(cluster.a, cluster.owner.widgetId);
    const first = agent.next('conversation:message', 5000, (e) => e.message.text === 'before', 'the first message at the agent').then((e) => e.message);
    assert.ok((await visitor.emit('message:send', { clientId: clientId(), text: 'before' })).ok);
    const { conversationId } = await first;

    await redis.kill();
    // Redis is away: the message is still stored and acknowledged (rate limits let it through).
    const during = await visitor.emit('message:send', { clientId: clientId(), text: 'during the outage' });
    assert.ok(during.ok, JSON.stringify(during));

    // Both sides are told to catch up, since events may have been missed while Redis was away.
    const agentResync = agent.next('resync', RECOVERY_MS, () => true, 'resync at the agent');
    const visitorResync = visitor.next('resync', RECOVERY_MS, () => true, 'resync at the visitor');
    redis = await startRedisServer(redis.port);
    const back = Date.now();
    await Promise.all([agentResync, visitorResync]);
    let delivered: Message | undefined;
    for (let attempt = 1; !delivered && Date.now() - back < RECOVERY_MS; attempt++) {
      const text = `after the restart, try ${attempt}`;
      const heard = agent.next('conversation:message', 1000, (e) => e.message.text === text, text)
        .then((e) => e.message)
        .catch(() => undefined);
      const sent = await visitor.emit('message:send', { clientId: clientId(), text });
      assert.ok(sent.ok, JSON.stringify(sent));
      delivered = await heard;
    }
    assert.ok(delivered, `no message from A reached B live within ${RECOVERY_MS} ms of Redis coming back`);

    // The other direction works too, and the agent's resume finds what was sent during the outage.
    const reply = visitor.next('message:new', 3000, (m) => m.text === 'welcome back', 'the reply at the visitor');
    assert.ok((await agent.emit('message:send', { conversationId, clientId: clientId(), text: 'welcome back' })).ok);
    await reply;
    const resumed = await agent.emit('conversation:sync', { conversationId, after: 1 });
    assert.ok(resumed.ok);
    assert.equal(resumed.messages[0].text, 'during the outage');

    // Presence lived in the old Redis; the heartbeats put the agent back, so the widget is live.
    let mode = '';
    while (mode !== 'live' && Date.now() - back < RECOVERY_MS * 2) {
      const sync = await visitor.emit('sync', { after: 0 });
      mode = sync.ok ? sync.mode : '';
      if (mode !== 'live') await visitor.next('mode', 1000, () => true).catch(() => undefined);
    }
    assert.equal(mode, 'live', 'the widget shows live again once the agent is back in Redis');
    agent.close();
    visitor.close();
  } finally {
    await cluster.close();
    await redis.kill();
  }
});
