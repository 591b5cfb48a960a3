// C8: the `seats` account setting (null: unlimited, the self-hosted default) that caps the online
// visitors list at 10 per seat, and when a visitor last opened the chat window (a status icon).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('account_options').addColumn('seats', 'integer').execute();
  await db.schema.alterTable('visitor_details').addColumn('chat_opened_at', 'text').execute();
}
