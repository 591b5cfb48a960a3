// How stored messages reach the database: on PostgreSQL one statement each, on SQLite through the
// storage's group commit (see db/group-commit.ts: at 1,000 messages/s one fsync per message was
// the server's ceiling, bench/). Either way a message is acknowledged only after its commit.
import type { Storage } from '../db/index';
import { insertMessage, insertMessageInOneStatement, type NewMessage, type StoredMessage } from './repo';

export interface MessageWriter {
  /** Resolves once the message is committed; rejects with the database's error. */
  write(m: NewMessage): Promise<StoredMessage>;
}

export function createMessageWriter(storage: Storage): MessageWriter {
  // PostgreSQL commits concurrently on its pool and groups WAL flushes by itself; a batch there
  // would also hold several conversations' row locks at once, against other processes. Instead
  // each message is one statement: one round trip instead of BEGIN, UPDATE, INSERT, COMMIT.
  if (storage.kind === 'postgres') return { write: (m) => insertMessageInOneStatement(storage.db, m) };
  return { write: (m) => storage.write((trx) => insertMessage(trx, m)) };
}
