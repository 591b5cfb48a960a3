// Search queries. The one place where SQLite and PostgreSQL differ for search: how matching
// messages and visitors are found (FTS5 MATCH, or @@ on the GIN-indexed column and expression of
// migration 0012) and what orders messages (SQLite's rowid; PostgreSQL's time-sortable id).
// Every query filters on account_id.
import type { RawBuilder } from 'kysely';
import { sql } from '../db/kysely';
import type { Db } from '../db/index';
import { dialectOf } from '../db/dialect';
import { fts5Query, tsQuery } from './terms';

/** A message that matched, with where it stands in newest-first order (`pos`). */
export interface MessageMatch {
  pos: string | number;
  conversationId: string;
  messageId: string;
  seq: number;
  authorType: 'visitor' | 'agent' | 'system';
  text: string;
  createdAt: string;
}

/** A conversation whose visitor's name or email matched. */
export interface VisitorMatch {
  conversationId: string;
  visitorName: string | null;
  visitorEmail: string | null;
}

/**
 * The engine's condition, per dialect: `messages` / `visitors` rows that match every term. An
 * edit (C5) is a row of its own whose text its message now carries: only the message counts.
 */
function conditions(db: Db, terms: readonly string[]): { messages: RawBuilder<unknown>; visitors: RawBuilder<unknown>; postgres: boolean } {
  if (dialectOf(db) === 'postgres') {
    const query = sql`to_tsquery('simple', ${tsQuery(terms)})`;
    return {
      // The column messages.search_vector, and the expression of the index visitors_search (migration 0012), exactly.
      messages: sql`m.search_vector @@ ${query} AND m.edit_of IS NULL`,
      visitors: sql`to_tsvector('simple', regexp_replace(coalesce(v.name, '') || ' ' || coalesce(v.email, ''), '[[:punct:]]', ' ', 'g')) @@ ${query}`,
      postgres: true,
    };
  }
  const match = fts5Query(terms);
  return {
    messages: sql`m.rowid IN (SELECT rowid FROM message_search WHERE message_search MATCH ${match}) AND m.edit_of IS NULL`,
    visitors: sql`v.rowid IN (SELECT rowid FROM visitor_search WHERE visitor_search MATCH ${match})`,
    postgres: false,
  };
}

/** Conversations (with at least one message) whose visitor matches, latest activity first. */
export async function visitorMatches(db: Db, accountId: string, terms: readonly string[], limit: number): Promise<VisitorMatch[]> {
  const { visitors } = conditions(db, terms);
  const { rows } = await sql<VisitorMatch>`
    SELECT c.id AS "conversationId", v.name AS "visitorName", v.email AS "visitorEmail"
      FROM visitors v
      JOIN conversations c ON c.visitor_id = v.id AND c.account_id = v.account_id
     WHERE v.account_id = ${accountId} AND c.last_message_at IS NOT NULL AND ${visitors}
     ORDER BY c.last_message_at DESC, c.id DESC
     LIMIT ${limit}`.execute(db);
  return rows;
}

/**
 * Up to `limit` matching messages, newest first, older than `before` (a `pos` of an earlier
 * chunk). On SQLite, FTS5 yields rowids newest first and stops at the limit; on PostgreSQL the
 * planner picks between the GIN index (rare words) and the primary key newest first (common
 * ones), which also stops at the limit.
 */
export async function messageMatches(db: Db, accountId: string, terms: readonly string[], before: string | number | null, limit: number): Promise<MessageMatch[]> {
  const { messages, postgres } = conditions(db, terms);
  const columns = sql`m.conversation_id AS "conversationId", m.id AS "messageId", m.seq AS "seq", m.author_type AS "authorType", m.text AS "text", m.created_at AS "createdAt"`;
  if (postgres) {
    const older = before === null ? sql`` : sql`AND m.id < ${String(before)}`;
    const { rows } = await sql<MessageMatch>`
      SELECT m.id AS pos, ${columns} FROM messages m
       WHERE m.account_id = ${accountId} AND ${messages} ${older}
       ORDER BY m.id DESC LIMIT ${limit}`.execute(db);
    return rows;
  }
  const older = before === null ? sql`` : sql`AND s.rowid < ${Number(before)}`;
  const { rows } = await sql<MessageMatch>`
    SELECT s.rowid AS pos, ${columns}
      FROM message_search s JOIN messages m ON m.rowid = s.rowid
     WHERE message_search MATCH ${fts5Query(terms)} ${older} AND m.account_id = ${accountId} AND m.edit_of IS NULL
     ORDER BY s.rowid DESC LIMIT ${limit}`.execute(db);
  return rows;
}

/**
 * Every conversation with a matching message, each with its newest match (highest seq), newest
 * first, up to `limit`: exact however the matches are spread, but it reads every match (the
 * slow path, for words repeated many times in few conversations).
 */
export async function conversationsWithMatches(db: Db, accountId: string, terms: readonly string[], limit: number): Promise<MessageMatch[]> {
  const { messages, postgres } = conditions(db, terms);
  const pos = postgres ? sql`m.id` : sql`m.rowid`;
  const { rows } = await sql<MessageMatch>`
    WITH newest AS (
      SELECT m.conversation_id AS cid, max(m.seq) AS seq FROM messages m
       WHERE m.account_id = ${accountId} AND ${messages}
       GROUP BY m.conversation_id
    )
    SELECT ${pos} AS pos, m.conversation_id AS "conversationId", m.id AS "messageId", m.seq AS "seq",
           m.author_type AS "authorType", m.text AS "text", m.created_at AS "createdAt"
      FROM newest JOIN messages m ON m.conversation_id = newest.cid AND m.seq = newest.seq AND m.account_id = ${accountId}
     ORDER BY ${pos} DESC LIMIT ${limit}`.execute(db);
  return rows;
}
