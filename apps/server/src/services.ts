// The services of one server process, built once and handed to routes and socket handlers.
import type { Config } from './config';
import type { Storage } from './db/index';
import type { RedisConnections } from './db/redis';
import { AccountService } from './accounts/service';
import { AgentService } from './agents/service';
import { ConversationService } from './conversations/service';
import { createMessageWriter } from './conversations/message-writer';
import { VisitorService } from './visitors/service';
import { PresenceService } from './presence/service';
import { MemoryPresenceStore, type PresenceStore } from './presence/store';
import { RedisPresenceStore } from './presence/redis-store';
import { MemoryRateLimiter, type RateLimiter } from './http/rate-limit';
import { RedisRateLimiter } from './http/redis-rate-limit';
import { SocketFanout } from './realtime/fanout';

export interface Services {
  config: Config;
  storage: Storage;
  /** Set when REDIS_URL is: state shared with the other processes. */
  redis?: RedisConnections;
  fanout: SocketFanout;
  accounts: AccountService;
  agents: AgentService;
  visitors: VisitorService;
  conversations: ConversationService;
  presence: PresenceService;
  presenceStore: PresenceStore;
  rateLimiter: RateLimiter;
}

export interface SharedState {
  presenceStore?: PresenceStore;
  rateLimiter?: RateLimiter;
}

type Log = { warn: (o: object, m: string) => void };

export function createServices(
  config: Config,
  storage: Storage,
  shared: SharedState = {},
  redis: RedisConnections | undefined = undefined,
  log: Log = console,
): Services {
  const db = storage.db;
  const fanout = new SocketFanout();
  const accounts = new AccountService(db, config.publicUrl);
  const agents = new AgentService(db, accounts);
  const presenceStore =
    shared.presenceStore ?? (redis ? new RedisPresenceStore(redis.commands, redis.keyPrefix, log) : new MemoryPresenceStore());
  const rateLimiter =
    shared.rateLimiter ?? (redis ? new RedisRateLimiter(redis.commands, redis.keyPrefix, log) : new MemoryRateLimiter());
  return {
    config,
    storage,
    redis,
    fanout,
    accounts,
    agents,
    visitors: new VisitorService(storage, accounts, fanout),
    conversations: new ConversationService(db, fanout, createMessageWriter(storage), (a, id) => agents.nameOf(a, id)),
    presence: new PresenceService(presenceStore, (a, ids) => agents.statusesOf(a, ids), fanout),
    presenceStore,
    rateLimiter,
  };
}
