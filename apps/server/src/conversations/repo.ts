// Queries of conversations and messages. Every query filters on account_id.
import { sql, type Transaction } from 'kysely';
import type { Conversation, ConversationView, Message } from '@charla/protocol';
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

export async function findMessageByClientId(
  db: Executor,
  accountId: string,
  conversationId: string,
  clientId: string,
): Promise<Message | undefined> {
  const row = await db
    .selectFrom('messages')
    .select(messageColumns)
    .where('account_id', '=', accountId)
    .where('conversation_id', '=', conversationId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row && { ...row, seq: Number(row.seq) };
}

export async function messagesAfter(
  db: Db,
  accountId: string,
  conversationId: string,
  after: number,
  limit = 500,
): Promise<Message[]> {
  const rows = await db
    .selectFrom('messages')
    .select(messageColumns)
    .where('account_id', '=', accountId)
    .where('conversation_id', '=', conversationId)
    .where('seq', '>', after)
    .orderBy('seq', 'asc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
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

/**
 * Takes the conversation's next seq and stores the message, in the caller's transaction.
 * The UPDATE … RETURNING locks the conversation row, so concurrent writers (even on other
 * processes, on PostgreSQL) get consecutive, gap-free numbers. The first agent to write takes
 * ownership of an unassigned conversation.
 */
export async function insertMessage(trx: Transaction<Database>, m: NewMessage): Promise<Message> {
  const createdAt = now();
  const bumped = await trx
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
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  const message: Message = {
    id: newId(),
    conversationId: m.conversationId,
    seq: Number(bumped.last_seq),
    clientId: m.clientId,
    authorType: m.authorType,
    authorId: m.authorId,
    authorName: m.authorName,
    text: m.text,
    createdAt,
  };
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
  return message;
}
