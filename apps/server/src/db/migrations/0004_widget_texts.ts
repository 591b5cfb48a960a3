// W3: an account's own widget texts, one row per language (JSON object of key → text, as text).
// W2: when each agent was last active (connected, disconnected or changed status), for the
// team the widget shows.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('widget_texts')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('texts', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('widget_texts_pk', ['account_id', 'language'])
    .execute();
  await db.schema.alterTable('agents').addColumn('last_active_at', 'text').execute();
}
