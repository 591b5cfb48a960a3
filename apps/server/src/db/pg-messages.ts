// PostgreSQL's group commit for messages. Each message is one statement (db/message-store.ts),
// prepared once per pooled connection. The messages read in one event-loop turn share ONE
// transaction, so one commit (one WAL flush) instead of one per message: under load the commits,
// not the statements, were the limit. Each caller's promise settles only after that commit.
// The batch takes the conversations' row locks in id order, as every batch on every process
// does, so two batches never wait on each other in a circle. If the shared transaction fails
// (a duplicate client id, a deadlock with another writer), every message runs again alone and
// gets its own outcome, as before batching.
import type pg from 'pg';
import type { MessageStatement, StoredMessage } from './message-store';

interface Waiting {
  statement: MessageStatement;
  /** Rows locked in this order (conversation id); a stable sort keeps one conversation's order. */
  lockKey: string;
  resolve(value: StoredMessage): void;
  reject(err: unknown): void;
}

const MAX_BATCH = 256;

export class PgMessages {
  private queue: Waiting[] = [];
  private scheduled = false;

  constructor(private readonly pool: pg.Pool) {}

  append(statement: MessageStatement, conversationId: string): Promise<StoredMessage> {
    return new Promise<StoredMessage>((resolve, reject) => {
      this.queue.push({ statement, lockKey: conversationId, resolve, reject });
      if (this.queue.length >= MAX_BATCH) return this.flush();
      if (this.scheduled) return;
      this.scheduled = true;
      // Wait for the end of this event-loop turn: every message read from the sockets in it joins.
      setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue.splice(0, MAX_BATCH);
    if (batch.length === 0) return;
    // Batches run side by side on the pool; a later one touching the same chat waits for its lock.
    void (batch.length === 1 ? this.alone(batch[0]) : this.together(batch));
  }

  private run(client: pg.PoolClient | pg.Pool, { name, query }: MessageStatement): Promise<pg.QueryResult> {
    return client.query({ name, text: query.sql, values: query.parameters as unknown[] });
  }

  /** One message: its statement commits on its own (one round trip). */
  private async alone(w: Waiting): Promise<void> {
    try {
      w.resolve(w.statement.stored((await this.run(this.pool, w.statement)).rows));
    } catch (err) {
      w.reject(err);
    }
  }

  private async together(batch: Waiting[]): Promise<void> {
    batch.sort((a, b) => (a.lockKey < b.lockKey ? -1 : a.lockKey > b.lockKey ? 1 : 0));
    const rows: unknown[][] = [];
    let client: pg.PoolClient | undefined;
    try {
      client = await this.pool.connect();
      await client.query('BEGIN');
      for (const w of batch) rows.push((await this.run(client, w.statement)).rows);
      await client.query('COMMIT');
    } catch {
      // Nothing of the batch was stored: a connection that cannot even roll back is dropped.
      const clean = await client?.query('ROLLBACK').then(
        () => true,
        () => false,
      );
      client?.release(!clean);
      await Promise.all(batch.map((w) => this.alone(w)));
      return;
    }
    client.release();
    for (const [i, w] of batch.entries()) {
      try {
        w.resolve(w.statement.stored(rows[i]));
      } catch (err) {
        w.reject(err);
      }
    }
  }
}
