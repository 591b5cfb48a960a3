// Socket events about messages: the widget's and the dashboard's sides.
import { AgentEditMessage, AgentSendMessage, ConversationSeen, ConversationSync, PresentAsk, ReadUpTo, SendMessage, AfterSeq, VisitorEditMessage, type TeamMember, type Visitor } from '@palique/protocol';
import { inArrivalOrderOf, type AgentEvents, type AgentSocket, type VisitorEvents, type VisitorSocket } from '../sockets';
import type { RateLimits } from '../http/limits';
import type { PresenceService } from '../presence/service';
import type { JoinedPresence } from '../presence/joined';
import type { ConversationService } from './service';

type Log = { error: (o: object, m: string) => void };

export interface VisitorConversationDeps {
  conversations: ConversationService;
  presence: PresenceService;
  /** W2: the team the widget shows (from the agents domain). */
  teamOf: (accountId: string, connected?: readonly string[]) => Promise<TeamMember[]>;
  /** A3: Invisible agents who wrote in the visitor's chat show online to that visitor. */
  joined: JoinedPresence;
  limits: RateLimits;
  /** W4: the visitor as the widget gets it (the email domain says whether the address unsubscribed). */
  widgetVisitor: (accountId: string, visitor: Visitor) => Promise<Visitor>;
}

/** The widget's message events, registered once for every visitor socket. */
export function visitorConversationEvents(events: VisitorEvents, deps: VisitorConversationDeps, log: Log): void {
  const { conversations, presence, teamOf, joined, limits, widgetVisitor } = deps;

  // One socket's sends are stored in arrival order: each starts once the previous one settled.
  const send = inArrivalOrderOf(async (socket: VisitorSocket, { clientId, text, fileId }: SendMessage) => {
    const { accountId, visitor } = socket.data;
    await limits.enforce('visitorMessage', visitor.id);
    // The visitor as of the handshake or their last update on this socket: names stamp messages.
    const message = await conversations.sendAsVisitor(accountId, visitor, clientId, text, { socketId: socket.id }, fileId);
    return { message };
  });
  events.acked('message:send', SendMessage, log, (input, socket) => send(socket, input));

  // C5: edits count against the same limit as messages.
  events.acked('message:edit', VisitorEditMessage, log, async ({ messageId, editId, text }, socket) => {
    const { accountId, visitor } = socket.data;
    await limits.enforce('visitorMessage', visitor.id);
    const { edit, message } = await conversations.editAsVisitor(accountId, visitor, messageId, editId, text, { socketId: socket.id });
    return { edit, message };
  });

  events.acked('sync', AfterSeq, log, async ({ after }, socket) => {
    const { accountId, visitor } = socket.data;
    // A sync reads up to a page of the thread: a visitor looping it must not starve the others (F7).
    await limits.enforce('visitorSync', visitor.id);
    // The agents connected, read once for the mode, the team and who is present (one presence read).
    const connected = presence.connectedAgentIds(accountId);
    const [page, mode, team, present, shown] = await Promise.all([
      conversations.visitorMessagesAfter(accountId, visitor.id, after),
      connected.then((ids) => presence.mode(accountId, ids)),
      connected.then((ids) => teamOf(accountId, ids)),
      connected.then((ids) => joined.invisibleConnected(accountId, ids)).then((among) => joined.presentFor(accountId, visitor.id, among)),
      widgetVisitor(accountId, visitor),
    ]);
    joined.tell(socket, present);
    return { ...page, mode, visitor: shown, team, present };
  });

  // A3: asked when an agent the widget does not see online wrote (an Invisible agent joining).
  events.acked('present', PresentAsk, log, async (_input, socket) => {
    const { accountId, visitor } = socket.data;
    await limits.enforce('visitorSync', visitor.id);
    const agentIds = await joined.presentFor(accountId, visitor.id);
    joined.tell(socket, agentIds);
    return { agentIds };
  });

  // W5: read receipts, with their own limit (the visitor sends one per batch read).
  events.acked('read', ReadUpTo, log, async ({ seq }, socket) => {
    const { accountId, visitor } = socket.data;
    await limits.enforce('visitorRead', visitor.id);
    return conversations.markReadByVisitor(accountId, visitor.id, seq, { socketId: socket.id });
  });
}

/** The dashboard's message events, registered once for every agent socket. */
export function agentConversationEvents(events: AgentEvents, deps: { conversations: ConversationService }, log: Log): void {
  const { conversations } = deps;
  const origin = (socket: AgentSocket) => ({ socketId: socket.id });

  // The dashboard flushes its outbox in one go: store in arrival order (see the visitor side).
  const send = inArrivalOrderOf(async (socket: AgentSocket, { conversationId, clientId, text, fileId }: AgentSendMessage) => {
    const { accountId, agent } = socket.data;
    // The sender hears no broadcast of its own message: its ack has the list entry too.
    return conversations.sendAsAgent(accountId, conversationId, agent, clientId, text, origin(socket), fileId);
  });
  events.acked('message:send', AgentSendMessage, log, (input, socket) => send(socket, input));

  // C5: the editing socket has the edit in its ack; the others hear it as a message event.
  events.acked('message:edit', AgentEditMessage, log, ({ conversationId, messageId, editId, text }, socket) =>
    conversations.editAsAgent(socket.data.accountId, conversationId, socket.data.agent, messageId, editId, text, origin(socket)),
  );

  events.acked('conversation:sync', ConversationSync, log, ({ conversationId, after }, socket) =>
    conversations.messagesAfter(socket.data.accountId, conversationId, after),
  );

  // W5: what this agent has on screen counts as read by the team (the highest seq only).
  events.acked('conversation:seen', ConversationSeen, log, ({ conversationId, seq }, socket) =>
    conversations.markReadByAgent(socket.data.accountId, conversationId, seq, origin(socket)),
  );
}
