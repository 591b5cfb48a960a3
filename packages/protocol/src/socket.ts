// Socket.IO of the two namespaces, "/visitor" (the widget) and "/agent" (the dashboard): the
// event maps, their payload schemas, the ack shape, and the server's own side (events between
// server processes, what each socket carries once authenticated). Payloads are the types after
// parsing: that is what a client sends and what a handler receives.
import { z } from 'zod';
import { Id, TeamMember, Visitor, WidgetMode, type Agent, type AgentStatus, type Conversation, type Message, type VisitorDetails } from './entities';
import type { ErrorInfo } from './errors';
import { MAX_MESSAGE_LENGTH } from './constants';
import { AfterSeq, EditMessage, MessagePage, SendMessage, SendMessageFields, type EditResult, type SetStatus, type VisitorSession, type VisitorUpdate } from './http';
import type { OnlineVisitorsChanges } from './online-visitors';

/** Every socket acknowledgement: `{ ok: true, ...data }` or `{ ok: false, error }`. */
export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: ErrorInfo };
export type AckFn<T extends object = object> = (ack: Ack<T>) => void;

/** Handshake `auth` of a widget socket. Agents authenticate with their session cookie. */
/**
 * Without a token, the handshake starts a new anonymous visitor (counted against the per-address
 * limit on new visitors, as `POST /api/widget/:id/visitors` is) and the socket's first event is
 * their `session`: a new visitor's first page view needs no HTTP round trip.
 */
export const VisitorAuth = z.object({ widgetId: Id, token: z.string().min(16).max(128).optional() });
export type VisitorAuth = z.infer<typeof VisitorAuth>;

/** The widget's `sync` answer: a page of its messages, the widget mode, who the visitor is and the team (W2). */
export const VisitorSyncResult = MessagePage.extend({
  mode: WidgetMode,
  visitor: Visitor,
  team: z.array(TeamMember),
  /** A3: Invisible agents who wrote in this visitor's chat and are around: shown online to this visitor only. */
  present: z.array(z.string()).optional(),
});
export type VisitorSyncResult = z.infer<typeof VisitorSyncResult>;

export const AgentSendMessage = z
  .object({ ...SendMessageFields, conversationId: Id })
  .refine((b) => b.fileId !== undefined || b.text.trim().length > 0, { message: 'must not be empty', path: ['text'] });
export type AgentSendMessage = z.infer<typeof AgentSendMessage>;

/** C5: a visitor edits one of their own messages. */
export const VisitorEditMessage = EditMessage.extend({ messageId: Id });
export type VisitorEditMessage = z.infer<typeof VisitorEditMessage>;

/** C5: an agent edits one of their own messages. */
export const AgentEditMessage = EditMessage.extend({ conversationId: Id, messageId: Id });
export type AgentEditMessage = z.infer<typeof AgentEditMessage>;

/** An agent catching up on one conversation: everything after seq N. */
export const ConversationSync = AfterSeq.extend({ conversationId: Id });

/** Unread state: an agent has read a conversation up to `seq`. */
export const ConversationRead = z.object({ conversationId: Id, seq: z.number().int().min(0) });
export type ConversationRead = z.infer<typeof ConversationRead>;
export type ConversationSync = z.infer<typeof ConversationSync>;

/** Palique('restart') (F10): the visitor's token stops working, everywhere, at once. No body. */
export const VisitorRevoke = z.object({}).strict();
export type VisitorRevoke = z.infer<typeof VisitorRevoke>;

/** A3: the widget asks which agents are present in its chat (no body). */
export const PresentAsk = z.object({}).strict();
export type PresentAsk = z.infer<typeof PresentAsk>;

/** C3: the visitor whose browsing details this agent socket hears live (`visitor:details`); null: none. */
export const VisitorWatch = z.object({ visitorId: Id.nullable() });
export type VisitorWatch = z.infer<typeof VisitorWatch>;

export interface VisitorClientEvents {
  'message:send': (body: SendMessage, ack: AckFn<{ message: Message }>) => void;
  sync: (body: AfterSeq, ack: AckFn<VisitorSyncResult>) => void;
  'visitor:update': (body: VisitorUpdate, ack: AckFn<{ visitor: Visitor }>) => void;
  /** Revokes this socket's visitor token; every socket of that visitor is disconnected after the ack. */
  'visitor:revoke': (body: VisitorRevoke, ack: AckFn) => void;
  /** C4: what is in the message box now ('' once sent or cleared); throttled, never stored, no ack. */
  typing: (body: VisitorTyping) => void;
  /** W5: the visitor read their thread up to `seq` (0: only ask); the ack has both read positions. */
  read: (body: ReadUpTo, ack: AckFn<ReadPositions>) => void;
  /** A3: which Invisible agents are present in this visitor's chat (they wrote there). */
  present: (body: PresentAsk, ack: AckFn<{ agentIds: string[] }>) => void;
  /** C5: edits one of the visitor's own messages (the same `editId` again stores nothing more). */
  'message:edit': (body: VisitorEditMessage, ack: AckFn<EditResult>) => void;
  /** C8: the visitor opened the chat window (no body, no ack; shown in the online visitors list). */
  'chat:opened': () => void;
}
/**
 * `resync`: the server may have missed fanning out events (its link to the other processes was
 * down); the client should catch up as after a reconnect ("everything after my last seq").
 */
export interface VisitorServerEvents {
  /** The first event of a socket that connected without a token: the new visitor's token, to keep. */
  session: (session: VisitorSession) => void;
  /** A new message, or (C5) an edit: a row with `editOf`, in seq order like any message. */
  'message:new': (message: Message) => void;
  mode: (event: { mode: WidgetMode }) => void;
  /** W2: the team changed (an agent connected, disconnected or switched status). */
  team: (event: { team: TeamMember[] }) => void;
  resync: () => void;
  /** C4: an agent is typing a reply (or stopped). */
  'agent:typing': (event: AgentTypingEvent) => void;
  /** W5: the team read the visitor's messages up to `seq` ("Seen"). */
  'agents:read': (event: { seq: number }) => void;
  /** A3: the Invisible agents present in this visitor's chat changed (shown online to this visitor). */
  present: (event: { agentIds: string[] }) => void;
}

export interface AgentClientEvents {
  /** The ack carries the conversation as it now stands: the sending socket hears no broadcast of its own message. */
  'message:send': (body: AgentSendMessage, ack: AckFn<ConversationMessageEvent>) => void;
  'conversation:sync': (body: ConversationSync, ack: AckFn<MessagePage>) => void;
  'status:set': (body: SetStatus, ack: AckFn<{ status: AgentStatus }>) => void;
  /** C4: this agent is typing in a conversation (or stopped); no ack. */
  typing: (body: AgentTyping) => void;
  /** W5: this agent has the conversation on screen up to `seq`; the ack has both read positions. */
  'conversation:seen': (body: ConversationSeen, ack: AckFn<ReadPositions>) => void;
  /** Unread state: the agent viewed the conversation up to `seq` (never moves back). */
  'conversation:read': (body: ConversationRead, ack: AckFn) => void;
  /** C5: edits one of the agent's own messages; the ack has the edit row, the message and the conversation. */
  'message:edit': (body: AgentEditMessage, ack: AckFn<EditResult & { conversation: Conversation }>) => void;
  /** C3: hear `visitor:details` for this visitor of the account only (replaces the previous one; null: none). */
  'visitor:watch': (body: VisitorWatch, ack: AckFn) => void;
}
/** What agents hear of a new message: the message and its conversation as it now stands. */
export interface ConversationMessageEvent {
  conversation: Conversation;
  message: Message;
}

/**
 * What the dashboard raises a notification for (A3, A4, A5): only the agents who should hear it
 * get it (an invisible agent only for chats they own or wrote in; an offline agent never).
 */
export type AgentNotification =
  | { kind: 'visitor_message'; conversation: Conversation; message: Message }
  /** A4: a chat nobody answered within the account's delay (sent to invisible agents). */
  | { kind: 'chat_waiting'; conversation: Conversation; waitingSeconds: number }
  /** C1: the owner did not answer in time: the chat is back in the queue (sent to online agents). */
  | { kind: 'chat_returned'; conversation: Conversation }
  /** C2: you were handed the chat ("Transfer") or added to it ("Add agent"). */
  | { kind: 'chat_assigned' | 'chat_added'; conversation: Conversation }
  /** A5: the working day started (status now Online) or ended (now Invisible). */
  | { kind: 'working_day_started' | 'working_day_ended'; status: AgentStatus };

/**
 * A3: how a visitor message's notification travels to an agent notified for a reason of their
 * own (an Invisible agent in a chat they joined; Online agents raise it from the broadcast). They
 * heard the message and its conversation a moment before (`conversation:message` reaches every
 * agent, and is sent first), so it only names them: one small frame instead of the message and
 * its conversation again. The agent client library turns it back into the `visitor_message`
 * notification.
 */
export interface VisitorMessageNotice {
  kind: 'visitor_message';
  conversationId: string;
  messageId: string;
}

/** What the `notification` event carries: a notification, a visitor message's by reference. */
export type AgentNotificationOnWire = Exclude<AgentNotification, { kind: 'visitor_message' }> | VisitorMessageNotice;

/** The form a notification is sent in (see VisitorMessageNotice). */
export function notificationOnWire(n: AgentNotification): AgentNotificationOnWire {
  return n.kind === 'visitor_message' ? { kind: 'visitor_message', conversationId: n.conversation.id, messageId: n.message.id } : n;
}

export interface AgentServerEvents {
  /**
   * A new message, or (C5) an edit (a row with `editOf`, its own seq), with its conversation.
   * A3: for an Online agent, a new visitor message heard here is also its notification: no
   * `notification` follows it (the agent client library raises it).
   */
  'conversation:message': (event: ConversationMessageEvent) => void;
  /** The agent's own status: on connect, then on every change (another tab, or working hours). */
  'agent:status': (event: { status: AgentStatus }) => void;
  notification: (notification: AgentNotificationOnWire) => void;
  'visitor:updated': (visitor: Visitor) => void;
  /** Data protection: the visitor and their conversations were deleted (by hand or by retention). */
  'visitor:deleted': (event: { visitorId: string; conversationIds: string[] }) => void;
  /** C3: a watched visitor's browsing details changed (a page view): the details as they now stand. */
  'visitor:details': (details: VisitorDetails) => void;
  resync: () => void;
  /** C4: the typing preview: what a visitor has in their message box now ('' when empty or sent). */
  'visitor:typing': (event: VisitorTypingEvent) => void;
  /** W5: the visitor read their thread up to `seq` (the agents' "Seen"). */
  'visitor:read': (event: { conversationId: string; seq: number }) => void;
  /** C1/C2: a conversation changed without a message (returned to the queue, closed, dismissed…). */
  'conversation:updated': (event: ConversationUpdatedEvent) => void;
  /** Unread state: this agent read a conversation up to `seq` (on this or another device). */
  'conversation:read': (event: ConversationRead) => void;
  /** C8: changes to the online visitors list, batched (at most one per server process every second). */
  'visitors:changes': (event: OnlineVisitorsChanges) => void;
}

/** C1/C2: why a conversation changed, and how it now stands. */
export interface ConversationUpdatedEvent {
  change: 'returned' | 'closed' | 'reopened' | 'dismissed' | 'assigned' | 'participant_added';
  conversation: Conversation;
}

/** Between server processes (through the Redis adapter). */
export interface InterServerEvents {
  /** "Recompute this account's widget mode for your visitors." */
  'presence:changed': (accountId: string) => void;
}

/** What a widget socket carries once its handshake succeeded. */
export interface VisitorSocketData {
  accountId: string;
  visitor: Visitor;
  /** A visitor the handshake started: their session, sent as the socket's first event, then dropped. */
  started?: VisitorSession;
}

/** What a dashboard socket carries once its session cookie was checked. */
export interface AgentSocketData {
  accountId: string;
  agent: Agent;
  sessionId: string;
}

/** C4: typing previews. Throttled by the clients, rate-limited by the server, never stored. */
export const VisitorTyping = z.object({ text: z.string().max(MAX_MESSAGE_LENGTH) });
export type VisitorTyping = z.infer<typeof VisitorTyping>;
export const AgentTyping = z.object({ conversationId: Id, typing: z.boolean() });
export type AgentTyping = z.infer<typeof AgentTyping>;
export interface VisitorTypingEvent {
  visitorId: string;
  text: string;
}
export interface AgentTypingEvent {
  agentId: string;
  name: string;
  typing: boolean;
}

/** W5: read receipts. Positions are the highest seq read; they never move backwards. */
export const ReadUpTo = z.object({ seq: z.number().int().min(0) });
export type ReadUpTo = z.infer<typeof ReadUpTo>;
export const ConversationSeen = ReadUpTo.extend({ conversationId: Id });
export type ConversationSeen = z.infer<typeof ConversationSeen>;
export interface ReadPositions {
  /** The highest seq the visitor has read. */
  visitorReadSeq: number;
  /** The highest seq any agent has read. */
  agentReadSeq: number;
}
