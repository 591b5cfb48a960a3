// The databases a storage test runs on: SQLite (a file in a temporary folder) always, and
// PostgreSQL as well when TEST_DATABASE_URL is set (a throw-away database next to the one it
// names). One contract, both databases, as the server runs on either.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStorage, type Storage } from '../db/index';
import type { NewMessage } from '../db/message-store';
import { newId } from '../ids';
import { now } from '../clock';
import { createThrowawayDatabase } from './throwaway-database';

/** A new empty database: `open` connects to it (as often as a test wants: two "processes"), `dispose` removes it. */
export interface EmptyDatabase {
  open(): Promise<Storage>;
  dispose(): Promise<void>;
}

export interface StorageBackend {
  name: 'SQLite' | 'PostgreSQL';
  create(): Promise<EmptyDatabase>;
}

/** `sqliteSynchronous`: the SQLite file's durability (PostgreSQL runs as the server runs it). */
export function storageBackends(opts: { sqliteSynchronous?: 'FULL' | 'NORMAL' } = {}): StorageBackend[] {
  const backends: StorageBackend[] = [
    {
      name: 'SQLite',
      async create() {
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'palique-storage-'));
        return {
          open: () => openStorage({ dataDir, sqliteSynchronous: opts.sqliteSynchronous ?? 'NORMAL' }),
          dispose: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
        };
      },
    },
  ];
  const pgBase = process.env.TEST_DATABASE_URL;
  if (pgBase) {
    backends.push({
      name: 'PostgreSQL',
      async create() {
        const database = await createThrowawayDatabase(pgBase);
        return {
          open: () => openStorage({ dataDir: '', databaseUrl: database.url, sqliteSynchronous: 'FULL' }),
          dispose: () => database.drop(),
        };
      },
    });
  }
  return backends;
}

/** A fresh visitor with their conversation, written straight to the storage; returns the conversation id. */
export async function newStoredConversation(storage: Storage, accountId: string): Promise<string> {
  const at = now();
  const visitorId = newId();
  const id = newId();
  await storage.db
    .insertInto('visitors')
    .values({ id: visitorId, account_id: accountId, token_hash: newId(), name: null, email: null, phone: null, data: '{}', created_at: at, last_seen_at: at })
    .execute();
  await storage.db.insertInto('conversations').values({ id, account_id: accountId, visitor_id: visitorId, assignee_id: null, created_at: at }).execute();
  return id;
}

/** A visitor's message for storage.appendMessage, with a fresh client id unless one is given. */
export function visitorMessageFor(accountId: string, conversationId: string, text: string, clientId = newId().replace(/-/g, '')): NewMessage {
  return { accountId, conversationId, clientId, authorType: 'visitor', authorId: null, authorName: null, text };
}
