// The sockets' wiring: the realtime layer (realtime/index.ts) and each domain's socket events on
// it, registered once per namespace (SocketEvents: the widget's and the dashboard's). A handshake without a token starts a new visitor, limited per
// address as the HTTP route is.
import type { Server as HttpServer } from 'node:http';
import type { Visitor } from '@palique/protocol';
import { createRealtime, type Realtime, type RealtimeDeps } from './realtime/index';
import { SocketEvents, type AgentEvents, type VisitorEvents } from './sockets';
import { addressKey, proxyTrust, requestAddress } from './http/address';
import type { RateLimits } from './http/limits';
import type { ConversationService } from './conversations/service';
import type { QueueService } from './queue/service';
import type { OnlineVisitorService } from './online-visitors/service';
import type { OnlineVisitorChanges } from './online-visitors/changes';
import type { JoinedPresence } from './presence/joined';
import type { TeamLookup } from './realtime/rooms';
import { agentConversationEvents, visitorConversationEvents } from './conversations/socket';
import { agentStatusEvents } from './agents/socket';
import { visitorIdentityEvents } from './visitors/socket';
import { agentTypingEvents, visitorTypingEvents } from './typing/socket';
import { agentQueueEvents } from './queue/socket';
import { agentWatchEvents } from './realtime/watch';
import { visitorOnlineEvents } from './online-visitors/socket';

type Log = { error: (o: object, m: string) => void; warn: (o: object, m: string) => void };

export interface SocketWiringDeps extends Omit<RealtimeDeps, 'visitorEvents' | 'agentEvents' | 'startVisitor' | 'teamOf' | 'joined'> {
  teamOf: TeamLookup;
  joined: JoinedPresence;
  conversations: ConversationService;
  limits: RateLimits;
  queue: QueueService;
  onlineVisitors: OnlineVisitorService;
  onlineChanges: OnlineVisitorChanges;
  /** W4: the visitor as the widget gets it (whether their address unsubscribed). */
  widgetVisitor: (accountId: string, visitor: Visitor) => Promise<Visitor>;
  /** TRUST_PROXY: whose forwarded address counts as the client's. */
  trustProxy: false | number | string[];
}

export function wireSockets(server: HttpServer, deps: SocketWiringDeps, log: Log): Realtime {
  const { events, agents, visitors, presence, conversations, limits, queue, teamOf, joined, widgetVisitor, onlineVisitors, onlineChanges } = deps;
  const visitorEvents: VisitorEvents = new SocketEvents();
  visitorConversationEvents(visitorEvents, { conversations, presence, teamOf, joined, limits, widgetVisitor }, log);
  visitorIdentityEvents(visitorEvents, { visitors, limits, widgetVisitor }, log);
  visitorTypingEvents(visitorEvents, { events, limits });
  visitorOnlineEvents(visitorEvents, { onlineVisitors, changes: onlineChanges, limits }, log);
  const agentEvents: AgentEvents = new SocketEvents();
  agentConversationEvents(agentEvents, { conversations }, log);
  agentStatusEvents(agentEvents, { agents, presence }, log);
  agentTypingEvents(agentEvents, { events, limits, conversations });
  agentQueueEvents(agentEvents, { queue }, log);
  agentWatchEvents(agentEvents, { visitors, limits }, log);
  const socketTrust = proxyTrust(deps.trustProxy);
  return createRealtime(
    server,
    {
      ...deps,
      visitorEvents,
      agentEvents,
      startVisitor: async (widgetId, request) => {
        await limits.enforce('newVisitorPerAddress', addressKey(requestAddress(request, socketTrust)));
        return visitors.startSession(widgetId);
      },
    },
    log,
  );
}
