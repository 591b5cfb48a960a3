// C1 queue: a conversation can be closed (and reopens when the visitor writes again) and can be
// dismissed from the queue (until the visitor writes again); the account's queue-return delay;
// per-agent read positions (unread state kept on the server); C2's participants of a chat.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('conversations').addColumn('status', 'text', (c) => c.notNull().defaultTo('open')).execute();
  await db.schema.alterTable('conversations').addColumn('dismissed', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // The seq of the visitor message that last reopened the chat: how the message rule reports a reopen.
  await db.schema.alterTable('conversations').addColumn('reopened_seq', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('conversations_activity').on('conversations').columns(['account_id', 'last_message_at', 'id']).execute();
  await db.schema.alterTable('account_options').addColumn('queue_return_seconds', 'integer', (c) => c.notNull().defaultTo(120)).execute();
  await db.schema
    .createTable('conversation_reads')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('conversation_reads_pk', ['account_id', 'agent_id', 'conversation_id'])
    .execute();
  // C2: agents added to a chat (group chat); silent until they write.
  await db.schema
    .createTable('conversation_participants')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('conversation_participants_pk', ['account_id', 'conversation_id', 'agent_id'])
    .execute();
}
