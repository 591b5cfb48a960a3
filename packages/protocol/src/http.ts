// Bodies, queries and responses of the HTTP API.
import { z } from 'zod';
import { AgentStatus, Role } from './common';
import { Conversation, Message, Visitor, VisitorData } from './messages';

const Email = z.string().trim().toLowerCase().max(254).email('must be an email address');
const Password = z.string().min(8, 'must be at least 8 characters').max(200);
const Name = z.string().trim().min(1, 'must not be empty').max(100);

export const SetupBody = z.object({ name: Name, email: Email, password: Password, siteName: Name });
export type SetupBody = z.infer<typeof SetupBody>;

export const LoginBody = z.object({ email: Email, password: z.string().min(1).max(200) });
export type LoginBody = z.infer<typeof LoginBody>;

export const SetupState = z.object({ needsSetup: z.boolean() });
export type SetupState = z.infer<typeof SetupState>;

export const Agent = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: Role,
  status: AgentStatus,
});
export type Agent = z.infer<typeof Agent>;

export const Account = z.object({ id: z.string(), name: z.string(), widgetId: z.string() });
export type Account = z.infer<typeof Account>;

export const Me = z.object({ agent: Agent, account: Account });
export type Me = z.infer<typeof Me>;

export const StatusBody = z.object({ status: AgentStatus });
export type StatusBody = z.infer<typeof StatusBody>;

export const ConversationView = z.enum(['queue', 'mine', 'all']);
export type ConversationView = z.infer<typeof ConversationView>;
export const ConversationListQuery = z.object({ view: ConversationView.default('all') });

export const ConversationList = z.object({ conversations: z.array(Conversation) });
export type ConversationList = z.infer<typeof ConversationList>;

export const ConversationDetail = z.object({
  conversation: Conversation,
  visitor: Visitor,
  messages: z.array(Message),
  /** More messages follow the last one: fetch them with `after` (messages are paged). */
  hasMore: z.boolean(),
});
export type ConversationDetail = z.infer<typeof ConversationDetail>;

export const MessageList = z.object({ messages: z.array(Message), hasMore: z.boolean() });
export type MessageList = z.infer<typeof MessageList>;

export const WidgetInstall = z.object({ widgetId: z.string(), snippet: z.string() });
export type WidgetInstall = z.infer<typeof WidgetInstall>;

/** The widget asks for a visitor token (new) or confirms the one it kept. */
export const VisitorSessionBody = z.object({ token: z.string().min(16).max(128).optional() });
export type VisitorSessionBody = z.infer<typeof VisitorSessionBody>;
export const VisitorSession = z.object({ token: z.string(), visitorId: z.string() });
export type VisitorSession = z.infer<typeof VisitorSession>;

/** Palique('setVisitor', …) */
export const VisitorUpdate = z
  .object({
    name: z.string().trim().max(100).nullable(),
    email: z.union([Email, z.literal('')]).nullable(),
    phone: z.string().trim().max(40).nullable(),
    data: VisitorData.refine((d) => Object.keys(d).length <= 50, 'at most 50 keys'),
  })
  .partial()
  .strict();
export type VisitorUpdate = z.infer<typeof VisitorUpdate>;
