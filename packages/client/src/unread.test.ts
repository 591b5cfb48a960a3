// The launcher's unread badge counts the team's messages after the last one the visitor saw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countUnread, type ChatMessage } from './thread';

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
