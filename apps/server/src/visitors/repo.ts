// Queries of visitors. Every query filters on account_id.
import type { Visitor, VisitorData } from '@palique/protocol';
import type { Db } from '../db/index';
import type { VisitorsTable } from '../db/schema';

export function toVisitor(row: VisitorsTable): Visitor {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    data: JSON.parse(row.data) as VisitorData,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
  };
}

/** As agents see the visitor: with the agents' notes (never sent to the widget). */
export function toAgentVisitor(row: VisitorsTable): Visitor {
  return { ...toVisitor(row), notes: row.notes };
}

export async function insertVisitor(db: Db, row: VisitorsTable): Promise<void> {
  await db.insertInto('visitors').values(row).execute();
}

export function findVisitor(db: Db, accountId: string, id: string) {
  return db.selectFrom('visitors').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

export function findVisitorByTokenHash(db: Db, accountId: string, tokenHash: string) {
  return db
    .selectFrom('visitors')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function updateVisitor(
  db: Db,
  accountId: string,
  id: string,
  changes: Partial<Pick<VisitorsTable, 'name' | 'email' | 'phone' | 'data' | 'last_seen_at' | 'notes'>>,
): Promise<void> {
  await db.updateTable('visitors').set(changes).where('account_id', '=', accountId).where('id', '=', id).execute();
}

/**
 * Deletes up to `limit` visitors, of every account, last seen before `seenBefore` who never wrote
 * (no conversation). Idempotent: processes running it at once delete each row once between them.
 */
export async function deleteSilentVisitors(db: Db, seenBefore: string, limit: number): Promise<number> {
  const ids = (
    await db
      .selectFrom('visitors as v')
      .select('v.id')
      .where('v.last_seen_at', '<', seenBefore)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('conversations as c').select('c.id').whereRef('c.visitor_id', '=', 'v.id'))))
      .limit(limit)
      .execute()
  ).map((r) => r.id);
  if (ids.length === 0) return 0;
  // C3: their browsing details go with them.
  await db.deleteFrom('visitor_details').where('visitor_id', 'in', ids).execute();
  const result = await db
    .deleteFrom('visitors')
    .where('id', 'in', ids)
    .where('last_seen_at', '<', seenBefore)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('conversations as c').select('c.id').whereRef('c.visitor_id', '=', 'visitors.id'))))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function replaceTokenHash(db: Db, accountId: string, id: string, tokenHash: string): Promise<void> {
  await db.updateTable('visitors').set({ token_hash: tokenHash }).where('account_id', '=', accountId).where('id', '=', id).execute();
}

/**
 * C3: the visitor's conversations and those of the account's other visitors with the same email
 * (the same person back from another browser or device), newest first.
 */
export function conversationIdsOfVisitor(db: Db, accountId: string, visitorId: string, email: string | null) {
  return db
    .selectFrom('conversations as c')
    .innerJoin('visitors as v', (j) => j.onRef('v.id', '=', 'c.visitor_id').onRef('v.account_id', '=', 'c.account_id'))
    .select(['c.id', 'c.created_at'])
    .where('c.account_id', '=', accountId)
    .where((eb) => (email ? eb.or([eb('v.id', '=', visitorId), eb('v.email', '=', email)]) : eb('v.id', '=', visitorId)))
    .orderBy('c.created_at', 'desc')
    .limit(50)
    .execute();
}
