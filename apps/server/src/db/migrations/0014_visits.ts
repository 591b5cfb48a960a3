// C3: what the widget reports about a visitor's browsing (page views) and what the server derives
// from it (device / OS / browser, location). One row per visitor, written on each page view.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('visitor_details')
    .addColumn('visitor_id', 'text', (c) => c.primaryKey()) // removed with its visitor (visitors/repo.ts)
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('current_url', 'text')
    .addColumn('current_title', 'text')
    .addColumn('pages', 'text', (c) => c.notNull())
    .addColumn('referrer', 'text')
    .addColumn('visits', 'integer', (c) => c.notNull())
    .addColumn('visit_started_at', 'text', (c) => c.notNull())
    .addColumn('page_started_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('time_zone', 'text')
    .addColumn('utc_offset_minutes', 'integer')
    .addColumn('screen', 'text')
    .addColumn('device', 'text')
    .addColumn('os', 'text')
    .addColumn('browser', 'text')
    .addColumn('country', 'text')
    .addColumn('city', 'text')
    .execute();
  await db.schema.createIndex('visitor_details_account').on('visitor_details').columns(['account_id', 'last_seen_at']).execute();
}
