// A rolling restart under load: one of two processes (PostgreSQL + Redis) gets SIGTERM while its
// visitors are sending, exits cleanly within 10 s, and comes back. The visitors use the widget's
// real client (outbox, acks, resend with the same client ids): every message they typed is stored
// exactly once and in order, and the agent on the other process receives each one exactly once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VisitorChatClient } from '@palique/client';
import { connectAgent, conversationOfVisitor, messagesOf, startCluster } from '@palique/server/testing';

const VISITORS = 6;
const MESSAGES_PER_VISITOR = 40;
/** Typing speed of each visitor: 6 visitors × 25 msg/s on the process that stops. */
const INTERVAL_MS = 40;
const STOP_AFTER_MS = 600;

test('rolling restart: SIGTERM under load exits cleanly within 10 s; nothing is lost or stored twice', async () => {
  const cluster = await startCluster({ env: { WIDGET_RATE_LIMIT: '100000', NEW_VISITOR_RATE_LIMIT: '100000' } });
  const visitors: VisitorChatClient[] = [];
  try {
    const { a, b, owner } = cluster;
    // The agent on B hears every visitor message, wherever it was stored.
    const agent = await connectAgent(b, owner.cookie);
    const heard = new Map<string, number>();
    agent.socket.on('conversation:message', ({ message: m }) => {
      if (m.authorType === 'visitor') heard.set(m.id, (heard.get(m.id) ?? 0) + 1);
    });

    for (let i = 0; i < VISITORS; i++) {
      const client = new VisitorChatClient({
        baseUrl: a.url,
        widgetId: owner.widgetId,
        storage: new Map(),
        ackTimeoutMs: 3_000,
        socketOptions: { reconnectionDelay: 200, reconnectionDelayMax: 1_000 },
      });
      visitors.push(client);
      await client.start();
    }

    // Every visitor types on a timer; A gets SIGTERM part-way through.
    const typed = visitors.map((_, i) => Array.from({ length: MESSAGES_PER_VISITOR }, (__, k) => `v${i} #${k + 1}`));
    const sent: Array<Promise<unknown>> = [];
    const typing = Promise.all(
      visitors.map(async (client, i) => {
        for (const text of typed[i]!) {
          sent.push(client.send(text));
          await new Promise((r) => setTimeout(r, INTERVAL_MS));
        }
      }),
    );
    await new Promise((r) => setTimeout(r, STOP_AFTER_MS));
    const stopStarted = Date.now();
    await a.stop();
    const stopMs = Date.now() - stopStarted;
    assert.deepEqual(a.lastExit(), { code: 0, signal: null }, `A exited cleanly (output: ${a.output().slice(-2000)})`);
    assert.ok(stopMs < 10_000, `A stopped in ${stopMs} ms`);
    await a.start();
    await typing;
    const settled = await Promise.all(sent);
    assert.ok(
      settled.every((m) => (m as { status: string }).status === 'sent'),
      'every message typed was acknowledged in the end',
    );

    for (const [i, client] of visitors.entries()) {
      const conversation = await conversationOfVisitor(b, owner.cookie, client.getState().visitorId!);
      assert.ok(conversation, `v${i} has a conversation`);
      const stored = await messagesOf(b, owner.cookie, conversation.id);
      assert.deepEqual(stored.map((m) => m.text), typed[i], `v${i}: stored once each, in the order typed`);
      assert.deepEqual(stored.map((m) => m.seq), stored.map((_, k) => k + 1), `v${i}: gap-free seqs`);
      for (const m of stored) assert.equal(heard.get(m.id), 1, `the agent heard ${m.text} once`);
    }
    agent.close();
  } finally {
    for (const client of visitors) client.stop();
    await cluster.close();
  }
});
