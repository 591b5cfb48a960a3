// Queries of saved replies (C6): every one filters on the account.
import type { Selectable } from 'kysely';
import type { Db } from '../db/index';
import type { SavedRepliesTable } from '../db/schema';

export type SavedReplyRow = Selectable<SavedRepliesTable>;

export async function listByAccount(db: Db, accountId: string): Promise<SavedReplyRow[]> {
  return db.selectFrom('saved_replies').selectAll().where('account_id', '=', accountId).orderBy('keyword_folded').orderBy('id').execute();
}

export async function findById(db: Db, accountId: string, id: string): Promise<SavedReplyRow | undefined> {
  return db.selectFrom('saved_replies').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

export async function countByAccount(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('saved_replies')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insert(db: Db, row: SavedReplyRow): Promise<void> {
  await db.insertInto('saved_replies').values(row).execute();
}

/** Changes keyword and text; false when the account has no such reply. */
export async function update(
  db: Db,
  accountId: string,
  id: string,
  change: Pick<SavedReplyRow, 'keyword' | 'keyword_folded' | 'text' | 'updated_at'>,
): Promise<boolean> {
  const result = await db.updateTable('saved_replies').set(change).where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** False when the account has no such reply. */
export async function remove(db: Db, accountId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('saved_replies').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
