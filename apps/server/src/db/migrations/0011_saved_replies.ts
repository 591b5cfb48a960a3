// C6: saved replies, shared by the account's agents. The keyword is kept as typed and, folded to
// lower case, unique per account: `/Hello` and `/hello` are one shortcut.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('saved_replies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('keyword', 'text', (c) => c.notNull())
    .addColumn('keyword_folded', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('saved_replies_keyword').unique().on('saved_replies').columns(['account_id', 'keyword_folded']).execute();
}
