// Admission of new visitor connections under load (a reconnect storm after a restart, a traffic
// spike): while this process's event loop has been busier than `maxLoad` over the last sample,
// new visitor handshakes are refused at the Engine.IO level, before any auth or database work.
// The widget's client retries by itself with jittered backoff, so the arrivals spread out, and
// the agents' traffic (and agents' own handshakes, which are never refused here) keeps flowing.
import type { IncomingMessage } from 'node:http';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { SESSION_COOKIE } from '../http/auth';

const SAMPLE_MS = 100;

export class VisitorAdmission {
  private last: EventLoopUtilization = performance.eventLoopUtilization();
  private load = 0;
  private readonly timer?: NodeJS.Timeout;
  refused = 0;

  /** `maxLoad`: the share of time the event loop may be busy (0–1) for new visitors to get in; 1 admits always. */
  constructor(private readonly maxLoad: number) {
    if (maxLoad >= 1) return;
    this.timer = setInterval(() => {
      const now = performance.eventLoopUtilization();
      this.load = performance.eventLoopUtilization(now, this.last).utilization;
      this.last = now;
    }, SAMPLE_MS);
    this.timer.unref();
  }

  /** True when this handshake may go on: agents always, visitors while the loop has room. */
  admits(req: IncomingMessage): boolean {
    if (this.maxLoad >= 1) return true;
    if ((req.headers.cookie ?? '').includes(`${SESSION_COOKIE}=`)) return true;
    if (this.load < this.maxLoad) return true;
    this.refused += 1;
    return false;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
