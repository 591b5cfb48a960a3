// Issue 17: `conversations_account_recent` (account_id, last_message_at) is the leading part of
// 0008's `conversations_activity` (account_id, last_message_at, id), which serves every query it
// served. Both were rewritten by every message (each moves last_message_at): one is enough.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('conversations_account_recent').execute();
}
