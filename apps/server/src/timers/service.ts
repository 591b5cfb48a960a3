// R8: the one durable timer module. Timers are rows (timers/repo.ts): scheduled idempotently by
// key (scheduling the same key again replaces it), cancelled by key, and fired once. Every
// process polls: it leases due timers in one statement, runs the handler registered for each
// timer's kind, then marks that row (by id) fired, so a timer scheduled again while its handler
// runs stays pending. Time is read from the injected clock, so tests move it.
//
// Delivery is AT LEAST ONCE. The handler's effects and the "fired" mark are two steps, not one
// transaction: a process that dies between them (or a handler that throws) leaves a lease that
// expires, and a process fires the timer again. So every handler must tolerate a second run:
// it re-reads the state it acts on and does nothing when that state says it already ran.
// The handlers today, and what a second run does:
// - queue-return (queue/): `unassign` is conditional on the owner being unchanged; a second run
//   finds the chat already back in the queue and stops (no second event or notice).
// - chat-waiting (notifications/): stops once an agent answered; otherwise the invisible agents
//   may get the same "waiting" notice twice (it carries the conversation's tag, so a browser
//   replaces the first notice rather than stacking two).
// - working-hours (working-hours/): the status is recomputed from the schedule (setting it again
//   changes nothing) and the next transition is scheduled by key (replaced, not doubled); the
//   "working day started/ended" notice may show twice (same tag, replaced).
// - phone-push (push/): the push may be sent twice; it carries a Topic and a tag, so the push
//   service and the browser collapse it into one notification.
// - retention (privacy/): deletes what is older than the account's N days; a second run finds
//   nothing older left, counts one more run and schedules the next day by key (replaced).
// - trigger (triggers/): looks at the visitor again; a firing already recorded for this trigger
//   and page view is not repeated, and a message is stored once (its client id is the firing's).
// - email-visitor, email-agent, email-missed (integrations/email/): the email is queued under a
//   purpose naming the last message it covers (one row per purpose), so a second run finds the
//   row and sends only if it is not marked sent; email-missed stops once an agent answered.
// - email-send (integrations/email/): re-reads the outbox row; one marked sent is not sent again.
//   (An SMTP server that accepted the mail just before a crash, before the mark, may get it
//   twice, with the same Message-ID, which mail clients show once.)
// A new handler states here what its second run does.
import crypto from 'node:crypto';
import type { Db, Storage } from '../db/index';
import type { Clock } from '../clock';
import { newId } from '../ids';
import * as repo from './repo';
import type { TimerObserver } from '../metrics';

export interface FiredTimer<P = unknown> {
  accountId: string;
  kind: string;
  key: string;
  dueAt: Date;
  payload: P;
}

export type TimerHandler = (timer: FiredTimer<any>) => Promise<void>;

export interface NewTimer {
  accountId: string;
  /** Which handler fires it (registered with `handle`). */
  kind: string;
  /** Unique per account: scheduling the same key again replaces the timer. */
  key: string;
  dueAt: Date;
  payload?: object;
  /**
   * Keep a pending timer of this key as it is instead of replacing it. With 'or-running', a timer
   * whose handler is running now (claimed, lease held) counts as absent and is replaced: the new
   * timer fires after it, so what happened after the handler read its state is not left out.
   */
  ifAbsent?: boolean | 'or-running';
}

export interface TimerOptions {
  /** How often this process looks for due timers. */
  pollMs: number;
  /** Told of every timer fired or failed (metrics). */
  observe?: TimerObserver;
  /** How long a claim holds before another process may fire the timer. */
  leaseMs: number;
  /** At most this many timers per poll. */
  batch?: number;
  /** How long fired timers are kept. */
  keepFiredMs?: number;
}

type Log = { error: (o: object, m: string) => void };

export class TimerService {
  /** This process, as the holder of its leases. */
  readonly owner = `${process.pid}-${crypto.randomBytes(6).toString('hex')}`;
  private readonly handlers = new Map<string, TimerHandler>();
  private timeout?: NodeJS.Timeout;
  private polling?: Promise<unknown>;
  private stopped = true;

  private readonly db: Db;

  /**
   * Scheduling and cancelling are shared writes (Storage.writeShared): a message's timers (A4's
   * "chat waiting", C1's return to the queue) commit with the other writes of the moment instead
   * of a commit each, which was one fsync per new chat on the event loop (SQLite) or per message
   * (PostgreSQL).
   */
  constructor(
    private readonly storage: Pick<Storage, 'db' | 'writeShared'>,
    private readonly clock: Clock,
    private readonly options: TimerOptions,
    private readonly log: Log,
  ) {
    this.db = storage.db;
  }

  /** Registers what firing a timer of `kind` does (one handler per kind). */
  handle(kind: string, handler: TimerHandler): void {
    if (this.handlers.has(kind)) throw new Error(`timer kind ${kind} already has a handler`);
    this.handlers.set(kind, handler);
  }

  async schedule(t: NewTimer): Promise<void> {
    const at = this.clock.now().toISOString();
    const row = {
      id: newId(),
      account_id: t.accountId,
      kind: t.kind,
      key: t.key,
      due_at: t.dueAt.toISOString(),
      payload: JSON.stringify(t.payload ?? {}),
      claimed_by: null,
      claimed_until: null,
      fired_at: null,
      created_at: at,
    };
    const keep = t.ifAbsent === 'or-running' ? 'waiting' : t.ifAbsent ? 'pending' : 'none';
    await this.storage.writeShared((trx) => repo.upsertTimer(trx, row, keep, at));
  }

  async cancel(accountId: string, key: string): Promise<void> {
    await this.storage.writeShared((trx) => repo.deleteTimer(trx, accountId, key));
  }

  /** How many timers are due and not fired, in every account (metrics). */
  dueCount(): Promise<number> {
    return repo.countDue(this.db, this.clock.now().toISOString());
  }

  /** The pending timer of a key, if any. */
  async pending(accountId: string, key: string): Promise<{ kind: string; dueAt: Date; payload: unknown } | undefined> {
    const row = await repo.findPendingTimer(this.db, accountId, key);
    return row && { kind: row.kind, dueAt: new Date(row.due_at), payload: JSON.parse(row.payload) };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.next();
  }

  /** Stops polling and waits for the timers being fired to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timeout);
    await this.polling;
  }

  private next(): void {
    if (this.stopped) return;
    this.timeout = setTimeout(() => {
      this.polling = this.fireDue()
        .catch((err: unknown) => this.log.error({ err }, 'timer poll failed'))
        .finally(() => this.next());
    }, this.options.pollMs);
    this.timeout.unref();
  }

  /** Claims the timers due now and fires them; resolves with how many fired. */
  async fireDue(): Promise<number> {
    const at = this.clock.now();
    const leaseUntil = new Date(at.getTime() + this.options.leaseMs).toISOString();
    const claimed = await repo.claimDueTimers(this.db, this.owner, at.toISOString(), leaseUntil, this.options.batch ?? 50);
    let fired = 0;
    for (const row of claimed) {
      if (await this.fire(row)) fired++;
    }
    const keep = this.options.keepFiredMs ?? 7 * 86_400_000;
    if (claimed.length > 0) await repo.deleteFiredBefore(this.db, new Date(at.getTime() - keep).toISOString());
    return fired;
  }

  private async fire(row: repo.TimerRow): Promise<boolean> {
    const handler = this.handlers.get(row.kind);
    if (!handler) {
      // Left claimed: its lease expires and a process that knows the kind fires it.
      this.log.error({ kind: row.kind, key: row.key }, 'no handler for timer kind');
      return false;
    }
    try {
      await handler({ accountId: row.account_id, kind: row.kind, key: row.key, dueAt: new Date(row.due_at), payload: JSON.parse(row.payload) });
    } catch (err) {
      this.log.error({ err, kind: row.kind, key: row.key }, 'timer handler failed; retried after its lease');
      this.options.observe?.failed(row.kind);
      return false;
    }
    this.options.observe?.fired(row.kind);
    return repo.markFired(this.db, row.id, this.owner, this.clock.now().toISOString());
  }
}
