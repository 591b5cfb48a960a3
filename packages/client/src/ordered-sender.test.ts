// R1: the clients' outboxes are sent in the order they were written, one lane per conversation,
// and stay in that order across failures and reconnects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Ack, Message } from '@palique/protocol';
import { ErrorCode } from '@palique/protocol/errors';
import { OrderedSender } from './ordered-sender';
import { Outbox, type OutboxEntry } from './outbox';
import { ClientErrorCode } from './retry';
import { Timers } from './timers';

/** Retries at once instead of after the policy's delay. */
class InstantTimers extends Timers {
  override later(fn: () => void): void {
    setImmediate(fn);
  }
}

type Answer = 'store' | 'drop' | { refuse: string };

/** A server that stores what it is sent, in arrival order; `answer` decides per attempt. */
function fakeServer(answer: (entry: OutboxEntry, attempt: number) => Answer = () => 'store') {
  const stored: string[] = [];
  const attempts: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let seq = 0;
  const server = {
    connected: true,
    stored,
    attempts,
    get maxInFlight() {
      return maxInFlight;
    },
    async transmit(entry: OutboxEntry): Promise<Ack<{ message: Message }>> {
      if (!server.connected) throw new Error(ClientErrorCode.Disconnected);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      attempts.push(entry.text);
      const n = attempts.filter((t) => t === entry.text).length;
      await new Promise((r) => setTimeout(r, Math.random() * 3));
      inFlight--;
      const a = answer(entry, n);
      if (a === 'drop') throw new Error(ClientErrorCode.Timeout);
      if (typeof a === 'object') return { ok: false, error: { code: a.refuse, message: a.refuse } };
      if (!stored.includes(entry.text)) stored.push(entry.text);
      const message: Message = {
        id: `m${++seq}`, conversationId: entry.conversationId ?? 'c', seq, clientId: entry.clientId,
        authorType: 'agent', authorId: 'a', authorName: null, text: entry.text, createdAt: entry.createdAt,
      };
      return { ok: true, message };
    },
  };
  return server;
}

function start(server: ReturnType<typeof fakeServer>, outbox = new Outbox()) {
  const refused: string[] = [];
  const settled: string[] = [];
  const sender = new OrderedSender({
    outbox,
    timers: new InstantTimers(),
    canSend: () => server.connected,
    transmit: (e) => server.transmit(e),
    stored: (e) => settled.push(e.text),
    refused: (e) => refused.push(e.text),
  });
  return { outbox, sender, refused, settled };
}

const until = async (cond: () => boolean, what: string) => {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(cond(), what);
};

const burst = (prefix: string, n = 10) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

test('R1: a burst is sent in the order it was written, one message in flight at a time', async () => {
  const server = fakeServer();
  const { outbox, sender } = start(server);
  for (const text of burst('m')) {
    outbox.add(text, 'c1');
    sender.flush(); // as send() does: every message asks to flush while the first is in flight
  }
  await until(() => server.stored.length === 10, 'all stored');
  assert.deepEqual(server.attempts, burst('m'));
  assert.deepEqual(server.stored, burst('m'));
  assert.equal(server.maxInFlight, 1);
  assert.equal(outbox.entries.length, 0);
});

test('R1: messages queued while offline, and the one cut off, are resent in their original order on reconnect', async () => {
  // The connection drops while m3 is on its way (no ack): m3..m9 are resent after the reconnect.
  let dropped = false;
  const server = fakeServer((e) => {
    if (e.text === 'm3' && !dropped) {
      dropped = true;
      server.connected = false;
      return 'drop';
    }
    return 'store';
  });
  const { outbox, sender } = start(server);
  for (const text of burst('m')) outbox.add(text, 'c1');
  sender.flush();
  await until(() => !server.connected, 'disconnected');
  await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(server.stored, ['m0', 'm1', 'm2']);

  server.connected = true;
  sender.flush(); // what the clients do on 'connect' (the visitor after its sync)
  await until(() => server.stored.length === 10, 'all stored');
  assert.deepEqual(server.stored, burst('m'));
  assert.deepEqual(server.attempts, ['m0', 'm1', 'm2', 'm3', ...burst('m').slice(3)]);
});

test('R1: a message that may still go through holds back the ones written after it', async () => {
  const server = fakeServer((e, attempt) => (e.text === 'm2' && attempt < 3 ? { refuse: ErrorCode.RateLimited } : e.text === 'm5' && attempt === 1 ? 'drop' : 'store'));
  const { outbox, sender } = start(server);
  for (const text of burst('m')) outbox.add(text, 'c1');
  sender.flush();
  await until(() => server.stored.length === 10, 'all stored');
  assert.deepEqual(server.stored, burst('m'));
  assert.deepEqual(server.attempts.slice(0, 5), ['m0', 'm1', 'm2', 'm2', 'm2']);
});

test('R1: a message refused for good is shown failed, later ones go on, and Retry puts it back in its place', async () => {
  let refuse = true;
  const server = fakeServer((e) => (e.text === 'm1' && refuse ? { refuse: ErrorCode.InvalidInput } : 'store'));
  const { outbox, sender, refused } = start(server);
  for (const text of ['m0', 'm1', 'm2']) outbox.add(text);
  sender.flush();
  await until(() => server.stored.length === 2, 'm0 and m2 stored');
  assert.deepEqual(refused, ['m1']);
  assert.deepEqual(server.stored, ['m0', 'm2']);

  // Offline, the visitor writes m3 and retries m1: m1 goes first, as it was written first.
  server.connected = false;
  outbox.add('m3');
  outbox.retry(outbox.entries.find((e) => e.text === 'm1')!.clientId);
  refuse = false;
  server.connected = true;
  sender.flush();
  await until(() => server.stored.length === 4, 'all stored');
  assert.deepEqual(server.stored, ['m0', 'm2', 'm1', 'm3']);
});

test('R1: each conversation keeps its own order, and one stuck conversation does not hold up another', async () => {
  let serverTroubleInA = true;
  const server = fakeServer((e) => (e.text === 'a0' && serverTroubleInA ? { refuse: ErrorCode.Internal } : 'store'));
  const { outbox, sender } = start(server);
  for (let i = 0; i < 5; i++) {
    outbox.add(`a${i}`, 'A');
    outbox.add(`b${i}`, 'B');
  }
  sender.flush();
  await until(() => server.stored.length === 5, 'B stored while A retries');
  assert.deepEqual(server.stored, burst('b', 5));

  serverTroubleInA = false;
  await until(() => server.stored.length === 10, 'all stored');
  assert.deepEqual(server.stored.slice(5), burst('a', 5));
});
