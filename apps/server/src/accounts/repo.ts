// Queries of accounts.
import type { Db } from '../db/index';
import type { AccountsTable } from '../db/schema';

export async function countAccounts(db: Db): Promise<number> {
  // A number on both databases: PostgreSQL's int8 parser is set on the pool (db/index.ts).
  const row = await db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return row.n;
}

export function findAccount(db: Db, id: string) {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findAccountByWidgetId(db: Db, widgetId: string) {
  return db.selectFrom('accounts').selectAll().where('widget_id', '=', widgetId).executeTakeFirst();
}

export function firstAccount(db: Db) {
  return db.selectFrom('accounts').selectAll().orderBy('created_at', 'asc').limit(1).executeTakeFirst();
}

export async function insertAccount(db: Db, row: AccountsTable): Promise<void> {
  await db.insertInto('accounts').values(row).execute();
}
