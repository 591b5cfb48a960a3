// PostgreSQL's group commit for messages. The messages read in one event-loop turn share ONE
// statement (appendBatch, db/message-store.ts): it locks their chats, numbers the messages and
// writes them and the chats' new rows, atomic on its own, so one round trip and one commit (one
// WAL flush) a batch whatever its size. A statement per message was, in the benchmark, a third of
// each process's time spent writing to PostgreSQL's socket; BEGIN, a lock, the write and COMMIT as
// four statements were still ~9 %. A message alone is one statement of its own
// (messageStatement). Each caller's promise settles only after the commit. If the statement fails
// (a duplicate client id), every message runs again alone (one chat's in their order) and gets its
// own outcome.
import type pg from 'pg';
import { appendBatch, type MessageStatement, type NewMessage, type StoredMessage } from './message-store';

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
    const statement = appendBatch(batch.map((w) => w.message));
    let stored: Array<StoredMessage | undefined>;
    try {
      stored = statement.stored((await this.pool.query(statement.query)).rows);
    } catch {
      // Nothing of the batch was stored (one statement is atomic): each message gets its own outcome.
      await this.oneByOne(batch);
      return;
    }
    const left: Waiting[] = [];
    batch.forEach((w, i) => {
      const one = stored[i];
      if (one) w.resolve(one);
      else left.push(w);
    });
    // A message the statement left out (its chat gone, or another account's) runs alone: its own error.
    if (left.length > 0) await this.oneByOne(left);
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
