// `npm run test:scale`: the scale-out suite against this machine's PostgreSQL and Redis — the
// server tests (and the clients' burst-order test) again on PostgreSQL (alone, then with Redis), then two real server processes
// (apps/server/test-scale). Ends with one line "N passed, N failed".
import net from 'node:net';
import pg from 'pg';
import fs from 'node:fs';
import path from 'node:path';
import { findFiles, root, run, runNodeTests, summaryLine, writeSummary } from './lib/suites.mjs';
import { ensureChromium } from './lib/chromium.mjs';
import { ensureDovecot } from './lib/dovecot.mjs';

const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function checkPostgres() {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (err) {
    return `PostgreSQL is not reachable at ${PG_URL} (${err.message}). Start it (pg_ctlcluster <version> main start) or set TEST_DATABASE_URL.`;
  } finally {
    await client.end().catch(() => {});
  }
}

function checkRedis() {
  const { hostname, port } = new URL(REDIS_URL);
  return new Promise((resolve) => {
    const fail = (why) => {
      socket.destroy();
      resolve(`Redis is not reachable at ${REDIS_URL} (${why}). Start it (redis-server --daemonize yes) or set TEST_REDIS_URL.`);
    };
    const socket = net.connect(Number(port || 6379), hostname || '127.0.0.1');
    socket.setTimeout(3000, () => fail('no answer within 3 s'));
    socket.once('error', (err) => fail(err.message));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG') ? undefined : fail(`unexpected answer ${JSON.stringify(data.toString())}`));
    });
  });
}

const started = Date.now();
const problems = (await Promise.all([checkPostgres(), checkRedis()])).filter(Boolean);
const results = [];
if (problems.length > 0) {
  for (const p of problems) console.error(p);
  results.push({ passed: 0, failed: 1 });
} else {
  // The server's own tests (the email ones with a private Dovecot), and the clients' burst-order
  // test against a server on PostgreSQL.
  await ensureDovecot();
  // Only the files that start a server or open storage: the pure ones (parsers, conditions, IMAP
  // against Dovecot) behave the same on every database and already ran in `npm test`.
  const usesStorage = (file) => /startInProcessServer|serverWithOwner|startServerProcess|openStorage|TEST_DATABASE_URL|TEST_REDIS_URL|storageOf|test-support|startCluster|withServer/.test(fs.readFileSync(file, 'utf8'));
  const serverTests = [...findFiles('apps/server/src', ['.test.ts']).filter(usesStorage), 'packages/client/src/burst-order.test.ts'];
  results.push(await runNodeTests('server-postgres', serverTests, { env: { TEST_DATABASE_URL: PG_URL } }));
  results.push(await runNodeTests('server-postgres-redis', serverTests, { env: { TEST_DATABASE_URL: PG_URL, TEST_REDIS_URL: REDIS_URL } }));
  results.push(
    await runNodeTests('scale-out (two processes)', findFiles('apps/server/test-scale', ['.test.ts']), {
      env: { TEST_DATABASE_URL: PG_URL, TEST_REDIS_URL: REDIS_URL },
      concurrency: 1,
      timeoutMs: 180_000,
    }),
  );
  // The documented deployment in a browser: nginx with TLS in front of two processes (e2e/scale).
  // Needs the built front ends and Chromium (npm test makes both; alone, this makes them).
  await ensureChromium();
  if (!fs.existsSync(path.join(root, 'apps/dashboard/dist/index.html')) || !fs.existsSync(path.join(root, 'apps/widget/dist/loader/widget.js'))) {
    await run('npm', ['run', 'build']);
  }
  results.push(
    await runNodeTests('deployment behind nginx (browser)', findFiles('e2e/scale', ['.scale.ts']), {
      env: { TEST_DATABASE_URL: PG_URL, TEST_REDIS_URL: REDIS_URL },
      concurrency: 1,
      timeoutMs: 240_000,
    }),
  );
}

const summary = summaryLine(results);
writeSummary('scale', summary);
console.log(`\n(test:scale took ${Math.round((Date.now() - started) / 1000)} s)`);
console.log(`\n${summary.line}`);
process.exit(summary.failed === 0 ? 0 : 1);
