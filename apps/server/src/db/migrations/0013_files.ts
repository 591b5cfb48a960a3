// Files: one row per uploaded file (the bytes live under DATA_DIR/files/, named by the row's
// random id), and the attachment a message carries (its metadata as JSON text; null: none).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    // The visitor whose conversation the file belongs to: that visitor and the account's agents see it.
    .addColumn('visitor_id', 'text', (c) => c.notNull())
    .addColumn('uploader_type', 'text', (c) => c.notNull())
    .addColumn('uploader_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('files_account_visitor').on('files').columns(['account_id', 'visitor_id']).execute();
  await db.schema.alterTable('messages').addColumn('attachment', 'text').execute();
}
