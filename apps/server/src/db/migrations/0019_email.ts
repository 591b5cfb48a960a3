// Email in and out (W4, C7, I1): the outbox of emails to send (a row per email, so a send is
// retried and never repeated once marked sent), the reply tokens of the Reply-To addresses, the
// addresses that unsubscribed, the team's mailbox and each agent's "email me while offline".
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('email_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('conversation_id', 'text')
    // What this email is (`visitor:<conversation>:<seq>`, `transcript:…`): the same content is queued once.
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('in_reply_to', 'text')
    .addColumn('references_ids', 'text')
    .addColumn('reply_to', 'text')
    .addColumn('unsubscribe_url', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('email_outbox_purpose').unique().on('email_outbox').columns(['account_id', 'purpose']).execute();
  await db.schema.createIndex('email_outbox_thread').on('email_outbox').columns(['account_id', 'conversation_id', 'to_address']).execute();
  await db.schema
    .createTable('email_reply_tokens')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    // '' for the visitor's token; an agent id for that agent's own token.
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('email_reply_tokens_owner').unique().on('email_reply_tokens').columns(['account_id', 'conversation_id', 'agent_id']).execute();
  await db.schema
    .createTable('email_recipients')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('unsubscribe_token', 'text', (c) => c.notNull().unique())
    .addColumn('unsubscribed_at', 'text')
    .addPrimaryKeyConstraint('email_recipients_pk', ['account_id', 'address'])
    .execute();
  await db.schema
    .createTable('email_settings')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id'))
    .addColumn('team_mailbox', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('agent_email_settings')
    .addColumn('agent_id', 'text', (c) => c.primaryKey().references('agents.id'))
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('offline_email', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
