// Group commit: writes queued in the same event-loop turn run in one transaction, so they share
// one commit (on SQLite with synchronous=FULL, one fsync on the event-loop thread instead of one
// per write). Each caller's promise settles only after that commit: nothing is acknowledged
// before it is on disk. If the shared transaction fails (e.g. one write hits a unique index),
// every write is run again alone, so each gets its own outcome.
import type { Transaction } from 'kysely';
import type { Database, Db } from './schema';

export type Work<R> = (trx: Transaction<Database>) => Promise<R>;

interface Waiting {
  work: Work<unknown>;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

const MAX_BATCH = 256;

export class GroupCommit {
  private queue: Waiting[] = [];
  private draining = false;

  constructor(
    private readonly db: Db,
    /** Told the size of every batch committed together (metrics). */
    private readonly onBatch?: (size: number) => void,
  ) {}

  run<R>(work: Work<R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (this.draining) return;
      this.draining = true;
      // Wait for the end of this event-loop turn: every write read from the sockets in it
      // reaches the queue first (SQLite calls are synchronous), and they all commit together.
      setImmediate(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const results = await this.db.transaction().execute(async (trx) => {
            const out: unknown[] = [];
            for (const w of batch) out.push(await w.work(trx));
            return out;
          });
          this.onBatch?.(batch.length);
          batch.forEach((w, i) => w.resolve(results[i]));
        } catch (err) {
          if (batch.length === 1) batch[0].reject(err);
          else for (const w of batch) await this.db.transaction().execute(w.work).then(w.resolve, w.reject);
        }
      }
    } finally {
      this.draining = false;
    }
  }
}
