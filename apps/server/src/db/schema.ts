// The tables, as Kysely sees them. Every account-owned table carries account_id.
import type { Generated, Kysely } from 'kysely';
import type { AccountOptionsTable, WidgetTextsTable, InstallationSettingsTable, PushSubscriptionsTable, AgentNotificationSettingsTable, MessageSearchTable, VisitorSearchTable, SavedRepliesTable, VisitorDetailsTable, TriggersTable, TriggerSettingsTable, TriggerFiringsTable, EmailOutboxTable, EmailReplyTokensTable, EmailRecipientsTable, EmailSettingsTable, AgentEmailSettingsTable } from './feature-tables';
export type { AccountOptionsTable, WidgetTextsTable, InstallationSettingsTable, PushSubscriptionsTable, AgentNotificationSettingsTable, MessageSearchTable, VisitorSearchTable, SavedRepliesTable, VisitorDetailsTable, TriggersTable, TriggerSettingsTable, TriggerFiringsTable, EmailOutboxTable, EmailReplyTokensTable, EmailRecipientsTable, EmailSettingsTable, AgentEmailSettingsTable } from './feature-tables';

export interface AccountsTable {
  id: string;
  name: string;
  widget_id: string;
  created_at: string;
}

/** One row (id 1) once the first-run setup has committed (migration 0002). */
export interface InstallationTable {
  id: number;
  /** The account the setup created. */
  account_id: string;
  set_up_at: string;
}

export interface AgentsTable {
  id: string;
  account_id: string;
  name: string;
  email: string;
  password_hash: string;
  role: 'owner' | 'admin' | 'agent';
  status: 'online' | 'invisible' | 'offline';
  created_at: string;
  /** W2: last connection, disconnection or status change (migration 0004); null until then. */
  last_active_at: string | null;
  /** A1 (migration 0006): job title, or null. */
  title: string | null;
  /** A1: changes with each new photo (it is in the avatar's URL); null: no photo. */
  avatar_version: string | null;
  /** A2: when the agent was removed (the row stays for the chats they wrote in); null: active. */
  removed_at: string | null;
}

/** A1: an agent's photo, re-encoded to WebP. */
export interface AgentAvatarsTable {
  agent_id: string;
  account_id: string;
  version: string;
  image: Buffer;
  updated_at: string;
}

/** A2: an invitation by email; the link's token is stored hashed. */
export interface InvitationsTable {
  id: string;
  account_id: string;
  email: string;
  role: 'admin' | 'agent';
  token_hash: string;
  invited_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
}

export interface SessionsTable {
  /** sha256 of the cookie's token: a stolen database does not hand out sessions. */
  id: string;
  account_id: string;
  agent_id: string;
  created_at: string;
  expires_at: string;
}

export interface VisitorsTable {
  id: string;
  account_id: string;
  token_hash: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  /** JSON object as text. */
  data: string;
  created_at: string;
  last_seen_at: string;
  /** W7: the site's user id this visitor is bound to by a valid signature (migration 0016). */
  external_id: string | null;
  /** C3 (migration 0015): agents' free notes about the visitor; null: none. */
  notes: string | null;
}

/** W7: the secret that signs `PaliqueSetup.clientId`, one per account (migration 0016). */
export interface WidgetIdentitySecretsTable {
  account_id: string;
  secret: string;
  updated_at: string;
}

/** W7: the tokens of an identified visitor's other devices (the first one is visitors.token_hash). */
export interface VisitorTokensTable {
  token_hash: string;
  account_id: string;
  visitor_id: string;
  created_at: string;
}

export interface ConversationsTable {
  id: string;
  account_id: string;
  visitor_id: string;
  assignee_id: string | null;
  last_seq: Generated<number>;
  last_message_text: string | null;
  last_message_author_type: 'visitor' | 'agent' | 'system' | null;
  last_message_at: string | null;
  created_at: string;
  /** W5: the highest seq the visitor has read, and the highest any agent has read. */
  visitor_read_seq: Generated<number>;
  agent_read_seq: Generated<number>;
  /** C1: 'open' or 'closed' (a visitor message reopens it). */
  status: Generated<'open' | 'closed'>;
  /** C1: removed from the queue with × until the visitor writes again: 0 or 1. */
  dismissed: Generated<number>;
  /** The seq of the visitor message that last reopened the chat (0: never). */
  reopened_seq: Generated<number>;
}

/** C2: an agent added to a chat. */
export interface ConversationParticipantsTable {
  account_id: string;
  conversation_id: string;
  agent_id: string;
  added_by: string;
  added_at: string;
}

/** Unread state per agent: the last seq each agent has read in each conversation. */
export interface ConversationReadsTable {
  account_id: string;
  agent_id: string;
  conversation_id: string;
  seq: number;
}

export interface MessagesTable {
  id: string;
  account_id: string;
  conversation_id: string;
  seq: number;
  client_id: string;
  author_type: 'visitor' | 'agent' | 'system';
  author_id: string | null;
  author_name: string | null;
  text: string;
  created_at: string;
  /** Files: the message's attachment as JSON text (protocol Attachment); null: none. */
  attachment: string | null;
  /** C5 (migration 0010): on an edit row, the id of the message it changes; null on messages. */
  edit_of: Generated<string | null>;
  /** C5: when the message was last edited, and the seq of that edit (0: never edited). */
  edited_at: Generated<string | null>;
  edited_seq: Generated<number>;
}

/** Files: one uploaded file; its bytes are DATA_DIR/files/<id> (and <id>.thumb.webp for images). */
export interface FilesTable {
  id: string;
  account_id: string;
  visitor_id: string;
  uploader_type: 'visitor' | 'agent';
  uploader_id: string;
  name: string;
  size: number;
  content_type: string;
  kind: 'image' | 'file';
  width: number | null;
  height: number | null;
  created_at: string;
}

/** R8: one durable timer; unique per (account_id, key). */
export interface TimersTable {
  id: string;
  account_id: string;
  kind: string;
  key: string;
  due_at: string;
  /** JSON object as text. */
  payload: string;
  /** The process whose lease holds it, until `claimed_until`. */
  claimed_by: string | null;
  claimed_until: string | null;
  fired_at: string | null;
  created_at: string;
}

/** A5: an agent's weekly working hours. */
export interface AgentSchedulesTable {
  agent_id: string;
  account_id: string;
  time_zone: string;
  /** JSON array of { day, start, end } as text. */
  days: string;
  updated_at: string;
}

export interface Database {
  widget_identity_secrets: WidgetIdentitySecretsTable;
  visitor_tokens: VisitorTokensTable;
  accounts: AccountsTable;
  installation: InstallationTable;
  agents: AgentsTable;
  sessions: SessionsTable;
  visitors: VisitorsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  timers: TimersTable;
  agent_schedules: AgentSchedulesTable;
  account_options: AccountOptionsTable;
  widget_texts: WidgetTextsTable;
  agent_avatars: AgentAvatarsTable;
  invitations: InvitationsTable;
  installation_settings: InstallationSettingsTable;
  push_subscriptions: PushSubscriptionsTable;
  agent_notification_settings: AgentNotificationSettingsTable;
  conversation_reads: ConversationReadsTable;
  conversation_participants: ConversationParticipantsTable;
  files: FilesTable;
  saved_replies: SavedRepliesTable;
  /** SQLite only (migration 0012). */
  message_search: MessageSearchTable;
  /** SQLite only (migration 0012). */
  visitor_search: VisitorSearchTable;
  visitor_details: VisitorDetailsTable;
  triggers: TriggersTable;
  trigger_settings: TriggerSettingsTable;
  trigger_firings: TriggerFiringsTable;
  email_outbox: EmailOutboxTable;
  email_reply_tokens: EmailReplyTokensTable;
  email_recipients: EmailRecipientsTable;
  email_settings: EmailSettingsTable;
  agent_email_settings: AgentEmailSettingsTable;
}

export type Db = Kysely<Database>;
