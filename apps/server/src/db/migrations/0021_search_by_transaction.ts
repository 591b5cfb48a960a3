// Issue 17, SQLite: new messages are no longer indexed for search by a row trigger but by one
// statement per transaction, in the same transaction (db/search-index.ts). Every row stored so far
// is indexed already; the update and delete triggers stay. PostgreSQL: nothing (a generated column).
import type { Kysely } from 'kysely';
import { sql } from '../kysely';
import { dialectOf } from '../dialect';

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') return;
  await sql`DROP TRIGGER message_search_insert`.execute(db);
}
