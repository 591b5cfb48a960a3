// Queries of the email domain: the outbox, reply tokens, recipients (unsubscribes) and settings.
import type { Db } from '../../db/index';
import type { EmailOutboxTable } from '../../db/schema';

export type OutboxRow = EmailOutboxTable;

/** Queues an email unless one with the same purpose exists; returns the row stored under it. */
export async function queueEmail(db: Db, row: OutboxRow): Promise<OutboxRow> {
  await db.insertInto('email_outbox').values(row).onConflict((oc) => oc.columns(['account_id', 'purpose']).doNothing()).execute();
  return db.selectFrom('email_outbox').selectAll().where('account_id', '=', row.account_id).where('purpose', '=', row.purpose).executeTakeFirstOrThrow();
}

export function findOutbox(db: Db, accountId: string, id: string) {
  return db.selectFrom('email_outbox').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

export async function markSent(db: Db, accountId: string, id: string, at: string): Promise<void> {
  await db.updateTable('email_outbox').set({ sent_at: at, last_error: null }).where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function markFailed(db: Db, accountId: string, id: string, error: string): Promise<number> {
  const row = await db
    .updateTable('email_outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.slice(0, 500) }))
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returning('attempts')
    .executeTakeFirst();
  return row?.attempts ?? 0;
}

/** The Message-IDs already sent to this address about this conversation, oldest first (threading). */
export async function threadMessageIds(db: Db, accountId: string, conversationId: string, to: string): Promise<string[]> {
  const rows = await db
    .selectFrom('email_outbox')
    .select('message_id')
    .where('account_id', '=', accountId)
    .where('conversation_id', '=', conversationId)
    .where('to_address', '=', to)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.message_id);
}

/** The highest `<kind>:<conversation>:<seq>` purpose queued so far for a conversation (what a batch covered). */
export async function purposesOf(db: Db, accountId: string, conversationId: string, kind: string): Promise<string[]> {
  const rows = await db
    .selectFrom('email_outbox')
    .select('purpose')
    .where('account_id', '=', accountId)
    .where('conversation_id', '=', conversationId)
    .where('purpose', 'like', `${kind}:%`)
    .execute();
  return rows.map((r) => r.purpose);
}

/** Emails of this kind queued but never tried: their sender died before the first try. */
export function untried(db: Db, accountId: string, conversationId: string, kind: string) {
  return db
    .selectFrom('email_outbox')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('conversation_id', '=', conversationId)
    .where('purpose', 'like', `${kind}:%`)
    .where('sent_at', 'is', null)
    .where('attempts', '=', 0)
    .execute();
}

export function findReplyToken(db: Db, token: string) {
  return db.selectFrom('email_reply_tokens').selectAll().where('token', '=', token).executeTakeFirst();
}

/** The conversation's token for the visitor ('') or one agent, created on first use. */
export async function keepReplyToken(db: Db, row: { token: string; account_id: string; conversation_id: string; agent_id: string; created_at: string }): Promise<string> {
  await db
    .insertInto('email_reply_tokens')
    .values(row)
    .onConflict((oc) => oc.columns(['account_id', 'conversation_id', 'agent_id']).doNothing())
    .execute();
  const stored = await db
    .selectFrom('email_reply_tokens')
    .select('token')
    .where('account_id', '=', row.account_id)
    .where('conversation_id', '=', row.conversation_id)
    .where('agent_id', '=', row.agent_id)
    .executeTakeFirstOrThrow();
  return stored.token;
}

/** The address's row, created (subscribed) on first use. */
export async function keepRecipient(db: Db, accountId: string, address: string, token: string) {
  await db
    .insertInto('email_recipients')
    .values({ account_id: accountId, address, unsubscribe_token: token, unsubscribed_at: null })
    .onConflict((oc) => oc.columns(['account_id', 'address']).doNothing())
    .execute();
  return db.selectFrom('email_recipients').selectAll().where('account_id', '=', accountId).where('address', '=', address).executeTakeFirstOrThrow();
}

export async function unsubscribe(db: Db, token: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('email_recipients')
    .set((eb) => ({ unsubscribed_at: eb.fn.coalesce('unsubscribed_at', eb.val(at)) }))
    .where('unsubscribe_token', '=', token)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** W4: whether the address unsubscribed (false for one that never got an email). */
export async function isUnsubscribed(db: Db, accountId: string, address: string): Promise<boolean> {
  const row = await db
    .selectFrom('email_recipients')
    .select('unsubscribed_at')
    .where('account_id', '=', accountId)
    .where('address', '=', address)
    .executeTakeFirst();
  return row?.unsubscribed_at != null;
}

export function findSettings(db: Db, accountId: string) {
  return db.selectFrom('email_settings').selectAll().where('account_id', '=', accountId).executeTakeFirst();
}

export async function saveSettings(db: Db, accountId: string, teamMailbox: string | null, at: string): Promise<void> {
  await db
    .insertInto('email_settings')
    .values({ account_id: accountId, team_mailbox: teamMailbox, updated_at: at })
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ team_mailbox: teamMailbox, updated_at: at }))
    .execute();
}

export async function offlineEmailAgentIds(db: Db, accountId: string): Promise<string[]> {
  const rows = await db.selectFrom('agent_email_settings').select('agent_id').where('account_id', '=', accountId).where('offline_email', '=', 1).execute();
  return rows.map((r) => r.agent_id);
}

export async function saveAgentSettings(db: Db, accountId: string, agentId: string, offlineEmail: boolean, at: string): Promise<void> {
  const value = offlineEmail ? 1 : 0;
  await db
    .insertInto('agent_email_settings')
    .values({ agent_id: agentId, account_id: accountId, offline_email: value, updated_at: at })
    .onConflict((oc) => oc.column('agent_id').doUpdateSet({ offline_email: value, updated_at: at }))
    .execute();
}
