// R8: durable timers, one contract for both databases: SQLite always, PostgreSQL as well when
// TEST_DATABASE_URL is set. Each "process" is a TimerService on its own connection to the same
// database (as two servers are); the clock is moved, never waited for.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { storageBackends, TestClock, type EmptyDatabase } from '@palique/server/testing';
import type { Storage } from '../db/index';
import { TimerService, type FiredTimer } from './service';

const backends = storageBackends();

const silent = { error: () => {} };
const HOUR = 3_600_000;
const LEASE_MS = 60_000;

/** A process's timer service with a handler for kind 'test' that records what fired. */
function timerProcess(storage: Storage, clock: TestClock, fired: FiredTimer[], handler?: (t: FiredTimer) => Promise<void>) {
  const timers = new TimerService(storage, clock, { pollMs: 1_000_000, leaseMs: LEASE_MS }, silent);
  timers.handle('test', handler ?? (async (t) => void fired.push(t)));
  return timers;
}

async function accountIn(storage: Storage): Promise<string> {
  const id = `acc-${Math.random().toString(36).slice(2)}`;
  await storage.db.insertInto('accounts').values({ id, name: 'Acme', widget_id: id, created_at: new Date().toISOString() }).execute();
  return id;
}

for (const backend of backends) {
  describe(`R8 timers on ${backend.name}`, () => {
    const withStorage = async (work: (loc: EmptyDatabase, storage: Storage, accountId: string) => Promise<void>) => {
      const loc = await backend.create();
      const storage = await loc.open();
      try {
        await work(loc, storage, await accountIn(storage));
      } finally {
        // The restart test closed it already; a second close is harmless.
        await storage.close().catch(() => {});
        await loc.dispose();
      }
    };

    test('R8: a timer fires once, after its due time and not before', () =>
      withStorage(async (_loc, storage, accountId) => {
        const clock = new TestClock();
        const fired: FiredTimer[] = [];
        const timers = timerProcess(storage, clock, fired);
        await timers.schedule({ accountId, kind: 'test', key: 'k1', dueAt: new Date(clock.now().getTime() + HOUR), payload: { n: 1 } });
        assert.equal(await timers.fireDue(), 0);
        clock.advance(HOUR - 1);
        assert.equal(await timers.fireDue(), 0);
        clock.advance(1);
        assert.equal(await timers.fireDue(), 1);
        assert.deepEqual(fired.map((t) => [t.key, t.payload]), [['k1', { n: 1 }]]);
        clock.advance(HOUR);
        assert.equal(await timers.fireDue(), 0);
        assert.equal(fired.length, 1);
        assert.equal(await timers.pending(accountId, 'k1'), undefined);
      }));

    test('R8: a timer survives a restart and fires once afterwards', () =>
      withStorage(async (loc, storage, accountId) => {
        const clock = new TestClock();
        await timerProcess(storage, clock, []).schedule({ accountId, kind: 'test', key: 'k', dueAt: new Date(clock.now().getTime() + HOUR) });
        await storage.close();
        const reopened = await loc.open();
        try {
          clock.advance(2 * HOUR);
          const fired: FiredTimer[] = [];
          const timers = timerProcess(reopened, clock, fired);
          assert.equal(await timers.fireDue(), 1);
          assert.equal(await timers.fireDue(), 0);
          assert.equal(fired.length, 1);
        } finally {
          await reopened.close();
        }
      }));

    test('R8: two processes polling together fire each timer exactly once', () =>
      withStorage(async (loc, storage, accountId) => {
        const clock = new TestClock();
        const other = await loc.open();
        try {
          const fired: FiredTimer[] = [];
          const slow = async (t: FiredTimer) => {
            await new Promise((r) => setTimeout(r, 5));
            fired.push(t);
          };
          const a = timerProcess(storage, clock, fired, slow);
          const b = timerProcess(other, clock, fired, slow);
          const due = new Date(clock.now().getTime() + 1000);
          for (let i = 0; i < 40; i++) await a.schedule({ accountId, kind: 'test', key: `k${i}`, dueAt: due });
          clock.advance(1000);
          const rounds = await Promise.all([a.fireDue(), b.fireDue(), a.fireDue(), b.fireDue()]);
          assert.equal(rounds.reduce((x, y) => x + y, 0), 40);
          assert.equal(fired.length, 40);
          assert.equal(new Set(fired.map((t) => t.key)).size, 40);
        } finally {
          await other.close();
        }
      }));

    test("R8: a crashed process's claim expires and another process fires the timer once", () =>
      withStorage(async (loc, storage, accountId) => {
        const clock = new TestClock();
        const other = await loc.open();
        try {
          // A claims it and dies mid-way (its handler never completes the firing).
          const crashed = timerProcess(storage, clock, [], async () => {
            throw new Error('process died');
          });
          const fired: FiredTimer[] = [];
          const survivor = timerProcess(other, clock, fired);
          await crashed.schedule({ accountId, kind: 'test', key: 'k', dueAt: clock.now() });
          assert.equal(await crashed.fireDue(), 0);
          assert.equal(await survivor.fireDue(), 0, 'the lease still holds');
          clock.advance(LEASE_MS + 1);
          assert.equal(await survivor.fireDue(), 1);
          clock.advance(LEASE_MS + 1);
          assert.equal(await survivor.fireDue(), 0);
          assert.equal(fired.length, 1);
        } finally {
          await other.close();
        }
      }));

    test('R8: a cancelled timer never fires', () =>
      withStorage(async (_loc, storage, accountId) => {
        const clock = new TestClock();
        const fired: FiredTimer[] = [];
        const timers = timerProcess(storage, clock, fired);
        await timers.schedule({ accountId, kind: 'test', key: 'k', dueAt: new Date(clock.now().getTime() + 1000) });
        await timers.cancel(accountId, 'k');
        clock.advance(HOUR);
        assert.equal(await timers.fireDue(), 0);
        assert.equal(fired.length, 0);
      }));

    test('R8: scheduling the same key again replaces the timer; ifAbsent keeps a pending one', () =>
      withStorage(async (_loc, storage, accountId) => {
        const clock = new TestClock();
        const fired: FiredTimer[] = [];
        const timers = timerProcess(storage, clock, fired);
        const t0 = clock.now().getTime();
        await timers.schedule({ accountId, kind: 'test', key: 'k', dueAt: new Date(t0 + 1000), payload: { v: 1 } });
        await timers.schedule({ accountId, kind: 'test', key: 'k', dueAt: new Date(t0 + HOUR), payload: { v: 2 } });
        await timers.schedule({ accountId, kind: 'test', key: 'k', dueAt: new Date(t0 + 5000), payload: { v: 3 }, ifAbsent: true });
        clock.advance(10_000);
        assert.equal(await timers.fireDue(), 0, 'the first due time was replaced');
        clock.advance(HOUR);
        assert.equal(await timers.fireDue(), 1);
        assert.deepEqual(fired.map((t) => t.payload), [{ v: 2 }]);
        // Once fired, the key can be scheduled again (ifAbsent too).
        await timers.schedule({ accountId, kind: 'test', key: 'k', dueAt: clock.now(), payload: { v: 4 }, ifAbsent: true });
        assert.equal(await timers.fireDue(), 1);
        assert.deepEqual(fired.map((t) => t.payload), [{ v: 2 }, { v: 4 }]);
      }));

    test("R8: ifAbsent 'or-running' keeps a waiting timer but not one whose handler is running; the new one fires after it", () =>
      withStorage(async (_loc, storage, accountId) => {
        const clock = new TestClock();
        const fired: FiredTimer[] = [];
        let started!: () => void;
        const running = new Promise<void>((r) => (started = r));
        let finish!: () => void;
        const gate = new Promise<void>((r) => (finish = r));
        const timers = timerProcess(storage, clock, fired, async (t) => {
          fired.push(t);
          if (fired.length === 1) {
            started();
            await gate;
          }
        });
        const t0 = clock.now().getTime();
        await timers.schedule({ accountId, kind: 'test', key: 'k', dueAt: new Date(t0), payload: { v: 1 }, ifAbsent: 'or-running' });
        await timers.schedule({ accountId, kind: 'test', key: 'k', dueAt: new Date(t0 + HOUR), payload: { v: 0 }, ifAbsent: 'or-running' });
        assert.deepEqual((await timers.pending(accountId, 'k'))?.payload, { v: 1 }, 'a waiting timer is kept');
        const firing = timers.fireDue();
        await running;
        // The handler has read its state; what comes now must get a firing of its own.
        await timers.schedule({ accountId, kind: 'test', key: 'k', dueAt: new Date(t0 + 1000), payload: { v: 2 }, ifAbsent: 'or-running' });
        finish();
        assert.equal(await firing, 0, 'replaced while firing: the old row is not marked');
        assert.ok(await timers.pending(accountId, 'k'), 'the running handler\'s end leaves the new timer pending');
        clock.advance(1000);
        assert.equal(await timers.fireDue(), 1);
        assert.deepEqual(fired.map((t) => t.payload), [{ v: 1 }, { v: 2 }]);
      }));

    test('R8: a handler that schedules its own key again leaves the new timer pending', () =>
      withStorage(async (_loc, storage, accountId) => {
        const clock = new TestClock();
        const fired: FiredTimer[] = [];
        let timers!: TimerService;
        timers = timerProcess(storage, clock, fired, async (t) => {
          fired.push(t);
          await timers.schedule({ accountId, kind: 'test', key: t.key, dueAt: new Date(t.dueAt.getTime() + HOUR) });
        });
        await timers.schedule({ accountId, kind: 'test', key: 'k', dueAt: clock.now() });
        assert.equal(await timers.fireDue(), 0, 'replaced while firing: the old row is gone');
        assert.equal(fired.length, 1);
        assert.ok(await timers.pending(accountId, 'k'));
        clock.advance(HOUR);
        await timers.fireDue();
        assert.equal(fired.length, 2);
      }));
  });
}
