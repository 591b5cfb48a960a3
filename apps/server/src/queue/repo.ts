// C1 queue queries: conditional updates, so a change applies once however many processes race.
import type { Db } from '../db/index';

/** Puts the chat back in the queue if `assigneeId` still owns it; true when it did. */
export async function unassign(db: Db, accountId: string, conversationId: string, assigneeId: string): Promise<boolean> {
  const r = await db
    .updateTable('conversations')
    .set({ assignee_id: null })
    .where('account_id', '=', accountId)
    .where('id', '=', conversationId)
    .where('assignee_id', '=', assigneeId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function close(db: Db, accountId: string, conversationId: string): Promise<boolean> {
  const r = await db
    .updateTable('conversations')
    .set({ status: 'closed' })
    .where('account_id', '=', accountId)
    .where('id', '=', conversationId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Hides an unowned open chat from the queue; the visitor's next message brings it back. */
export async function dismiss(db: Db, accountId: string, conversationId: string): Promise<boolean> {
  const r = await db
    .updateTable('conversations')
    .set({ dismissed: 1 })
    .where('account_id', '=', accountId)
    .where('id', '=', conversationId)
    .where('assignee_id', 'is', null)
    .where('dismissed', '=', 0)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
