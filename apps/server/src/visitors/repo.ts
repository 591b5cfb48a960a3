// Queries of visitors. Every query filters on account_id.
import type { Visitor, VisitorData } from '@palique/protocol';
import type { Db } from '../db/index';
import { sql } from '../db/kysely';
import type { VisitorTokensTable, VisitorsTable, WidgetIdentitySecretsTable } from '../db/schema';

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

/** The visitor holding this token: its first one, or (W7) one of an identified user's other devices. */
export async function findVisitorByTokenHash(db: Db, accountId: string, tokenHash: string) {
  const own = await db.selectFrom('visitors').selectAll().where('account_id', '=', accountId).where('token_hash', '=', tokenHash).executeTakeFirst();
  if (own) return own;
  return db
    .selectFrom('visitor_tokens as t')
    .innerJoin('visitors', 'visitors.id', 't.visitor_id')
    .selectAll('visitors')
    .where('t.account_id', '=', accountId)
    .where('t.token_hash', '=', tokenHash)
    .where('visitors.account_id', '=', accountId)
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

/** Visitors per last-seen statement: 3 values each, far below either database's limit. */
const SEEN_PER_STATEMENT = 500;

/**
 * Last-seen times of many visitors (of any accounts), one statement per 500: on PostgreSQL a
 * statement per visitor was a round trip each (10,000 for 10,000 arrivals; now 20).
 */
export async function setLastSeen(db: Db, seen: ReadonlyArray<{ accountId: string; id: string; at: string }>): Promise<void> {
  for (let i = 0; i < seen.length; i += SEEN_PER_STATEMENT) {
    const rows = sql.join(seen.slice(i, i + SEEN_PER_STATEMENT).map((v) => sql`(${v.accountId}, ${v.id}, ${v.at})`));
    await sql`WITH seen (account_id, id, at) AS (VALUES ${rows})
      UPDATE visitors SET last_seen_at = seen.at FROM seen
       WHERE visitors.account_id = seen.account_id AND visitors.id = seen.id`.execute(db);
  }
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

// --- W7 identified users (migration 0016) ----------------------------------------------------

export function findIdentitySecret(db: Db, accountId: string) {
  return db.selectFrom('widget_identity_secrets').selectAll().where('account_id', '=', accountId).executeTakeFirst();
}

export async function insertIdentitySecretIfMissing(db: Db, row: WidgetIdentitySecretsTable): Promise<void> {
  await db.insertInto('widget_identity_secrets').values(row).onConflict((oc) => oc.column('account_id').doNothing()).execute();
}

export async function updateIdentitySecret(db: Db, accountId: string, secret: string, at: string): Promise<void> {
  await db.updateTable('widget_identity_secrets').set({ secret, updated_at: at }).where('account_id', '=', accountId).execute();
}

export function findVisitorByExternalId(db: Db, accountId: string, externalId: string) {
  return db.selectFrom('visitors').selectAll().where('account_id', '=', accountId).where('external_id', '=', externalId).executeTakeFirst();
}

/** Binds an anonymous visitor to the site's user id; false when the visitor was bound meanwhile. */
export async function bindExternalId(db: Db, accountId: string, id: string, externalId: string): Promise<boolean> {
  const result = await db
    .updateTable('visitors')
    .set({ external_id: externalId })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .where('external_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertDeviceToken(db: Db, row: VisitorTokensTable): Promise<void> {
  await db.insertInto('visitor_tokens').values(row).execute();
}

/** Keeps the `keep` newest device tokens of a visitor: a browser that keeps nothing makes one per page view. */
export async function pruneDeviceTokens(db: Db, accountId: string, visitorId: string, keep: number): Promise<void> {
  const newest = db
    .selectFrom('visitor_tokens')
    .select('token_hash')
    .where('account_id', '=', accountId)
    .where('visitor_id', '=', visitorId)
    .orderBy('created_at', 'desc')
    .orderBy('token_hash')
    .limit(keep);
  await db
    .deleteFrom('visitor_tokens')
    .where('account_id', '=', accountId)
    .where('visitor_id', '=', visitorId)
    .where('token_hash', 'not in', newest)
    .execute();
}

export async function deleteDeviceTokens(db: Db, accountId: string, visitorId: string): Promise<void> {
  await db.deleteFrom('visitor_tokens').where('account_id', '=', accountId).where('visitor_id', '=', visitorId).execute();
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
