// Socket events about messages: the widget's and the dashboard's sides.
import { AgentSendMessage, ConversationSync, SendMessage, AfterSeq, type TeamMember } from '@palique/protocol';
import { acked, inArrivalOrder, type AgentSocket, type VisitorSocket } from '../sockets';
import { enforceRateLimit, type RateLimiter } from '../http/rate-limit';
import type { PresenceService } from '../presence/service';
import type { ConversationService } from './service';

type Log = { error: (o: object, m: string) => void };

export interface VisitorConversationDeps {
  conversations: ConversationService;
  presence: PresenceService;
  /** W2: the team the widget shows (from the agents domain). */
  teamOf: (accountId: string) => Promise<TeamMember[]>;
  rateLimiter: RateLimiter;
  /** Messages a visitor may send per 10 seconds. */
  widgetRateLimit: number;
}

export function registerVisitorConversationEvents(socket: VisitorSocket, deps: VisitorConversationDeps, log: Log): void {
  const { conversations, presence, teamOf, rateLimiter, widgetRateLimit } = deps;
  const { accountId } = socket.data;
  const origin = { socketId: socket.id };

  // One socket's sends are stored in arrival order: each starts once the previous one settled.
  const send = inArrivalOrder(async ({ clientId, text }: { clientId: string; text: string }) => {
    const { visitor } = socket.data;
    await enforceRateLimit(rateLimiter, `visitor-msg:${visitor.id}`, widgetRateLimit, 10_000);
    // The visitor as of the handshake or their last update on this socket: names stamp messages.
    const message = await conversations.sendAsVisitor(accountId, visitor, clientId, text, origin);
    return { message };
  });
  socket.on('message:send', acked(SendMessage, log, send));

  socket.on(
    'sync',
    acked(AfterSeq, log, async ({ after }) => {
      const [page, mode, team] = await Promise.all([
        conversations.visitorMessagesAfter(accountId, socket.data.visitor.id, after),
        presence.mode(accountId),
        teamOf(accountId),
      ]);
      return { ...page, mode, visitor: socket.data.visitor, team };
    }),
  );
}

export function registerAgentConversationEvents(socket: AgentSocket, deps: { conversations: ConversationService }, log: Log): void {
  const { conversations } = deps;
  const { accountId, agent } = socket.data;
  const origin = { socketId: socket.id };

  // The dashboard flushes its outbox in one go: store in arrival order (see the visitor side).
  const send = inArrivalOrder(async ({ conversationId, clientId, text }: { conversationId: string; clientId: string; text: string }) => {
    // The sender hears no broadcast of its own message: its ack has the list entry too.
    return conversations.sendAsAgent(accountId, conversationId, agent, clientId, text, origin);
  });
  socket.on('message:send', acked(AgentSendMessage, log, send));

  socket.on(
    'conversation:sync',
    acked(ConversationSync, log, ({ conversationId, after }) => conversations.messagesAfter(accountId, conversationId, after)),
  );
}
