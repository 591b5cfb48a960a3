// Socket.IO events of the two namespaces: "/visitor" (the widget) and "/agent" (the dashboard).
import { z } from 'zod';
import { AgentStatus, type AckFn, Id, Seq, WidgetMode } from './common';
import { Conversation, Message, SendMessage, Visitor } from './messages';
import { type Agent, VisitorUpdate } from './http';

export const VISITOR_NAMESPACE = '/visitor';
export const AGENT_NAMESPACE = '/agent';

/** Handshake `auth` of a widget socket. Agents authenticate with their session cookie. */
export const VisitorAuth = z.object({ widgetId: Id, token: z.string().min(16).max(128) });
export type VisitorAuth = z.infer<typeof VisitorAuth>;

export const VisitorSync = z.object({ after: Seq });
export const VisitorSyncResult = z.object({
  messages: z.array(Message),
  /** More messages follow the last one: sync again after it. */
  hasMore: z.boolean(),
  mode: WidgetMode,
  visitor: Visitor,
});
export type VisitorSyncResult = z.infer<typeof VisitorSyncResult>;

export const AgentSendMessage = SendMessage.extend({ conversationId: Id });
export type AgentSendMessage = z.infer<typeof AgentSendMessage>;
export const ConversationSync = z.object({ conversationId: Id, after: Seq });
export type ConversationSync = z.infer<typeof ConversationSync>;
export const SetStatus = z.object({ status: AgentStatus });

export const ModeEvent = z.object({ mode: WidgetMode });
export type ModeEvent = z.infer<typeof ModeEvent>;

export interface VisitorClientEvents {
  'message:send': (body: z.input<typeof SendMessage>, ack: AckFn<{ message: Message }>) => void;
  sync: (body: z.input<typeof VisitorSync>, ack: AckFn<VisitorSyncResult>) => void;
  'visitor:update': (body: z.input<typeof VisitorUpdate>, ack: AckFn<{ visitor: Visitor }>) => void;
}
/**
 * `resync`: the server may have missed fanning out events (its link to the other processes was
 * down); the client should catch up as after a reconnect ("everything after my last seq").
 */
export interface VisitorServerEvents {
  'message:new': (message: Message) => void;
  mode: (event: ModeEvent) => void;
  resync: () => void;
}

export interface AgentClientEvents {
  'message:send': (body: z.input<typeof AgentSendMessage>, ack: AckFn<{ message: Message }>) => void;
  'conversation:sync': (body: z.input<typeof ConversationSync>, ack: AckFn<{ messages: Message[]; hasMore: boolean }>) => void;
  'status:set': (body: z.input<typeof SetStatus>, ack: AckFn<{ status: AgentStatus }>) => void;
}
/** What agents hear of a new message: the message and its conversation as it now stands. */
export interface ConversationMessageEvent {
  conversation: Conversation;
  message: Message;
}

export interface AgentServerEvents {
  'conversation:message': (event: ConversationMessageEvent) => void;
  'visitor:updated': (visitor: Visitor) => void;
  resync: () => void;
}

/** Server-to-server events between the processes sharing rooms (Redis adapter). */
export interface InterServerEvents {
  /** "An agent of this account connected, left or changed status: recompute its widget mode." */
  'presence:changed': (accountId: string) => void;
}

/** What the server keeps on a widget socket after its handshake. */
export interface VisitorSocketData {
  accountId: string;
  visitor: Visitor;
}

/** What the server keeps on a dashboard socket after its handshake. */
export interface AgentSocketData {
  accountId: string;
  agent: Agent;
  sessionId: string;
}
