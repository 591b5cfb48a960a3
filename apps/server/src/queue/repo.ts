// C1 queue queries: conditional updates, so a change applies once however many processes race.
import { sql } from '../db/kysely';
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

/** C2: hands the chat to `agentId` (an agent of the account, checked by the caller). */
export async function assign(db: Db, accountId: string, conversationId: string, agentId: string): Promise<boolean> {
  const r = await db
    .updateTable('conversations')
    .set({ assignee_id: agentId })
    .where('account_id', '=', accountId)
    .where('id', '=', conversationId)
    .where((eb) => eb.or([eb('assignee_id', 'is', null), eb('assignee_id', '!=', agentId)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** C2: adds an agent to the chat; false when they were in it already. */
export async function addParticipant(db: Db, row: { account_id: string; conversation_id: string; agent_id: string; added_by: string; added_at: string }): Promise<boolean> {
  const r = await db
    .insertInto('conversation_participants')
    .values(row)
    .onConflict((oc) => oc.columns(['account_id', 'conversation_id', 'agent_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function participantIds(db: Db, accountId: string, conversationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('conversation_participants')
    .select('agent_id')
    .where('account_id', '=', accountId)
    .where('conversation_id', '=', conversationId)
    .orderBy('added_at')
    .execute();
  return rows.map((r) => r.agent_id);
}

/** Unread state: moves an agent's read position forward, never back. */
export async function markRead(db: Db, accountId: string, agentId: string, conversationId: string, seq: number): Promise<void> {
  await db
    .insertInto('conversation_reads')
    .values({ account_id: accountId, agent_id: agentId, conversation_id: conversationId, seq })
    .onConflict((oc) =>
      oc.columns(['account_id', 'agent_id', 'conversation_id']).doUpdateSet((eb) => ({
        seq: sql<number>`CASE WHEN ${eb.ref('excluded.seq')} > conversation_reads.seq THEN ${eb.ref('excluded.seq')} ELSE conversation_reads.seq END`,
      })),
    )
    .execute();
}

/** Unread state: every read position of one agent. */
export async function readsOf(db: Db, accountId: string, agentId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('conversation_reads')
    .select(['conversation_id', 'seq'])
    .where('account_id', '=', accountId)
    .where('agent_id', '=', agentId)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.conversation_id, Number(r.seq)]));
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
