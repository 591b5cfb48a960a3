// Queries of accounts and of the installation (the one row the first-run setup writes). Each
// takes an executor: the database, or a transaction of storage.write.
import type { Db } from '../db/index';
import type { AccountsTable, InstallationTable } from '../db/schema';

export function findInstallation(db: Db) {
  return db.selectFrom('installation').selectAll().executeTakeFirst();
}

/** Fails with a unique violation when the installation is already set up (its id can only be 1). */
export async function insertInstallation(db: Db, row: InstallationTable): Promise<void> {
  await db.insertInto('installation').values(row).execute();
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
