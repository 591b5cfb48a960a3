// The one table of rate limits, for HTTP routes and socket events alike, and the limiter that
// enforces it (rate-limiter-flexible). With Redis, the limits that stop guessing and floods (per
// address, per account's email) are counted in Redis, shared by every process; while Redis is
// unreachable each process falls back to counting in its own memory (insurance), so they loosen
// to per-process limits instead of vanishing. A client's own pace (one visitor's or agent's
// messages, syncs, typing…) is counted in the process that serves it, Redis or not: a Redis round
// trip on every message was a tenth of each process's time (issue 17), and a client reaching k
// processes gets at most k budgets.
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { ErrorCode } from '@palique/protocol';
import type { Config } from '../config';
import { AppError } from './errors';

export interface LimitRule {
  points: number;
  seconds: number;
}

export type LimitName = 'signInPerAddress' | 'signInFailuresPerAccount' | 'newVisitorPerAddress' | 'visitorMessage' | 'visitorUpdate' | 'visitorSync' | 'visitorTyping' | 'agentTyping' | 'agentWatch' | 'visitorRead' | 'visitorUpload' | 'visitorPageView';

/** Every limit in one place; keys are an address (addressKey), an email or a visitor id. */
export function limitTable(config: Config): Record<LimitName, LimitRule> {
  const quarterHour = 15 * 60;
  return {
    // Sign-in and setup attempts from one address (IPv6: one /64).
    signInPerAddress: { points: config.loginRateLimit * 5, seconds: quarterHour },
    // Wrong passwords for one account (from anywhere) before each further attempt waits (backoff).
    signInFailuresPerAccount: { points: config.loginRateLimit, seconds: quarterHour },
    // New visitors from one address; a returning visitor with a valid token is not counted.
    newVisitorPerAddress: { points: config.newVisitorRateLimit, seconds: 60 },
    visitorMessage: { points: config.widgetRateLimit, seconds: 10 },
    visitorUpdate: { points: config.widgetRateLimit, seconds: 10 },
    visitorSync: { points: config.syncRateLimit, seconds: 10 },
    // C4: clients send typing at most 4 times a second; beyond 5 a second the server drops them.
    visitorTyping: { points: 10, seconds: 2 },
    agentTyping: { points: 10, seconds: 2 },
    // C3: the visitor whose details an agent socket hears (one per conversation opened).
    agentWatch: { points: 30, seconds: 10 },
    // W5: read receipts (one per batch of messages read) never eat into the sync budget.
    visitorRead: { points: 60, seconds: 10 },
    // Files: uploads per visitor (each up to 10 MB, decoded when an image).
    visitorUpload: { points: 20, seconds: 60 },
    // C3: page views per visitor (the loader skips repeats of the same URL).
    visitorPageView: { points: 30, seconds: 60 },
  };
}

/** The limits keyed by one visitor or agent: their own pace, counted where they are served (never in Redis). */
const PER_CLIENT: ReadonlySet<LimitName> = new Set<LimitName>([
  'visitorMessage',
  'visitorUpdate',
  'visitorSync',
  'visitorTyping',
  'agentTyping',
  'agentWatch',
  'visitorRead',
  'visitorUpload',
  'visitorPageView',
]);

export interface SharedStore {
  client: Redis;
  keyPrefix: string;
}

const tooMany = () => new AppError(ErrorCode.RateLimited, 429, 'Too many requests; wait a moment and try again');

export class RateLimits {
  private readonly limiters: Record<LimitName, RateLimiterAbstract>;
  /** Accounts whose sign-in waits after repeated wrong passwords (a block per email). */
  private readonly signInLock: RateLimiterAbstract;

  constructor(
    table: Record<LimitName, LimitRule>,
    private readonly signInBackoffMaxSeconds: number,
    store?: SharedStore,
  ) {
    const make = (name: string, rule: LimitRule, shared: boolean): RateLimiterAbstract => {
      const memory = new RateLimiterMemory({ keyPrefix: name, points: rule.points, duration: rule.seconds });
      if (!store || !shared) return memory;
      return new RateLimiterRedis({
        storeClient: store.client,
        keyPrefix: `${store.keyPrefix}rate:${name}`,
        points: rule.points,
        duration: rule.seconds,
        // Without a ready connection, count in this process at once rather than wait for Redis.
        rejectIfRedisNotReady: true,
        insuranceLimiter: memory,
      });
    };
    this.limiters = Object.fromEntries(
      (Object.entries(table) as Array<[LimitName, LimitRule]>).map(([name, rule]) => [name, make(name, rule, !PER_CLIENT.has(name))]),
    ) as Record<LimitName, RateLimiterAbstract>;
    this.signInLock = make('signInLock', { points: 1, seconds: signInBackoffMaxSeconds }, true);
  }

  /** Counts one hit of `key` against the limit `name`; throws 429 rate_limited beyond it. */
  async enforce(name: LimitName, key: string): Promise<void> {
    try {
      await this.limiters[name].consume(key);
    } catch (err) {
      if (err instanceof RateLimiterRes) throw tooMany();
      throw err;
    }
  }

  /** Refuses a sign-in for an account that is waiting out its backoff. */
  async checkSignInAllowed(email: string): Promise<void> {
    const lock = await this.signInLock.get(email);
    if (lock && lock.consumedPoints > this.signInLock.points && lock.msBeforeNext > 0) throw tooMany();
  }

  /**
   * After `signInFailuresPerAccount` wrong passwords, each further one makes the account wait
   * twice as long as the last (1 s, 2 s, 4 s, …) up to SIGNIN_BACKOFF_MAX_SECONDS: guessing
   * slows to a crawl while the owner, who knows the password, waits minutes at most.
   */
  async signInFailed(email: string): Promise<void> {
    const failures = this.limiters.signInFailuresPerAccount;
    const { consumedPoints } = await failures.penalty(email, 1);
    const beyond = consumedPoints - failures.points;
    if (beyond < 0) return;
    await this.signInLock.block(email, Math.min(2 ** Math.min(beyond, 20), this.signInBackoffMaxSeconds));
  }

  async signInSucceeded(email: string): Promise<void> {
    await Promise.all([this.limiters.signInFailuresPerAccount.delete(email), this.signInLock.delete(email)]);
  }
}
