// The storage port: SQLite in DATA_DIR by default, PostgreSQL when DATABASE_URL is set. Both
// run the same migrations and the same queries; where the databases differ (how writes commit,
// how a message is stored) the difference stays in this folder, behind Storage's methods.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DialectAdapter, Migration, SqliteDatabase, SqliteStatement } from 'kysely';
import { Kysely, Migrator, sql, PostgresDialect, SqliteAdapter, SqliteDialect } from './kysely';
import SQLite from 'better-sqlite3';
import type pg from 'pg';
import type { Database, Db } from './schema';
import * as m0001 from './migrations/0001_initial';
import * as m0002 from './migrations/0002_installation';
import * as m0003 from './migrations/0003_timers_and_schedules';
import * as m0004 from './migrations/0004_widget_texts';
import * as m0005 from './migrations/0005_visitors_last_seen';
import * as m0006 from './migrations/0006_team';
import * as m0007 from './migrations/0007_push';
import * as m0008 from './migrations/0008_queue';
import * as m0009 from './migrations/0009_chatting';
import * as m0010 from './migrations/0010_edits';
import * as m0011 from './migrations/0011_saved_replies';
import * as m0012 from './migrations/0012_search';
import * as m0013 from './migrations/0013_files';
import * as m0014 from './migrations/0014_visits';
import * as m0015 from './migrations/0015_privacy';
import * as m0016 from './migrations/0016_widget_identity';
import * as m0017 from './migrations/0017_triggers';
import * as m0018 from './migrations/0018_online_visitors';
import * as m0019 from './migrations/0019_email';
import * as m0020 from './migrations/0020_one_activity_index';
import * as m0021 from './migrations/0021_search_by_transaction';
import { GroupCommit, type Work } from './group-commit';
import { PendingSearchIndex } from './search-index';
import type { StorageObserver } from '../metrics';
import { BACKSTOP_CHECKPOINT_PAGES, startCheckpointer } from './checkpointer';
import { insertMessage, messageStatement, type NewMessage, type StoredMessage } from './message-store';
import { PgMessages } from './pg-messages';

export type { Db };

export interface Storage {
  db: Db;
  /**
   * Runs `work` in a transaction and settles once it is committed. On SQLite, writes of the same
   * event-loop turn share the transaction and its one fsync (group commit).
   */
  write<R>(work: Work<R>): Promise<R>;
  /**
   * Like write, and on PostgreSQL too the work shares its transaction and its commit with the
   * other shared writes of the same event-loop turn (SQLite's write always does). For small,
   * independent writes on hot paths, where a commit each was the limit: a new visitor, a new chat.
   */
  writeShared<R>(work: Work<R>): Promise<R>;
  /**
   * Like writeShared, for rows whose loss in a power cut (never in a crash of the process: the
   * operating system still writes them) costs nothing: a new visitor's row (their widget starts a
   * new one when its token is refused), last-seen times. A batch holding nothing else commits
   * without waiting for the disk (SQLite: synchronous=NORMAL for that commit, WAL kept in order,
   * so the next waited-for commit makes it durable with the rest; PostgreSQL: synchronous_commit
   * off for that transaction). A visitor who writes a message is durable with it.
   */
  writeRelaxed<R>(work: Work<R>): Promise<R>;
  /**
   * Stores a message by the message rule (db/message-store.ts) and settles once it is committed.
   * Resolves undefined, storing nothing and taking no seq, when the conversation already holds a
   * message with this client id (a retry).
   */
  appendMessage(m: NewMessage): Promise<StoredMessage | undefined>;
  close(): Promise<void>;
}

const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_installation': m0002,
  '0003_timers_and_schedules': m0003,
  '0004_widget_texts': m0004,
  '0005_visitors_last_seen': m0005,
  '0006_team': m0006,
  '0007_push': m0007,
  '0008_queue': m0008,
  '0009_chatting': m0009,
  '0010_edits': m0010,
  '0011_saved_replies': m0011,
  '0012_search': m0012,
  '0013_files': m0013,
  '0014_visits': m0014,
  '0015_privacy': m0015,
  '0016_widget_identity': m0016,
  '0017_triggers': m0017,
  '0018_online_visitors': m0018,
  '0019_email': m0019,
  '0020_one_activity_index': m0020,
  '0021_search_by_transaction': m0021,
};

/**
 * Names the current set of migrations, their code included: a database migrated by one set can
 * stand for a fresh one migrated by the same set (the test servers' template database).
 */
export function migrationsFingerprint(): string {
  const hash = crypto.createHash('sha256');
  for (const [name, m] of Object.entries(migrations)) hash.update(`${name}\n${String(m.up)}\n${String(m.down ?? '')}\n`);
  return hash.digest('hex');
}

export interface StorageOptions {
  dataDir: string;
  databaseUrl?: string;
  sqliteSynchronous: 'FULL' | 'NORMAL';
  /** Told of commit batches and failed writes (metrics.ts). */
  observe?: StorageObserver;
}

/** The database refuses writes: Palique must not start and look healthy while every write fails (F14). */
export class StorageNotWritable extends Error {}

export async function openStorage(opts: StorageOptions): Promise<Storage> {
  const where = opts.databaseUrl ? 'the PostgreSQL database of DATABASE_URL' : `the database ${path.join(opts.dataDir, 'palique.sqlite')}`;
  const fix = opts.databaseUrl
    ? 'give its user the right to write (and check it is not a read-only replica or a read-only transaction default)'
    : `give the user running Palique write access to DATA_DIR (${opts.dataDir}) and the files in it`;
  let storage: Storage | undefined;
  try {
    storage = opts.databaseUrl ? await openPostgres(opts.databaseUrl) : await openSqlite(opts);
    await checkWritable(storage.db);
    return opts.observe ? observed(storage, opts.observe) : storage;
  } catch (err) {
    await storage?.close().catch(() => {});
    if (!isReadOnlyError(err)) throw err;
    const code = (err as { code?: string }).code;
    throw new StorageNotWritable(`${where} is not writable (${code}: ${(err as Error).message}); ${fix}.`, { cause: err });
  }
}

/**
 * A real write, committed: a rolled-back one would never reach the disk, where a read-only file
 * refuses it. The row is Kysely's migration lock, written back unchanged.
 */
export async function checkWritable(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`UPDATE kysely_migration_lock SET is_locked = is_locked`.execute(trx);
  });
}

function isReadOnlyError(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? '';
  // SQLite: SQLITE_READONLY, SQLITE_READONLY_DIRECTORY, …, SQLITE_CANTOPEN; PostgreSQL: read_only_sql_transaction, insufficient_privilege.
  return code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === '25006' || code === '42501';
}

async function openPostgres(databaseUrl: string): Promise<Storage> {
  // pg is loaded only for PostgreSQL (DATABASE_URL): a SQLite install never uses it.
  const { default: pg } = await import('pg');
  // int8 (counts) as numbers, on this pool only: every int8 we read is far below 2^53.
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, types });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await migrateOrClose(db);
  const messages = new PgMessages(pool, (m) => messageStatement(db, m));
  // 1,000 new visitors a second were 2,000 commits (their visitor rows, their chats) of ~10 ms of
  // fsync each: those of one event-loop turn now share one.
  const shared = new GroupCommit(db, undefined, { inside: (trx) => sql`SET LOCAL synchronous_commit = off`.execute(trx).then(() => {}) });
  return {
    db,
    // PostgreSQL commits concurrently on its pool and groups WAL flushes by itself.
    write: (work) => db.transaction().execute(work),
    writeShared: (work) => shared.run(work),
    writeRelaxed: (work) => shared.run(work, true),
    // The messages of one event-loop turn: one commit, one write statement (db/pg-messages.ts).
    appendMessage: (m) => refusingDuplicates(messages.append(m)),
    close: () => db.destroy(),
  };
}

async function openSqlite(opts: StorageOptions): Promise<Storage> {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const filePath = path.join(opts.dataDir, 'palique.sqlite');
  const file = new SQLite(filePath);
  // WAL: readers never block the writer; FULL: an acknowledged message survives power loss too.
  file.pragma('journal_mode = WAL');
  file.pragma(`synchronous = ${opts.sqliteSynchronous}`);
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new TransactionalSqliteDialect({ database: withStatementCache(file) }) });
  await migrateOrClose(db);
  // Checkpoints run on a worker thread (db/checkpointer.ts); this connection's own only as a backstop.
  file.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
  const checkpointer = startCheckpointer(filePath, { onError: (message) => process.emitWarning(`SQLite background checkpoint failed: ${message}`) });
  // At 1,000 messages/s one fsync per message was the server's ceiling (bench/): writes of one
  // event-loop turn share a commit instead.
  // Relaxed batches commit at NORMAL (no fsync; WAL stays in order) when the file is at FULL.
  const relaxing =
    opts.sqliteSynchronous === 'FULL'
      ? { before: (c: Db) => sql`PRAGMA synchronous = NORMAL`.execute(c).then(() => {}), after: (c: Db) => sql`PRAGMA synchronous = FULL`.execute(c).then(() => {}) }
      : undefined;
  // Messages reach the search index with one statement a transaction (db/search-index.ts); any
  // other write may edit or delete them, so it runs after they are indexed.
  const search = new PendingSearchIndex();
  const groupCommit = new GroupCommit(db, opts.observe && ((size) => opts.observe!.batchCommitted(size)), relaxing, search);
  const write = <R,>(work: Work<R>): Promise<R> => groupCommit.run(search.first(work));
  return {
    db,
    write,
    writeShared: write,
    writeRelaxed: (work) => groupCommit.run(search.first(work), true),
    appendMessage: (m) => refusingDuplicates(groupCommit.run((trx) => insertMessage(trx, m, search))),
    close: async () => {
      await checkpointer.stop();
      await db.destroy();
    },
  };
}

/**
 * SQLite runs DDL in transactions, but Kysely's SQLite adapter says it does not, so its Migrator
 * would apply migrations outside one. This adapter says it does: a migration run is all or nothing.
 */
class TransactionalSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new (class extends SqliteAdapter {
      override get supportsTransactionalDdl(): boolean {
        return true;
      }
    })();
  }
}

/** The same storage, counting the writes that fail (a refused duplicate is an answer, not a failure). */
function observed(storage: Storage, observe: StorageObserver): Storage {
  const counting = <T,>(p: Promise<T>): Promise<T> =>
    p.catch((err: unknown) => {
      observe.writeFailed();
      throw err;
    });
  return {
    ...storage,
    write: (work) => counting(storage.write(work)),
    writeShared: (work) => counting(storage.writeShared(work)),
    writeRelaxed: (work) => counting(storage.writeRelaxed(work)),
    appendMessage: (m) => counting(storage.appendMessage(m)),
  };
}

/** The unique (conversation, client id) index refuses a second copy; its seq is rolled back with it. */
async function refusingDuplicates(storing: Promise<StoredMessage>): Promise<StoredMessage | undefined> {
  try {
    return await storing;
  } catch (err) {
    if (isUniqueViolation(err)) return undefined;
    throw err;
  }
}

/**
 * Kysely's SQLite driver prepares every query afresh; under load, preparing took about a fifth
 * of the server's CPU (bench/ profile). The same SQL text reuses its prepared statement. Safe
 * because Kysely runs one query at a time on the single connection.
 */
function withStatementCache(file: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => file.close(),
    prepare(sqlText: string) {
      let stmt = statements.get(sqlText);
      if (!stmt) {
        // Queries with variable-length lists make new texts; keep the cache bounded.
        if (statements.size >= 1_000) statements.delete(statements.keys().next().value!);
        stmt = file.prepare(sqlText);
        statements.set(sqlText, stmt);
      }
      return stmt as unknown as SqliteStatement;
    },
  };
}

/** The database was migrated by a newer Palique: this release must not run on it (or change it). */
export class DatabaseNewerThanRelease extends Error {}

/** The migrations this release knows, oldest first: the schema version is the last one. */
export const knownMigrations: readonly string[] = Object.keys(migrations).sort();

/**
 * Forward only: brings the database to this release's schema on start. Each run is one
 * transaction (on SQLite too, see TransactionalSqliteDialect), so a crash mid-upgrade leaves the
 * previous schema whole. A database that has migrations this release does not know was upgraded
 * by a newer release: refuse, with what to do, rather than run old code on a new schema.
 */
async function migrate(db: Db): Promise<void> {
  const applied = await appliedMigrations(db);
  const unknown = applied.filter((name) => !knownMigrations.includes(name));
  if (unknown.length > 0) {
    throw new DatabaseNewerThanRelease(
      `the database was upgraded by a newer release of Palique (it has migration ${unknown.at(-1)}; this release knows up to ${knownMigrations.at(-1)}). ` +
        'Run that newer release, or restore a backup taken before the upgrade (README, "Backups and upgrades").',
    );
  }
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
}

/** A database that cannot be migrated is closed before the error goes up: no pool or file left open. */
async function migrateOrClose(db: Db): Promise<void> {
  try {
    await migrate(db);
  } catch (err) {
    await db.destroy().catch(() => {});
    throw err;
  }
}

/** The names of the migrations already applied (none on a new database). */
async function appliedMigrations(db: Db): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === 'kysely_migration')) return [];
  const rows = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db);
  return rows.rows.map((r) => r.name);
}

/** True when err is a unique-constraint violation, on either database. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string };
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e?.code === '23505';
}
