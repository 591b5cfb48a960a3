// The acknowledged socket events a process is still working on, so that a graceful shutdown can
// let them finish (and commit, and ack) before it drops the connections, and how long each took
// (metrics). Both namespaces' `SocketEvents` (sockets.ts) pass the acks of their `acked` events
// through `wrap`: such a handler always answers, and the answer is the end. An event nobody
// handles, or one whose handler takes no ack, is never waited for.

/** Told of every acked event when it is answered: its name, how long it took, and whether it succeeded. */
export type AckObserver = (event: string, seconds: number, ok: boolean) => void;

export class InFlightAcks {
  private count = 0;
  private waiting: Array<() => void> = [];

  constructor(private readonly observe?: AckObserver) {}

  /** Counts one acked event from now until `ack` is first called; returns the ack to call instead. */
  wrap(event: string, ack: (...args: unknown[]) => void): (...args: unknown[]) => void {
    this.count += 1;
    const started = process.hrtime.bigint();
    let answered = false;
    return (...args: unknown[]) => {
      if (!answered) {
        answered = true;
        this.settled();
        const ok = (args[0] as { ok?: unknown } | undefined)?.ok === true;
        this.observe?.(event, Number(process.hrtime.bigint() - started) / 1e9, ok);
      }
      ack(...args);
    };
  }

  get pending(): number {
    return this.count;
  }

  /** Resolves true once nothing is in flight, or false when `timeoutMs` passed first. */
  whenIdle(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = this.waiting.filter((w) => w !== done);
        resolve(false);
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.waiting.push(done);
    });
  }

  private settled(): void {
    this.count -= 1;
    if (this.count > 0) return;
    const waiting = this.waiting;
    this.waiting = [];
    for (const w of waiting) w();
  }
}
