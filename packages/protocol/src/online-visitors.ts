// C8 / T5: the online visitors list (visitors with a widget connected now), its live changes, the
// `seats` account setting that caps it (10 visitors per agent seat), and "Start chat".
import { z } from 'zod';
import { ClientId, Conversation, Id, Message } from './entities';
import { MAX_MESSAGE_LENGTH } from './constants';

/** Visitors shown per agent seat (C8). */
export const VISITORS_PER_SEAT = 10;
/** The most rows GET /api/online-visitors answers with, whatever the seats. */
export const MAX_ONLINE_VISITORS_PAGE = 10_000;
/** How often each server process sends the agents of an account the changes to its list. */
export const ONLINE_VISITORS_FLUSH_MS = 1_000;
/** A visitor is "chatting now" while their open conversation had a message this recently. */
export const CHATTING_NOW_MS = 30 * 60_000;

/** One row of the list: who, where they are, and the status icons. */
export const OnlineVisitor = z.object({
  visitorId: Id,
  name: z.string().nullable(),
  email: z.string().nullable(),
  currentUrl: z.string().nullable(),
  currentTitle: z.string().nullable(),
  /** Pages seen in this visit. */
  pageCount: z.number().int(),
  referrer: z.string().nullable(),
  visits: z.number().int(),
  /** When this visit started (time on site ticks from it); null before the first page view. */
  visitStartedAt: z.string().nullable(),
  country: z.string().nullable(),
  city: z.string().nullable(),
  device: z.string().nullable(),
  os: z.string().nullable(),
  browser: z.string().nullable(),
  language: z.string().nullable(),
  /** An open conversation with a visitor message and a message within CHATTING_NOW_MS (pale grey row). */
  chatting: z.boolean(),
  /** Wrote to the team before, and not chatting now (grey row; "has chat history" icon). */
  chattedBefore: z.boolean(),
  /**
   * Received a proactive message: an agent or bot message (author other than the visitor) came
   * before the visitor's first message, or the visitor never wrote. Derived from messages, so a
   * trigger's message counts as soon as it is stored.
   */
  proactive: z.boolean(),
  /** Opened the chat window during this visit (the widget reports it). */
  chatOpened: z.boolean(),
});
export type OnlineVisitor = z.infer<typeof OnlineVisitor>;

/** The list's order, on the server (which caps it) and in the dashboard: longest on the site first, visitors without a page view last. */
export function compareOnlineVisitors(a: OnlineVisitor, b: OnlineVisitor): number {
  const ka = a.visitStartedAt ?? '\uffff';
  const kb = b.visitStartedAt ?? '\uffff';
  return ka < kb ? -1 : ka > kb ? 1 : a.visitorId < b.visitorId ? -1 : a.visitorId > b.visitorId ? 1 : 0;
}

/** GET /api/online-visitors?limit=N: the list, capped by the seats; `total` counts everyone online. */
export const OnlineVisitorsQuery = z.object({ limit: z.coerce.number().int().min(1).max(MAX_ONLINE_VISITORS_PAGE).optional() });
export interface OnlineVisitorsPage {
  visitors: OnlineVisitor[];
  total: number;
  /** Most visitors the account's seats let the list show; null: unlimited. */
  cap: number | null;
}

/**
 * Socket `visitors:changes`: one batch per server process and account at most every
 * ONLINE_VISITORS_FLUSH_MS. `reset`: the rows are the whole (capped) list, replacing the one shown.
 */
export interface OnlineVisitorsChanges {
  upserts: OnlineVisitor[];
  removals: string[];
  reset?: boolean;
  /** With `reset`: everyone online, of whom the capped rows are the first. */
  total?: number;
}

/** GET / PUT /api/account/seats (owner and admins): null = unlimited (the self-hosted default). */
export const SeatsSetting = z.object({ seats: z.number().int().min(1).max(10_000).nullable() });
export type SeatsSetting = z.infer<typeof SeatsSetting>;

/** T5: POST /api/online-visitors/:id/chat: an agent's first message to a visitor on the list. */
export const StartChat = z.object({ clientId: ClientId, text: z.string().trim().min(1).max(MAX_MESSAGE_LENGTH) });
export type StartChat = z.infer<typeof StartChat>;

/** The answer to "Start chat": the message and the visitor's conversation as it now stands. */
export const StartChatResult = z.object({ message: Message, conversation: Conversation });
export type StartChatResult = z.infer<typeof StartChatResult>;

/** GET /api/online-visitors, for clients that parse it. */
export const OnlineVisitorsPageSchema = z.object({ visitors: z.array(OnlineVisitor), total: z.number().int(), cap: z.number().int().nullable() });
