// Queries of conversations and messages. Every query filters on account_id.
import type { Transaction } from 'kysely';
import { sql } from '../db/kysely';
import { MESSAGE_PAGE_SIZE, type Conversation, type ConversationView, type Message } from '@palique/protocol';
import type { Database } from '../db/schema';
import type { Db } from '../db/index';
import { PREVIEW_LENGTH } from '../db/message-store';
import { indexMessageRow } from '../db/search-index';
import { dialectOf } from '../db/dialect';
import { newId } from '../ids';
import { now } from '../clock';

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
      'c.status',
      'c.dismissed',
    ]);
}

/** SQLite and PostgreSQL both hold `dismissed` as 0/1; the protocol says boolean. */
function toConversation<R extends { dismissed: number | boolean }>(row: R): Omit<R, 'dismissed'> & { dismissed: boolean } {
  return { ...row, dismissed: Number(row.dismissed) === 1 };
}

export async function findConversation(db: Executor, accountId: string, id: string): Promise<Conversation | undefined> {
  const row = await selectConversations(db, accountId).where('c.id', '=', id).executeTakeFirst();
  return row && toConversation(row);
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
 * A visitor has one continuous conversation; this creates it (race-safe: a copy created
 * meanwhile, on any process, is the one returned). Callers look first (the usual case).
 */
export async function ensureConversationForVisitor(db: Executor, accountId: string, visitorId: string): Promise<string> {
  const created = await db
    .insertInto('conversations')
    .values({ id: newId(), account_id: accountId, visitor_id: visitorId, assignee_id: null, created_at: now() })
    .onConflict((oc) => oc.columns(['account_id', 'visitor_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (created) return created.id;
  const id = await findConversationIdByVisitor(db, accountId, visitorId);
  if (!id) throw new Error('conversation vanished after insert');
  return id;
}

/**
 * C1: which conversations a list holds. A3: an Invisible agent gets no new chats, so their Queue
 * (`joinedOnly`) keeps only the chats they wrote in or were added to ("Add agent").
 */
function inView<Q extends { where: any }>(q: Q, view: ConversationView, agentId: string, joinedOnly = false): Q {
  let r: any = q.where('c.last_message_at', 'is not', null);
  if (view === 'closed') return r.where('c.status', '=', 'closed');
  r = r.where('c.status', '=', 'open');
  // T1: not a chat whose last word is the team's (an unanswered targeted message): it waits for the visitor.
  if (view === 'queue') r = r.where('c.assignee_id', 'is', null).where('c.dismissed', '=', 0).where('c.last_message_author_type', '!=', 'agent');
  if (view === 'queue' && joinedOnly) {
    r = r.where((eb: any) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('messages as jm')
            .select('jm.id')
            .whereRef('jm.account_id', '=', 'c.account_id')
            .whereRef('jm.conversation_id', '=', 'c.id')
            .where('jm.author_type', '=', 'agent')
            .where('jm.author_id', '=', agentId),
        ),
        eb.exists(
          eb
            .selectFrom('conversation_participants as jp')
            .select('jp.agent_id')
            .whereRef('jp.account_id', '=', 'c.account_id')
            .whereRef('jp.conversation_id', '=', 'c.id')
            .where('jp.agent_id', '=', agentId),
        ),
      ]),
    );
  }
  if (view === 'mine') r = r.where('c.assignee_id', '=', agentId);
  return r;
}

/** A page cursor: the last row's activity time and id (ids break ties). */
const cursorOf = (c: Conversation) => `${c.lastMessageAt}|${c.id}`;

export async function listConversations(
  db: Db,
  accountId: string,
  view: ConversationView,
  agentId: string,
  limit = 200,
  cursor?: string,
  joinedOnly = false,
): Promise<{ conversations: Conversation[]; nextCursor: string | null }> {
  let q = inView(selectConversations(db, accountId), view, agentId, joinedOnly);
  if (cursor) {
    const [at = '', id = ''] = cursor.split('|');
    q = q.where((eb) => eb.or([eb('c.last_message_at', '<', at), eb.and([eb('c.last_message_at', '=', at), eb('c.id', '<', id)])]));
  }
  const rows = await q.orderBy('c.last_message_at', 'desc').orderBy('c.id', 'desc').limit(limit + 1).execute();
  const conversations = rows.slice(0, limit).map(toConversation);
  return { conversations, nextCursor: rows.length > limit ? cursorOf(conversations[conversations.length - 1]!) : null };
}

/** C1: how many conversations each list holds. */
export async function countConversations(db: Db, accountId: string, agentId: string, joinedOnly = false): Promise<Record<ConversationView, number>> {
  const views: ConversationView[] = ['queue', 'mine', 'all', 'closed'];
  const counts = await Promise.all(
    views.map(async (view) => {
      const base = db.selectFrom('conversations as c').where('c.account_id', '=', accountId);
      const row: { n?: unknown } | undefined = await inView(base, view, agentId, joinedOnly).select((eb: any) => eb.fn.countAll().as('n')).executeTakeFirst();
      return [view, Number(row?.n ?? 0)] as const;
    }),
  );
  return Object.fromEntries(counts) as Record<ConversationView, number>;
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
  'attachment',
  'edit_of as editOf',
  'edited_at as editedAt',
  'edited_seq as editedSeq',
] as const;

type MessageRow = Omit<Message, 'attachment' | 'editOf' | 'editedAt' | 'editedSeq'> & {
  attachment: string | null;
  editOf: string | null;
  editedAt: string | null;
  editedSeq: number;
};

/**
 * Files: the attachment column parsed; C5: the edit fields only where they say something. The
 * keys are absent on messages without them (an unedited message without a file looks as it
 * always did).
 */
function toMessage({ attachment, editOf, editedAt, editedSeq, ...row }: MessageRow): Message {
  return {
    ...row,
    ...(attachment ? { attachment: JSON.parse(attachment) as Message['attachment'] } : {}),
    ...(editOf ? { editOf } : {}),
    ...(editedAt ? { editedAt, editedSeq: Number(editedSeq) } : {}),
  };
}

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
  const row = await selectMessages(db, accountId, conversationId).where('client_id', '=', clientId).executeTakeFirst();
  return row && toMessage(row);
}

export async function findMessage(db: Executor, accountId: string, conversationId: string, id: string): Promise<Message | undefined> {
  const row = await selectMessages(db, accountId, conversationId).where('id', '=', id).executeTakeFirst();
  return row && toMessage(row);
}

export interface NewEdit {
  accountId: string;
  conversationId: string;
  /** The message edited (not an edit itself). */
  target: Pick<Message, 'id' | 'seq'>;
  editId: string;
  authorType: Message['authorType'];
  authorId: string | null;
  authorName: string | null;
  text: string;
}

/**
 * C5: stores an edit in the caller's transaction, the same statements on SQLite and PostgreSQL:
 * takes the conversation's next seq (the UPDATE locks its row, so seqs stay consecutive), adds
 * the edit as its own row (a replayed edit id hits the unique client-id index and the whole
 * transaction, seq included, rolls back), and gives the message its new text. The list's preview
 * follows only when the edited message is the conversation's last one; its activity time stays.
 * On SQLite the edit's row is indexed for search at once, as every message row is (db/search-index.ts).
 */
export async function insertEdit(trx: Transaction<Database>, e: NewEdit): Promise<{ edit: Message; message: Message }> {
  const createdAt = now();
  const { lastSeq: seq } = await trx
    .updateTable('conversations')
    .set({
      last_seq: sql`last_seq + 1`,
      last_message_text: sql`CASE WHEN NOT EXISTS (
          SELECT 1 FROM messages WHERE account_id = ${e.accountId} AND conversation_id = ${e.conversationId}
             AND edit_of IS NULL AND seq > ${e.target.seq}
        ) THEN cast(${e.text.slice(0, PREVIEW_LENGTH)} as text) ELSE last_message_text END`,
    })
    .where('id', '=', e.conversationId)
    .where('account_id', '=', e.accountId)
    .returning('last_seq as lastSeq')
    .executeTakeFirstOrThrow();
  const edit: Message = {
    id: newId(),
    conversationId: e.conversationId,
    seq,
    clientId: e.editId,
    authorType: e.authorType,
    authorId: e.authorId,
    authorName: e.authorName,
    text: e.text,
    createdAt,
    editOf: e.target.id,
  };
  const inserted = await trx
    .insertInto('messages')
    .values({
      id: edit.id,
      account_id: e.accountId,
      conversation_id: e.conversationId,
      seq,
      client_id: e.editId,
      author_type: e.authorType,
      author_id: e.authorId,
      author_name: e.authorName,
      text: e.text,
      created_at: createdAt,
      // Files: an edit changes the text only; the message keeps its attachment.
      attachment: null,
      edit_of: e.target.id,
    })
    .executeTakeFirstOrThrow();
  if (dialectOf(trx) === 'sqlite') await indexMessageRow(trx, inserted.insertId);
  await trx
    .updateTable('messages')
    .set({ text: e.text, edited_at: createdAt, edited_seq: seq })
    .where('account_id', '=', e.accountId)
    .where('id', '=', e.target.id)
    .where('edited_seq', '<', seq)
    .execute();
  const message = await findMessage(trx, e.accountId, e.conversationId, e.target.id);
  if (!message) throw new Error(`message ${e.target.id} vanished while editing it`);
  return { edit, message };
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
  return { messages: rows.slice(0, MESSAGE_PAGE_SIZE).map(toMessage), hasMore };
}

/** The agents who have written in a conversation (A3: an invisible agent joins by typing). */
export async function agentAuthorIds(db: Db, accountId: string, conversationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('messages')
    .select('author_id')
    .distinct()
    .where('account_id', '=', accountId)
    .where('conversation_id', '=', conversationId)
    .where('author_type', '=', 'agent')
    .execute();
  return rows.flatMap((r) => (r.author_id ? [r.author_id] : []));
}

export interface ReadPositions {
  visitorReadSeq: number;
  agentReadSeq: number;
}

/**
 * W5: records that one side read up to `seq`. Never moves backwards and never past the last
 * message (the condition does both, the same statement on SQLite and PostgreSQL); returns both
 * sides' positions as they now stand.
 */
export async function markRead(db: Executor, accountId: string, conversationId: string, side: 'visitor' | 'agent', seq: number): Promise<ReadPositions | undefined> {
  const column = side === 'visitor' ? 'visitor_read_seq' : 'agent_read_seq';
  if (seq > 0) {
    await db
      .updateTable('conversations')
      .set({ [column]: seq })
      .where('account_id', '=', accountId)
      .where('id', '=', conversationId)
      .where(column, '<', seq)
      .where('last_seq', '>=', seq)
      .execute();
  }
  return db
    .selectFrom('conversations')
    .select(['visitor_read_seq as visitorReadSeq', 'agent_read_seq as agentReadSeq'])
    .where('account_id', '=', accountId)
    .where('id', '=', conversationId)
    .executeTakeFirst();
}
