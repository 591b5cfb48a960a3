// Queries of the account's own widget texts (W3): one row per (account, language).
import type { Db } from '../db/index';

export async function findOverrides(db: Db, accountId: string, language: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('widget_texts')
    .select('texts')
    .where('account_id', '=', accountId)
    .where('language', '=', language)
    .executeTakeFirst();
  return row?.texts;
}

export async function saveOverrides(db: Db, accountId: string, language: string, texts: string, at: string): Promise<void> {
  await db
    .insertInto('widget_texts')
    .values({ account_id: accountId, language, texts, updated_at: at })
    .onConflict((oc) => oc.columns(['account_id', 'language']).doUpdateSet({ texts, updated_at: at }))
    .execute();
}
