// Visitor expiry (visitors/expiry.ts) looks for visitors by when they were last seen.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('visitors_last_seen').on('visitors').column('last_seen_at').execute();
}
