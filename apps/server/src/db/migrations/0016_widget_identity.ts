// W7 identified users: the per-account secret that signs `PaliqueSetup.clientId` (HMAC-SHA256),
// the site's user id a visitor is bound to (at most one visitor per id and account), and the
// extra visitor tokens of that user's other devices (each device keeps its own token).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('widget_identity_secrets')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id'))
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('visitors').addColumn('external_id', 'text').execute();
  await db.schema.createIndex('visitors_external_id').unique().on('visitors').columns(['account_id', 'external_id']).execute();
  await db.schema
    .createTable('visitor_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('visitor_id', 'text', (c) => c.notNull().references('visitors.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('visitor_tokens_visitor').on('visitor_tokens').columns(['visitor_id']).execute();
}
