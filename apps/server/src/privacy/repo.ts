// Queries of the data-protection domain: everything stored about one visitor (export), deleting
// it, and finding what the retention policy removes. Every query filters on account_id.
import type { Transaction } from 'kysely';
import type { Db } from '../db/index';
import type { Database } from '../db/schema';

type Executor = Db | Transaction<Database>;

export function findVisitor(db: Executor, accountId: string, visitorId: string) {
  return db.selectFrom('visitors').selectAll().where('account_id', '=', accountId).where('id', '=', visitorId).executeTakeFirst();
}

export function conversationsOfVisitor(db: Executor, accountId: string, visitorId: string) {
  return db.selectFrom('conversations').selectAll().where('account_id', '=', accountId).where('visitor_id', '=', visitorId).orderBy('created_at').execute();
}

export function messagesOfConversations(db: Executor, accountId: string, conversationIds: string[]) {
  if (conversationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('messages')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('conversation_id', 'in', conversationIds)
    .orderBy('conversation_id')
    .orderBy('seq')
    .execute();
}

export function filesOfVisitor(db: Executor, accountId: string, visitorId: string) {
  return db.selectFrom('files').selectAll().where('account_id', '=', accountId).where('visitor_id', '=', visitorId).orderBy('created_at').execute();
}

/** W7: when each of an identified visitor's other devices was first recognised (never the token hashes). */
export function deviceTokensOfVisitor(db: Executor, accountId: string, visitorId: string) {
  return db.selectFrom('visitor_tokens').select('created_at').where('account_id', '=', accountId).where('visitor_id', '=', visitorId).orderBy('created_at').execute();
}

/** Deletes the visitor and every row that belongs to them, children first. */
export async function deleteVisitorRows(trx: Executor, accountId: string, visitorId: string, conversationIds: string[]): Promise<void> {
  if (conversationIds.length > 0) {
    for (const table of ['messages', 'conversation_reads', 'conversation_participants', 'email_outbox', 'email_reply_tokens'] as const) {
      await trx.deleteFrom(table).where('account_id', '=', accountId).where('conversation_id', 'in', conversationIds).execute();
    }
    await trx.deleteFrom('conversations').where('account_id', '=', accountId).where('id', 'in', conversationIds).execute();
    // Pending timers of those conversations (queue return, chat waiting, phone push: keys end in
    // `:<conversation id>`) would otherwise fire later about them, a push even carrying their text.
    for (const id of conversationIds) {
      await trx.deleteFrom('timers').where('account_id', '=', accountId).where('key', 'like', `%:${id}`).execute();
    }
  }
  await trx.deleteFrom('files').where('account_id', '=', accountId).where('visitor_id', '=', visitorId).execute();
  // C3: their browsing details (pages, device, location).
  await trx.deleteFrom('visitor_details').where('account_id', '=', accountId).where('visitor_id', '=', visitorId).execute();
  // T1: the triggers that acted for them, and their pending trigger timer (key `trigger:<visitor id>`).
  await trx.deleteFrom('trigger_firings').where('account_id', '=', accountId).where('visitor_id', '=', visitorId).execute();
  await trx.deleteFrom('timers').where('account_id', '=', accountId).where('key', '=', `trigger:${visitorId}`).execute();
  // W7: the tokens of an identified visitor's other devices (the site's user id goes with the visitor row).
  await trx.deleteFrom('visitor_tokens').where('account_id', '=', accountId).where('visitor_id', '=', visitorId).execute();
  await trx.deleteFrom('visitors').where('account_id', '=', accountId).where('id', '=', visitorId).execute();
}

/**
 * Retention: up to `limit` visitors of the account whose every trace is older than `before`: created
 * before it, not seen since, and no message in any of their conversations since.
 */
export function staleVisitorIds(db: Executor, accountId: string, before: string, limit: number) {
  return db
    .selectFrom('visitors as v')
    .select('v.id')
    .where('v.account_id', '=', accountId)
    .where('v.created_at', '<', before)
    .where('v.last_seen_at', '<', before)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('conversations as c')
            .select('c.id')
            .whereRef('c.visitor_id', '=', 'v.id')
            .where('c.account_id', '=', accountId)
            .where((eb) => eb.or([eb('c.last_message_at', '>=', before), eb('c.created_at', '>=', before)])),
        ),
      ),
    )
    .limit(limit)
    .execute();
}

export function retentionRow(db: Executor, accountId: string) {
  return db
    .selectFrom('account_options')
    .select(['retention_days', 'retention_runs', 'retention_last_run_at', 'retention_last_deleted'])
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

export async function recordRetentionRun(db: Executor, accountId: string, at: string, deleted: number): Promise<void> {
  await db
    .updateTable('account_options')
    .set((eb) => ({ retention_runs: eb('retention_runs', '+', 1), retention_last_run_at: at, retention_last_deleted: deleted }))
    .where('account_id', '=', accountId)
    .execute();
}

/** Saves the retention setting; the account's other options keep their values (or defaults). */
export async function saveRetentionDays(db: Executor, accountId: string, days: number, at: string, defaults: { notifyDelay: number; queueReturn: number }): Promise<void> {
  await db
    .insertInto('account_options')
    .values({
      account_id: accountId,
      notify_invisible_when_slow: 0,
      notify_invisible_delay_seconds: defaults.notifyDelay,
      queue_return_seconds: defaults.queueReturn,
      updated_at: at,
      retention_days: days,
    })
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ retention_days: days, updated_at: at }))
    .execute();
}

/** Accounts with a retention policy on. */
export function accountsWithRetention(db: Executor) {
  return db.selectFrom('account_options').select(['account_id', 'retention_days']).where('retention_days', '>', 0).execute();
}
