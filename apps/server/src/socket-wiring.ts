// The sockets' wiring: the realtime layer (realtime/index.ts) and each domain's socket events on
// it. The widget's events are registered once for the visitor namespace (SocketEvents); the
// dashboard's per agent socket. A handshake without a token starts a new visitor, limited per
// address as the HTTP route is.
import type { Server as HttpServer } from 'node:http';
import type { Visitor } from '@palique/protocol';
import { createRealtime, type Realtime, type RealtimeDeps } from './realtime/index';
import { SocketEvents, type VisitorEvents } from './sockets';
import { addressKey, proxyTrust, requestAddress } from './http/address';
import type { RateLimits } from './http/limits';
import type { ConversationService } from './conversations/service';
import type { QueueService } from './queue/service';
import type { OnlineVisitorService } from './online-visitors/service';
import type { OnlineVisitorChanges } from './online-visitors/changes';
import type { JoinedPresence } from './presence/joined';
import type { TeamLookup } from './realtime/rooms';
import { registerAgentConversationEvents, visitorConversationEvents } from './conversations/socket';
import { registerAgentStatusEvents } from './agents/socket';
import { visitorIdentityEvents } from './visitors/socket';
import { registerAgentTypingEvents, visitorTypingEvents } from './typing/socket';
import { registerAgentQueueEvents } from './queue/socket';
import { registerAgentWatchEvents } from './realtime/watch';
import { visitorOnlineEvents } from './online-visitors/socket';

type Log = { error: (o: object, m: string) => void; warn: (o: object, m: string) => void };

export interface SocketWiringDeps extends Omit<RealtimeDeps, 'visitorEvents' | 'startVisitor' | 'teamOf' | 'joined'> {
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
  const socketTrust = proxyTrust(deps.trustProxy);
  const realtime = createRealtime(
    server,
    {
      ...deps,
      visitorEvents,
      startVisitor: async (widgetId, request) => {
        await limits.enforce('newVisitorPerAddress', addressKey(requestAddress(request, socketTrust)));
        return visitors.startSession(widgetId);
      },
    },
    log,
  );
  realtime.agents.on('connection', (socket) => {
    registerAgentConversationEvents(socket, { conversations }, log);
    registerAgentStatusEvents(socket, { agents, presence }, log);
    registerAgentTypingEvents(socket, { events, limits, conversations });
    registerAgentQueueEvents(socket, { queue }, log);
    registerAgentWatchEvents(socket, { visitors, limits }, log);
  });
  return realtime;
}
