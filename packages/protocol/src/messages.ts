// Messages and conversations as both UIs see them.
import { z } from 'zod';
import { ClientId, Id, MessageText, Seq } from './common';

export const AuthorType = z.enum(['visitor', 'agent', 'system']);
export type AuthorType = z.infer<typeof AuthorType>;

export const Message = z.object({
  id: Id,
  conversationId: Id,
  seq: Seq,
  clientId: z.string(),
  authorType: AuthorType,
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  text: z.string(),
  createdAt: z.string(),
});
export type Message = z.infer<typeof Message>;

export const VisitorData = z.record(
  z.string().min(1).max(64),
  z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]),
);
export type VisitorData = z.infer<typeof VisitorData>;

export const Visitor = z.object({
  id: Id,
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  data: VisitorData,
  createdAt: z.string(),
  lastSeenAt: z.string(),
});
export type Visitor = z.infer<typeof Visitor>;

export const Conversation = z.object({
  id: Id,
  visitorId: Id,
  visitorName: z.string().nullable(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  lastSeq: Seq,
  lastMessageText: z.string().nullable(),
  lastMessageAuthorType: AuthorType.nullable(),
  lastMessageAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Conversation = z.infer<typeof Conversation>;

/** Sending a message, from the widget or the dashboard (HTTP or socket). */
export const SendMessage = z.object({ clientId: ClientId, text: MessageText });
export type SendMessage = z.infer<typeof SendMessage>;

/** At most this many messages per answer; `hasMore` says to ask again after the last one. */
export const MESSAGE_PAGE_SIZE = 500;

/** "Give me everything after seq N": how every client resumes. */
export const SyncQuery = z.object({ after: z.coerce.number().int().min(0).default(0) });
export type SyncQuery = z.infer<typeof SyncQuery>;
