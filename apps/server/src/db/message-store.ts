// The message rule, written once: store a message, take the conversation's next seq, let the
// first agent reply take ownership, update the conversation's preview. Two ways to run it, one
// per database, behind Storage.appendMessage (db/index.ts): on SQLite inside the group commit's
// transaction, on PostgreSQL as one statement.
import type { Transaction } from 'kysely';
import { CompiledQuery, sql } from './kysely';
import type { Attachment, Conversation, Message } from '@palique/protocol';
import { newId } from '../ids';
import { now } from '../clock';
import type { Database, Db } from './schema';

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
type ConversationRow = Omit<StoredConversation, 'dismissed'> & { dismissed: number; reopenedSeq: number };

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
 * returns the updated conversation, so nothing has to be read again after the insert.
 */
export async function insertMessage(trx: Transaction<Database>, m: NewMessage): Promise<StoredMessage> {
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
  await trx.executeQuery(
    CompiledQuery.raw(SQLITE_INSERT_MESSAGE, [
      message.id, m.accountId, m.conversationId, message.seq, m.clientId, m.authorType, m.authorId, m.authorName, m.text, createdAt, attachmentJson(m),
    ]),
  );
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
