// Queries of triggers (T1), their "not invasive" settings (T3) and their firings; every one
// filters on the account.
import type { Selectable } from 'kysely';
import type { Db } from '../db/index';
import type { TriggerFiringsTable, TriggersTable } from '../db/schema';

export type TriggerRow = Selectable<TriggersTable>;
export type FiringRow = Selectable<TriggerFiringsTable>;

export function listByAccount(db: Db, accountId: string, onlyEnabled = false): Promise<TriggerRow[]> {
  let q = db.selectFrom('triggers').selectAll().where('account_id', '=', accountId);
  if (onlyEnabled) q = q.where('enabled', '=', 1);
  return q.orderBy('created_at').orderBy('id').execute();
}

export function findById(db: Db, accountId: string, id: string): Promise<TriggerRow | undefined> {
  return db.selectFrom('triggers').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

export async function countByAccount(db: Db, accountId: string): Promise<number> {
  const row = await db.selectFrom('triggers').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', accountId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insert(db: Db, row: TriggerRow): Promise<void> {
  await db.insertInto('triggers').values(row).execute();
}

/** False when the account has no such trigger. */
export async function update(db: Db, accountId: string, id: string, change: Partial<Omit<TriggerRow, 'id' | 'account_id' | 'created_at'>>): Promise<boolean> {
  const result = await db.updateTable('triggers').set(change).where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function remove(db: Db, accountId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('triggers').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export function findSettings(db: Db, accountId: string) {
  return db.selectFrom('trigger_settings').selectAll().where('account_id', '=', accountId).executeTakeFirst();
}

export async function saveSettings(db: Db, accountId: string, minDelaySeconds: number, quietSeconds: number, at: string): Promise<void> {
  await db
    .insertInto('trigger_settings')
    .values({ account_id: accountId, min_delay_seconds: minDelaySeconds, quiet_seconds: quietSeconds, updated_at: at })
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ min_delay_seconds: minDelaySeconds, quiet_seconds: quietSeconds, updated_at: at }))
    .execute();
}

/** A visitor's firings, newest first. */
export function firingsOfVisitor(db: Db, accountId: string, visitorId: string, limit = 200): Promise<FiringRow[]> {
  return db
    .selectFrom('trigger_firings')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('visitor_id', '=', visitorId)
    .orderBy('fired_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Records a firing; false when this trigger already acted for this visitor on this page view. */
export async function insertFiring(db: Db, row: FiringRow): Promise<boolean> {
  const result = await db
    .insertInto('trigger_firings')
    .values(row)
    .onConflict((oc) => oc.columns(['account_id', 'visitor_id', 'trigger_id', 'page_started_at']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return result !== undefined;
}
