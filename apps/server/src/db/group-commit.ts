// Group commit: writes queued in the same event-loop turn run in one transaction, so they share
// one commit (on SQLite with synchronous=FULL, one fsync on the event-loop thread instead of one
// per write). Each caller's promise settles only after that commit: nothing is acknowledged
// before it is on disk. If the shared transaction fails (e.g. one write hits a unique index),
// every write is run again alone, so each gets its own outcome.
// A batch of nothing but relaxed writes (rows whose loss in a power cut costs nothing, see
// Storage.writeRelaxed) commits without waiting for the disk: `Relaxing` says how, per database.
import type { Transaction } from 'kysely';
import type { Database, Db } from './schema';

export type Work<R> = (trx: Transaction<Database>) => Promise<R>;

interface Waiting {
  work: Work<unknown>;
  relaxed: boolean;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

/**
 * How a batch of relaxed writes commits without waiting for the disk. On SQLite the safety level
 * is set around the transaction (it cannot change inside one), on the same connection; on
 * PostgreSQL the transaction turns its own synchronous_commit off.
 */
export interface Relaxing {
  before?(db: Db): Promise<void>;
  inside?(trx: Transaction<Database>): Promise<void>;
  after?(db: Db): Promise<void>;
}

/**
 * What every transaction of the group commit does besides its writes: `begin` as it starts (also
 * when a failed batch's writes run again one by one), `beforeCommit` after its last write.
 */
export interface TransactionHooks {
  begin(): void;
  beforeCommit(trx: Transaction<Database>): Promise<void>;
}

const MAX_BATCH = 256;

export class GroupCommit {
  private queue: Waiting[] = [];
  private draining = false;

  constructor(
    private readonly db: Db,
    /** Told the size of every batch committed together (metrics). */
    private readonly onBatch?: (size: number) => void,
    /** Without it, relaxed writes commit as the others do. */
    private readonly relaxing?: Relaxing,
    private readonly hooks?: TransactionHooks,
  ) {}

  /** `relaxed`: the write may commit without waiting for the disk, when its whole batch may. */
  run<R>(work: Work<R>, relaxed = false): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ work, relaxed, resolve: resolve as (v: unknown) => void, reject });
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
          const all = this.hooked(async (trx: Transaction<Database>) => {
            const out: unknown[] = [];
            for (const w of batch) out.push(await w.work(trx));
            return out;
          });
          const relaxing = this.relaxing && batch.every((w) => w.relaxed) ? this.relaxing : undefined;
          const results = relaxing ? await this.commitRelaxed(relaxing, all) : await this.db.transaction().execute(all);
          this.onBatch?.(batch.length);
          batch.forEach((w, i) => w.resolve(results[i]));
        } catch (err) {
          if (batch.length === 1) batch[0].reject(err);
          else for (const w of batch) await this.db.transaction().execute(this.hooked(w.work)).then(w.resolve, w.reject);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private hooked<R>(work: Work<R>): Work<R> {
    const hooks = this.hooks;
    if (!hooks) return work;
    return async (trx) => {
      hooks.begin();
      const result = await work(trx);
      await hooks.beforeCommit(trx);
      return result;
    };
  }

  /** One connection throughout: nothing else commits between the safety level's change and its return. */
  private commitRelaxed<R>(relaxing: Relaxing, work: Work<R>): Promise<R> {
    return this.db.connection().execute(async (conn) => {
      await relaxing.before?.(conn);
      try {
        return await conn.transaction().execute(async (trx) => {
          await relaxing.inside?.(trx);
          return work(trx);
        });
      } finally {
        await relaxing.after?.(conn);
      }
    });
  }
}
