// Agent connections shared by every process through Redis. A process can die without saying
// goodbye (kill -9, power loss), so each entry carries an expiry that its owning process keeps
// pushing forward; entries of a dead process stop counting once it passes.
//
// Per account one sorted set `<prefix>presence:<accountId>` holds `<agentId>|<connectionId>`
// scored by expiry time (ms since epoch; the processes' clocks are assumed NTP-synchronised).
import type { Redis } from 'ioredis';
import type { PresenceStore } from './store';

type Log = { warn: (o: object, m: string) => void };

/** How often a process refreshes the expiry of its own connections. */
export const PRESENCE_HEARTBEAT_MS = 5_000;
/** How long an entry counts without a refresh: survives two missed heartbeats. */
export const PRESENCE_TTL_MS = 15_000;

export class RedisPresenceStore implements PresenceStore {
  /** This process's own connections: accountId → connectionId → agentId. */
  private readonly local = new Map<string, Map<string, string>>();
  private readonly heartbeat: NodeJS.Timeout;
  private closed = false;
  private lastWarnAt = 0;

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly log: Log,
  ) {
    this.heartbeat = setInterval(() => void this.refreshAll(), PRESENCE_HEARTBEAT_MS).unref();
  }

  async put(accountId: string, connectionId: string, agentId: string): Promise<void> {
    let conns = this.local.get(accountId);
    if (!conns) this.local.set(accountId, (conns = new Map()));
    conns.set(connectionId, agentId);
    const expiresAt = Date.now() + PRESENCE_TTL_MS;
    await this.redis
      .multi()
      .zadd(this.key(accountId), expiresAt, member(agentId, connectionId))
      .pexpire(this.key(accountId), PRESENCE_TTL_MS)
      .exec()
      .catch((err) => this.warn(err, 'presence put failed; the next heartbeat retries'));
  }

  async remove(accountId: string, connectionId: string): Promise<void> {
    const conns = this.local.get(accountId);
    const agentId = conns?.get(connectionId);
    conns?.delete(connectionId);
    if (conns?.size === 0) this.local.delete(accountId);
    if (!agentId) return;
    // If this fails the entry still expires on its own within PRESENCE_TTL_MS.
    await this.redis
      .zrem(this.key(accountId), member(agentId, connectionId))
      .catch((err) => this.warn(err, 'presence remove failed; the entry will expire'));
  }

  async connectedAgentIds(accountId: string): Promise<string[]> {
    const t = Date.now();
    try {
      const results = await this.redis
        .multi()
        .zremrangebyscore(this.key(accountId), '-inf', t)
        .zrangebyscore(this.key(accountId), `(${t}`, '+inf')
        .exec();
      const [, members] = results?.[1] ?? [];
      if (!Array.isArray(members)) throw new Error('unexpected reply to ZRANGEBYSCORE');
      return [...new Set((members as string[]).map((m) => m.slice(0, m.indexOf('|'))))];
    } catch (err) {
      // Redis is away: answer from this process's connections rather than fail the caller (sync).
      this.warn(err, 'presence read failed; using this process only');
      return [...new Set(this.local.get(accountId)?.values() ?? [])];
    }
  }

  reachable(): boolean {
    return this.redis.status === 'ready';
  }

  /** Leaves the shared set at once on a clean shutdown instead of waiting for expiry. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.heartbeat);
    if (this.local.size === 0 || !this.reachable()) return;
    const tx = this.redis.multi();
    for (const [accountId, conns] of this.local) {
      for (const [connectionId, agentId] of conns) tx.zrem(this.key(accountId), member(agentId, connectionId));
    }
    this.local.clear();
    await tx.exec().catch(() => undefined);
  }

  /** The heartbeat: pushes every own entry's expiry forward (re-creating it after a Redis restart). */
  private async refreshAll(): Promise<void> {
    if (this.local.size === 0 || !this.reachable()) return;
    const expiresAt = Date.now() + PRESENCE_TTL_MS;
    const tx = this.redis.multi();
    for (const [accountId, conns] of this.local) {
      const scored = [...conns].flatMap(([connectionId, agentId]) => [expiresAt, member(agentId, connectionId)]);
      tx.zadd(this.key(accountId), ...scored).pexpire(this.key(accountId), PRESENCE_TTL_MS);
    }
    await tx.exec().catch((err) => this.warn(err, 'presence heartbeat failed'));
  }

  private key(accountId: string): string {
    return `${this.keyPrefix}presence:${accountId}`;
  }

  /** At most one warning per 10 s: during an outage every read fails. */
  private warn(err: unknown, message: string): void {
    if (this.closed || Date.now() - this.lastWarnAt < 10_000) return;
    this.lastWarnAt = Date.now();
    this.log.warn({ err: (err as Error)?.message }, message);
  }
}

function member(agentId: string, connectionId: string): string {
  return `${agentId}|${connectionId}`;
}
