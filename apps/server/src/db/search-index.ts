// SQLite: messages reach the search index (FTS5, migration 0012) a transaction at a time. A row
// trigger indexed each message with its own FTS5 statement, ~15 µs of the ~35 µs a message's
// statements took; one statement for a transaction's messages costs ~2 µs a message (measured
// apart, 20 messages a transaction). Migration 0021 removed the trigger for new rows, and the
// index is still written in the same transaction as the rows: a message is searchable once
// acknowledged, as before. (PostgreSQL's index is a generated column: nothing to do there.)
//
// FTS5's external-content index can only take back what it holds: an update or delete of a row
// not yet indexed would corrupt it (the update and delete triggers stay). So the rows a
// transaction stored are indexed before it runs anything else than storing messages, and before
// it commits; a transaction that starts again (a failed batch, its writes one by one) forgets
// what the rolled-back one stored.
import type { Transaction } from 'kysely';
import { CompiledQuery } from './kysely';
import type { Database } from './schema';
import type { TransactionHooks, Work } from './group-commit';

const INDEX_ROWS = `INSERT INTO message_search (rowid, text)
  SELECT rowid, text FROM messages WHERE rowid IN (SELECT value FROM json_each(?))`;

/** The messages the current transaction stored and has not indexed yet. */
export class PendingSearchIndex implements TransactionHooks {
  private rowids: number[] = [];

  /** A message row this transaction stored (`rowid`: its insert's). */
  stored(rowid: number | bigint | undefined): void {
    if (rowid === undefined) throw new Error('a stored message has no rowid to index');
    this.rowids.push(Number(rowid));
  }

  begin(): void {
    this.rowids = [];
  }

  async beforeCommit(trx: Transaction<Database>): Promise<void> {
    await this.flush(trx);
  }

  /** Indexes the rows stored so far in this transaction. */
  async flush(trx: Transaction<Database>): Promise<void> {
    if (this.rowids.length === 0) return;
    const rowids = JSON.stringify(this.rowids);
    this.rowids = [];
    await trx.executeQuery(CompiledQuery.raw(INDEX_ROWS, [rowids]));
  }

  /** `work`, after the rows stored before it are indexed: it may edit or delete them. */
  first<R>(work: Work<R>): Work<R> {
    return async (trx) => {
      await this.flush(trx);
      return work(trx);
    };
  }
}

/** A message row stored outside the group commit's message path (an edit's own row), indexed now. */
export async function indexMessageRow(trx: Transaction<Database>, rowid: number | bigint | undefined): Promise<void> {
  if (rowid === undefined) throw new Error('a stored message has no rowid to index');
  await trx.executeQuery(CompiledQuery.raw(INDEX_ROWS, [JSON.stringify([Number(rowid)])]));
}
