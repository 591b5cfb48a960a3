// Migration 0012 on an installation that already holds conversations (SQLite; PostgreSQL in
// `npm run test:scale`): after the upgrade, the messages and visitors stored before it are found.
// The only test that writes tables itself: no API can make a database from before search.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Migration } from 'kysely';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from '../db/kysely';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { addAgent, api, createThrowawayDatabase, signIn, startInProcessServer, type StorageLocation } from '@palique/server/testing';
import * as m0001 from '../db/migrations/0001_initial';
import * as m0002 from '../db/migrations/0002_installation';
import * as m0003 from '../db/migrations/0003_timers_and_schedules';
import * as m0004 from '../db/migrations/0004_widget_texts';
import * as m0005 from '../db/migrations/0005_visitors_last_seen';
import * as m0006 from '../db/migrations/0006_team';
import * as m0007 from '../db/migrations/0007_push';
import * as m0008 from '../db/migrations/0008_queue';
import * as m0009 from '../db/migrations/0009_chatting';

/** The schema as it was before search. */
const BEFORE_SEARCH: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_installation': m0002,
  '0003_timers_and_schedules': m0003,
  '0004_widget_texts': m0004,
  '0005_visitors_last_seen': m0005,
  '0006_team': m0006,
  '0007_push': m0007,
  '0008_queue': m0008,
  '0009_chatting': m0009,
};

async function databaseBeforeSearch(): Promise<{ storage: StorageLocation; db: Kysely<any>; drop: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'palique-upgrade-'));
  const base = process.env.TEST_DATABASE_URL;
  const database = base ? await createThrowawayDatabase(base) : undefined;
  const db = new Kysely<any>({
    dialect: database
      ? new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 2 }) })
      : new SqliteDialect({ database: new SQLite(path.join(dataDir, 'palique.sqlite')) }),
  });
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => BEFORE_SEARCH } }).migrateToLatest();
  if (error) throw error;
  return {
    storage: { dataDir, ...(database ? { databaseUrl: database.url } : {}) },
    db,
    drop: async () => {
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

test('Search: after the upgrade, messages and visitors stored before it are found', async () => {
  const before = await databaseBeforeSearch();
  const owner = { accountId: 'a-old' };
  const at = '2026-01-02T03:04:05.000Z';
  await before.db.insertInto('accounts').values({ id: 'a-old', name: 'Old shop', widget_id: 'w-old', created_at: at }).execute();
  await before.db
    .insertInto('visitors')
    .values({ id: 'v-old', account_id: owner.accountId, token_hash: 'h-old', name: 'Philippa Oldtimer', email: 'philippa@old.test', phone: null, data: '{}', created_at: at, last_seen_at: at })
    .execute();
  await before.db
    .insertInto('conversations')
    .values({ id: 'c-old', account_id: owner.accountId, visitor_id: 'v-old', assignee_id: null, last_seq: 1, last_message_text: 'The gramophone arrived scratched', last_message_author_type: 'visitor', last_message_at: at, created_at: at })
    .execute();
  await before.db
    .insertInto('messages')
    .values({ id: 'm-old', account_id: owner.accountId, conversation_id: 'c-old', seq: 1, client_id: 'k-old', author_type: 'visitor', author_id: 'v-old', author_name: null, text: 'The gramophone arrived scratched', created_at: at })
    .execute();
  await before.db.destroy();

  const server = await startInProcessServer({ storageOf: { storage: before.storage } });
  try {
    const agent = { name: 'Olga Old', password: 'correct horse battery', role: 'owner' as const };
    const { email } = await addAgent(server, owner.accountId, agent);
    const cookie = await signIn(server, email, agent.password);
    for (const q of ['gramophone', 'Oldtimer', 'philippa@old.test']) {
      const res = await api(server, 'GET', `/api/conversations/search?q=${encodeURIComponent(q)}`, { cookie });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.hits.map((h: any) => h.conversation.id), ['c-old'], q);
    }
  } finally {
    await server.close();
    await before.drop();
  }
});

