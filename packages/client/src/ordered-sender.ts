// Sends an outbox in order: per lane (conversation) one message in flight, the next one only
// once the server stored the one before. On every (re)connect the lanes start again from their
// oldest unacknowledged entry, so a resend keeps the original order too.
//
// A failure that may pass (no ack, disconnected, the server's retryable codes) blocks its lane:
// it is resent after a delay and nothing written after it overtakes it. A message refused for
// good (bad input, no such conversation) is marked failed, shown as such, and the lane goes on
// without it: holding back every later message behind one that can never be stored would be
// worse, and the refusal is visible, not silent. If the user retries it, it goes back in line at
// its original place among the messages still waiting.
import type { Ack, Message } from '@palique/protocol';
import type { ErrorInfo } from '@palique/protocol/errors';
import type { Outbox, OutboxEntry } from './outbox';
import { retryDelayMs, shouldRetry } from './retry';
import type { Timers } from './timers';

export interface OrderedSenderOptions {
  outbox: Outbox;
  timers: Timers;
  /** Whether messages may go out now (connected; the visitor also waits for its sync). */
  canSend(): boolean;
  /** One attempt; rejects when no ack came (timeout, disconnected). */
  transmit(entry: OutboxEntry): Promise<Ack<{ message: Message }>>;
  /** The server stored the entry (it is already out of the outbox). */
  stored(entry: OutboxEntry, message: Message): void;
  /** The server refused the entry for good (it stays in the outbox, marked failed). */
  refused(entry: OutboxEntry, error: ErrorInfo): void;
}

export class OrderedSender {
  private readonly running = new Set<string | undefined>();
  /** Failed attempts per clientId, for the backoff. */
  private readonly failures = new Map<string, number>();

  constructor(private readonly o: OrderedSenderOptions) {}

  /** Starts every lane that has something to send and is not already sending. */
  flush(): void {
    for (const lane of this.o.outbox.lanes()) void this.run(lane);
  }

  private async run(lane: string | undefined): Promise<void> {
    if (this.running.has(lane)) return;
    this.running.add(lane);
    try {
      for (;;) {
        if (!this.o.canSend()) return;
        const entry = this.o.outbox.nextToSend(lane);
        if (!entry) return;
        let ack: Ack<{ message: Message }>;
        try {
          ack = await this.o.transmit(entry);
        } catch {
          // No answer: it may or may not be stored; the resend carries the same clientId.
          return this.retryLater(lane, entry);
        }
        if (ack.ok) {
          this.failures.delete(entry.clientId);
          this.o.outbox.remove([entry.clientId]);
          this.o.stored(entry, ack.message);
        } else if (shouldRetry(ack.error.code)) {
          return this.retryLater(lane, entry);
        } else {
          this.failures.delete(entry.clientId);
          this.o.outbox.markFailed(entry.clientId, ack.error);
          this.o.refused(entry, ack.error);
        }
      }
    } finally {
      this.running.delete(lane);
    }
  }

  private retryLater(lane: string | undefined, entry: OutboxEntry): void {
    const failures = (this.failures.get(entry.clientId) ?? 0) + 1;
    this.failures.set(entry.clientId, failures);
    // After the loop has let go of the lane (finally above), so the retry can take it again.
    this.o.timers.later(() => void this.run(lane), retryDelayMs(failures));
  }
}
