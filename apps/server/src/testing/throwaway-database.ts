// Throw-away PostgreSQL databases: created next to the one a base URL names (TEST_DATABASE_URL in
// tests, BENCH_PG_URL in bench), dropped when done, so parallel runs never share data.
import crypto from 'node:crypto';
import pg from 'pg';

export interface ThrowawayDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createThrowawayDatabase(baseUrl: string, namePrefix = 'palique_t'): Promise<ThrowawayDatabase> {
  const name = `${namePrefix}_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  return {
    url: url.toString(),
    drop: () => (dropped ??= dropDatabase(baseUrl, name)),
  };
}

async function dropDatabase(baseUrl: string, name: string): Promise<void> {
  const c = new pg.Client({ connectionString: baseUrl });
  await c.connect();
  try {
    // A pool counts as ended before its connections have finished closing; FORCE would cut
    // them mid-goodbye and their clients would raise an uncaught error. Let them go first.
    for (let i = 0; i < 50; i++) {
      const { rows } = await c.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
      if (rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await c.end();
  }
}
