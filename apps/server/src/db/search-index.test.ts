// SQLite's search index is written a transaction at a time (db/search-index.ts): every message is
// searchable once acknowledged, and the index stays whole whatever shares the transaction — a
// delete of rows stored earlier in it, a batch that fails and runs again one by one, an edit.
// FTS5's integrity-check compares the index with the messages table: a row missing from it or
// indexed twice fails it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newStoredConversation, visitorMessageFor } from '@palique/server/testing';
import { newId } from '../ids';
import { now } from '../clock';
import { sql } from './kysely';
import { openStorage, type Storage } from './index';
import type { NewMessage } from './message-store';
import { messageMatches } from '../search/repo';
import { insertEdit } from '../conversations/repo';

let storage: Storage;
let dataDir: string;
const accountId = newId();
/** The sizes of the batches committed, each one transaction (a failed batch's writes run again alone). */
const batches: number[] = [];

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'palique-search-index-'));
  storage = await openStorage({ dataDir, sqliteSynchronous: 'NORMAL', observe: { batchCommitted: (size) => batches.push(size), writeFailed: () => {} } });
  await storage.db.insertInto('accounts').values({ id: accountId, name: 'Acme', widget_id: newId(), created_at: now() }).execute();
});
after(async () => {
  await storage.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const newConversation = () => newStoredConversation(storage, accountId);
const message = (conversationId: string, text: string, clientId?: string): NewMessage => visitorMessageFor(accountId, conversationId, text, clientId);

/** The texts of the messages a search for `word` finds. */
async function found(word: string): Promise<string[]> {
  return (await messageMatches(storage.db, accountId, [word], null, 100)).map((m) => m.text).sort();
}

async function assertIndexWhole(): Promise<void> {
  await sql`INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)`.execute(storage.db);
}

test('a burst of messages is searchable once acknowledged; an update and a delete in the same transaction leave the index whole', async () => {
  const kept = await newConversation();
  const changed = await newConversation();
  const removed = await newConversation();
  // One event-loop turn: one transaction, in this order.
  const burst = [
    ...Array.from({ length: 20 }, (_, i) => storage.appendMessage(message(kept, `keptword number${i}`))),
    ...Array.from({ length: 3 }, (_, i) => storage.appendMessage(message(changed, `oldword ${i}`))),
    ...Array.from({ length: 5 }, (_, i) => storage.appendMessage(message(removed, `goneword number${i}`))),
    storage.write((trx) => trx.updateTable('messages').set({ text: 'newword' }).where('conversation_id', '=', changed).execute()),
    storage.write((trx) => trx.deleteFrom('messages').where('conversation_id', '=', removed).execute()),
    storage.appendMessage(message(kept, 'lateword after the delete')),
  ];
  batches.length = 0;
  await Promise.all(burst);
  assert.deepEqual(batches, [burst.length], 'the burst committed as one transaction');
  await assertIndexWhole();
  assert.equal((await found('keptword')).length, 20);
  assert.deepEqual(await found('number7'), ['keptword number7']);
  assert.deepEqual(await found('oldword'), [], 'updated messages are found by their new text only');
  assert.deepEqual(await found('newword'), ['newword', 'newword', 'newword']);
  assert.deepEqual(await found('goneword'), [], 'deleted messages are not found');
  assert.deepEqual(await found('lateword'), ['lateword after the delete']);
});

test('a batch that fails on a duplicate runs again one by one and indexes each message once', async () => {
  const chat = await newConversation();
  const clientId = newId().replace(/-/g, '');
  const results = await Promise.all([
    storage.appendMessage(message(chat, 'dupword first', clientId)),
    storage.appendMessage(message(chat, 'dupword second')),
    storage.appendMessage(message(chat, 'dupword again', clientId)),
  ]);
  assert.equal(results.filter((r) => r === undefined).length, 1, 'the duplicate is refused');
  await assertIndexWhole();
  assert.deepEqual(await found('dupword'), ['dupword first', 'dupword second']);
});

test('an edit is found by its new words, no longer by its old ones, and the index stays whole', async () => {
  const chat = await newConversation();
  const stored = await storage.appendMessage(message(chat, 'beforeword to edit'));
  assert.ok(stored);
  await storage.write((trx) =>
    insertEdit(trx, {
      accountId,
      conversationId: chat,
      target: stored.message,
      editId: newId().replace(/-/g, ''),
      authorType: 'visitor',
      authorId: null,
      authorName: null,
      text: 'afterword edited',
    }),
  );
  await assertIndexWhole();
  assert.deepEqual(await found('beforeword'), []);
  assert.deepEqual(await found('afterword'), ['afterword edited']);
});
