// Which database a Kysely instance talks to, for the few places where SQLite and PostgreSQL truly
// differ (full-text search: migration 0012 and search/repo.ts).
import type { Kysely } from 'kysely';
import { PostgresAdapter } from './kysely';

export type Dialect = 'sqlite' | 'postgres';

export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
