// Queries of conversations and messages. Every query filters on account_id.
import { sql, type Transaction } from 'kysely';
import { MESSAGE_PAGE_SIZE, type Conversation, type ConversationView, type Message } from '@palique/protocol';
import type { Database } from '../db/schema';
import type { Db } from '../db/index';
import { newId, now } from '../db/ids';

type Executor = Db | Transaction<Database>;

function selectConversations(db: Executor, accountId: string) {
  return db
    .selectFrom('conversations as c')
    .innerJoin('visitors as v', (j) => j.onRef('v.id', '=', 'c.visitor_id').onRef('v.account_id', '=', 'c.account_id'))
    .leftJoin('agents as a', (j) => j.onRef('a.id', '=', 'c.assignee_id').onRef('a.account_id', '=', 'c.account_id'))
    .where('c.account_id', '=', accountId)
    .select([
      'c.id',
      'c.visitor_id as visitorId',
      'v.name as visitorName',
      'c.assignee_id as assigneeId',
      'a.name as assigneeName',
      'c.last_seq as lastSeq',
      'c.last_message_text as lastMessageText',
      'c.last_message_author_type as lastMessageAuthorType',
      'c.last_message_at as lastMessageAt',
      'c.created_at as createdAt',
    ]);
}

export async function findConversation(db: Executor, accountId: string, id: string): Promise<Conversation | undefined> {
  const row = await selectConversations(db, accountId).where('c.id', '=', id).executeTakeFirst();
  return row && { ...row, lastSeq: Number(row.lastSeq) };
}

export async function findConversationIdByVisitor(db: Executor, accountId: string, visitorId: string) {
  const row = await db
    .selectFrom('conversations')
    .select('id')
    .where('account_id', '=', accountId)
    .where('visitor_id', '=', visitorId)
    .executeTakeFirst();
  return row?.id;
}

/**
 * A visitor has one continuous conversation; this creates it on first use (race-safe). Looks
 * first, so the usual case (it exists) costs one read rather than a write attempt and a read.
 */
export async function ensureConversationForVisitor(db: Executor, accountId: string, visitorId: string): Promise<string> {
  const existing = await findConversationIdByVisitor(db, accountId, visitorId);
  if (existing) return existing;
  await db
    .insertInto('conversations')
    .values({ id: newId(), account_id: accountId, visitor_id: visitorId, assignee_id: null, created_at: now() })
    .onConflict((oc) => oc.columns(['account_id', 'visitor_id']).doNothing())
    .execute();
  const id = await findConversationIdByVisitor(db, accountId, visitorId);
  if (!id) throw new Error('conversation vanished after insert');
  return id;
}

export async function listConversations(
  db: Db,
  accountId: string,
  view: ConversationView,
  agentId: string,
  limit = 200,
): Promise<Conversation[]> {
  let q = selectConversations(db, accountId).where('c.last_message_at', 'is not', null);
  if (view === 'queue') q = q.where('c.assignee_id', 'is', null);
  if (view === 'mine') q = q.where('c.assignee_id', '=', agentId);
  const rows = await q.orderBy('c.last_message_at', 'desc').limit(limit).execute();
  return rows.map((r) => ({ ...r, lastSeq: Number(r.lastSeq) }));
}

const messageColumns = [
  'id',
  'conversation_id as conversationId',
  'seq',
  'client_id as clientId',
  'author_type as authorType',
  'author_id as authorId',
  'author_name as authorName',
  'text',
  'created_at as createdAt',
] as const;

/** The messages of one conversation of one account: where every message query starts. */
function selectMessages(db: Executor, accountId: string, conversationId: string) {
  return db
    .selectFrom('messages')
    .select(messageColumns)
    .where('account_id', '=', accountId)
    .where('conversation_id', '=', conversationId);
}

export async function findMessageByClientId(
  db: Executor,
  accountId: string,
  conversationId: string,
  clientId: string,
): Promise<Message | undefined> {
  const row = await selectMessages(db, accountId, conversationId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row && { ...row, seq: Number(row.seq) };
}

export interface MessagePage {
  messages: Message[];
  hasMore: boolean;
}

/** The messages after seq `after`, in order, one page at a time. */
export async function messagesAfter(db: Db, accountId: string, conversationId: string, after: number): Promise<MessagePage> {
  const rows = await selectMessages(db, accountId, conversationId)
    .where('seq', '>', after)
    .orderBy('seq', 'asc')
    .limit(MESSAGE_PAGE_SIZE + 1)
    .execute();
  const hasMore = rows.length > MESSAGE_PAGE_SIZE;
  return { messages: rows.slice(0, MESSAGE_PAGE_SIZE).map((r) => ({ ...r, seq: Number(r.seq) })), hasMore };
}

export interface NewMessage {
  accountId: string;
  conversationId: string;
  clientId: string;
  authorType: Message['authorType'];
  authorId: string | null;
  authorName: string | null;
  text: string;
}

function messageOf(m: NewMessage, id: string, seq: number, createdAt: string): Message {
  const { conversationId, clientId, authorType, authorId, authorName, text } = m;
  return { id, conversationId, seq, clientId, authorType, authorId, authorName, text, createdAt };
}

/** A conversation row as the message insert leaves it (names are joined in by the service). */
export type StoredConversation = Omit<Conversation, 'visitorName' | 'assigneeName'>;

export interface StoredMessage {
  message: Message;
  conversation: StoredConversation;
}

/**
 * Takes the conversation's next seq and stores the message, in the caller's transaction.
 * The UPDATE … RETURNING locks the conversation row, so concurrent writers (even on other
 * processes, on PostgreSQL) get consecutive, gap-free numbers; it also returns the updated
 * conversation, so nothing has to be read again after the insert. The first agent to write
 * takes ownership of an unassigned conversation.
 */
export async function insertMessage(trx: Transaction<Database>, m: NewMessage): Promise<StoredMessage> {
  const createdAt = now();
  const row = await trx
    .updateTable('conversations')
    .set({
      last_seq: sql`last_seq + 1`,
      last_message_text: m.text.slice(0, 200),
      last_message_author_type: m.authorType,
      last_message_at: createdAt,
      ...(m.authorType === 'agent' ? { assignee_id: sql`coalesce(assignee_id, ${m.authorId})` } : {}),
    })
    .where('id', '=', m.conversationId)
    .where('account_id', '=', m.accountId)
    .returning([
      'id',
      'visitor_id as visitorId',
      'assignee_id as assigneeId',
      'last_seq as lastSeq',
      'last_message_text as lastMessageText',
      'last_message_author_type as lastMessageAuthorType',
      'last_message_at as lastMessageAt',
      'created_at as createdAt',
    ])
    .executeTakeFirstOrThrow();
  const conversation: StoredConversation = { ...row, lastSeq: Number(row.lastSeq) };
  const message = messageOf(m, newId(), conversation.lastSeq, createdAt);
  await trx
    .insertInto('messages')
    .values({
      id: message.id,
      account_id: m.accountId,
      conversation_id: m.conversationId,
      seq: message.seq,
      client_id: m.clientId,
      author_type: m.authorType,
      author_id: m.authorId,
      author_name: m.authorName,
      text: m.text,
      created_at: createdAt,
    })
    .execute();
  return { message, conversation };
}

/**
 * PostgreSQL: the same rule as insertMessage in ONE statement (so one round trip, and atomic
 * on its own): a data-modifying CTE takes the next seq and inserts the message. A duplicate
 * client id fails the whole statement, seq increment included.
 */
export async function insertMessageInOneStatement(db: Db, m: NewMessage): Promise<StoredMessage> {
  const createdAt = now();
  const id = newId();
  const takeOwnership = m.authorType === 'agent' ? sql`, assignee_id = coalesce(assignee_id, ${m.authorId}::text)` : sql``;
  const { rows } = await sql<StoredConversation>`
    WITH c AS (
      UPDATE conversations
         SET last_seq = last_seq + 1,
             last_message_text = ${m.text.slice(0, 200)}::text,
             last_message_author_type = ${m.authorType}::text,
             last_message_at = ${createdAt}::text
             ${takeOwnership}
       WHERE id = ${m.conversationId}::text AND account_id = ${m.accountId}::text
      RETURNING id, visitor_id, assignee_id, last_seq, last_message_text, last_message_author_type, last_message_at, created_at
    ), ins AS (
      INSERT INTO messages (id, account_id, conversation_id, seq, client_id, author_type, author_id, author_name, text, created_at)
      SELECT ${id}::text, ${m.accountId}::text, c.id, c.last_seq, ${m.clientId}::text, ${m.authorType}::text,
             ${m.authorId}::text, ${m.authorName}::text, ${m.text}::text, ${createdAt}::text
        FROM c
      RETURNING seq
    )
    SELECT c.id, c.visitor_id AS "visitorId", c.assignee_id AS "assigneeId", c.last_seq AS "lastSeq",
           c.last_message_text AS "lastMessageText", c.last_message_author_type AS "lastMessageAuthorType",
           c.last_message_at AS "lastMessageAt", c.created_at AS "createdAt"
      FROM c JOIN ins ON true`.execute(db);
  const row = rows[0];
  if (!row) throw new Error(`conversation ${m.conversationId} vanished while storing a message`);
  const conversation: StoredConversation = { ...row, lastSeq: Number(row.lastSeq) };
  return { message: messageOf(m, id, conversation.lastSeq, createdAt), conversation };
}
