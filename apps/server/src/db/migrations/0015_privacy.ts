// Privacy (C3, data protection): agents' free notes kept with the visitor (phone is there since
// 0001), and the account's retention policy: delete conversations and visitors older than N days
// (0: off, the default).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('visitors').addColumn('notes', 'text').execute();
  await db.schema.alterTable('account_options').addColumn('retention_days', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // What the retention job did last: when it ran, how often, and how many visitors it deleted.
  await db.schema.alterTable('account_options').addColumn('retention_runs', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('account_options').addColumn('retention_last_run_at', 'text').execute();
  await db.schema.alterTable('account_options').addColumn('retention_last_deleted', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}
