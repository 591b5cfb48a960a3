// C8: the queries behind the online visitors list: a row per visitor (who, browsing details, chat
// status) for ids known to be online, the `seats` setting, and the "opened the chat window" stamp.
// Always by account.
import { sql } from '../db/kysely';
import { CHATTING_NOW_MS, type OnlineVisitor } from '@palique/protocol';
import type { Db } from '../db/index';

/** Ids per query: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500;

interface ChatStats {
  status: string;
  last_message_at: string | null;
  first_visitor_seq: number | string | null;
  first_other_seq: number | string | null;
}

/** The rows of these visitors of the account (ids of other accounts or deleted visitors give none). */
export async function onlineRows(db: Db, accountId: string, visitorIds: string[], now: Date): Promise<OnlineVisitor[]> {
  const rows: OnlineVisitor[] = [];
  for (let i = 0; i < visitorIds.length; i += CHUNK) {
    const ids = visitorIds.slice(i, i + CHUNK);
    const [people, chats] = await Promise.all([peopleOf(db, accountId, ids), chatStatsOf(db, accountId, ids)]);
    for (const p of people) rows.push(toRow(p, chats.get(p.id), now));
  }
  return rows;
}

function peopleOf(db: Db, accountId: string, ids: string[]) {
  return db
    .selectFrom('visitors as v')
    .leftJoin('visitor_details as d', (j) => j.onRef('d.visitor_id', '=', 'v.id').on('d.account_id', '=', accountId))
    .select(['v.id', 'v.name', 'v.email', 'd.current_url', 'd.current_title', 'd.pages', 'd.referrer', 'd.visits', 'd.visit_started_at'])
    .select(['d.country', 'd.city', 'd.device', 'd.os', 'd.browser', 'd.language', 'd.chat_opened_at'])
    .where('v.account_id', '=', accountId)
    .where('v.id', 'in', ids)
    .execute();
}

/** Per visitor: their thread's status, last message time, and the first seq by them and by anyone else. */
async function chatStatsOf(db: Db, accountId: string, ids: string[]): Promise<Map<string, ChatStats>> {
  const rows = await db
    .selectFrom('conversations as c')
    .leftJoin('messages as m', (j) => j.onRef('m.conversation_id', '=', 'c.id').on('m.account_id', '=', accountId).on('m.edit_of', 'is', null))
    .select(['c.visitor_id', 'c.status', 'c.last_message_at'])
    .select(sql<number | null>`min(case when m.author_type = 'visitor' then m.seq end)`.as('first_visitor_seq'))
    .select(sql<number | null>`min(case when m.author_type <> 'visitor' then m.seq end)`.as('first_other_seq'))
    .where('c.account_id', '=', accountId)
    .where('c.visitor_id', 'in', ids)
    .groupBy(['c.visitor_id', 'c.status', 'c.last_message_at'])
    .execute();
  return new Map(rows.map((r) => [r.visitor_id, r]));
}

type Person = Awaited<ReturnType<typeof peopleOf>>[number];

function toRow(p: Person, chat: ChatStats | undefined, now: Date): OnlineVisitor {
  const firstVisitor = chat?.first_visitor_seq == null ? null : Number(chat.first_visitor_seq);
  const firstOther = chat?.first_other_seq == null ? null : Number(chat.first_other_seq);
  const wrote = firstVisitor !== null;
  const recent = chat?.last_message_at != null && now.getTime() - new Date(chat.last_message_at).getTime() < CHATTING_NOW_MS;
  const chatting = wrote && chat?.status === 'open' && recent;
  const pageCount = p.pages ? (JSON.parse(p.pages) as unknown[]).length : 0;
  return {
    visitorId: p.id,
    name: p.name,
    email: p.email,
    currentUrl: p.current_url ?? null,
    currentTitle: p.current_title ?? null,
    pageCount,
    referrer: p.referrer ?? null,
    visits: p.visits == null ? 0 : Number(p.visits),
    visitStartedAt: p.visit_started_at ?? null,
    country: p.country ?? null,
    city: p.city ?? null,
    device: p.device ?? null,
    os: p.os ?? null,
    browser: p.browser ?? null,
    language: p.language ?? null,
    chatting,
    chattedBefore: wrote && !chatting,
    proactive: firstOther !== null && (firstVisitor === null || firstOther < firstVisitor),
    // Opened in this visit: at or after the visit's first page view.
    chatOpened: p.chat_opened_at != null && (p.visit_started_at == null || p.chat_opened_at >= p.visit_started_at),
  };
}

export async function markChatOpened(db: Db, accountId: string, visitorId: string, at: string): Promise<void> {
  await db.updateTable('visitor_details').set({ chat_opened_at: at }).where('account_id', '=', accountId).where('visitor_id', '=', visitorId).execute();
}

/** T1: whether the visitor opened the chat window at or after `since` (the start of this visit). */
export async function chatOpenedSince(db: Db, accountId: string, visitorId: string, since: string): Promise<boolean> {
  const row = await db.selectFrom('visitor_details').select('chat_opened_at').where('account_id', '=', accountId).where('visitor_id', '=', visitorId).executeTakeFirst();
  return row?.chat_opened_at != null && row.chat_opened_at >= since;
}

export async function findSeats(db: Db, accountId: string): Promise<number | null> {
  const row = await db.selectFrom('account_options').select('seats').where('account_id', '=', accountId).executeTakeFirst();
  return row?.seats == null ? null : Number(row.seats);
}

/** Writes the seats alone; the other options keep their values (or defaults, via a new row). */
export async function saveSeats(db: Db, accountId: string, seats: number | null, defaults: { notify_invisible_when_slow: number; notify_invisible_delay_seconds: number; queue_return_seconds: number }, at: string): Promise<void> {
  await db
    .insertInto('account_options')
    .values({ account_id: accountId, ...defaults, updated_at: at, seats })
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ seats, updated_at: at }))
    .execute();
}
