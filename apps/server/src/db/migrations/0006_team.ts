// A1 and A2: agents get a title, an avatar version and a removal time; their avatars (re-encoded
// WebP bytes) and the invitations (token stored hashed) get tables of their own.
import type { Kysely } from 'kysely';
import { PostgresAdapter } from '../kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The one place the databases differ here: binary columns are bytea on PostgreSQL.
  const binary = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';
  await db.schema.alterTable('agents').addColumn('title', 'text').execute();
  await db.schema.alterTable('agents').addColumn('avatar_version', 'text').execute();
  await db.schema.alterTable('agents').addColumn('removed_at', 'text').execute();

  await db.schema
    .createTable('agent_avatars')
    .addColumn('agent_id', 'text', (c) => c.primaryKey().references('agents.id'))
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('image', binary, (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('invitations_account').on('invitations').column('account_id').execute();
}
