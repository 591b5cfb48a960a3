// R1: what a burst typed into either client is stored as, against a real server: the order it
// was sent in. Runs on SQLite (npm test) and on PostgreSQL, alone and with Redis (test:scale sets
// TEST_DATABASE_URL / TEST_REDIS_URL, which the harness's in-process server follows).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { conversationOfVisitor, messagesOf, serverWithOwner } from '@palique/server/testing';
import { AgentClient } from './agent-client';
import { VisitorChatClient } from './visitor-client';

const ctx = serverWithOwner();
const BURSTS = 10;
const BURST_SIZE = 10;
const visitors: VisitorChatClient[] = [];
const agent = new AgentClient();
const connectAgent = () => agent.connect(ctx.server.url, { cookie: ctx.owner.cookie, ackTimeoutMs: 5_000 });

after(() => {
  agent.disconnect();
  for (const v of visitors) v.stop();
});

function newVisitor(): VisitorChatClient {
  const client = new VisitorChatClient({ baseUrl: ctx.server.url, widgetId: ctx.owner.widgetId, storage: new Map(), ackTimeoutMs: 5_000 });
  visitors.push(client);
  return client;
}

const burst = (label: string) => Array.from({ length: BURST_SIZE }, (_, i) => `${label} m${i}`);

/** The id of the visitor's conversation, as the dashboard lists it. */
async function conversationIdOf(visitor: VisitorChatClient): Promise<string> {
  const conversation = await conversationOfVisitor(ctx.server, ctx.owner.cookie, visitor.getState().visitorId!);
  assert.ok(conversation, 'the visitor has a conversation');
  return conversation.id;
}

/** The texts of the visitor's conversation as stored, in seq order (read as the dashboard reads them). */
async function storedTexts(visitorId: string): Promise<string[]> {
  const conversation = await conversationOfVisitor(ctx.server, ctx.owner.cookie, visitorId);
  assert.ok(conversation, 'the visitor has a conversation');
  const messages = await messagesOf(ctx.server, ctx.owner.cookie, conversation.id);
  assert.deepEqual(messages.map((m) => m.seq), messages.map((_, i) => i + 1), 'seqs are gap-free');
  return messages.map((m) => m.text);
}

test('R1: bursts typed in the dashboard client are stored in the order they were typed', async () => {
  connectAgent();
  const visitor = newVisitor();
  await visitor.start();
  await visitor.send('hello');
  const visitorId = visitor.getState().visitorId!;
  const conversationId = await conversationIdOf(visitor);
  const sent: string[] = [];
  for (let b = 0; b < BURSTS; b++) {
    const texts = burst(`agent ${b}`);
    sent.push(...texts);
    // Typed faster than any ack comes back: all queued before the first is stored.
    await Promise.all(texts.map((text) => agent.send(conversationId, text)));
  }
  assert.deepEqual(await storedTexts(visitorId), ['hello', ...sent]);
});

test('R1: what the dashboard queued while disconnected is stored in order once it reconnects', async () => {
  const visitor = newVisitor();
  await visitor.start();
  await visitor.send('are you there?');
  const conversationId = await conversationIdOf(visitor);
  agent.disconnect();
  const texts = burst('offline reply');
  const stored = Promise.all(texts.map((text) => agent.send(conversationId, text)));
  connectAgent();
  await stored;
  assert.deepEqual(await storedTexts(visitor.getState().visitorId!), ['are you there?', ...texts]);
});

test('R1: the first burst of a new visitor in the widget client is stored in the order it was typed', async () => {
  for (let b = 0; b < BURSTS; b++) {
    const visitor = newVisitor();
    const texts = burst(`visitor ${b}`);
    // Typed before the connection is even up: the first one creates the conversation.
    const sending = Promise.all(texts.map((text) => visitor.send(text)));
    await visitor.start();
    const settled = await sending;
    assert.ok(settled.every((m) => m.status === 'sent'), `visitor ${b}: all sent`);
    assert.deepEqual(await storedTexts(visitor.getState().visitorId!), texts, `visitor ${b}`);
    visitor.stop();
  }
});
