// PostgreSQL's group commit for messages. The messages read in one event-loop turn share ONE
// transaction, so one commit (one WAL flush) instead of one per message, and ONE statement: the
// batch locks its chats (in id order, as every batch on every process does, so two batches never
// wait on each other in a circle), works out each message's seq and each chat's new row
// (afterMessage, db/message-store.ts), and writes them all as arrays. Four round trips a batch
// whatever its size: a statement per message was, in the benchmark, a third of each process's
// time spent writing to PostgreSQL's socket. A message alone is one statement of its own. Each
// caller's promise settles only after the commit. If the shared transaction fails (a duplicate
// client id, a chat gone), every message runs again alone (one chat's in their order) and gets
// its own outcome.
import type pg from 'pg';
import { appendBatch, lockConversations, type ConversationRow, type MessageStatement, type NewMessage, type StoredMessage } from './message-store';

interface Waiting {
  message: NewMessage;
  resolve(value: StoredMessage): void;
  reject(err: unknown): void;
}

const MAX_BATCH = 256;

export class PgMessages {
  private queue: Waiting[] = [];
  private scheduled = false;

  /** `single`: a message's statement when it is alone (db/message-store.ts, messageStatement). */
  constructor(
    private readonly pool: pg.Pool,
    private readonly single: (m: NewMessage) => MessageStatement,
  ) {}

  append(message: NewMessage): Promise<StoredMessage> {
    return new Promise<StoredMessage>((resolve, reject) => {
      this.queue.push({ message, resolve, reject });
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

  /** One message: its statement commits on its own (one round trip). */
  private async alone(w: Waiting): Promise<void> {
    try {
      const { name, query, stored } = this.single(w.message);
      const result = await this.pool.query({ name, text: query.sql, values: query.parameters as unknown[] });
      w.resolve(stored(result.rows));
    } catch (err) {
      w.reject(err);
    }
  }

  private async together(batch: Waiting[]): Promise<void> {
    const messages = batch.map((w) => w.message);
    let stored: StoredMessage[];
    let client: pg.PoolClient | undefined;
    try {
      client = await this.pool.connect();
      await client.query('BEGIN');
      const locked = await client.query<ConversationRow & { accountId: string }>(lockConversations(messages.map((m) => m.conversationId)));
      const append = appendBatch(messages, locked.rows);
      await client.query(append.query);
      await client.query('COMMIT');
      stored = append.stored;
    } catch {
      // Nothing of the batch was stored: a connection that cannot even roll back is dropped.
      const clean = await client?.query('ROLLBACK').then(
        () => true,
        () => false,
      );
      client?.release(!clean);
      await this.oneByOne(batch);
      return;
    }
    client.release();
    batch.forEach((w, i) => w.resolve(stored[i]));
  }

  /** Each message alone: one chat's in their order, different chats side by side. */
  private async oneByOne(batch: Waiting[]): Promise<void> {
    const byChat = new Map<string, Waiting[]>();
    for (const w of batch) byChat.set(w.message.conversationId, [...(byChat.get(w.message.conversationId) ?? []), w]);
    await Promise.all(
      [...byChat.values()].map(async (chat) => {
        for (const w of chat) await this.alone(w);
      }),
    );
  }
}
