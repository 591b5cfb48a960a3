// The message rule, in this one file: store a message, take the conversation's next seq, let the
// first agent reply take ownership, let the visitor writing again reopen the chat, update the
// conversation's preview. Three ways to run it, behind Storage.appendMessage (db/index.ts): on
// SQLite as two fixed statements inside the group commit's transaction; on PostgreSQL as one
// statement per message, or for a batch as one statement over arrays (each message's chat right
// after it worked out in code from the rows it returns, afterMessage). The three must agree:
// db/message-store.test.ts runs the same cases, bursts included, on both databases.
import type { Transaction } from 'kysely';
import { CompiledQuery, sql } from './kysely';
import type { Attachment, Conversation, Message } from '@palique/protocol';
import { newId } from '../ids';
import { now } from '../clock';
import type { Database, Db } from './schema';
import type { PendingSearchIndex } from './search-index';

export interface NewMessage {
  accountId: string;
  conversationId: string;
  clientId: string;
  authorType: Message['authorType'];
  authorId: string | null;
  authorName: string | null;
  text: string;
  /** Files: the file sent with the message. */
  attachment?: Attachment;
}

/** A conversation row as the message insert leaves it (names are joined in by the service). */
export type StoredConversation = Omit<Conversation, 'visitorName' | 'assigneeName'>;

export interface StoredMessage {
  message: Message;
  conversation: StoredConversation;
  /** C1: this visitor message reopened a closed chat. */
  reopened: boolean;
}

/** The conversation columns as both statements return them (dismissed as 0/1). */
export type ConversationRow = Omit<StoredConversation, 'dismissed'> & { dismissed: number; reopenedSeq: number };

function storedOf(m: NewMessage, id: string, row: ConversationRow, createdAt: string): StoredMessage {
  const { dismissed, reopenedSeq, ...rest } = row;
  const conversation = { ...rest, dismissed: dismissed === 1 };
  return { message: messageOf(m, id, row.lastSeq, createdAt), conversation, reopened: m.authorType === 'visitor' && reopenedSeq === row.lastSeq };
}

/** Files: the attachment column (JSON text, null without one). */
function attachmentJson(m: NewMessage): string | null {
  return m.attachment ? JSON.stringify(m.attachment) : null;
}

/** Files: what the conversation list shows of a message with a file and no text. */
function previewOf(m: NewMessage): string {
  return (m.text || (m.attachment ? `📎 ${m.attachment.name}` : '')).slice(0, PREVIEW_LENGTH);
}

/** How much of a message the conversation list shows. */
export const PREVIEW_LENGTH = 200;

function messageOf(m: NewMessage, id: string, seq: number, createdAt: string): Message {
  const { conversationId, clientId, authorType, authorId, authorName, text, attachment } = m;
  return { id, conversationId, seq, clientId, authorType, authorId, authorName, text, createdAt, ...(attachment ? { attachment } : {}) };
}

/**
 * SQLite: the rule in the caller's transaction. The UPDATE … RETURNING takes the next seq and
 * returns the updated conversation, so nothing has to be read again after the insert. The row
 * goes to the search index with the transaction's others (`search`, db/search-index.ts).
 */
export async function insertMessage(trx: Transaction<Database>, m: NewMessage, search: PendingSearchIndex): Promise<StoredMessage> {
  const createdAt = now();
  const taking = SQLITE_TAKE_SEQ[m.authorType === 'visitor' || m.authorType === 'agent' ? m.authorType : 'other'];
  const ownership = m.authorType === 'agent' ? [m.authorId] : [];
  const taken = await trx.executeQuery<ConversationRow>(
    CompiledQuery.raw(taking, [previewOf(m), m.authorType, createdAt, ...ownership, m.conversationId, m.accountId]),
  );
  const conversation = taken.rows[0];
  if (!conversation) throw new Error(`conversation ${m.conversationId} not found while storing a message`);
  const stored = storedOf(m, newId(), conversation, createdAt);
  const { message } = stored;
  const inserted = await trx.executeQuery(
    CompiledQuery.raw(SQLITE_INSERT_MESSAGE, [
      message.id, m.accountId, m.conversationId, message.seq, m.clientId, m.authorType, m.authorId, m.authorName, m.text, createdAt, attachmentJson(m),
    ]),
  );
  search.stored(inserted.insertId);
  return stored;
}

/**
 * SQLite's two statements, their texts fixed: nothing is built or compiled per message, and each
 * text is prepared once (db/index.ts keeps prepared statements by text). Per author type, what
 * else the message does to its chat: C1, the visitor writing again brings a closed or dismissed
 * chat back (SET reads the old row); the first agent reply takes ownership.
 */
function sqliteTakeSeq(more: string): string {
  return `UPDATE "conversations"
     SET "last_seq" = "last_seq" + 1, "last_message_text" = ?, "last_message_author_type" = ?, "last_message_at" = ?${more}
   WHERE "id" = ? AND "account_id" = ?
  RETURNING "id", "visitor_id" AS "visitorId", "assignee_id" AS "assigneeId", "last_seq" AS "lastSeq",
            "last_message_text" AS "lastMessageText", "last_message_author_type" AS "lastMessageAuthorType",
            "last_message_at" AS "lastMessageAt", "created_at" AS "createdAt", "status", "dismissed", "reopened_seq" AS "reopenedSeq"`;
}

const SQLITE_TAKE_SEQ = {
  visitor: sqliteTakeSeq(`, "status" = 'open', "dismissed" = 0, "reopened_seq" = CASE WHEN "status" = 'closed' THEN "last_seq" + 1 ELSE "reopened_seq" END`),
  agent: sqliteTakeSeq(`, "assignee_id" = coalesce("assignee_id", ?)`),
  other: sqliteTakeSeq(''),
};

const SQLITE_INSERT_MESSAGE = `INSERT INTO "messages"
  ("id", "account_id", "conversation_id", "seq", "client_id", "author_type", "author_id", "author_name", "text", "created_at", "attachment")
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * The rule once more, in code, for PostgreSQL's batches (db/pg-messages.ts): the chat as it stands
 * after message `m`, given the row before it. It must say what the statements' SQL says
 * (SQLite's, and PostgreSQL's for one message and for a batch).
 */
export function afterMessage(row: ConversationRow, m: NewMessage, createdAt: string): ConversationRow {
  const lastSeq = row.lastSeq + 1;
  const next: ConversationRow = { ...row, lastSeq, lastMessageText: previewOf(m), lastMessageAuthorType: m.authorType, lastMessageAt: createdAt };
  if (m.authorType === 'agent') next.assigneeId = row.assigneeId ?? m.authorId;
  if (m.authorType === 'visitor') {
    next.status = 'open';
    next.dismissed = 0;
    next.reopenedSeq = row.status === 'closed' ? lastSeq : row.reopenedSeq;
  }
  return next;
}

/** PostgreSQL: a prepared statement's name, text and values (pg's query config). */
export interface PgQuery {
  name: string;
  text: string;
  values: unknown[];
}

/** PostgreSQL: a batch's statement, run by db/pg-messages.ts, and what its rows make of it. */
export interface BatchStatement {
  query: PgQuery;
  /**
   * What each message stored, the chat as it stood right after it (from the rows the chats had
   * before the batch, and the rule above); undefined for a message the statement did not store
   * (its chat is gone or of another account).
   */
  stored(rows: unknown[]): Array<StoredMessage | undefined>;
}

/**
 * PostgreSQL, a batch of messages in ONE statement (one round trip, atomic on its own, no
 * BEGIN/COMMIT): the rule above once more, in SQL over arrays. It locks the batch's chats in id
 * order (as every batch on every process locks them, so two batches never wait on each other in a
 * circle) and reads them as they stand once locked; each message's seq is its chat's `last_seq` +
 * its place among the batch's messages of that chat, in arrival order; each chat takes the batch's
 * last preview, its first agent author as owner when it has none, and, with a visitor message,
 * opens again (reopened at the first visitor message's seq when it was closed). It returns the
 * chats as they were before, and `stored` works out from them, with afterMessage, each message's
 * chat right after it. A message whose chat is missing or of another account is left out and
 * writes nothing; a duplicate client id fails the whole statement.
 */
export function appendBatch(ms: NewMessage[]): BatchStatement {
  const createdAt = ms.map(() => now());
  const ids = ms.map(() => newId());
  const columns: unknown[][] = [[], [], [], [], [], [], [], [], [], [], []];
  ms.forEach((m, i) => {
    const values = [ids[i], m.accountId, m.conversationId, m.clientId, m.authorType, m.authorId, m.authorName, m.text, createdAt[i], attachmentJson(m), previewOf(m)];
    values.forEach((v, c) => columns[c].push(v));
  });
  return {
    query: { name: 'palique_append_batch', text: APPEND_BATCH, values: columns },
    stored(rows) {
      const before = new Map((rows as Array<ConversationRow & { accountId: string }>).map((row) => [row.id, row]));
      const current = new Map<string, ConversationRow>();
      return ms.map((m, i) => {
        const locked = before.get(m.conversationId);
        if (!locked || locked.accountId !== m.accountId) return undefined;
        const { accountId: _, ...row } = locked;
        const next = afterMessage(current.get(m.conversationId) ?? row, m, createdAt[i]);
        current.set(m.conversationId, next);
        return storedOf(m, ids[i], next, createdAt[i]);
      });
    },
  };
}

const APPEND_BATCH = `WITH batch AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
      WITH ORDINALITY AS b(id, account_id, conversation_id, client_id, author_type, author_id, author_name, text, created_at, attachment, preview, ord)
  ), before AS MATERIALIZED (
    SELECT id, account_id AS "accountId", visitor_id AS "visitorId", assignee_id AS "assigneeId", last_seq AS "lastSeq",
           last_message_text AS "lastMessageText", last_message_author_type AS "lastMessageAuthorType",
           last_message_at AS "lastMessageAt", created_at AS "createdAt", status, dismissed, reopened_seq AS "reopenedSeq"
      FROM conversations WHERE id = ANY($3::text[]) AND account_id = ANY($2::text[])
     ORDER BY id FOR UPDATE
  ), numbered AS MATERIALIZED (
    SELECT b.*, o."lastSeq" + row_number() OVER (PARTITION BY b.conversation_id ORDER BY b.ord) AS seq,
           o."assigneeId" AS was_assignee, o.status AS was_status, o.dismissed AS was_dismissed, o."reopenedSeq" AS was_reopened
      FROM batch b JOIN before o ON o.id = b.conversation_id AND o."accountId" = b.account_id
  ), chats AS (
    SELECT conversation_id, max(seq) AS last_seq,
           (array_agg(preview ORDER BY ord DESC))[1] AS preview,
           (array_agg(author_type ORDER BY ord DESC))[1] AS author_type,
           (array_agg(created_at ORDER BY ord DESC))[1] AS created_at,
           coalesce(was_assignee, (array_agg(author_id ORDER BY ord) FILTER (WHERE author_type = 'agent' AND author_id IS NOT NULL))[1]) AS assignee_id,
           CASE WHEN bool_or(author_type = 'visitor') THEN 'open' ELSE was_status END AS status,
           CASE WHEN bool_or(author_type = 'visitor') THEN 0 ELSE was_dismissed END AS dismissed,
           CASE WHEN was_status = 'closed' THEN coalesce(min(seq) FILTER (WHERE author_type = 'visitor'), was_reopened) ELSE was_reopened END AS reopened_seq
      FROM numbered GROUP BY conversation_id, was_assignee, was_status, was_dismissed, was_reopened
  ), updated AS (
    UPDATE conversations c
       SET last_seq = u.last_seq, last_message_text = u.preview, last_message_author_type = u.author_type, last_message_at = u.created_at,
           assignee_id = u.assignee_id, status = u.status, dismissed = u.dismissed, reopened_seq = u.reopened_seq
      FROM chats u
     WHERE c.id = u.conversation_id
  ), inserted AS (
    INSERT INTO messages (id, account_id, conversation_id, seq, client_id, author_type, author_id, author_name, text, created_at, attachment)
    SELECT id, account_id, conversation_id, seq, client_id, author_type, author_id, author_name, text, created_at, attachment FROM numbered
  )
  SELECT * FROM before`;

/** PostgreSQL: a message's statement, run by db/pg-messages.ts, and what its row makes of it. */
export interface MessageStatement {
  /** The same name for the same text (two texts: visitor, agent): prepared once per connection. */
  name: string;
  query: CompiledQuery;
  stored(rows: unknown[]): StoredMessage;
}

/**
 * PostgreSQL: the same rule in ONE statement (one round trip, atomic on its own): a
 * data-modifying CTE takes the next seq and inserts the message. The UPDATE locks the
 * conversation row, so writers on every process get consecutive, gap-free numbers; a duplicate
 * client id fails the whole statement, seq increment included.
 */
export function messageStatement(db: Db, m: NewMessage): MessageStatement {
  const createdAt = now();
  const id = newId();
  const takeOwnership = m.authorType === 'agent' ? sql`, assignee_id = coalesce(assignee_id, ${m.authorId}::text)` : sql``;
  const reopen =
    m.authorType === 'visitor'
      ? sql`, status = 'open', dismissed = 0, reopened_seq = CASE WHEN status = 'closed' THEN last_seq + 1 ELSE reopened_seq END`
      : sql``;
  const query = sql<ConversationRow>`
    WITH c AS (
      UPDATE conversations
         SET last_seq = last_seq + 1,
             last_message_text = ${previewOf(m)}::text,
             last_message_author_type = ${m.authorType}::text,
             last_message_at = ${createdAt}::text
             ${takeOwnership}
             ${reopen}
       WHERE id = ${m.conversationId}::text AND account_id = ${m.accountId}::text
      RETURNING id, visitor_id, assignee_id, last_seq, last_message_text, last_message_author_type, last_message_at, created_at,
                status, dismissed, reopened_seq
    ), ins AS (
      INSERT INTO messages (id, account_id, conversation_id, seq, client_id, author_type, author_id, author_name, text, created_at, attachment)
      SELECT ${id}::text, ${m.accountId}::text, c.id, c.last_seq, ${m.clientId}::text, ${m.authorType}::text,
             ${m.authorId}::text, ${m.authorName}::text, ${m.text}::text, ${createdAt}::text, ${attachmentJson(m)}::text
        FROM c
      RETURNING seq
    )
    SELECT c.id, c.visitor_id AS "visitorId", c.assignee_id AS "assigneeId", c.last_seq AS "lastSeq",
           c.last_message_text AS "lastMessageText", c.last_message_author_type AS "lastMessageAuthorType",
           c.last_message_at AS "lastMessageAt", c.created_at AS "createdAt", c.status, c.dismissed,
           c.reopened_seq AS "reopenedSeq"
      FROM c JOIN ins ON true`;
  return {
    name: `palique_append_${m.authorType}`,
    query: query.compile(db),
    stored(rows) {
      const conversation = rows[0] as ConversationRow | undefined;
      if (!conversation) throw new Error(`conversation ${m.conversationId} vanished while storing a message`);
      return storedOf(m, id, conversation, createdAt);
    },
  };
}
