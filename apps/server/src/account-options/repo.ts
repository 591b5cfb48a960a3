// Queries of account options (a row once an option changed; none means the defaults).
import type { Db } from '../db/index';
import type { AccountOptionsTable } from '../db/schema';

export function findOptions(db: Db, accountId: string) {
  return db.selectFrom('account_options').selectAll().where('account_id', '=', accountId).executeTakeFirst();
}

/** The retention columns (privacy/) are left as they are. */
export async function saveOptions(db: Db, row: Omit<AccountOptionsTable, `retention_${string}`>): Promise<void> {
  const { account_id: _, ...changes } = row;
  await db.insertInto('account_options').values(row).onConflict((oc) => oc.column('account_id').doUpdateSet(changes)).execute();
}
