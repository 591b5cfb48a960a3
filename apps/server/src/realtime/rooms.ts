// Who hears about what: the rooms of the two namespaces, and the domain events relayed to them.
// Through the Redis adapter (when REDIS_URL is set) a room spans every server process. The widget
// mode is the exception: each process computes it for its own visitors (presence/service.ts), so
// it is emitted locally and the other processes are only told to recompute.
import { notificationOnWire, type TeamMember } from '@palique/protocol';
import type { EventBus } from '../events';
import type { LocalVisitors } from '../presence/service';
import type { JoinedPresence } from '../presence/joined';
import type { AgentNamespace, VisitorNamespace } from '../sockets';

const VISITORS_ROOM = /^account:(.+):visitors$/;
const DETAILS_ROOM = /^account:[^:]+:details:/;

export const rooms = {
  agentsOf: (accountId: string) => `account:${accountId}:agents`,
  visitorsOf: (accountId: string) => `account:${accountId}:visitors`,
  visitor: (visitorId: string) => `visitor:${visitorId}`,
  agent: (agentId: string) => `agent:${agentId}`,
  /** C3: the agent sockets showing this visitor's details (they hear `visitor:details`). */
  visitorDetails: (accountId: string, visitorId: string) => `account:${accountId}:details:${visitorId}`,
  isVisitorDetails: (room: string) => DETAILS_ROOM.test(room),
  /** The sockets of one sign-in (by the session's id, the hash of its token, never the token). */
  session: (sessionId: string) => `session:${sessionId}`,
};

/** W2: the team as the widget shows it, for the `team` push that follows each mode push. */
/** `connected`: the agents with a dashboard open, when the caller has just read them (else read here). */
export type TeamLookup = (accountId: string, connected?: readonly string[]) => Promise<TeamMember[]>;

/** Subscribes the namespaces to the domain events; returns the unsubscribe function. */
export function relayEvents(
  events: EventBus,
  visitors: VisitorNamespace,
  agents: AgentNamespace,
  clustered: boolean,
  teamOf?: TeamLookup,
  joined?: JoinedPresence,
  log?: { error: (o: object, m: string) => void },
): () => void {
  /**
   * A3: after a team change, tells this process's visitors of the account which Invisible agents
   * are present in their chat (only those whose answer changed; nobody when no agent is Invisible
   * and around, and nobody was told otherwise before).
   */
  const retellPresent = async (accountId: string) => {
    if (!joined) return;
    const socketIds = visitors.adapter.rooms.get(rooms.visitorsOf(accountId));
    if (!socketIds || socketIds.size === 0) return;
    const candidates = await joined.invisibleConnected(accountId);
    for (const id of [...socketIds]) {
      const socket = visitors.sockets.get(id);
      if (!socket) continue;
      const present = candidates.length === 0 ? [] : await joined.presentFor(accountId, socket.data.visitor.id, candidates);
      if (joined.tell(socket, present)) socket.emit('present', { agentIds: present });
    }
  };
  /** Sockets of this process in the room other than the origin's. */
  const othersIn = (room: string, origin?: { socketId: string }) => {
    const here = visitors.adapter.rooms.get(room);
    return !!here && here.size > (origin && here.has(origin.socketId) ? 1 : 0);
  };
  // Only the latest team lookup of an account is pushed: an older one may resolve later.
  const teamRequests = new Map<string, number>();
  let teamRequest = 0;
  const pushTeam = (accountId: string) => {
    if (!teamOf) return;
    const request = ++teamRequest;
    teamRequests.set(accountId, request);
    teamOf(accountId).then(
      (team) => {
        if (teamRequests.get(accountId) !== request) return;
        teamRequests.delete(accountId);
        visitors.local.to(rooms.visitorsOf(accountId)).emit('team', { team });
        retellPresent(accountId).catch((err: unknown) => log?.error({ err, accountId }, 'could not re-tell present agents'));
      },
      () => teamRequests.get(accountId) === request && teamRequests.delete(accountId),
    );
  };
  const offs = [
    events.on('message.created', ({ accountId, message, conversation, origin }) => {
      // The sending socket has the message in its ack; the visitor's other tabs still hear it.
      // Alone in one process (no Redis), a visitor with no other tab here has nobody to tell:
      // the frame is not even encoded.
      const room = rooms.visitor(conversation.visitorId);
      if (clustered || othersIn(room, origin)) {
        const toVisitor = visitors.to(room);
        (origin ? toVisitor.except(origin.socketId) : toVisitor).emit('message:new', message);
      }
      // Every agent socket but the sender's (its ack carries the same message and list entry).
      // One event for both (one Redis publish, one frame per agent): the message and its list entry.
      const toAgents = agents.to(rooms.agentsOf(accountId));
      (origin ? toAgents.except(origin.socketId) : toAgents).emit('conversation:message', { conversation, message });
    }),
    // C5: an edit travels as the row it is stored as, in seq order with the messages, so a
    // client applies it the same way live and when it resumes after a seq.
    events.on('message.edited', ({ accountId, edit, conversation, origin }) => {
      const toVisitor = visitors.to(rooms.visitor(conversation.visitorId));
      (origin ? toVisitor.except(origin.socketId) : toVisitor).emit('message:new', edit);
      const toAgents = agents.to(rooms.agentsOf(accountId));
      (origin ? toAgents.except(origin.socketId) : toAgents).emit('conversation:message', { conversation, message: edit });
    }),
    events.on('agent.status_changed', ({ agentId, status }) => {
      agents.to(rooms.agent(agentId)).emit('agent:status', { status });
    }),
    events.on('agent.notified', ({ agentIds, notification, inBroadcast }) => {
      // Those who raise it from the message's broadcast get no frame (and no Redis publish).
      const skip = inBroadcast && inBroadcast.length > 0 ? new Set(inBroadcast) : undefined;
      const told = skip ? agentIds.filter((id) => !skip.has(id)) : agentIds;
      if (told.length > 0) agents.to(told.map(rooms.agent)).emit('notification', notificationOnWire(notification));
    }),
    events.on('visitor.updated', ({ accountId, visitor }) => {
      agents.to(rooms.agentsOf(accountId)).emit('visitor:updated', visitor);
    }),
    // C3: at most one page view per visitor every 2 s on average (the visitorPageView limit), to
    // the agents watching that visitor only (realtime/watch.ts).
    events.on('visitor.details_changed', ({ accountId, details }) => {
      agents.to(rooms.visitorDetails(accountId, details.visitorId)).emit('visitor:details', details);
    }),
    events.on('visitor.revoked', ({ visitorId, origin }) => {
      const sockets = visitors.in(rooms.visitor(visitorId));
      (origin ? sockets.except(origin.socketId) : sockets).disconnectSockets(true);
    }),
    events.on('visitor.deleted', ({ accountId, visitorId, conversationIds }) => {
      visitors.in(rooms.visitor(visitorId)).disconnectSockets(true);
      agents.to(rooms.agentsOf(accountId)).emit('visitor:deleted', { visitorId, conversationIds });
    }),
    events.on('widget.mode_changed', ({ accountId, mode }) => {
      visitors.local.to(rooms.visitorsOf(accountId)).emit('mode', { mode });
      pushTeam(accountId);
    }),
    events.on('session.ended', ({ sessionId }) => {
      // Through the Redis adapter this reaches the session's sockets on every process.
      agents.in(rooms.session(sessionId)).disconnectSockets(true);
    }),
    // C4: typing previews go to the account's agents / the visitor's sockets, through the adapter.
    events.on('typing.visitor', ({ accountId, visitorId, text }) => {
      agents.to(rooms.agentsOf(accountId)).emit('visitor:typing', { visitorId, text });
    }),
    events.on('typing.agent', ({ visitorId, agentId, name, typing }) => {
      visitors.to(rooms.visitor(visitorId)).emit('agent:typing', { agentId, name, typing });
    }),
    // W5: read receipts, to the other side only.
    events.on('receipt.agent_read', ({ visitorId, seq }) => {
      visitors.to(rooms.visitor(visitorId)).emit('agents:read', { seq });
    }),
    events.on('receipt.visitor_read', ({ accountId, conversationId, seq }) => {
      agents.to(rooms.agentsOf(accountId)).emit('visitor:read', { conversationId, seq });
    }),
    events.on('presence.changed', ({ accountId }) => {
      if (clustered) visitors.serverSideEmit('presence:changed', accountId);
    }),
    ...(['returned', 'closed', 'reopened', 'dismissed', 'assigned', 'participant_added'] as const).map((change) =>
      events.on(`conversation.${change}`, ({ accountId, conversation }) => {
        agents.to(rooms.agentsOf(accountId)).emit('conversation:updated', { change, conversation });
      }),
    ),
    events.on('conversation.read', ({ agentId, conversationId, seq }) => {
      agents.to(rooms.agent(agentId)).emit('conversation:read', { conversationId, seq });
    }),
    // C8: already batched (online-visitors/changes.ts): one event per account per flush.
    events.on('visitors.online_changed', ({ accountId, changes }) => {
      agents.to(rooms.agentsOf(accountId)).emit('visitors:changes', changes);
    }),
  ];
  return () => offs.forEach((off) => off());
}

/** The accounts with visitors connected to this process, read from the namespace's local rooms. */
export function localVisitorsOf(visitors: VisitorNamespace): LocalVisitors {
  return {
    has: (accountId) => visitors.adapter.rooms.has(rooms.visitorsOf(accountId)),
    *accounts() {
      for (const room of visitors.adapter.rooms.keys()) {
        const match = VISITORS_ROOM.exec(room);
        if (match) yield match[1];
      }
    },
  };
}
