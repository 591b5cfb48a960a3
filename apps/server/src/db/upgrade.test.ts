// Upgrades: a database from the previous release (apps/server/test-fixtures/schema-0009.sql, a
// small install made on the release of 2026-11-27 with schema 0001–0009: an owner, a visitor's
// conversation with formatting, emoji, RTL text and an agent's reply) migrates on start with
// its data intact; a database from a newer release is refused with what to do, and left alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { conversationsOf, createThrowawayDatabase, messagesOf, signIn, startInProcessServer } from '@palique/server/testing';
import { DatabaseNewerThanRelease, knownMigrations, openStorage } from './index';

const FIXTURE = path.join(import.meta.dirname, '../../test-fixtures/schema-0009.sql');

/** A data folder holding the previous release's database. */
function previousReleaseDataDir(): string {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'palique-upgrade-'));
  const file = new SQLite(path.join(dataDir, 'palique.sqlite'));
  file.exec(fs.readFileSync(FIXTURE, 'utf8'));
  file.close();
  return dataDir;
}

const appliedIn = (dataDir: string) => {
  const file = new SQLite(path.join(dataDir, 'palique.sqlite'), { readonly: true });
  try {
    return (file.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as Array<{ name: string }>).map((r) => r.name);
  } finally {
    file.close();
  }
};

test('upgrade: the previous release\'s database migrates on start and everything in it is still there', async () => {
  const dataDir = previousReleaseDataDir();
  assert.equal(appliedIn(dataDir).at(-1), '0009_chatting');
  // SQLite whatever the suite's database: the fixture is a SQLite file.
  const server = await startInProcessServer({ env: { DATA_DIR: dataDir, DATABASE_URL: '' } });
  try {
    assert.deepEqual(appliedIn(dataDir), [...knownMigrations], 'every migration of this release is applied');
    const cookie = await signIn(server, 'olga@example.com', 'upgrade fixture pw');
    const me = await (await fetch(`${server.url}/api/me`, { headers: { cookie } })).json();
    assert.equal(me.agent.name, 'Olga Owner');
    const [conversation, ...others] = await conversationsOf(server, cookie);
    assert.equal(others.length, 0);
    assert.ok(conversation);
    const messages = await messagesOf(server, cookie, conversation.id);
    assert.deepEqual(
      messages.map((m) => [m.seq, m.authorType, m.text]),
      [
        [1, 'visitor', 'Hello, is my order **A-1001** on its way?'],
        [2, 'visitor', 'It was due on Monday 🙂'],
        [3, 'visitor', 'مرحبا — RTL text survives too'],
        [4, 'agent', 'Yes, it ships today: https://example.com/track/A-1001'],
      ],
    );
  } finally {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('upgrade: a database from a newer release is refused with what to do, and not changed', async () => {
  const dataDir = previousReleaseDataDir();
  const file = new SQLite(path.join(dataDir, 'palique.sqlite'));
  file.prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)').run('9999_from_the_future', new Date().toISOString());
  file.close();
  try {
    await assert.rejects(
      openStorage({ dataDir, sqliteSynchronous: 'FULL' }),
      (err: Error) =>
        err instanceof DatabaseNewerThanRelease && /newer release of Palique/.test(err.message) && err.message.includes('9999_from_the_future') && /restore a backup/.test(err.message),
    );
    assert.deepEqual(appliedIn(dataDir), ['0001_initial', '0002_installation', '0003_timers_and_schedules', '0004_widget_texts', '0005_visitors_last_seen', '0006_team', '0007_push', '0008_queue', '0009_chatting', '9999_from_the_future'], 'no migration ran');
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('upgrade: on PostgreSQL too, a newer database is refused', { skip: !process.env.TEST_DATABASE_URL && 'TEST_DATABASE_URL not set (npm run test:scale sets it)' }, async () => {
  const database = await createThrowawayDatabase(process.env.TEST_DATABASE_URL!);
  try {
    const storage = await openStorage({ dataDir: os.tmpdir(), databaseUrl: database.url, sqliteSynchronous: 'FULL' });
    await storage.db.insertInto('kysely_migration' as never).values({ name: '9999_from_the_future', timestamp: new Date().toISOString() } as never).execute();
    await storage.close();
    await assert.rejects(openStorage({ dataDir: os.tmpdir(), databaseUrl: database.url, sqliteSynchronous: 'FULL' }), DatabaseNewerThanRelease);
  } finally {
    await database.drop();
  }
});
