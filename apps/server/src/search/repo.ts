// Search queries. The one place where SQLite and PostgreSQL differ for search: how the matching
// messages and visitors are found (FTS5 MATCH, or @@ on the GIN-indexed expressions of
// migration 0012). Ranking, paging and the tenant filter are one query for both.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/index';
import { dialectOf } from '../db/dialect';
import { fts5Query, tsQuery } from './terms';

/** A conversation that matched, with its newest matching message (none when only the visitor did). */
export interface SearchRow {
  conversationId: string;
  lastMessageAt: string;
  messageId: string | null;
  seq: number | null;
  authorType: 'visitor' | 'agent' | 'system' | null;
  text: string | null;
  createdAt: string | null;
  visitorName: string | null;
  visitorEmail: string | null;
}

/** Conversation id → newest matching seq, and conversation ids whose visitor matched: per dialect. */
function matching(db: Db, accountId: string, terms: readonly string[]): { messages: RawBuilder<unknown>; visitors: RawBuilder<unknown> } {
  if (dialectOf(db) === 'postgres') {
    const query = sql`to_tsquery('simple', ${tsQuery(terms)})`;
    return {
      // The expressions of the indexes messages_search and visitors_search (migration 0012), exactly.
      messages: sql`SELECT conversation_id AS cid, max(seq) AS seq FROM messages
          WHERE account_id = ${accountId} AND to_tsvector('simple', regexp_replace(text, '[[:punct:]]', ' ', 'g')) @@ ${query}
          GROUP BY conversation_id`,
      visitors: sql`SELECT c.id AS cid FROM visitors
          JOIN conversations c ON c.visitor_id = visitors.id AND c.account_id = visitors.account_id
          WHERE visitors.account_id = ${accountId}
            AND to_tsvector('simple', regexp_replace(coalesce(name, '') || ' ' || coalesce(email, ''), '[[:punct:]]', ' ', 'g')) @@ ${query}`,
    };
  }
  const match = fts5Query(terms);
  return {
    messages: sql`SELECT m.conversation_id AS cid, max(m.seq) AS seq FROM message_search
          JOIN messages m ON m.rowid = message_search.rowid
          WHERE message_search MATCH ${match} AND m.account_id = ${accountId}
          GROUP BY m.conversation_id`,
    visitors: sql`SELECT c.id AS cid FROM visitor_search
          JOIN visitors v ON v.rowid = visitor_search.rowid
          JOIN conversations c ON c.visitor_id = v.id AND c.account_id = v.account_id
          WHERE visitor_search MATCH ${match} AND v.account_id = ${accountId}`,
  };
}

/** A page cursor: the last row's activity time and id (ids break ties), as the lists page. */
export const cursorOf = (row: Pick<SearchRow, 'lastMessageAt' | 'conversationId'>) => `${row.lastMessageAt}|${row.conversationId}`;

/**
 * Conversations of one account that match every term, by latest activity (newest first), one
 * page: `limit` rows, plus one to tell whether there is more.
 */
export async function searchConversations(db: Db, accountId: string, terms: readonly string[], limit: number, cursor?: string): Promise<SearchRow[]> {
  const { messages, visitors } = matching(db, accountId, terms);
  let after = sql``;
  if (cursor) {
    const [at = '', id = ''] = cursor.split('|');
    after = sql`AND (c.last_message_at < ${at} OR (c.last_message_at = ${at} AND c.id < ${id}))`;
  }
  const { rows } = await sql<SearchRow>`
    WITH hits AS (
      SELECT cid, max(seq) AS seq FROM (
        SELECT cid, seq FROM (${messages}) AS by_message
        UNION ALL
        SELECT cid, NULL AS seq FROM (${visitors}) AS by_visitor
      ) AS found GROUP BY cid
    )
    SELECT c.id AS "conversationId", c.last_message_at AS "lastMessageAt",
           m.id AS "messageId", m.seq AS "seq", m.author_type AS "authorType", m.text AS "text", m.created_at AS "createdAt",
           v.name AS "visitorName", v.email AS "visitorEmail"
      FROM hits
      JOIN conversations c ON c.id = hits.cid AND c.account_id = ${accountId}
      JOIN visitors v ON v.id = c.visitor_id AND v.account_id = c.account_id
      LEFT JOIN messages m ON m.conversation_id = c.id AND m.seq = hits.seq AND m.account_id = c.account_id
     WHERE c.last_message_at IS NOT NULL ${after}
     ORDER BY c.last_message_at DESC, c.id DESC
     LIMIT ${limit + 1}`.execute(db);
  return rows;
}
