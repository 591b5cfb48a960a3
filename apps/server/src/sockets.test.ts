// A namespace's events are registered once and served to every socket through one
// dispatcher: each socket still gets its own answers, in its own order, and nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { z } from 'zod';
import { inArrivalOrderOf, SocketEvents } from './sockets';

const silentLog = { error: () => {} };

type Events = {
  add: (body: { n: number }, ack: (a: unknown) => void) => void;
  note: (body: unknown) => void;
};

/** A socket as Socket.IO calls it: `onAny` listeners get the socket as `this`, then the event's arguments. */
class FakeSocket extends EventEmitter {
  private any: Array<(...args: unknown[]) => void> = [];
  constructor(readonly data: { name: string }) {
    super();
  }
  onAny(listener: (...args: unknown[]) => void) {
    this.any.push(listener);
    return this;
  }
  receive(...args: unknown[]) {
    for (const l of this.any) l.apply(this, args);
  }
  answer(event: string, body: unknown): Promise<unknown> {
    return new Promise((resolve) => this.receive(event, body, resolve));
  }
}

test('one registration serves every socket: each handler call gets its own socket, and bad input its error ack', async () => {
  const events = new SocketEvents<FakeSocket, Events>();
  const notes: string[] = [];
  events.acked('add', z.object({ n: z.number().int() }), silentLog, async ({ n }, socket) => ({ total: n + 1, who: socket.data.name }) as never);
  events.on('note', (socket, body) => notes.push(`${socket.data.name}:${String(body)}`));
  const a = new FakeSocket({ name: 'a' });
  const b = new FakeSocket({ name: 'b' });
  events.serve(a);
  events.serve(b);

  assert.deepEqual(await a.answer('add', { n: 1 }), { ok: true, total: 2, who: 'a' });
  assert.deepEqual(await b.answer('add', { n: 41 }), { ok: true, total: 42, who: 'b' });
  const bad = (await a.answer('add', { n: 'x' })) as { ok: boolean; error: { code: string } };
  assert.equal(bad.ok, false);
  assert.equal(bad.error.code, 'invalid_input');
  a.receive('note', 'hi');
  b.receive('note', 'yo', () => assert.fail('a listener without ack never answers'));
  a.receive('no:such:event', {}, () => assert.fail('nobody handles it: no answer'));
  a.receive('add', { n: 1 }); // no ack function: handled, nothing to answer, nothing thrown
  assert.deepEqual(notes, ['a:hi', 'b:yo']);
  assert.equal(a.listenerCount('add'), 0, 'no listener per event on the socket');
});

test('connection and disconnection hooks run per socket; acks of acked events pass through the wrapper', async () => {
  const events = new SocketEvents<FakeSocket, Events>();
  const seen: string[] = [];
  events.onConnection((s) => seen.push(`up ${s.data.name}`));
  events.onDisconnection((s, reason) => seen.push(`down ${s.data.name} (${reason})`));
  const wrapped: string[] = [];
  events.wrapAcks((event, ack) => (...args) => (wrapped.push(event), ack(...args)));
  events.acked('add', z.object({ n: z.number() }), silentLog, async ({ n }) => ({ total: n }) as never);
  events.on('note', () => {});
  const a = new FakeSocket({ name: 'a' });
  events.serve(a);
  await a.answer('add', { n: 1 });
  a.receive('note', 'x', () => {}); // its handler takes no ack: never waited for
  a.receive('no:such:event', {}, () => {}); // nobody handles it: never waited for
  a.emit('disconnect', 'transport close');
  assert.deepEqual(seen, ['up a', 'down a (transport close)']);
  assert.deepEqual(wrapped, ['add'], 'only the acked event is wrapped');
});

test('inArrivalOrderOf: one chain per key, in the order of the calls, keys side by side', async () => {
  const log: string[] = [];
  let releaseFirst!: () => void;
  const firstHeld = new Promise<void>((r) => (releaseFirst = r));
  const run = inArrivalOrderOf(async (key: { k: string }, n: number) => {
    if (key.k === 'a' && n === 1) await firstHeld;
    if (n === 2 && key.k === 'a') throw new Error('a failed call does not stop the chain');
    log.push(`${key.k}${n}`);
    return n;
  });
  const a = { k: 'a' };
  const b = { k: 'b' };
  const calls = [run(a, 1), run(a, 2).catch(() => 'failed'), run(a, 3), run(b, 1)];
  await calls[3];
  assert.deepEqual(log, ['b1'], 'b does not wait for a');
  releaseFirst();
  assert.deepEqual(await Promise.all(calls), [1, 'failed', 3, 1]);
  assert.deepEqual(log, ['b1', 'a1', 'a3']);
});
