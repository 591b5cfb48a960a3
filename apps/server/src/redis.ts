// Opens the Redis connections of one process (when REDIS_URL is set): one for commands (presence,
// rate limits) and a publisher + subscriber pair for the Socket.IO adapter. Redis may go away and
// come back while the process runs; nothing here may crash the process when it does.
// ioredis is loaded only when REDIS_URL is set: a single-process install never uses it.
import type { Redis, RedisOptions } from 'ioredis';

type Log = { warn: (o: object, m: string) => void };

export interface RedisConnections {
  /** Fails fast while Redis is unreachable, so callers can fall back instead of waiting. */
  commands: Redis;
  /** Drops (and reports) what it cannot publish while Redis is away; clients resync by seq. */
  publisher: Redis;
  /** Waits for Redis and subscribes again by itself after a reconnect. */
  subscriber: Redis;
  keyPrefix: string;
  /** Called when a lost connection is back: events published meanwhile were not delivered. */
  onRestored(listener: () => void): void;
  close(): Promise<void>;
}

export async function openRedis(url: string, keyPrefix: string, log: Log): Promise<RedisConnections> {
  // Auto-pipelining: the commands of one event-loop turn (rate limits, presence, room publishes of
  // many messages) go out in one write and come back in one read, instead of one round trip each.
  const fast = { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, enableAutoPipelining: true };
  const { Redis } = await import('ioredis');
  const commands = new Redis(url, { ...fast, commandTimeout: 2000 });
  const publisher = new (publisherClass(Redis))(url, fast);
  const subscriber = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null });
  const clients = { commands, publisher, subscriber };
  const restored: Array<() => void> = [];
  for (const [name, client] of Object.entries(clients)) {
    reportConnectionState(client, name, log, () => {
      if (client !== commands) for (const listener of restored) listener();
    });
  }
  let closing = false;
  let lastWarnAt = 0;
  publisher.onPublishError = (err) => {
    if (closing || Date.now() - lastWarnAt < 10_000) return;
    lastWarnAt = Date.now();
    log.warn({ err: err.message }, 'Redis publish failed; other processes miss this event');
  };

  const closeAll = () => {
    closing = true;
    return Promise.all(
      Object.values(clients).map(async (client) => {
        if (client.status !== 'ready') return client.disconnect();
        await client.quit().catch(() => client.disconnect());
      }),
    ).then(() => undefined);
  };

  try {
    await Promise.all(Object.values(clients).map((c) => c.connect()));
  } catch (err) {
    await closeAll();
    throw new Error(`Cannot reach Redis at ${redactPassword(url)}: ${(err as Error).message}`);
  }
  return { ...clients, keyPrefix, onRestored: (listener) => restored.push(listener), close: closeAll };
}

/**
 * The Socket.IO adapter calls publish() without handling its promise, so a failed publish would
 * be an unhandled rejection, which ends the process. This publisher reports failures instead.
 */
function publisherClass(RedisClient: new (url: string, options: RedisOptions) => Redis) {
  return class Publisher extends RedisClient {
    onPublishError: (err: Error) => void = () => {};

    override publish(channel: string | Buffer, message: string | Buffer): Promise<number> {
      return super.publish(channel, message).catch((err: Error) => {
        this.onPublishError(err);
        return 0;
      });
    }
  };
}

/** ioredis reconnects by itself; an 'error' listener keeps its errors from being unhandled. */
function reportConnectionState(client: Redis, name: string, log: Log, onRestored: () => void): void {
  let lost = false;
  let wasReady = false;
  const reportLost = (err?: Error) => {
    // Before the first connection openRedis() reports the failure itself.
    if (lost || !wasReady) return;
    lost = true;
    log.warn({ err: err?.message, client: name }, 'Redis connection lost; reconnecting');
  };
  client.on('error', reportLost);
  client.on('reconnecting', () => reportLost());
  client.on('ready', () => {
    wasReady = true;
    if (!lost) return;
    lost = false;
    log.warn({ client: name }, 'Redis connection restored');
    onRestored();
  });
}

function redactPassword(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'REDIS_URL';
  }
}
