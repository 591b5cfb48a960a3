// R1: the messages of one socket are stored in the order they were sent, even when a client
// sends a burst without waiting for acks (an outbox flushed after a reconnect), on SQLite and
// on PostgreSQL (where each send would otherwise race on its own pooled connection).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, clientId, connectAgent, connectVisitor, serverWithOwner } from '@palique/server/testing';

const ctx = serverWithOwner();
const BURSTS = 10;
const BURST_SIZE = 10;

/** The texts of a conversation as stored, in seq order, read back through the API. */
async function storedTexts(conversationId: string): Promise<string[]> {
  const res = await api(ctx.server, 'GET', `/api/conversations/${conversationId}`, { cookie: ctx.owner.cookie });
  assert.equal(res.status, 200);
  const seqs = res.body.messages.map((m: { seq: number }) => m.seq);
  assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => i + 1), 'seqs are gap-free');
  return res.body.messages.map((m: { text: string }) => m.text);
}

test('R1: bursts from one agent socket are stored in the order they were sent', async () => {
  const visitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const opened = await visitor.emit('message:send', { clientId: clientId(), text: 'hello' });
  assert.ok(opened.ok);
  const conversationId = opened.message.conversationId;
  const agent = await connectAgent(ctx.server, ctx.owner.cookie);
  const sent: string[] = [];
  for (let b = 0; b < BURSTS; b++) {
    const texts = Array.from({ length: BURST_SIZE }, (_, i) => `agent burst ${b} m${i}`);
    sent.push(...texts);
    // Every emit goes out before any ack is back, as the dashboard's outbox flush does.
    const acks = await Promise.all(texts.map((text) => agent.emit('message:send', { conversationId, clientId: clientId(), text })));
    assert.ok(acks.every((a) => a.ok));
  }
  assert.deepEqual(await storedTexts(conversationId), ['hello', ...sent]);
  agent.close();
  visitor.close();
});

test('R1: the first burst of a brand-new visitor is stored in the order it was sent', async () => {
  for (let b = 0; b < BURSTS; b++) {
    const visitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
    const texts = Array.from({ length: BURST_SIZE }, (_, i) => `visitor ${b} m${i}`);
    // The first send creates the conversation; the later ones must not overtake it.
    const acks = await Promise.all(texts.map((text) => visitor.emit('message:send', { clientId: clientId(), text })));
    assert.ok(acks.every((a) => a.ok));
    const conversationId = acks[0].ok ? acks[0].message.conversationId : '';
    assert.ok(acks.every((a) => a.ok && a.message.conversationId === conversationId));
    assert.deepEqual(await storedTexts(conversationId), texts, `visitor ${b}`);
    visitor.close();
  }
});
