// C4: typing on the client side. The visitor's box content is sent at most every
// TYPING_INTERVAL_MS (the latest value wins, nothing in between is queued); an agent's "is typing"
// is sent when it starts, refreshed while it goes on and ended once; what others type is shown
// until it is ended or expires (a lost "stopped" does not leave "is typing…" forever).
import { TYPING_EXPIRES_MS, TYPING_INTERVAL_MS } from '@palique/protocol/constants';

type Schedule = (fn: () => void, ms: number) => unknown;

/** Sends the latest value at most once per interval; the same value twice in a row is sent once. */
export class TypingThrottle<T> {
  private lastSentAt = -Infinity;
  private lastSent: T | undefined;
  private latest: T | undefined;
  private waiting = false;

  constructor(
    private readonly transmit: (value: T) => void,
    private readonly now: () => number = () => Date.now(),
    private readonly schedule: Schedule = (fn, ms) => setTimeout(fn, ms),
    private readonly intervalMs = TYPING_INTERVAL_MS,
  ) {}

  update(value: T): void {
    this.latest = value;
    if (this.waiting) return;
    const wait = this.lastSentAt + this.intervalMs - this.now();
    if (wait <= 0) return this.flush();
    this.waiting = true;
    this.schedule(() => {
      this.waiting = false;
      this.flush();
    }, wait);
  }

  /** After a reconnect the other side may have missed the last value. */
  forget(): void {
    this.lastSent = undefined;
  }

  private flush(): void {
    const value = this.latest as T;
    if (value === this.lastSent) return;
    this.lastSent = value;
    this.lastSentAt = this.now();
    this.transmit(value);
  }
}

/** An agent's typing state per conversation: start, refresh every few seconds, stop once. */
export class TypingState {
  private readonly since = new Map<string, number>();

  constructor(
    private readonly transmit: (conversationId: string, typing: boolean) => void,
    private readonly now: () => number = () => Date.now(),
    private readonly refreshMs = TYPING_EXPIRES_MS / 3,
  ) {}

  update(conversationId: string, typing: boolean): void {
    const at = this.since.get(conversationId);
    if (typing) {
      if (at !== undefined && this.now() - at < this.refreshMs) return;
      this.since.set(conversationId, this.now());
      this.transmit(conversationId, true);
    } else if (at !== undefined) {
      this.since.delete(conversationId);
      this.transmit(conversationId, false);
    }
  }
}

/** Who is typing what, by key (an agent id, a visitor id), each entry expiring on its own. */
export class TypingBoard<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();

  constructor(
    private readonly now: () => number = () => Date.now(),
    private readonly expiresMs = TYPING_EXPIRES_MS,
  ) {}

  set(key: string, value: V | null): void {
    if (value === null) this.entries.delete(key);
    else this.entries.set(key, { value, until: this.now() + this.expiresMs });
  }

  /** The live entries, oldest first; expired ones are dropped. */
  current(): V[] {
    const now = this.now();
    const live: V[] = [];
    for (const [key, entry] of this.entries) {
      if (entry.until <= now) this.entries.delete(key);
      else live.push(entry.value);
    }
    return live;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.until <= this.now()) return undefined;
    return entry.value;
  }
}
