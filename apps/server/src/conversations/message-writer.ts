// How stored messages reach the database: on PostgreSQL one statement each, on SQLite group commit.
// With synchronous=FULL every SQLite commit waits for an fsync on the event-loop thread; at
// 1,000 messages/s one commit per message was the server's ceiling (bench/, npm run bench).
// Group commit stores the messages that arrived meanwhile in one transaction: one fsync for
// all of them, and each is still acknowledged only after that commit.
import type { Db, DbKind } from '../db/index';
import { insertMessage, insertMessageInOneStatement, type NewMessage, type StoredMessage } from './repo';

export interface MessageWriter {
  /** Resolves once the message is committed; rejects with the database's error. */
  write(m: NewMessage): Promise<StoredMessage>;
}

export function createMessageWriter(db: Db, kind: DbKind): MessageWriter {
  // PostgreSQL commits concurrently on its pool and groups WAL flushes by itself; a batch there
  // would also hold several conversations' row locks at once, against other processes. Instead
  // each message is one statement: one round trip instead of BEGIN, UPDATE, INSERT, COMMIT.
  return kind === 'sqlite' ? new GroupCommitWriter(db) : { write: (m) => insertMessageInOneStatement(db, m) };
}

function writeOne(db: Db, m: NewMessage): Promise<StoredMessage> {
  return db.transaction().execute((trx) => insertMessage(trx, m));
}

interface Waiting {
  m: NewMessage;
  resolve(stored: StoredMessage): void;
  reject(err: unknown): void;
}

const MAX_BATCH = 256;

class GroupCommitWriter implements MessageWriter {
  private queue: Waiting[] = [];
  private draining = false;

  constructor(private readonly db: Db) {}

  write(m: NewMessage): Promise<StoredMessage> {
    return new Promise((resolve, reject) => {
      this.queue.push({ m, resolve, reject });
      if (this.draining) return;
      this.draining = true;
      // Wait for the end of this event-loop turn: every message read from the sockets in it
      // reaches the queue first (SQLite calls are synchronous), and they all commit together.
      setImmediate(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const stored = await this.db.transaction().execute(async (trx) => {
            const out: StoredMessage[] = [];
            for (const w of batch) out.push(await insertMessage(trx, w.m));
            return out;
          });
          batch.forEach((w, i) => w.resolve(stored[i]));
        } catch (err) {
          // One bad message (e.g. a duplicate clientId racing its twin) must not fail the
          // others: store them one by one, so each gets its own outcome.
          if (batch.length === 1) batch[0].reject(err);
          else for (const w of batch) await writeOne(this.db, w.m).then(w.resolve, w.reject);
        }
      }
    } finally {
      this.draining = false;
    }
  }
}
