// Merging the server's messages with the visitor's outbox: order, no duplicates, statuses; and
// the launcher's unread badge, which counts the team's messages after the last one seen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from '@palique/protocol';
import { countUnread, GrowingThreadView, historyRewritten, lastSeqOf, mergeMessages, threadView, type ChatMessage } from './thread';

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

/** A small random generator (mulberry32) with a fixed seed: the same cases on every run. rand(n) is in [0, n). */
function seededRandom(seed: number): (n: number) => number {
  return (n) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

/** The rule as written: every message once (by id, or by author and clientId), the first held wins, in seq order. */
function mergedByTheRule(stored: Message[], incoming: Message[]): Message[] {
  const kept: Message[] = [];
  for (const m of [...stored, ...incoming]) {
    if (kept.some((k) => k.id === m.id || (k.clientId === m.clientId && k.authorType === m.authorType))) continue;
    kept.push(m);
  }
  return kept.sort((a, b) => a.seq - b.seq);
}

test('R1: merging follows the rule whatever arrives: appended, repeated, late, retried, from either side', () => {
  const rand = seededRandom(42);
  const pick = (seq: number): Message =>
    msg(seq, {
      // Ids and clientIds drawn from small sets so that repeats and collisions happen.
      id: rand(5) === 0 ? `m${rand(12)}` : `m${seq}`,
      clientId: rand(5) === 0 ? `client-${rand(12)}` : `client-${seq}`,
      authorType: rand(3) === 0 ? 'agent' : 'visitor',
    });
  for (let round = 0; round < 2000; round++) {
    const stored = mergedByTheRule([], Array.from({ length: rand(8) }, (_, i) => pick(i + 1)));
    const last = lastSeqOf(stored);
    // Mostly what follows the last seq (the quick way), sometimes earlier ones or repeats.
    const incoming = Array.from({ length: 1 + rand(4) }, (_, i) => (rand(4) === 0 ? pick(1 + rand(last + 3)) : pick(last + 1 + i)));
    assert.deepEqual(mergeMessages(stored, incoming), mergedByTheRule(stored, incoming), JSON.stringify({ stored, incoming }));
  }
});

test('a growing thread shows what a thread built whole shows, after every change: appends, merges, edits, reloads', () => {
  const rand = seededRandom(7);
  for (let round = 0; round < 300; round++) {
    const growing = new GrowingThreadView();
    let stored: Message[] = [];
    let outbox = [{ clientId: 'client-1', text: 'message 1', createdAt: '2025-01-01T00:00:01Z' }];
    for (let step = 0; step < 25; step++) {
      const last = lastSeqOf(stored);
      const kind = rand(10);
      if (kind === 0) stored = []; // a reload (F15)
      else if (kind === 1 && last > 0) stored = mergeMessages(stored, [msg(last + 1, { id: `e${last + 1}`, clientId: `edit-${step}`, editOf: `m${1 + rand(last)}`, text: `edit ${step}` })]);
      else if (kind === 2 && last > 2) stored = mergeMessages(stored.filter((m) => m.seq !== 2), [msg(2)]); // a message merged in between
      else stored = mergeMessages(stored, Array.from({ length: 1 + rand(3) }, (_, i) => msg(last + 1 + i, { authorType: rand(3) === 0 ? 'agent' : 'visitor' })));
      if (rand(3) === 0) outbox = [...outbox, { clientId: `client-${lastSeqOf(stored) + 1 + rand(3)}`, text: 'pending', createdAt: '2025-01-01T00:01:00Z' }];
      assert.deepEqual(growing.view(stored, outbox), threadView(stored, outbox), `round ${round}, step ${step}`);
    }
  }
});

test('F15: only messages after the last seq held never contradict the history', () => {
  const stored = [msg(1), msg(2)];
  assert.equal(historyRewritten(stored, [msg(3), msg(4)]), false);
  assert.equal(historyRewritten(stored, [msg(3), msg(2, { id: 'another', clientId: 'another' })]), true, 'a new seq does not hide a contradiction beside it');
  assert.equal(historyRewritten(stored, [msg(3)], 1), true, 'nor does it hide a server that went back');
});

test('a rebuilt thread keeps the same line for an unchanged message and a new one for an edited message', () => {
  const stored = [msg(1), msg(2)];
  const first = threadView(stored, []);
  const next = threadView(mergeMessages(stored, [msg(3)]), [{ clientId: 'p1', text: 'typing on', createdAt: '2025-01-01T00:01:00Z' }]);
  assert.equal(next[0], first[0], 'the same object: a renderer can skip it');
  assert.equal(next[1], first[1]);
  assert.deepEqual(next.map((l) => l.text), ['message 1', 'message 2', 'message 3', 'typing on']);
  const edited = threadView(mergeMessages(stored, [msg(3, { id: 'e3', clientId: 'edit-1', editOf: 'm1', text: 'message 1, fixed' })]), []);
  assert.notEqual(edited[0], first[0]);
  assert.equal(edited[0]!.text, 'message 1, fixed');
  assert.equal(first[0]!.text, 'message 1', 'the earlier line is left as it was');
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
