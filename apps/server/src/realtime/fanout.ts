// Who hears about what: the rooms each event goes to. Through the Redis adapter (when
// REDIS_URL is set) a room spans every server process. The widget mode is the exception: each
// process computes it for its own visitors (presence/service.ts), so it is emitted locally and
// other processes are only told to recompute.
import type { Namespace } from 'socket.io';
import type {
  AgentClientEvents,
  AgentServerEvents,
  Conversation,
  Message,
  Visitor,
  VisitorClientEvents,
  VisitorServerEvents,
  WidgetMode,
} from '@palique/protocol';

export type VisitorNamespace = Namespace<VisitorClientEvents, VisitorServerEvents>;
export type AgentNamespace = Namespace<AgentClientEvents, AgentServerEvents>;

/** Server-to-server event (Redis adapter): "recompute this account's widget mode". */
export const PRESENCE_CHANGED = 'presence:changed';

const VISITORS_ROOM = /^account:(.+):visitors$/;

export const rooms = {
  agentsOf: (accountId: string) => `account:${accountId}:agents`,
  visitorsOf: (accountId: string) => `account:${accountId}:visitors`,
  visitor: (visitorId: string) => `visitor:${visitorId}`,
  agent: (agentId: string) => `agent:${agentId}`,
};

export interface Fanout {
  messageCreated(accountId: string, visitorId: string, message: Message, conversation: Conversation): void;
  visitorUpdated(accountId: string, visitor: Visitor): void;
  /** Pushes the mode to this process's visitors of the account. */
  modeChanged(accountId: string, mode: WidgetMode): void;
  /** Asks the other processes to recompute the account's mode for their visitors. */
  presenceChanged(accountId: string): void;
  hasLocalVisitors(accountId: string): boolean;
  /** Accounts with at least one visitor connected to this process. */
  localVisitorAccounts(): string[];
}

export class SocketFanout implements Fanout {
  visitors?: VisitorNamespace;
  agents?: AgentNamespace;
  /** True when other processes share the rooms (Redis adapter). */
  clustered = false;

  messageCreated(accountId: string, visitorId: string, message: Message, conversation: Conversation): void {
    this.visitors?.to(rooms.visitor(visitorId)).emit('message:new', message);
    // One event for both (one Redis publish, one frame per agent): the message and its list entry.
    this.agents?.to(rooms.agentsOf(accountId)).emit('conversation:message', { conversation, message });
  }

  visitorUpdated(accountId: string, visitor: Visitor): void {
    this.agents?.to(rooms.agentsOf(accountId)).emit('visitor:updated', visitor);
  }

  modeChanged(accountId: string, mode: WidgetMode): void {
    this.visitors?.local.to(rooms.visitorsOf(accountId)).emit('mode', { mode });
  }

  presenceChanged(accountId: string): void {
    if (this.clustered) this.visitors?.serverSideEmit(PRESENCE_CHANGED, accountId);
  }

  hasLocalVisitors(accountId: string): boolean {
    return this.visitors?.adapter.rooms.has(rooms.visitorsOf(accountId)) ?? false;
  }

  localVisitorAccounts(): string[] {
    const accounts: string[] = [];
    for (const room of this.visitors?.adapter.rooms.keys() ?? []) {
      const match = VISITORS_ROOM.exec(room);
      if (match) accounts.push(match[1]);
    }
    return accounts;
  }
}
