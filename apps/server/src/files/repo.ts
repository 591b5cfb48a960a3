// Files: the queries of the files table and of the installation's URL-signing key.
import type { Transaction } from 'kysely';
import type { Db } from '../db/index';
import type { Database, FilesTable } from '../db/schema';

export async function insertFile(db: Db | Transaction<Database>, row: FilesTable): Promise<void> {
  await db.insertInto('files').values(row).execute();
}

/** A file of the account; with `visitorId`, only when it belongs to that visitor's conversation. */
export async function findFile(db: Db, accountId: string, id: string, visitorId?: string): Promise<FilesTable | undefined> {
  let query = db.selectFrom('files').selectAll().where('account_id', '=', accountId).where('id', '=', id);
  if (visitorId !== undefined) query = query.where('visitor_id', '=', visitorId);
  return query.executeTakeFirst();
}

/** By id alone: for serving a URL whose signature was already checked. */
export async function findFileById(db: Db, id: string): Promise<FilesTable | undefined> {
  return db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The installation-wide value of `key`, stored by the first process that needed it (shared by all). */
export async function keepSetting(db: Db, key: string, value: string, at: string): Promise<string> {
  await db
    .insertInto('installation_settings')
    .values({ key, value, created_at: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('installation_settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return row.value;
}
