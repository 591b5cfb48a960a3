// The acknowledged socket events a process is still working on, so that a graceful shutdown can
// let them finish (and commit, and ack) before it drops the connections. Every handler that
// takes an ack goes through `acked` (sockets.ts), which always answers: the answer is the end.
import type { Socket } from 'socket.io';

export class InFlightAcks {
  private count = 0;
  private waiting: Array<() => void> = [];

  /** Counts every event of `socket` that carries an ack, until the ack is sent. */
  track(socket: Pick<Socket, 'use'>): void {
    socket.use((packet, next) => {
      const last = packet.length - 1;
      const ack: unknown = packet[last];
      if (last > 0 && typeof ack === 'function') {
        this.count += 1;
        let answered = false;
        packet[last] = (...args: unknown[]) => {
          if (!answered) {
            answered = true;
            this.settled();
          }
          (ack as (...a: unknown[]) => void)(...args);
        };
      }
      next();
    });
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
