// T1–T4: triggers (conditions and action kept as JSON text), the account's "not invasive"
// settings, and every time a trigger acted for a visitor (shown in the visitor's details; one
// row per trigger, visitor and page view at most, which makes a timer's second run harmless).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('triggers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('conditions', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('template', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('triggers_account').on('triggers').columns(['account_id', 'created_at']).execute();
  await db.schema
    .createTable('trigger_settings')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id'))
    .addColumn('min_delay_seconds', 'integer', (c) => c.notNull())
    .addColumn('quiet_seconds', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('trigger_firings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('visitor_id', 'text', (c) => c.notNull())
    .addColumn('trigger_id', 'text', (c) => c.notNull())
    .addColumn('trigger_name', 'text', (c) => c.notNull())
    .addColumn('action_type', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('message_seq', 'integer')
    .addColumn('page_url', 'text')
    .addColumn('page_started_at', 'text', (c) => c.notNull())
    .addColumn('visit', 'integer', (c) => c.notNull())
    .addColumn('fired_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('trigger_firings_once')
    .unique()
    .on('trigger_firings')
    .columns(['account_id', 'visitor_id', 'trigger_id', 'page_started_at'])
    .execute();
}
