// F14: a server whose database cannot be written refuses to start, with a clear message and a
// non-zero exit, instead of looking healthy while every write fails with 500.
// Tests run as root, for whom permissions stop no write: the data folder or file is made
// read-only for real with the immutable attribute (chattr +i, which binds root too), not by a seam.
// (Starting the server as another user instead fails wherever that user cannot read the checkout.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createThrowawayDatabase, startServerProcess } from '@palique/server/testing';

/** Sets or clears the immutable attribute; false where the file system or the user cannot. */
function immutable(paths: string[], on: boolean): boolean {
  try {
    execFileSync('chattr', [on ? '+i' : '-i', ...paths], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const canMakeImmutable = (() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palique-chattr-'));
  const ok = immutable([dir], true) && immutable([dir], false);
  fs.rmSync(dir, { recursive: true, force: true });
  return ok;
})();
const skip = !canMakeImmutable && 'needs chattr +i (root on ext4 or a similar file system)';

/** Starts a server on the data folder of an earlier run, made read-only by `protect`; returns what it printed when it exited. */
async function exitOutputOnReadOnlyData(protect: (dataDir: string) => string[]): Promise<string> {
  const server = await startServerProcess({ name: 'writable' });
  let frozen: string[] = [];
  try {
    await server.stop(); // the database exists and is migrated, as after an earlier run
    frozen = protect(server.dataDir);
    assert.ok(immutable(frozen, true), 'chattr +i');
    let exitedWithError = '';
    const started = await startServerProcess({ name: 'read-only', env: { DATA_DIR: server.dataDir }, onCrash: (output) => (exitedWithError = output) }).then(
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
    immutable(frozen, false);
    await server.close();
  }
}

const filesOf = (dataDir: string) => fs.readdirSync(dataDir).map((name) => path.join(dataDir, name));

test('F14: a read-only SQLite data folder stops the server at start-up with a clear message and a non-zero exit', { skip }, async () => {
  const output = await exitOutputOnReadOnlyData((dataDir) => [...filesOf(dataDir), dataDir]);
  assert.match(output, /Palique cannot start: the database .* is not writable/);
  assert.doesNotMatch(output, /^\s+at /m, 'a message, not a stack trace');
});

test('F14: a read-only SQLite database file in a writable folder stops the server at start-up too', { skip }, async () => {
  const output = await exitOutputOnReadOnlyData((dataDir) => filesOf(dataDir).filter((f) => f.endsWith('.sqlite')));
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
