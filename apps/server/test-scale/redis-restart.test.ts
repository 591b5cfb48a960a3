// R4: Redis restarted under two running processes. Messages keep being accepted while it is away,
// and live delivery across the processes, and presence, come back by themselves once it returns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import type { ConversationMessageEvent, Message } from '@palique/protocol';
import { clientId, connectAgent, connectVisitor } from '../src/test-support/server';
import { freePort, startCluster, waitForEvent } from './cluster';

const RECOVERY_MS = 10_000;

/** A private redis-server (never the machine's shared one), stoppable and restartable on its port. */
async function startRedis(port: number): Promise<{ child: ChildProcess; kill(): Promise<void> }> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('error', reject);
    void exited.then(() => reject(new Error(`redis-server exited:\n${output}`)));
  });
  return {
    child,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

test('R4: after a Redis restart, a visitor on A reaches the agent on B live again within 10 s, and nothing sent meanwhile is lost', async () => {
  const port = await freePort();
  let redis = await startRedis(port);
  const cluster = await startCluster({ redisUrl: `redis://127.0.0.1:${port}` });
  try {
    const agent = await connectAgent(cluster.b, cluster.owner.cookie);
    const visitor = await connectVisitor(cluster.a, cluster.owner.widgetId);
    const first = waitForEvent<ConversationMessageEvent>(agent.socket, 'conversation:message', (e) => e.message.text === 'before', 5000, 'the first message at the agent').then((e) => e.message);
    assert.ok((await visitor.emit('message:send', { clientId: clientId(), text: 'before' })).ok);
    const { conversationId } = await first;

    await redis.kill();
    // Redis is away: the message is still stored and acknowledged (rate limits let it through).
    const during = await visitor.emit('message:send', { clientId: clientId(), text: 'during the outage' });
    assert.ok(during.ok, JSON.stringify(during));

    // Both sides are told to catch up, since events may have been missed while Redis was away.
    const agentResync = waitForEvent(agent.socket, 'resync', () => true, RECOVERY_MS, 'resync at the agent');
    const visitorResync = waitForEvent(visitor.socket, 'resync', () => true, RECOVERY_MS, 'resync at the visitor');
    redis = await startRedis(port);
    const back = Date.now();
    await Promise.all([agentResync, visitorResync]);
    let delivered: Message | undefined;
    for (let attempt = 1; !delivered && Date.now() - back < RECOVERY_MS; attempt++) {
      const text = `after the restart, try ${attempt}`;
      const heard = waitForEvent<ConversationMessageEvent>(agent.socket, 'conversation:message', (e) => e.message.text === text, 1000, text)
        .then((e) => e.message)
        .catch(() => undefined);
      const sent = await visitor.emit('message:send', { clientId: clientId(), text });
      assert.ok(sent.ok, JSON.stringify(sent));
      delivered = await heard;
    }
    assert.ok(delivered, `no message from A reached B live within ${RECOVERY_MS} ms of Redis coming back`);

    // The other direction works too, and the agent's resume finds what was sent during the outage.
    const reply = waitForEvent<Message>(visitor.socket, 'message:new', (m) => m.text === 'welcome back', 3000, 'the reply at the visitor');
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
      if (mode !== 'live') await waitForEvent(visitor.socket, 'mode', () => true, 1000).catch(() => undefined);
    }
    assert.equal(mode, 'live', 'the widget shows live again once the agent is back in Redis');
    agent.close();
    visitor.close();
  } finally {
    await cluster.close();
    await redis.kill();
  }
});
