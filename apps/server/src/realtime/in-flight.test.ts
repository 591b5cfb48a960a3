// A graceful stop waits for the acked socket events in flight: until each is answered, or the grace ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InFlightAcks } from './in-flight';

type Middleware = (packet: unknown[], next: (err?: Error) => void) => void;

/** A socket as far as `track` sees it: the middleware it registers, run on one packet. */
function fakeSocket() {
  let middleware: Middleware | undefined;
  return {
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
