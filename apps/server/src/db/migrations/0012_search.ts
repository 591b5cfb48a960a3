// Search: full-text indexes of message text and of visitors' names and emails, filled from the
// rows already stored. Kept in step by the database itself, whoever writes (a new message, an
// edit, a visitor's new name): on SQLite by triggers into FTS5 tables, on PostgreSQL by a
// generated column and GIN indexes. search/repo.ts queries them; its expressions must equal the
// ones here.
import type { Kysely } from 'kysely';
import { sql } from '../kysely';
import { dialectOf } from '../dialect';

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') await upPostgres(db);
  else await upSqlite(db);
}

/**
 * External-content FTS5 tables: the index only, the text stays in messages and visitors (rowids
 * join them; VACUUM keeps rowids of tables with indexes, as these have). `remove_diacritics 2`:
 * "garcia" finds "García". A visitor is indexed only once they have a name or an email; the
 * 'delete' of an FTS5 external-content row must repeat exactly what was indexed, so every
 * trigger checks the same condition.
 */
async function upSqlite(db: Kysely<any>): Promise<void> {
  const tokenize = sql.raw(`tokenize = "unicode61 remove_diacritics 2"`);
  await sql`CREATE VIRTUAL TABLE message_search USING fts5(text, content = 'messages', ${tokenize})`.execute(db);
  await sql`CREATE VIRTUAL TABLE visitor_search USING fts5(name, email, content = 'visitors', ${tokenize})`.execute(db);

  await sql`CREATE TRIGGER message_search_insert AFTER INSERT ON messages BEGIN
      INSERT INTO message_search (rowid, text) VALUES (new.rowid, new.text);
    END`.execute(db);
  await sql`CREATE TRIGGER message_search_update AFTER UPDATE OF text ON messages BEGIN
      INSERT INTO message_search (message_search, rowid, text) VALUES ('delete', old.rowid, old.text);
      INSERT INTO message_search (rowid, text) VALUES (new.rowid, new.text);
    END`.execute(db);
  await sql`CREATE TRIGGER message_search_delete AFTER DELETE ON messages BEGIN
      INSERT INTO message_search (message_search, rowid, text) VALUES ('delete', old.rowid, old.text);
    END`.execute(db);

  await sql`CREATE TRIGGER visitor_search_insert AFTER INSERT ON visitors
      WHEN new.name IS NOT NULL OR new.email IS NOT NULL BEGIN
      INSERT INTO visitor_search (rowid, name, email) VALUES (new.rowid, new.name, new.email);
    END`.execute(db);
  // One trigger, in this order: the old entry goes before the new one comes (a name that keeps a
  // word would otherwise lose it).
  await sql`CREATE TRIGGER visitor_search_update AFTER UPDATE OF name, email ON visitors BEGIN
      INSERT INTO visitor_search (visitor_search, rowid, name, email)
        SELECT 'delete', old.rowid, old.name, old.email WHERE old.name IS NOT NULL OR old.email IS NOT NULL;
      INSERT INTO visitor_search (rowid, name, email)
        SELECT new.rowid, new.name, new.email WHERE new.name IS NOT NULL OR new.email IS NOT NULL;
    END`.execute(db);
  await sql`CREATE TRIGGER visitor_search_delete AFTER DELETE ON visitors
      WHEN old.name IS NOT NULL OR old.email IS NOT NULL BEGIN
      INSERT INTO visitor_search (visitor_search, rowid, name, email) VALUES ('delete', old.rowid, old.name, old.email);
    END`.execute(db);

  await sql`INSERT INTO message_search (rowid, text) SELECT rowid, text FROM messages`.execute(db);
  await sql`INSERT INTO visitor_search (rowid, name, email)
      SELECT rowid, name, email FROM visitors WHERE name IS NOT NULL OR email IS NOT NULL`.execute(db);
}

/**
 * Message text as a stored tsvector column with a GIN index, visitors' names and emails as a GIN
 * expression index (a small table), both with the 'simple' configuration (no stemming, no stop
 * words: any language). Stored, because newest-first search filters messages row by row on
 * common words and would otherwise compute every row's tsvector again. Punctuation becomes
 * spaces first, so words split as SQLite's tokenizer splits them (PostgreSQL's parser would keep
 * "ana@example.com" as one word, and "example" would not find it). Adding the column and the
 * indexes indexes the existing rows.
 */
async function upPostgres(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE messages ADD COLUMN search_vector tsvector
      GENERATED ALWAYS AS (to_tsvector('simple', regexp_replace(text, '[[:punct:]]', ' ', 'g'))) STORED`.execute(db);
  await sql`CREATE INDEX messages_search ON messages USING gin (search_vector)`.execute(db);
  await sql`CREATE INDEX visitors_search ON visitors USING gin ((
      to_tsvector('simple', regexp_replace(coalesce(name, '') || ' ' || coalesce(email, ''), '[[:punct:]]', ' ', 'g'))
    ))`.execute(db);
}
