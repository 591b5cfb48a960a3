// Storage.writeRelaxed: a batch of nothing but relaxed writes (new visitors, last-seen times)
// commits without waiting for the disk; a batch that also holds any other write waits for it, as
// does everything after. SQLite always, PostgreSQL as well when TEST_DATABASE_URL is set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { storageBackends, type StorageBackend } from '@palique/server/testing';
import { sql } from './kysely';
import type { Db, Storage } from './index';

/** The durability a commit in `db`'s transaction would get, as each database reports it. */
const levelOf: Record<StorageBackend['name'], (db: Db) => Promise<'waits' | 'relaxed'>> = {
  // 2 = FULL (an fsync per commit), 1 = NORMAL (none in WAL mode until a checkpoint).
  SQLite: async (db) => (String((await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(db)).rows[0].synchronous) === '2' ? 'waits' : 'relaxed'),
  PostgreSQL: async (db) => ((await sql<{ synchronous_commit: string }>`SHOW synchronous_commit`.execute(db)).rows[0].synchronous_commit === 'off' ? 'relaxed' : 'waits'),
};

const backends = storageBackends({ sqliteSynchronous: 'FULL' });

async function opened(backend: StorageBackend): Promise<{ storage: Storage; dispose(): Promise<void> }> {
  const database = await backend.create();
  const storage = await database.open();
  return {
    storage,
    async dispose() {
      await storage.close();
      await database.dispose();
    },
  };
}

for (const backend of backends) {
  test(`${backend.name}: a batch of relaxed writes commits without waiting for the disk; one with any other write waits, and so does what follows`, async () => {
    const { storage, dispose } = await opened(backend);
    const level = levelOf[backend.name];
    try {
      // Written in the same event-loop turn: each pair shares one batch.
      const relaxedOnly = await Promise.all([storage.writeRelaxed((trx) => level(trx)), storage.writeRelaxed((trx) => level(trx))]);
      assert.deepEqual(relaxedOnly, ['relaxed', 'relaxed']);
      const mixed = await Promise.all([storage.writeRelaxed((trx) => level(trx)), storage.writeShared((trx) => level(trx))]);
      assert.deepEqual(mixed, ['waits', 'waits'], 'a relaxed write never makes another write wait less');
      assert.equal(await storage.write((trx) => level(trx)), 'waits', 'the level is back after a relaxed batch');
      assert.equal(await level(storage.db), 'waits');
    } finally {
      await dispose();
    }
  });

  test(`${backend.name}: what a relaxed batch wrote is committed and read back`, async () => {
    const { storage, dispose } = await opened(backend);
    const level = levelOf[backend.name];
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
