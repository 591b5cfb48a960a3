// The services of one server process, built once and handed to routes and socket handlers.
import type { Config } from './config';
import type { Storage } from './db/index';
import { AccountService } from './accounts/service';
import { AgentService } from './agents/service';
import { ConversationService } from './conversations/service';
import { VisitorService } from './visitors/service';
import { PresenceService } from './presence/service';
import { MemoryPresenceStore, type PresenceStore } from './presence/store';
import { MemoryRateLimiter, type RateLimiter } from './http/rate-limit';
import { SocketFanout } from './realtime/fanout';

export interface Services {
  config: Config;
  storage: Storage;
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

export function createServices(config: Config, storage: Storage, shared: SharedState = {}): Services {
  const db = storage.db;
  const fanout = new SocketFanout();
  const accounts = new AccountService(db, config.publicUrl);
  const agents = new AgentService(db, accounts);
  const presenceStore = shared.presenceStore ?? new MemoryPresenceStore();
  return {
    config,
    storage,
    fanout,
    accounts,
    agents,
    visitors: new VisitorService(db, accounts, fanout),
    conversations: new ConversationService(db, fanout),
    presence: new PresenceService(presenceStore, (a, ids) => agents.statusesOf(a, ids), fanout),
    presenceStore,
    rateLimiter: shared.rateLimiter ?? new MemoryRateLimiter(),
  };
}
