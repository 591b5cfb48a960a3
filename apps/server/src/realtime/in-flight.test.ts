// A graceful stop waits for the acked socket events in flight: until each is answered, or the grace ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { acked } from '../sockets';
import { InFlightAcks } from './in-flight';

type Middleware = (packet: unknown[], next: (err?: Error) => void) => void;

const silentLog = { error: () => {} };
/** The handlers the socket has: message:send answers through `acked`, typing takes no ack. */
const listeners: Record<string, Function[]> = {
  'message:send': [acked(z.any(), silentLog, async () => ({}))],
  typing: [() => {}],
};

/** A socket as far as `track` sees it: its listeners and the middleware it registers, run on one packet. */
function fakeSocket() {
  let middleware: Middleware | undefined;
  return {
    listeners: (event: string) => listeners[event] ?? [],
    use(fn: Middleware) {
      middleware = fn;
      return this;
    },
    receive(packet: unknown[]): unknown[] {
      middleware!(packet, () => {});
      return packet;
    },
  };
}

test('a stop waits for an event until it is acknowledged, and no longer', async () => {
  const inFlight = new InFlightAcks();
  const socket = fakeSocket();
  inFlight.track(socket as never);
  const answers: unknown[] = [];
  const packet = socket.receive(['message:send', { text: 'hi' }, (a: unknown) => answers.push(a)]);
  socket.receive(['typing', { text: 'h' }]); // no ack: nothing to wait for
  socket.receive(['typing', { text: 'h' }, () => {}]); // an ack its handler never calls: not waited for
  socket.receive(['no:such:event', {}, () => {}]); // nobody handles it: not waited for
  assert.equal(inFlight.pending, 1);
  let idle = false;
  const waiting = inFlight.whenIdle(5_000).then((v) => (idle = v));
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(idle, false, 'still waiting while the event is being handled');
  (packet[2] as (a: unknown) => void)({ ok: true });
  (packet[2] as (a: unknown) => void)({ ok: true }); // a second answer counts once
  assert.equal(await waiting, true);
  assert.deepEqual(answers, [{ ok: true }, { ok: true }], 'the client still gets its ack');
  assert.equal(inFlight.pending, 0);
});

test('when the grace runs out first, the stop goes on (the client resends with the same id)', async () => {
  const inFlight = new InFlightAcks();
  const socket = fakeSocket();
  inFlight.track(socket as never);
  socket.receive(['message:send', {}, () => {}]);
  assert.equal(await inFlight.whenIdle(30), false);
  assert.equal(await new InFlightAcks().whenIdle(30), true, 'nothing in flight: at once');
});

test('each answered event is reported with its name, duration and outcome', () => {
  const seen: Array<[string, boolean]> = [];
  const inFlight = new InFlightAcks((event, seconds, ok) => {
    assert.ok(seconds >= 0 && seconds < 5);
    seen.push([event, ok]);
  });
  const socket = fakeSocket();
  inFlight.track(socket as never);
  const first = socket.receive(['message:send', {}, () => {}]);
  const second = socket.receive(['message:send', {}, () => {}]);
  (first[2] as (a: unknown) => void)({ ok: true });
  (second[2] as (a: unknown) => void)({ ok: false, error: { code: 'invalid_input', message: 'x' } });
  assert.deepEqual(seen, [['message:send', true], ['message:send', false]]);
});
