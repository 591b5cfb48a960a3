// F14: a server whose database cannot be written refuses to start, with a clear message and a
// non-zero exit, instead of looking healthy while every write fails with 500.
// Tests run as root, for whom permissions stop no write: the read-only data folder is made
// read-only for real by starting the server as another user (nobody), not by a seam.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { createThrowawayDatabase, startServerProcess } from '@palique/server/testing';

const NOBODY = { uid: 65534, gid: 65534 };
const asRoot = process.getuid?.() === 0;

/** Starts a server as nobody on the data folder of an earlier run, made read-only by `protect`; returns what it printed when it exited. */
async function exitOutputOnReadOnlyData(protect: (dataDir: string) => void): Promise<string> {
  const server = await startServerProcess({ name: 'writable' });
  try {
    await server.stop(); // the database exists and is migrated, as after an earlier run
    protect(server.dataDir);
    let exitedWithError = '';
    const started = await startServerProcess({ name: 'read-only', user: NOBODY, env: { DATA_DIR: server.dataDir }, onCrash: (output) => (exitedWithError = output) }).then(
      (s) => s,
      (err: Error) => err,
    );
    if (!(started instanceof Error)) {
      await started.close();
      assert.fail('the server started on a read-only database');
    }
    assert.match(started.message, /exited during start-up/);
    return exitedWithError;
  } finally {
    fs.chmodSync(server.dataDir, 0o755);
    await server.close();
  }
}

const readOnlyFiles = (dataDir: string) => {
  for (const name of fs.readdirSync(dataDir)) fs.chmodSync(path.join(dataDir, name), 0o444);
};

test('F14: a read-only SQLite data folder stops the server at start-up with a clear message and a non-zero exit', { skip: !asRoot && 'needs root to start the server as another user' }, async () => {
  const output = await exitOutputOnReadOnlyData((dataDir) => {
    readOnlyFiles(dataDir);
    fs.chmodSync(dataDir, 0o555);
  });
  assert.match(output, /Palique cannot start: the database .* is not writable/);
  assert.doesNotMatch(output, /^\s+at /m, 'a message, not a stack trace');
});

test('F14: a read-only SQLite database file in a writable folder stops the server at start-up too', { skip: !asRoot && 'needs root to start the server as another user' }, async () => {
  const output = await exitOutputOnReadOnlyData((dataDir) => {
    readOnlyFiles(dataDir);
    fs.chmodSync(dataDir, 0o777);
  });
  assert.match(output, /Palique cannot start: the database .* is not writable/);
});

const PG_URL = process.env.TEST_DATABASE_URL;

test('F14: a read-only PostgreSQL database stops the server at start-up with a clear message and a non-zero exit', { skip: !PG_URL && 'PostgreSQL runs under npm run test:scale' }, async () => {
  const database = await createThrowawayDatabase(PG_URL!);
  try {
    const migrated = await startServerProcess({ name: 'writable-pg', env: { DATABASE_URL: database.url } });
    await migrated.close();
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`ALTER DATABASE ${new URL(database.url).pathname.slice(1)} SET default_transaction_read_only = on`);
    await admin.end();
    let exitedWithError = '';
    const started = await startServerProcess({ name: 'read-only-pg', env: { DATABASE_URL: database.url }, onCrash: (output) => (exitedWithError = output) }).then(
      (s) => s,
      (err: Error) => err,
    );
    if (!(started instanceof Error)) {
      await started.close();
      assert.fail('the server started on a read-only database');
    }
    assert.match(exitedWithError, /Palique cannot start: the PostgreSQL database of DATABASE_URL is not writable/);
    assert.doesNotMatch(exitedWithError, /postgres:\/\//, 'the URL (and its password) is not printed');
  } finally {
    await database.drop();
  }
});
