// Bodies, queries and answers of the HTTP API. The socket events reuse the ones both ways of
// talking share (SendMessage, SetStatus, VisitorUpdate, AfterSeq, MessagePage).
import { z } from 'zod';
import { MAX_MESSAGE_LENGTH, MAX_VISITOR_DATA_KEYS } from './constants';
import { Account, Agent, AgentStatus, ClientId, Conversation, Message, TeamMember, Visitor, VisitorData } from './entities';
import type { ErrorInfo } from './errors';
import { normaliseLine, normaliseName, normaliseText } from './text';

const Email = z.string().overwrite(normaliseLine).trim().toLowerCase().max(254).email('must be an email address');
const Password = z.string().min(8, 'must be at least 8 characters').max(200);
const Name = z.string().overwrite(normaliseName).trim().min(1, 'must not be empty').max(100);

/** Message text as typed, normalised (text.ts: no control characters but \n and \t, no lone surrogates). */
const MessageText = z
  .string()
  .overwrite(normaliseText)
  .max(MAX_MESSAGE_LENGTH, `must be at most ${MAX_MESSAGE_LENGTH} characters`)
  .refine((s) => s.trim().length > 0, 'must not be empty');

/** Every error answer: `{ "error": { "code", "message" } }` (codes in errors.ts). */
export const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) satisfies z.ZodType<ErrorInfo> });
export type ErrorBody = z.infer<typeof ErrorBody>;

export const SetupBody = z.object({ name: Name, email: Email, password: Password, siteName: Name });
export type SetupBody = z.infer<typeof SetupBody>;

export const LoginBody = z.object({ email: Email, password: z.string().min(1).max(200) });
export type LoginBody = z.infer<typeof LoginBody>;

export const SetupState = z.object({ needsSetup: z.boolean() });
export type SetupState = z.infer<typeof SetupState>;

export const Me = z.object({ agent: Agent, account: Account });
export type Me = z.infer<typeof Me>;

/** An agent's status switch (PUT /api/me/status, socket `status:set`) and its answer. */
export const SetStatus = z.object({ status: AgentStatus });
export type SetStatus = z.infer<typeof SetStatus>;

/** Sending a message, from the widget or the dashboard (HTTP or socket). */
export const SendMessage = z.object({ clientId: ClientId, text: MessageText });
export type SendMessage = z.infer<typeof SendMessage>;

/** "Give me everything after seq N": how every client resumes (a query string counts too). */
export const AfterSeq = z.object({ after: z.coerce.number().int().min(0).default(0) });
export type AfterSeq = z.infer<typeof AfterSeq>;

/** A page of messages in seq order; `hasMore`: ask again after the last one. */
export const MessagePage = z.object({ messages: z.array(Message), hasMore: z.boolean() });
export type MessagePage = z.infer<typeof MessagePage>;

export const ConversationView = z.enum(['queue', 'mine', 'all', 'closed']);
export type ConversationView = z.infer<typeof ConversationView>;
export const ConversationListQuery = z.object({
  view: ConversationView.default('all'),
  /** C1: the `nextCursor` of the previous page (newest activity first). */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(200),
});

export const ConversationList = z.object({
  conversations: z.array(Conversation),
  /** C1: where the next (older) page starts; null on the last page. */
  nextCursor: z.string().nullable(),
});

/** C2: "Transfer" and "Add agent" name the agent. */
export const AgentChoice = z.object({ agentId: z.string().min(1).max(100) });

/** C2: the account's agents to choose from in "Transfer" and "Add agent". */
export const TeamList = z.object({ team: z.array(TeamMember) });

/** C2: who was added to a chat. */
export const ConversationParticipants = z.object({ participantIds: z.array(z.string()) });

/** Unread state: this agent's read position per conversation. */
export const AgentReads = z.object({ reads: z.record(z.string(), z.number()) });

/** C1: how many conversations each list holds, for the tabs. */
export const ConversationCounts = z.object({ queue: z.number(), mine: z.number(), all: z.number(), closed: z.number() });
export type ConversationCounts = z.infer<typeof ConversationCounts>;
export type ConversationList = z.infer<typeof ConversationList>;

/** A conversation as it opens: its visitor and the first page of its messages. */
export const ConversationDetail = MessagePage.extend({ conversation: Conversation, visitor: Visitor });
export type ConversationDetail = z.infer<typeof ConversationDetail>;

export const WidgetInstall = z.object({ widgetId: z.string(), snippet: z.string() });
export type WidgetInstall = z.infer<typeof WidgetInstall>;

/** The widget asks for a visitor token (new) or confirms the one it kept. */
export const VisitorSessionBody = z.object({ token: z.string().min(16).max(128).optional() });
export type VisitorSessionBody = z.infer<typeof VisitorSessionBody>;
export const VisitorSession = z.object({ token: z.string(), visitorId: z.string() });
export type VisitorSession = z.infer<typeof VisitorSession>;

/** Palique('setVisitor', …), sent as the socket event `visitor:update`. */
export const VisitorUpdate = z
  .object({
    name: z.string().overwrite(normaliseName).trim().max(100).nullable(),
    email: z.union([Email, z.literal('')]).nullable(),
    phone: z.string().overwrite(normaliseLine).trim().max(40).nullable(),
    data: VisitorData.refine((d) => Object.keys(d).length <= MAX_VISITOR_DATA_KEYS, `at most ${MAX_VISITOR_DATA_KEYS} keys`),
  })
  .partial()
  .strict();
export type VisitorUpdate = z.infer<typeof VisitorUpdate>;

/** A5: a local time of day, "HH:MM" (24-hour). */
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM');

/** An IANA time zone this browser and server know ("Europe/Madrid"). */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone');

/**
 * A5: one working day of the week, ISO numbering (1 = Monday … 7 = Sunday), in the schedule's
 * time zone. An `end` at or before `start` ends on the next day (night shifts). Its length must
 * be 1 to 23 hours (error `working_day_length`).
 */
export const WorkingDay = z.object({ day: z.number().int().min(1).max(7), start: LocalTime, end: LocalTime });
export type WorkingDay = z.infer<typeof WorkingDay>;

/** A5: an agent's weekly working hours (PUT /api/me/schedule); no days means none. */
export const WorkingHours = z.object({
  timeZone: TimeZone,
  days: z
    .array(WorkingDay)
    .max(7)
    .refine((days) => new Set(days.map((d) => d.day)).size === days.length, 'at most one working day per day of the week'),
});
export type WorkingHours = z.infer<typeof WorkingHours>;

/** GET /api/me/schedule: the schedule (null when none) and when Palique next switches the status. */
export const WorkingHoursState = z.object({
  schedule: WorkingHours.nullable(),
  next: z.object({ at: z.string(), status: AgentStatus }).nullable(),
});
export type WorkingHoursState = z.infer<typeof WorkingHoursState>;

/** A4: the account option "Notify me of new chats while invisible if the online agents are slow to answer". */
export const AccountOptions = z.object({
  notifyInvisibleWhenSlow: z.boolean(),
  /** How long a new chat waits for an answer before invisible agents hear of it. */
  notifyInvisibleDelaySeconds: z.number().int().min(10).max(86_400),
  /** C1: seconds an owner has to answer the visitor before the chat returns to the queue; 0 = never. Kept as it is when left out. */
  queueReturnSeconds: z.number().int().min(0).max(86_400).optional(),
});
export type AccountOptions = z.infer<typeof AccountOptions>;

/** A2: who may be invited: the owner is never invited (ownership is handed over). */
export const InvitedRole = z.enum(['admin', 'agent']);
export type InvitedRole = z.infer<typeof InvitedRole>;

/** A2: "Invite agent": email and role. */
export const InviteBody = z.object({ email: Email, role: InvitedRole });
export type InviteBody = z.infer<typeof InviteBody>;

/** A2: an invitation still waiting to be used (never its token). */
export const Invitation = z.object({
  id: z.string(),
  email: z.string(),
  role: InvitedRole,
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type Invitation = z.infer<typeof Invitation>;

/** A2: the answer to an invitation: the link is given when no email went out (no SMTP_URL). */
export const InvitationSent = z.object({ invitation: Invitation, emailed: z.boolean(), link: z.string().nullable() });
export type InvitationSent = z.infer<typeof InvitationSent>;

/** A2: the "Agents" section: the team with roles and statuses, and the pending invitations. */
export const TeamPage = z.object({ agents: z.array(Agent), invitations: z.array(Invitation) });
export type TeamPage = z.infer<typeof TeamPage>;

/** A2: changing a colleague's role (the owner's role only changes by handing ownership over). */
export const SetRoleBody = z.object({ role: InvitedRole });
export type SetRoleBody = z.infer<typeof SetRoleBody>;

/** A2: what the join page shows of a working invitation. */
export const InvitationPreview = z.object({ email: z.string(), role: InvitedRole, accountName: z.string() });
export type InvitationPreview = z.infer<typeof InvitationPreview>;

/** A2: "Join": the invited colleague's name and password. */
export const JoinBody = z.object({ name: Name, password: Password });
export type JoinBody = z.infer<typeof JoinBody>;

/** A1: the signed-in agent's profile: full name and title (empty title: none). */
export const ProfileBody = z.object({ name: Name, title: z.string().trim().max(100) });
export type ProfileBody = z.infer<typeof ProfileBody>;

/** A6: GET /api/push/key, the VAPID public key browsers subscribe with (base64url). */
export const PushKey = z.object({ publicKey: z.string() });
export type PushKey = z.infer<typeof PushKey>;

/** A6: whether a push subscription is on a desktop or a phone (the phone's notice waits 30 s). */
export const PushDevice = z.enum(['desktop', 'phone']);
export type PushDevice = z.infer<typeof PushDevice>;

/**
 * A6: POST /api/push/subscriptions, a browser's PushSubscription as `toJSON()` gives it, plus the
 * device when the dashboard knows it (otherwise the server reads the User-Agent). The server
 * also requires an https endpoint.
 */
export const PushSubscriptionBody = z.object({
  endpoint: z.string().url().max(2048),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({
    p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}={0,2}$/, 'must be a base64url P-256 public key'),
    auth: z.string().regex(/^[A-Za-z0-9_-]{16,32}={0,2}$/, 'must be a base64url secret'),
  }),
  device: PushDevice.optional(),
});
export type PushSubscriptionBody = z.infer<typeof PushSubscriptionBody>;

/** A6: DELETE /api/push/subscriptions (the browser unsubscribed). */
export const PushUnsubscribeBody = z.object({ endpoint: z.string().url().max(2048) });
export type PushUnsubscribeBody = z.infer<typeof PushUnsubscribeBody>;

/**
 * A6: POST /api/push/seen, the agent opened this conversation on a screen they are looking at:
 * a phone notice still waiting for it is dropped.
 */
export const PushSeenBody = z.object({ conversationId: z.string().min(1).max(64) });
export type PushSeenBody = z.infer<typeof PushSeenBody>;

/** A6: an agent's own notification settings (GET/PUT /api/me/notification-settings). */
export const NotificationSettings = z.object({
  sound: z.boolean(),
  /** A visitor's first message (a new chat), and A4's waiting chats. */
  newChat: z.boolean(),
  /** Later messages of a chat. */
  newMessage: z.boolean(),
});
export type NotificationSettings = z.infer<typeof NotificationSettings>;

/** A6: what a push carries to the service worker (encrypted on the way). */
export interface PushPayload {
  title: string;
  body: string;
  /** The dashboard path the click opens. */
  url: string;
  /** Notices of one conversation replace each other. */
  tag: string;
  sound: boolean;
}

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
