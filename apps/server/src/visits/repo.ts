// C3: the visitor_details rows (one per visitor), always by account.
import type { VisitorDetails, VisitedPage } from '@palique/protocol';
import type { Db } from '../db/index';
import type { VisitorDetailsTable } from '../db/schema';

export type DetailsRow = VisitorDetailsTable;

export async function findDetails(db: Db, accountId: string, visitorId: string): Promise<DetailsRow | undefined> {
  return db.selectFrom('visitor_details').selectAll().where('account_id', '=', accountId).where('visitor_id', '=', visitorId).executeTakeFirst();
}

/** Writes the whole row (inserted the first time, replaced after). */
export async function saveDetails(db: Db, row: DetailsRow): Promise<void> {
  const { visitor_id: _id, account_id: _account, ...changes } = row;
  await db
    .insertInto('visitor_details')
    .values(row)
    .onConflict((oc) => oc.column('visitor_id').doUpdateSet(changes).where('visitor_details.account_id', '=', row.account_id))
    .execute();
}

export function toDetails(row: DetailsRow): VisitorDetails {
  return {
    visitorId: row.visitor_id,
    currentUrl: row.current_url,
    currentTitle: row.current_title,
    pages: JSON.parse(row.pages) as VisitedPage[],
    referrer: row.referrer,
    visits: Number(row.visits),
    visitStartedAt: row.visit_started_at,
    pageStartedAt: row.page_started_at,
    lastSeenAt: row.last_seen_at,
    language: row.language,
    timeZone: row.time_zone,
    utcOffsetMinutes: row.utc_offset_minutes === null ? null : Number(row.utc_offset_minutes),
    screen: row.screen,
    device: row.device,
    os: row.os,
    browser: row.browser,
    country: row.country,
    city: row.city,
  };
}
