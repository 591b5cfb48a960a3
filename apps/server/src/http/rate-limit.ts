// Fixed-window rate limits, keyed by what is being limited (sign-in email+address, visitor, …).
// In memory for one process; RedisRateLimiter shares the counters between processes.
import { ErrorCode } from '@palique/protocol';
import { AppError } from './errors';

export interface RateLimiter {
  /** Counts one hit; true while the key is within `limit` hits per `windowMs`. */
  hit(key: string, limit: number, windowMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private readonly sweeper = setInterval(() => this.sweep(), 60_000).unref();

  async hit(key: string, limit: number, windowMs: number): Promise<boolean> {
    const t = Date.now();
    let w = this.windows.get(key);
    if (!w || w.resetAt <= t) this.windows.set(key, (w = { count: 0, resetAt: t + windowMs }));
    w.count++;
    return w.count <= limit;
  }

  private sweep(): void {
    const t = Date.now();
    for (const [k, w] of this.windows) if (w.resetAt <= t) this.windows.delete(k);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
  }
}

export async function enforceRateLimit(limiter: RateLimiter, key: string, limit: number, windowMs: number): Promise<void> {
  if (!(await limiter.hit(key, limit, windowMs))) {
    throw new AppError(ErrorCode.RateLimited, 429, 'Too many requests; wait a moment and try again');
  }
}
