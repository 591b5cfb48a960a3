// Bodies, queries and answers of the HTTP API about visitors and finding things: search, the
// visitor column (contact details and notes, earlier conversations, browsing details), page views
// and data retention. The rest is in http.ts.
import { z } from 'zod';
import { MAX_PAGE_TITLE_LENGTH, MAX_PAGE_URL_LENGTH } from './constants';
import { Conversation, Message, VisitorDetails } from './entities';
import { normaliseLine, normaliseName, normaliseText } from './text';
import { Email } from './fields';

/** Search: at most this many characters of query text, and of words in it. */
export const MAX_SEARCH_QUERY_LENGTH = 200;

/**
 * Search: GET /api/conversations/search?q=… finds conversations by visitor name, email or
 * message text (every word, each also as the start of a longer word: "ord" finds "order").
 * Operators of the search engines are plain text here: quotes, `*`, `-`, NEAR, parentheses.
 */
export const ConversationSearchQuery = z.object({
  q: z
    .string()
    .overwrite(normaliseLine)
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_SEARCH_QUERY_LENGTH, `must be at most ${MAX_SEARCH_QUERY_LENGTH} characters`),
  /** The `nextCursor` of the previous page: how many results the pages before held. */
  cursor: z.string().regex(/^\d{1,4}$/, 'must be the nextCursor of a previous page').optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type ConversationSearchQuery = z.infer<typeof ConversationSearchQuery>;

/**
 * Plain text with the parts that matched as [start, end) offsets (UTF-16 code units, in order,
 * not overlapping): clients render them as elements (<mark>), never as HTML.
 */
export const HighlightedText = z.object({
  text: z.string(),
  highlights: z.array(z.object({ start: z.number().int().min(0), end: z.number().int().min(0) })),
});
export type HighlightedText = z.infer<typeof HighlightedText>;

/** Search: one conversation found, with what matched in it. */
export const ConversationSearchHit = z.object({
  conversation: Conversation,
  /** The visitor's email when their name or email matched. */
  visitorEmail: z.string().nullable(),
  /** The newest message that matched; null when only the visitor's name or email did. */
  message: Message.pick({ id: true, seq: true, authorType: true, createdAt: true }).nullable(),
  /** Around the match: a part of the message, or the visitor's name and email. */
  snippet: HighlightedText,
});
export type ConversationSearchHit = z.infer<typeof ConversationSearchHit>;

export const ConversationSearchResults = z.object({
  hits: z.array(ConversationSearchHit),
  /** Where the next (older) page starts; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type ConversationSearchResults = z.infer<typeof ConversationSearchResults>;

/** C3: the small CRM an agent edits in the visitor column: contact details and free notes. */
export const MAX_VISITOR_NOTES_LENGTH = 5000;
export const VisitorCrmUpdate = z
  .object({
    name: z.string().overwrite(normaliseName).trim().max(100).nullable(),
    email: z.union([Email, z.literal('')]).nullable(),
    phone: z.string().overwrite(normaliseLine).trim().max(40).nullable(),
    notes: z.string().overwrite(normaliseText).max(MAX_VISITOR_NOTES_LENGTH).nullable(),
  })
  .partial()
  .strict();
export type VisitorCrmUpdate = z.infer<typeof VisitorCrmUpdate>;

/** C3: the visitor's conversations, newest first (the column lists the earlier ones). */
export const VisitorConversationList = z.object({ conversations: z.array(Conversation) });
export type VisitorConversationList = z.infer<typeof VisitorConversationList>;

/** Data protection: "Delete conversations and visitors older than N days" (0: off). */
export const RetentionSetting = z.object({ days: z.number().int().min(0).max(36_500) }).strict();
export type RetentionSetting = z.infer<typeof RetentionSetting>;
/** The setting with what the daily job did last. */
export const RetentionStatus = z.object({ days: z.number(), runs: z.number(), lastRunAt: z.string().nullable(), lastDeleted: z.number() });
export type RetentionStatus = z.infer<typeof RetentionStatus>;

/** An http(s) URL of at most MAX_PAGE_URL_LENGTH characters (C3 page views; nothing else is kept). */
const PageUrl = z
  .string()
  .max(MAX_PAGE_URL_LENGTH, `must be at most ${MAX_PAGE_URL_LENGTH} characters`)
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');

/**
 * C3: a page view the loader saw (the first page, history changes, Palique('pageView')), posted
 * by the chat app to POST /api/widget/:widgetId/page-views with the visitor token.
 */
export const PageView = z
  .object({
    url: PageUrl,
    title: z.string().overwrite(normaliseLine).trim().max(MAX_PAGE_TITLE_LENGTH).default(''),
    /** Only the first page view of a page load carries it; '' when there was none. */
    referrer: z.union([PageUrl, z.literal('')]).optional(),
    language: z.string().max(35).regex(/^[A-Za-z0-9-]*$/).optional(),
    timeZone: z.string().max(64).regex(/^[A-Za-z0-9_+\-/]*$/).optional(),
    /** Minutes east of UTC (-new Date().getTimezoneOffset()). */
    utcOffsetMinutes: z.number().int().min(-14 * 60).max(14 * 60).optional(),
    screen: z.string().max(20).regex(/^\d{1,5}x\d{1,5}$/).optional(),
  })
  .strict();
export type PageView = z.input<typeof PageView>;

/** C3: GET /api/visitors/:id/details: null before the first page view; where shown, the location carries its attribution. */
export const VisitorDetailsAnswer = z.object({
  details: VisitorDetails.nullable(),
  attribution: z.object({ text: z.string(), url: z.string() }),
});
export type VisitorDetailsAnswer = z.infer<typeof VisitorDetailsAnswer>;
