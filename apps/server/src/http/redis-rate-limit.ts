// Fixed-window rate limits shared by every process through Redis: one counter key per limited
// thing and window, created with the window as its lifetime. While Redis is unreachable the
// limiter lets requests through: a brief lapse in limiting beats refusing every sign-in and message.
import type { Redis } from 'ioredis';
import type { RateLimiter } from './rate-limit';

type Log = { warn: (o: object, m: string) => void };

export class RedisRateLimiter implements RateLimiter {
  private lastWarnAt = 0;

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly log: Log,
  ) {}

  async hit(key: string, limit: number, windowMs: number): Promise<boolean> {
    const k = `${this.keyPrefix}rate:${key}`;
    try {
      // SET NX PX starts the window on the first hit; INCR keeps the key's expiry.
      const results = await this.redis.multi().set(k, 0, 'PX', windowMs, 'NX').incr(k).exec();
      const [err, count] = results?.[1] ?? [];
      if (err || typeof count !== 'number') throw err ?? new Error('unexpected reply to INCR');
      return count <= limit;
    } catch (err) {
      if (Date.now() - this.lastWarnAt > 10_000) {
        this.lastWarnAt = Date.now();
        this.log.warn({ err: (err as Error)?.message }, 'rate limit check failed; allowing while Redis is away');
      }
      return true;
    }
  }

  async close(): Promise<void> {}
}
