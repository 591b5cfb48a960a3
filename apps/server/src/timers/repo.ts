// Queries of durable timers. The claim is one statement that works on SQLite and PostgreSQL:
// the outer WHERE repeats the "due and unclaimed" test, so when two processes race for a row on
// PostgreSQL the loser re-checks it after the winner's commit and skips it (SQLite serialises
// writers, so the race cannot happen there).
import type { Db } from '../db/index';
import type { TimersTable } from '../db/schema';

export type TimerRow = TimersTable;

/**
 * Creates the timer, or replaces the one with the same key: a new id, unclaimed. `keep` spares a
 * present one: 'pending' keeps any not fired yet, 'waiting' only one whose handler is not running
 * at `at` (a running one's lease holds; its completion marks fired by id, so not the new row).
 */
export async function upsertTimer(db: Db, row: TimerRow, keep: 'none' | 'pending' | 'waiting', at: string): Promise<void> {
  await db
    .insertInto('timers')
    .values(row)
    .onConflict((oc) => {
      const update = oc.columns(['account_id', 'key']).doUpdateSet({
        id: row.id,
        kind: row.kind,
        due_at: row.due_at,
        payload: row.payload,
        claimed_by: null,
        claimed_until: null,
        fired_at: null,
        created_at: row.created_at,
      });
      if (keep === 'none') return update;
      // A kept timer stays as it is; a fired one (or, for 'waiting', one being fired) is replaced.
      return update.where((eb) =>
        keep === 'pending' ? eb('timers.fired_at', 'is not', null) : eb.or([eb('timers.fired_at', 'is not', null), eb('timers.claimed_until', '>', at)]),
      );
    })
    .execute();
}

export async function deleteTimer(db: Db, accountId: string, key: string): Promise<void> {
  await db.deleteFrom('timers').where('account_id', '=', accountId).where('key', '=', key).where('fired_at', 'is', null).execute();
}

export function findPendingTimer(db: Db, accountId: string, key: string) {
  return db
    .selectFrom('timers')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('key', '=', key)
    .where('fired_at', 'is', null)
    .executeTakeFirst();
}

/** Leases up to `limit` due timers to `owner` until `leaseUntil`; returns them. */
export function claimDueTimers(db: Db, owner: string, at: string, leaseUntil: string, limit: number): Promise<TimerRow[]> {
  return db
    .updateTable('timers')
    .set({ claimed_by: owner, claimed_until: leaseUntil })
    .where((eb) =>
      eb.and([
        eb(
          'id',
          'in',
          eb
            .selectFrom('timers')
            .select('id')
            .where('fired_at', 'is', null)
            .where('due_at', '<=', at)
            .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<', at)]))
            .orderBy('due_at')
            .limit(limit),
        ),
        eb('fired_at', 'is', null),
        eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]),
      ]),
    )
    .returningAll()
    .execute();
}

/** Marks a claimed timer fired; false when it was replaced, cancelled or re-claimed meanwhile. */
export async function markFired(db: Db, id: string, owner: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('timers')
    .set({ fired_at: at, claimed_until: null })
    .where('id', '=', id)
    .where('claimed_by', '=', owner)
    .where('fired_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives a claim back early (its handler failed): it is retried at `retryAt`. */
export async function releaseClaim(db: Db, id: string, owner: string, retryAt: string): Promise<void> {
  await db.updateTable('timers').set({ claimed_until: retryAt }).where('id', '=', id).where('claimed_by', '=', owner).execute();
}

/** Fired timers are kept a while for inspection, then deleted. */
export async function deleteFiredBefore(db: Db, before: string): Promise<void> {
  await db.deleteFrom('timers').where('fired_at', '<', before).execute();
}

/** Timers due at `at` and not fired yet (claimed or not). */
export async function countDue(db: Db, at: string): Promise<number> {
  const row = await db
    .selectFrom('timers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('fired_at', 'is', null)
    .where('due_at', '<=', at)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
