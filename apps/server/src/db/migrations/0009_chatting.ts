// While chatting (W5): how far each side has read a conversation, as the highest seq read —
// by the visitor, and by any agent (the max only; per-agent unread state is another table).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('conversations').addColumn('visitor_read_seq', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('conversations').addColumn('agent_read_seq', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}
