// The demo page's setting, one row per account in installation_settings (key + JSON value).
import type { Db } from '../db/index';

const demoKey = (accountId: string) => `demo_page_for_other_addresses:${accountId}`;

export async function findDemoPageOpen(db: Db, accountId: string): Promise<boolean> {
  const row = await db.selectFrom('installation_settings').select('value').where('key', '=', demoKey(accountId)).executeTakeFirst();
  return row !== undefined && JSON.parse(row.value) === true;
}

export async function saveDemoPageOpen(db: Db, accountId: string, open: boolean, at: string): Promise<void> {
  const value = JSON.stringify(open);
  await db
    .insertInto('installation_settings')
    .values({ key: demoKey(accountId), value, created_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
