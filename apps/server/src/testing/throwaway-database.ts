// Throw-away PostgreSQL databases: created next to the one a base URL names (TEST_DATABASE_URL in
// tests, BENCH_PG_URL in bench), dropped when done, so parallel runs never share data.
//
// A test server's database starts migrated: it is copied from a template database that holds
// the current migrations (made once per set of migrations, under an advisory lock), instead of
// running 19 migrations again for each of the ~350 servers of a PostgreSQL test run.
import crypto from 'node:crypto';
import type pg from 'pg';
import { migrationsFingerprint, openStorage } from '../db/index';

export interface ThrowawayDatabase {
  url: string;
  drop(): Promise<void>;
}

export interface ThrowawayOptions {
  /** Start with every migration applied (copied from a template); default: empty. */
  migrated?: boolean;
}

export async function createThrowawayDatabase(
  baseUrl: string,
  namePrefix = 'palique_t',
  opts: ThrowawayOptions = {},
): Promise<ThrowawayDatabase> {
  const name = `${namePrefix}_${crypto.randomBytes(6).toString('hex')}`;
  const template = opts.migrated ? await migratedTemplate(baseUrl) : undefined;
  const admin = await pgClient(baseUrl);
  await admin.connect();
  try {
    await createDatabase(admin, name, template);
  } finally {
    await admin.end();
  }
  let dropped: Promise<void> | undefined;
  return {
    url: urlOf(baseUrl, name),
    drop: () => (dropped ??= dropDatabase(baseUrl, name)),
  };
}

function urlOf(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function createDatabase(admin: pg.Client, name: string, template: string | undefined): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
      return;
    } catch (err) {
      // 55006 "source database is being accessed by other users": a template is being made or
      // dropped by a parallel run at this very moment; it passes.
      if ((err as { code?: string }).code !== '55006' || attempt >= 20) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const templates = new Map<string, Promise<string>>();

/** The name of a database holding exactly the current migrations, made if missing. */
function migratedTemplate(baseUrl: string): Promise<string> {
  let made = templates.get(baseUrl);
  if (!made) {
    made = makeTemplate(baseUrl);
    made.catch(() => templates.delete(baseUrl));
    templates.set(baseUrl, made);
  }
  return made;
}

async function makeTemplate(baseUrl: string): Promise<string> {
  const name = `palique_tmpl_${migrationsFingerprint().slice(0, 16)}`;
  const admin = await pgClient(baseUrl);
  await admin.connect();
  try {
    // One maker at a time across every test process; the others find it made.
    await admin.query('SELECT pg_advisory_lock(724319001)');
    const { rows } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rows.length === 0) {
      const building = `${name}_b${crypto.randomBytes(4).toString('hex')}`;
      await admin.query(`CREATE DATABASE ${building}`);
      try {
        const storage = await openStorage({ dataDir: '', databaseUrl: urlOf(baseUrl, building), sqliteSynchronous: 'FULL' });
        await storage.close();
        await waitUntilUnused(admin, building);
        // Published whole or not at all: a half-migrated template is never copied.
        await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      } catch (err) {
        await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`).catch(() => {});
        throw err;
      }
      // Templates of older migration sets are left to their own runs; drop the unused ones.
      const old = await admin.query(
        `SELECT datname FROM pg_database WHERE datname LIKE 'palique_tmpl_%' AND datname <> $1`,
        [name],
      );
      for (const row of old.rows as { datname: string }[]) {
        await admin.query(`DROP DATABASE IF EXISTS ${row.datname}`).catch(() => {});
      }
    }
    return name;
  } finally {
    await admin.query('SELECT pg_advisory_unlock(724319001)').catch(() => {});
    await admin.end();
  }
}

async function waitUntilUnused(c: pg.Client, name: string): Promise<void> {
  // A pool counts as ended before its connections have finished closing; FORCE would cut
  // them mid-goodbye and their clients would raise an uncaught error. Let them go first.
  for (let i = 0; i < 50; i++) {
    const { rows } = await c.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
    if (rows[0].n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function dropDatabase(baseUrl: string, name: string): Promise<void> {
  const c = await pgClient(baseUrl);
  await c.connect();
  try {
    await waitUntilUnused(c, name);
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await c.end();
  }
}

/** A client of `url`, not yet connected; pg is imported here so that SQLite test runs never load it. */
async function pgClient(url: string): Promise<pg.Client> {
  const { default: pg } = await import('pg');
  return new pg.Client({ connectionString: url });
}
