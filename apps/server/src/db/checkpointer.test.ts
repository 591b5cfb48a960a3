// SQLite's checkpoints run on a worker thread (db/checkpointer.ts): what the server writes reaches
// the database file while the server's own connection would not yet checkpoint (its automatic
// checkpoint waits for a WAL of BACKSTOP_CHECKPOINT_PAGES), and closing leaves no WAL behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventually } from '@palique/server/testing';
import { sql } from './kysely';
import { openStorage } from './index';
import { BACKSTOP_CHECKPOINT_PAGES } from './checkpointer';

test('SQLite: written pages are checkpointed into the database file by the worker, and closing leaves no WAL', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'palique-checkpoint-'));
  const file = path.join(dataDir, 'palique.sqlite');
  const storage = await openStorage({ dataDir, sqliteSynchronous: 'FULL' });
  try {
    const own = (await sql<{ wal_autocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(storage.db)).rows[0];
    assert.equal(Number(own.wal_autocheckpoint), BACKSTOP_CHECKPOINT_PAGES, 'the server connection checkpoints only as a backstop');
    const before = fs.statSync(file).size;
    // ~2 MB in 20 commits: ~500 pages, far under the backstop's 10,000.
    await storage.write((trx) => sql`CREATE TABLE scratch (body TEXT NOT NULL)`.execute(trx));
    const body = 'x'.repeat(1_000);
    for (let i = 0; i < 20; i++) {
      await storage.write(async (trx) => {
        for (let j = 0; j < 100; j++) await sql`INSERT INTO scratch (body) VALUES (${body})`.execute(trx);
      });
    }
    await eventually(() => fs.statSync(file).size - before, (grown) => grown > 1_500_000, 10_000);
    const rows = (await sql<{ n: number }>`SELECT count(*) AS n FROM scratch`.execute(storage.db)).rows[0];
    assert.equal(Number(rows.n), 2_000);
  } finally {
    await storage.close();
  }
  assert.equal(fs.existsSync(`${file}-wal`), false, 'no WAL left once both connections closed');
  fs.rmSync(dataDir, { recursive: true, force: true });
});
