// Storage.writeRelaxed: a batch of nothing but relaxed writes (new visitors, last-seen times)
// commits without waiting for the disk; a batch that also holds any other write waits for it, as
// does everything after. SQLite always, PostgreSQL as well when TEST_DATABASE_URL is set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createThrowawayDatabase } from '@palique/server/testing';
import { sql } from './kysely';
import { openStorage, type Db, type Storage } from './index';

interface Backend {
  name: string;
  open(): Promise<{ storage: Storage; dispose(): Promise<void> }>;
  /** The durability a commit in `db`'s transaction would get, as the database reports it. */
  level(db: Db): Promise<string>;
}

const backends: Backend[] = [
  {
    name: 'SQLite (synchronous=FULL)',
    async open() {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'palique-relaxed-'));
      const storage = await openStorage({ dataDir, sqliteSynchronous: 'FULL' });
      return {
        storage,
        dispose: async () => {
          await storage.close();
          fs.rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
    // 2 = FULL (an fsync per commit), 1 = NORMAL (none in WAL mode until a checkpoint).
    level: async (db) => (String((await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(db)).rows[0].synchronous) === '2' ? 'waits' : 'relaxed'),
  },
];
const pgBase = process.env.TEST_DATABASE_URL;
if (pgBase) {
  backends.push({
    name: 'PostgreSQL',
    async open() {
      const database = await createThrowawayDatabase(pgBase);
      const storage = await openStorage({ dataDir: '', databaseUrl: database.url, sqliteSynchronous: 'FULL' });
      return {
        storage,
        dispose: async () => {
          await storage.close();
          await database.drop();
        },
      };
    },
    level: async (db) => ((await sql<{ synchronous_commit: string }>`SHOW synchronous_commit`.execute(db)).rows[0].synchronous_commit === 'off' ? 'relaxed' : 'waits'),
  });
}

for (const backend of backends) {
  test(`${backend.name}: a batch of relaxed writes commits without waiting for the disk; one with any other write waits, and so does what follows`, async () => {
    const { storage, dispose } = await backend.open();
    try {
      // Written in the same event-loop turn: each pair shares one batch.
      const relaxedOnly = await Promise.all([storage.writeRelaxed((trx) => backend.level(trx)), storage.writeRelaxed((trx) => backend.level(trx))]);
      assert.deepEqual(relaxedOnly, ['relaxed', 'relaxed']);
      const mixed = await Promise.all([storage.writeRelaxed((trx) => backend.level(trx)), storage.writeShared((trx) => backend.level(trx))]);
      assert.deepEqual(mixed, ['waits', 'waits'], 'a relaxed write never makes another write wait less');
      assert.equal(await storage.write((trx) => backend.level(trx)), 'waits', 'the level is back after a relaxed batch');
      assert.equal(await backend.level(storage.db), 'waits');
    } finally {
      await dispose();
    }
  });

  test(`${backend.name}: what a relaxed batch wrote is committed and read back`, async () => {
    const { storage, dispose } = await backend.open();
    try {
      await storage.writeRelaxed((trx) => sql`CREATE TABLE relaxed_probe (v TEXT)`.execute(trx));
      await Promise.all(['a', 'b'].map((v) => storage.writeRelaxed((trx) => sql`INSERT INTO relaxed_probe (v) VALUES (${v})`.execute(trx))));
      const rows = (await sql<{ v: string }>`SELECT v FROM relaxed_probe ORDER BY v`.execute(storage.db)).rows;
      assert.deepEqual(rows.map((r) => r.v), ['a', 'b']);
    } finally {
      await dispose();
    }
  });
}
