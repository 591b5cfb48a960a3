// The timeouts a client schedules, so that stop() cancels every one of them.
export class Timers {
  private readonly pending = new Set<ReturnType<typeof setTimeout>>();
  private stopped = false;

  /** Runs `fn` after `ms`, unless the client stops first. */
  later(fn: () => void, ms: number): void {
    if (this.stopped) return;
    const t = setTimeout(() => {
      this.pending.delete(t);
      if (!this.stopped) fn();
    }, ms);
    this.pending.add(t);
  }

  /** Resolves after `ms`; never once the client stopped (the waiting loop dies with it). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.pending.delete(t);
        resolve();
      }, ms);
      this.pending.add(t);
    });
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.pending) clearTimeout(t);
    this.pending.clear();
  }
}
