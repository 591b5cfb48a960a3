// The tables of the features around the chat (options, texts, push, search, saved replies, visitor
// details, triggers, email), as Kysely sees them: part of `Database` (db/schema.ts), which
// re-exports them. Every account-owned table carries account_id.
import type { Generated } from 'kysely';

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
