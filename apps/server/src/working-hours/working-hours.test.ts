// A5: working hours through the API, with the server's clock moved instead of waited for: the
// start of a working day sets the agent Online and notifies them, the end sets them Invisible;
// timers survive a restart and fire once when two servers share the database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, connectAgent, connectVisitor, eventually, setupOwner, startInProcessServer, TestClock } from '@palique/server/testing';
import { ErrorCode } from '@palique/protocol';

/** Monday 2 March 2026, 08:00 UTC. */
const MONDAY_8AM = '2026-03-02T08:00:00.000Z';
const FAST_TIMERS = { TIMER_POLL_MS: '20' };
const weekdays = (start: string, end: string) => [1, 2, 3, 4, 5].map((day) => ({ day, start, end }));

async function statusOf(server: { url: string }, cookie: string): Promise<string> {
  return (await api(server, 'GET', '/api/me', { cookie })).body.agent.status;
}

test('A5: the working day starts Online with a notification and ends Invisible with another', async () => {
  const clock = new TestClock(MONDAY_8AM);
  const server = await startInProcessServer({ clock, env: FAST_TIMERS });
  try {
    const owner = await setupOwner(server);
    await api(server, 'PUT', '/api/me/status', { cookie: owner.cookie, body: { status: 'invisible' } });
    const saved = await api(server, 'PUT', '/api/me/schedule', { cookie: owner.cookie, body: { timeZone: 'Europe/Madrid', days: weekdays('10:00', '18:00') } });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    // 10:00 in Madrid in winter is 09:00Z.
    assert.deepEqual(saved.body.next, { at: '2026-03-02T09:00:00.000Z', status: 'online' });

    const dashboard = await connectAgent(server, owner.cookie);
    const visitor = await connectVisitor(server, owner.widgetId);
    const started = dashboard.next('notification');
    const online = dashboard.next('agent:status');
    const live = visitor.next('mode', 5_000, (m) => m.mode === 'live');
    clock.set('2026-03-02T09:00:00.000Z');
    assert.deepEqual(await started, { kind: 'working_day_started', status: 'online' });
    assert.deepEqual(await online, { status: 'online' });
    await live;
    assert.equal(await statusOf(server, owner.cookie), 'online');

    const ended = dashboard.next('notification');
    const messenger = visitor.next('mode', 5_000, (m) => m.mode === 'messenger');
    clock.set('2026-03-02T17:00:00.000Z');
    assert.deepEqual(await ended, { kind: 'working_day_ended', status: 'invisible' });
    await messenger;
    assert.equal(await statusOf(server, owner.cookie), 'invisible');
    const state = await api(server, 'GET', '/api/me/schedule', { cookie: owner.cookie });
    assert.deepEqual(state.body.next, { at: '2026-03-03T09:00:00.000Z', status: 'online' });
    dashboard.close();
    visitor.close();
  } finally {
    await server.close();
  }
});

test('A5: a transition due while the server was down fires once after the restart', async () => {
  const clock = new TestClock(MONDAY_8AM);
  const server = await startInProcessServer({ clock, env: FAST_TIMERS });
  try {
    const owner = await setupOwner(server);
    await api(server, 'PUT', '/api/me/status', { cookie: owner.cookie, body: { status: 'invisible' } });
    await api(server, 'PUT', '/api/me/schedule', { cookie: owner.cookie, body: { timeZone: 'UTC', days: weekdays('09:00', '17:00') } });
    await server.stop();
    clock.set('2026-03-02T09:30:00.000Z');
    await server.restart();
    await eventually(() => statusOf(server, owner.cookie), (s) => s === 'online');
    // Fired once: the next transition is the end of this day, not the start again. (The handler
    // sets the status, then schedules the next transition: that lands a moment later.)
    const nextOf = async () => (await api(server, 'GET', '/api/me/schedule', { cookie: owner.cookie })).body.next;
    await eventually(nextOf, (next) => next?.at === '2026-03-02T17:00:00.000Z');
    assert.deepEqual(await nextOf(), { at: '2026-03-02T17:00:00.000Z', status: 'invisible' });
    // Down across a whole working day: back at night, the agent ends up Invisible, not Online.
    await server.stop();
    clock.set('2026-03-03T20:00:00.000Z');
    await server.restart();
    await eventually(() => statusOf(server, owner.cookie), (s) => s === 'invisible');
    await eventually(nextOf, (next) => next?.at === '2026-03-04T09:00:00.000Z');
    assert.deepEqual(await nextOf(), { at: '2026-03-04T09:00:00.000Z', status: 'online' });
  } finally {
    await server.close();
  }
});

test('A5: two servers on one database fire a transition once', async () => {
  const clock = new TestClock(MONDAY_8AM);
  const a = await startInProcessServer({ clock, env: FAST_TIMERS });
  const b = await startInProcessServer({ clock, env: FAST_TIMERS, storageOf: a });
  try {
    const owner = await setupOwner(a);
    await api(a, 'PUT', '/api/me/schedule', { cookie: owner.cookie, body: { timeZone: 'UTC', days: weekdays('09:00', '17:00') } });
    // Each server tells only its own sockets (no Redis between them): listen on both.
    const notifications: unknown[] = [];
    const onA = await connectAgent(a, owner.cookie);
    const onB = await connectAgent(b, owner.cookie);
    for (const s of [onA, onB]) s.socket.on('notification', (n) => notifications.push(n));
    clock.set('2026-03-02T09:00:00.000Z');
    await eventually(() => notifications.length, (n) => n >= 1);
    await new Promise((r) => setTimeout(r, 300)); // many polls of both servers
    assert.deepEqual(notifications, [{ kind: 'working_day_started', status: 'online' }]);
    onA.close();
    onB.close();
  } finally {
    await b.close();
    await a.close();
  }
});

test('A5: a working day lasts at least 1 hour and at most 23 hours', async () => {
  const server = await startInProcessServer();
  try {
    const owner = await setupOwner(server);
    const put = (start: string, end: string) =>
      api(server, 'PUT', '/api/me/schedule', { cookie: owner.cookie, body: { timeZone: 'Europe/Madrid', days: [{ day: 3, start, end }] } });
    for (const [start, end] of [['09:00', '09:30'], ['09:00', '09:00'], ['22:00', '21:30'], ['09:00', '09:59']]) {
      const res = await put(start!, end!);
      assert.equal(res.status, 400, `${start}–${end}`);
      assert.equal(res.body.error.code, ErrorCode.WorkingDayLength);
      assert.match(res.body.error.message, /at least 1 hour and at most 23 hours/);
    }
    for (const [start, end] of [['09:00', '10:00'], ['22:00', '21:00'], ['22:00', '06:00']]) assert.equal((await put(start!, end!)).status, 200, `${start}–${end}`);
    const badZone = await api(server, 'PUT', '/api/me/schedule', { cookie: owner.cookie, body: { timeZone: 'Mars/Olympus', days: [] } });
    assert.equal(badZone.status, 400);
    // No days: no schedule and nothing pending.
    const cleared = await api(server, 'PUT', '/api/me/schedule', { cookie: owner.cookie, body: { timeZone: 'UTC', days: [] } });
    assert.deepEqual(cleared.body, { schedule: null, next: null });
    assert.equal((await api(server, 'GET', '/api/me/schedule')).status, 401);
  } finally {
    await server.close();
  }
});
