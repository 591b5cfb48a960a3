// Visitor expiry (F13): a visitor who never wrote leaves a row per page load of a browser that
// keeps no storage; those rows are deleted once not seen for VISITOR_EXPIRY_DAYS. The job runs at
// start-up and then every hour, in small batches (each its own short transaction, so other writes
// interleave), and is safe with several processes: deleting what another process already deleted
// deletes nothing. A visitor who wrote keeps their conversation and is never expired.
import type { Storage } from '../db/index';
import * as repo from './repo';

type Log = { error: (o: object, m: string) => void; info: (o: object, m: string) => void };

const DAY_MS = 86_400_000;
const RUN_EVERY_MS = 60 * 60_000;
const BATCH = 500;

export interface ExpiryOptions {
  days: number;
  /** The clock (tests move it forward). */
  now?: () => Date;
  batchSize?: number;
}

/** Deletes every silent visitor not seen for `days`, batch by batch; resolves with how many. */
export async function expireSilentVisitors(storage: Storage, { days, now = () => new Date(), batchSize = BATCH }: ExpiryOptions): Promise<number> {
  const seenBefore = new Date(now().getTime() - days * DAY_MS).toISOString();
  let total = 0;
  for (;;) {
    const deleted = await storage.write((trx) => repo.deleteSilentVisitors(trx, seenBefore, batchSize));
    total += deleted;
    if (deleted < batchSize) return total;
    await new Promise((r) => setImmediate(r));
  }
}

/** Runs the expiry now and every hour until stopped; `days` 0 turns it off. */
export function startVisitorExpiry(storage: Storage, days: number, log: Log): { stop(): Promise<void> } {
  if (days <= 0) return { stop: async () => {} };
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = running
      .then(() => expireSilentVisitors(storage, { days }))
      .then((n) => void (n > 0 && log.info({ deleted: n }, 'expired silent visitors')))
      .catch((err: unknown) => log.error({ err }, 'visitor expiry failed; retrying at the next run'));
  };
  run();
  const timer = setInterval(run, RUN_EVERY_MS).unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
