// Merging the server's messages with the visitor's outbox: order, no duplicates, statuses; and
// the launcher's unread badge, which counts the team's messages after the last one seen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from '@palique/protocol';
import { countUnread, lastSeqOf, mergeMessages, threadView, type ChatMessage } from './thread';

const msg = (seq: number, over: Partial<Message> = {}): Message => ({
  id: `m${seq}`,
  conversationId: 'c1',
  seq,
  clientId: `client-${seq}`,
  authorType: 'visitor',
  authorId: 'v1',
  authorName: null,
  text: `message ${seq}`,
  createdAt: new Date(2025, 0, 1, 0, 0, seq).toISOString(),
  ...over,
});

test('R1: messages arriving out of order are shown in seq order', () => {
  const merged = mergeMessages([msg(1), msg(4)], [msg(3), msg(2)]);
  assert.deepEqual(merged.map((m) => m.text), ['message 1', 'message 2', 'message 3', 'message 4']);
  assert.equal(lastSeqOf(merged), 4);
});

test('R1: a message received twice (live and again in a resync) is shown once', () => {
  const merged = mergeMessages([msg(1), msg(2)], [msg(2), msg(3), msg(3)]);
  assert.deepEqual(merged.map((m) => m.seq), [1, 2, 3]);
});

test('R1: a retried send the server answered with a second id is still shown once', () => {
  const merged = mergeMessages([msg(1, { clientId: 'same-client-id' })], [msg(2, { id: 'other', clientId: 'same-client-id' })]);
  assert.equal(merged.length, 1);
});

test('R1: an agent and a visitor message may share a clientId without hiding each other', () => {
  const merged = mergeMessages([msg(1, { clientId: 'x1234567' })], [msg(2, { clientId: 'x1234567', authorType: 'agent' })]);
  assert.equal(merged.length, 2);
});

test('R2: unacknowledged messages follow the stored ones as pending, failed ones as failed', () => {
  const view = threadView(
    [msg(1)],
    [
      { clientId: 'pending-1', text: 'on its way', createdAt: '2025-01-01T00:01:00Z' },
      { clientId: 'failed-1', text: 'refused', createdAt: '2025-01-01T00:02:00Z', error: { code: 'rate_limited', message: 'Too many messages' } },
    ],
  );
  assert.deepEqual(
    view.map((m) => [m.text, m.status]),
    [
      ['message 1', 'sent'],
      ['on its way', 'pending'],
      ['refused', 'failed'],
    ],
  );
  assert.equal(view[2]!.error?.message, 'Too many messages');
});

test('R1: once the server stored an outbox message it shows once, as sent', () => {
  const view = threadView([msg(1, { clientId: 'abc12345', text: 'hello' })], [{ clientId: 'abc12345', text: 'hello', createdAt: '2025-01-01T00:00:00Z' }]);
  assert.deepEqual(view.map((m) => [m.text, m.status]), [['hello', 'sent']]);
});

const m = (seq: number | null, authorType: ChatMessage['authorType']): ChatMessage => ({
  key: String(seq), id: seq === null ? null : `m${seq}`, seq, clientId: `c${seq}`, authorType,
  authorName: null, text: 'hi', createdAt: '2025-01-01T00:00:00Z', status: seq === null ? 'pending' : 'sent',
});

test("W2: the badge counts agent replies the visitor has not seen, never the visitor's own messages", () => {
  const thread = [m(1, 'visitor'), m(2, 'agent'), m(3, 'visitor'), m(4, 'agent'), m(5, 'agent'), m(null, 'visitor')];
  assert.equal(countUnread(thread, 0), 3);
  assert.equal(countUnread(thread, 4), 1);
  assert.equal(countUnread(thread, 5), 0);
});
