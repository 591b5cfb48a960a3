// The tables, as Kysely sees them. Every account-owned table carries account_id.
import type { Generated, Kysely } from 'kysely';

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

/** A4: account options (a row once changed; defaults otherwise). */
export interface AccountOptionsTable {
  account_id: string;
  /** Notify invisible agents of chats left unanswered: 0 or 1. */
  notify_invisible_when_slow: number;
  notify_invisible_delay_seconds: number;
  /** C1: seconds an owner has to answer before the chat returns to the queue (0: never). */
  queue_return_seconds: number;
  updated_at: string;
  /** Retention (migration 0015): delete conversations and visitors older than this many days (0: off). */
  retention_days: Generated<number>;
  retention_runs: Generated<number>;
  retention_last_run_at: Generated<string | null>;
  retention_last_deleted: Generated<number>;
  /** C8 (migration 0018): agent seats; the online visitors list shows 10 per seat. Null: unlimited. */
  seats?: number | null;
}

/** W3: an account's own widget texts in one language. */
export interface WidgetTextsTable {
  account_id: string;
  language: string;
  /** JSON object of text key → text, as text. */
  texts: string;
  updated_at: string;
}

/** A6: installation-wide values every process shares (the VAPID key pair), by key. */
export interface InstallationSettingsTable {
  key: string;
  /** JSON as text. */
  value: string;
  created_at: string;
}

/** A6: one browser's Web Push subscription of an agent. */
export interface PushSubscriptionsTable {
  id: string;
  account_id: string;
  agent_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  device: 'desktop' | 'phone';
  created_at: string;
}

/** A6: an agent's notification settings (a row once changed; defaults otherwise). 0 or 1 each. */
export interface AgentNotificationSettingsTable {
  agent_id: string;
  account_id: string;
  sound: number;
  new_chat: number;
  new_message: number;
  updated_at: string;
}

/**
 * Search (migration 0012): on SQLite the FTS5 tables `message_search` (text) and `visitor_search`
 * (name, email), external-content indexes over messages and visitors by rowid, kept by triggers;
 * on PostgreSQL the generated column messages.search_vector and GIN indexes. Only search/repo.ts
 * queries them, in SQL.
 */
export interface MessageSearchTable {
  rowid: number;
  text: string;
}
export interface VisitorSearchTable {
  rowid: number;
  name: string | null;
  email: string | null;
}

/** C6: a saved reply of an account, shared by its agents. */
export interface SavedRepliesTable {
  id: string;
  account_id: string;
  /** As typed (without the `/`). */
  keyword: string;
  /** Lower case: unique per account, so keywords are compared without case. */
  keyword_folded: string;
  text: string;
  /** The agent who created it (null once that agent is gone is fine: nothing reads it for access). */
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** C3 (migration 0014): one row per visitor once the widget reported a page view. */
export interface VisitorDetailsTable {
  visitor_id: string;
  account_id: string;
  current_url: string | null;
  current_title: string | null;
  /** JSON array of { url, title, at } of this visit, oldest first, capped. */
  pages: string;
  referrer: string | null;
  visits: number;
  visit_started_at: string;
  page_started_at: string;
  last_seen_at: string;
  language: string | null;
  time_zone: string | null;
  utc_offset_minutes: number | null;
  screen: string | null;
  device: string | null;
  os: string | null;
  browser: string | null;
  country: string | null;
  city: string | null;
  /** C8 (migration 0018): when the visitor last opened the chat window (written by online-visitors/ only). */
  chat_opened_at?: string | null;
}

/** T1: a trigger; conditions and action as JSON text (protocol TriggerCondition[] / TriggerAction). */
export interface TriggersTable {
  id: string;
  account_id: string;
  name: string;
  enabled: number;
  conditions: string;
  action: string;
  frequency: string;
  mode: string;
  template: string | null;
  created_at: string;
  updated_at: string;
}

/** T3: the account's "not invasive" settings (defaults when there is no row). */
export interface TriggerSettingsTable {
  account_id: string;
  min_delay_seconds: number;
  quiet_seconds: number;
  updated_at: string;
}

/** T1: one time a trigger acted for a visitor (at most once per trigger, visitor and page view). */
export interface TriggerFiringsTable {
  id: string;
  account_id: string;
  visitor_id: string;
  trigger_id: string;
  trigger_name: string;
  action_type: string;
  message_id: string | null;
  message_seq: number | null;
  page_url: string | null;
  page_started_at: string;
  visit: number;
  fired_at: string;
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

/** W4/I1 (migration 0019): one email to send; `sent_at` set once the SMTP server took it. */
export interface EmailOutboxTable {
  id: string;
  account_id: string;
  conversation_id: string | null;
  purpose: string;
  to_address: string;
  message_id: string;
  in_reply_to: string | null;
  references_ids: string | null;
  reply_to: string | null;
  unsubscribe_url: string | null;
  subject: string;
  text_body: string;
  html_body: string;
  attempts: number;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
}

/** W4/I1: the token of a Reply-To address: the visitor's (agent_id '') or one agent's. */
export interface EmailReplyTokensTable {
  token: string;
  account_id: string;
  conversation_id: string;
  agent_id: string;
  created_at: string;
}

/** W4: an address Palique emails, its unsubscribe token and whether it unsubscribed. */
export interface EmailRecipientsTable {
  account_id: string;
  address: string;
  unsubscribe_token: string;
  unsubscribed_at: string | null;
}

/** I1: the team's mailbox (transcripts, missed chats). */
export interface EmailSettingsTable {
  account_id: string;
  team_mailbox: string | null;
  updated_at: string;
}

/** I1: an agent's "email me new visitor messages while I am offline". */
export interface AgentEmailSettingsTable {
  agent_id: string;
  account_id: string;
  offline_email: number;
  updated_at: string;
}

/** The query builder over these tables. */
export type Db = Kysely<Database>;
