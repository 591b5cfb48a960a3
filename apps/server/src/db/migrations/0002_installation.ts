// The installation: one row, written by the first-run setup in the transaction that creates the
// owner's account. Its primary key can only be 1, so of setups racing each other (on any number
// of processes) only one can commit; "already set up" is a fact of the database, not a count.
import type { Kysely } from 'kysely';
import { sql } from '../kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('installation')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('set_up_at', 'text', (c) => c.notNull())
    .execute();
  // A database set up before this migration: its first account is the installation's.
  await sql`INSERT INTO installation (id, account_id, set_up_at)
    SELECT 1, id, created_at FROM accounts ORDER BY created_at, id LIMIT 1`.execute(db);
}
