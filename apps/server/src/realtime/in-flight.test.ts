// A graceful stop waits for the acked socket events in flight: until each is answered, or the
// grace ends. (Which events pass through `wrap` at all, only acked ones, is sockets.test.ts's.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InFlightAcks } from './in-flight';

test('a stop waits for an event until it is acknowledged, and no longer', async () => {
  const inFlight = new InFlightAcks();
  const answers: unknown[] = [];
  const ack = inFlight.wrap('message:send', (a) => answers.push(a));
  assert.equal(inFlight.pending, 1);
  let idle = false;
  const waiting = inFlight.whenIdle(5_000).then((v) => (idle = v));
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(idle, false, 'still waiting while the event is being handled');
  ack({ ok: true });
  ack({ ok: true }); // a second answer counts once
  assert.equal(await waiting, true);
  assert.deepEqual(answers, [{ ok: true }, { ok: true }], 'the client still gets its ack');
  assert.equal(inFlight.pending, 0);
});

test('when the grace runs out first, the stop goes on (the client resends with the same id)', async () => {
  const inFlight = new InFlightAcks();
  inFlight.wrap('message:send', () => {});
  assert.equal(await inFlight.whenIdle(30), false);
  assert.equal(await new InFlightAcks().whenIdle(30), true, 'nothing in flight: at once');
});

test('each answered event is reported with its name, duration and outcome', () => {
  const seen: Array<[string, boolean]> = [];
  const inFlight = new InFlightAcks((event, seconds, ok) => {
    assert.ok(seconds >= 0 && seconds < 5);
    seen.push([event, ok]);
  });
  const first = inFlight.wrap('message:send', () => {});
  const second = inFlight.wrap('status:set', () => {});
  first({ ok: true });
  second({ ok: false, error: { code: 'invalid_input', message: 'x' } });
  assert.deepEqual(seen, [['message:send', true], ['status:set', false]]);
});
