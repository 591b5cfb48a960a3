// C5 message edits. An edit is a row of its own in `messages` (its own seq, so clients resuming
// "after seq N" receive it in order; its client id is the edit id, so a replayed edit is stored
// once), pointing at the message it changes with `edit_of`. The edited message keeps its seq and
// carries its current text, when it was last edited and the seq of that edit, for fresh loads.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('edit_of', 'text').execute();
  await db.schema.alterTable('messages').addColumn('edited_at', 'text').execute();
  await db.schema.alterTable('messages').addColumn('edited_seq', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}
