// Who hears about what: the rooms each event goes to. Through the Redis adapter (when
// REDIS_URL is set) a room spans every server process.
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
} from '@charla/protocol';

export type VisitorNamespace = Namespace<VisitorClientEvents, VisitorServerEvents>;
export type AgentNamespace = Namespace<AgentClientEvents, AgentServerEvents>;

export const rooms = {
  agentsOf: (accountId: string) => `account:${accountId}:agents`,
  visitorsOf: (accountId: string) => `account:${accountId}:visitors`,
  visitor: (visitorId: string) => `visitor:${visitorId}`,
  agent: (agentId: string) => `agent:${agentId}`,
};

export interface Fanout {
  messageCreated(accountId: string, visitorId: string, message: Message, conversation: Conversation): void;
  visitorUpdated(accountId: string, visitor: Visitor): void;
  modeChanged(accountId: string, mode: WidgetMode): void;
}

export class SocketFanout implements Fanout {
  visitors?: VisitorNamespace;
  agents?: AgentNamespace;

  messageCreated(accountId: string, visitorId: string, message: Message, conversation: Conversation): void {
    this.visitors?.to(rooms.visitor(visitorId)).emit('message:new', message);
    this.agents?.to(rooms.agentsOf(accountId)).emit('message:new', message);
    this.agents?.to(rooms.agentsOf(accountId)).emit('conversation:updated', conversation);
  }

  visitorUpdated(accountId: string, visitor: Visitor): void {
    this.agents?.to(rooms.agentsOf(accountId)).emit('visitor:updated', visitor);
  }

  modeChanged(accountId: string, mode: WidgetMode): void {
    this.visitors?.to(rooms.visitorsOf(accountId)).emit('mode', { mode });
  }
}
