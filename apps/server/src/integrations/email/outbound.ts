// W4, C7, I1 outgoing email. Listens to domain events (never called by the message service):
// - an agent's reply to a visitor who is away (no widget connected) is emailed after a delay,
//   every reply of that delay in one email (a durable timer per conversation, kept if waiting;
//   a reply while the batch is being sent starts the next batch);
// - a visitor's message reaches the agents who asked for email while offline, batched alike;
// - a closed chat's transcript, and a chat nobody answered, go to the team's mailbox.
// Every email is first queued in the outbox (one row per purpose: queued once) with a durable
// retry timer, then sent; a failed send is retried with backoff, a process that died mid-send is
// followed by a retry (at once by a batch that fires again, else by that timer), and a row marked
// sent is never sent again.
import crypto from 'node:crypto';
import type { Conversation, Message } from '@palique/protocol';
import type { Db } from '../../db/index';
import type { Clock } from '../../clock';
import type { EventBus } from '../../events';
import type { FiredTimer, TimerService } from '../../timers/service';
import { newId } from '../../ids';
import type { Mailer } from './mailer';
import { renderEmail, type EmailContent } from './render';
import { emailTexts, teamTexts } from './texts';
import * as repo from './repo';

export interface EmailPeople {
  accountName(accountId: string): Promise<string>;
  conversation(accountId: string, id: string): Promise<Conversation>;
  messagesAfter(accountId: string, conversationId: string, after: number): Promise<{ messages: Message[]; hasMore: boolean }>;
  visitor(accountId: string, visitorId: string): Promise<{ email: string | null; name: string | null }>;
  /** C3: the page the visitor was last on and their browser's language. */
  visitorPlace(accountId: string, visitorId: string): Promise<{ url: string | null; language: string | null }>;
  /** A widget of this visitor is connected now (on any process). */
  visitorConnected(accountId: string, visitorId: string): Promise<boolean>;
  agents(accountId: string): Promise<Array<{ id: string; name: string; email: string }>>;
  connectedAgentIds(accountId: string): Promise<string[]>;
}

export interface OutboundOptions {
  db: Db;
  events: EventBus;
  timers: TimerService;
  clock: Clock;
  mailer: Mailer;
  people: EmailPeople;
  publicUrl: string;
  /** Replies go to this address with `+<token>` added to its local part. */
  replyAddress: string;
  /** W4: how long a reply waits (and gathers later replies) before it is emailed to an away visitor. */
  replyDelayMs: number;
  /** I1: how long a chat waits for an agent before it is a missed chat. */
  missedDelayMs: number;
}

type Log = { error: (o: object, m: string) => void; warn: (o: object, m: string) => void };

const VISITOR_BATCH = 'email-visitor';
const AGENT_BATCH = 'email-agent';
const MISSED = 'email-missed';
const SEND = 'email-send';
const MAX_ATTEMPTS = 10;
const RETRY_BASE_MS = 30_000;
const RETRY_MAX_MS = 3_600_000;
const THREAD_REFERENCES = 20;
/** A queued email's safety net: if its process dies before the first try ends, it is tried after this. */
const UNTRIED_RETRY_MS = 10 * 60_000;

/** 128 random bits, hex: reply tokens and unsubscribe tokens (unguessable). */
export const randomToken = () => crypto.randomBytes(16).toString('hex');

/** `support@acme.com` + token → `support+<token>@acme.com`. */
export function replyAddressFor(replyAddress: string, token: string): string {
  const at = replyAddress.lastIndexOf('@');
  return `${replyAddress.slice(0, at)}+${token}${replyAddress.slice(at)}`;
}

const visitorLabel = (c: Conversation, email: string | null) => c.visitorName ?? email ?? 'a visitor';

export class EmailOutbound {
  private readonly off: Array<() => void> = [];

  constructor(
    private readonly o: OutboundOptions,
    private readonly log: Log,
  ) {
    o.timers.handle(VISITOR_BATCH, (t) => this.visitorBatchDue(t));
    o.timers.handle(AGENT_BATCH, (t) => this.agentBatchDue(t));
    o.timers.handle(MISSED, (t) => this.missedDue(t));
    o.timers.handle(SEND, (t) => this.sendDue(t));
    this.off.push(
      o.events.on('message.created', ({ accountId, message, conversation }) => this.onMessage(accountId, message, conversation)),
      o.events.on('conversation.closed', ({ accountId, conversation }) => this.onClosed(accountId, conversation)),
    );
  }

  close(): void {
    this.off.forEach((off) => off());
  }

  private later(ms: number): Date {
    return new Date(this.o.clock.now().getTime() + ms);
  }

  private async onMessage(accountId: string, message: Message, conversation: Conversation): Promise<void> {
    const { timers } = this.o;
    if (message.editOf) return;
    if (message.authorType === 'agent') {
      // The first reply starts the batch; later ones join it (the timer is kept, not pushed back).
      // One that comes while the batch is being sent may be too late for it: it starts the next.
      await timers.schedule({ accountId, kind: VISITOR_BATCH, key: `${VISITOR_BATCH}:${conversation.id}`, dueAt: this.later(this.o.replyDelayMs), ifAbsent: 'or-running' });
      await timers.cancel(accountId, `${MISSED}:${conversation.id}`);
      return;
    }
    if (message.authorType !== 'visitor') return;
    if ((await repo.findSettings(this.o.db, accountId))?.team_mailbox) {
      await timers.schedule({ accountId, kind: MISSED, key: `${MISSED}:${conversation.id}`, dueAt: this.later(this.o.missedDelayMs), ifAbsent: true });
    }
    const wanting = new Set(await repo.offlineEmailAgentIds(this.o.db, accountId));
    if (wanting.size === 0) return;
    const connected = new Set(await this.o.people.connectedAgentIds(accountId));
    for (const agentId of wanting) {
      if (connected.has(agentId)) continue;
      const key = `${AGENT_BATCH}:${agentId}:${conversation.id}`;
      await timers.schedule({ accountId, kind: AGENT_BATCH, key, dueAt: this.later(this.o.replyDelayMs), payload: { agentId }, ifAbsent: 'or-running' });
    }
  }

  private async onClosed(accountId: string, conversation: Conversation): Promise<void> {
    const mailbox = (await repo.findSettings(this.o.db, accountId))?.team_mailbox;
    if (!mailbox) return;
    const messages = await this.thread(accountId, conversation.id);
    if (messages.length === 0) return;
    const { email } = await this.o.people.visitor(accountId, conversation.visitorId);
    const who = visitorLabel(conversation, email);
    await this.teamEmail(accountId, conversation, mailbox, `transcript:${conversation.id}:${conversation.lastSeq}`, {
      subject: teamTexts.transcriptSubject(who, await this.o.people.accountName(accountId)),
      intro: teamTexts.transcriptIntro(who),
      messages,
    });
  }

  /** The whole thread, oldest first. */
  private async thread(accountId: string, conversationId: string): Promise<Message[]> {
    const all: Message[] = [];
    for (let after = 0; ; ) {
      const page = await this.o.people.messagesAfter(accountId, conversationId, after);
      all.push(...page.messages);
      if (!page.hasMore || page.messages.length === 0) return all;
      after = page.messages[page.messages.length - 1]!.seq;
    }
  }

  /**
   * The highest seq an earlier email of this kind covered (`<kind>:<conversation>:<seq>`). An
   * email queued but never tried (its process died mid-send, before any failure was recorded, so
   * no retry is scheduled) is tried now: it covers those messages, so nothing else would send them.
   */
  private async coveredSeq(accountId: string, conversationId: string, kind: string): Promise<number> {
    for (const row of await repo.untried(this.o.db, accountId, conversationId, kind)) await this.sendQueued(row);
    const purposes = await repo.purposesOf(this.o.db, accountId, conversationId, kind);
    return Math.max(0, ...purposes.map((p) => Number(p.slice(p.lastIndexOf(':') + 1)) || 0));
  }

  // Second run (R8): the email is queued under a purpose naming the last message it covers, so
  // a second run finds the same row (sent or not) and sends nothing new.
  private async visitorBatchDue(t: FiredTimer): Promise<void> {
    const { people } = this.o;
    const conversationId = t.key.slice(VISITOR_BATCH.length + 1);
    const conversation = await people.conversation(t.accountId, conversationId).catch(() => undefined);
    if (!conversation) return;
    if (await people.visitorConnected(t.accountId, conversation.visitorId)) return;
    const { email } = await people.visitor(t.accountId, conversation.visitorId);
    if (!email) return;
    const kind = `visitor:${conversationId}`;
    const messages = await this.thread(t.accountId, conversationId);
    const covered = await this.coveredSeq(t.accountId, conversationId, kind);
    const replies = messages.filter((m) => m.authorType === 'agent' && !m.editOf && m.seq > covered);
    if (replies.length === 0) return;
    const recipient = await repo.keepRecipient(this.o.db, t.accountId, email, randomToken());
    if (recipient.unsubscribed_at) return;
    const [site, place] = await Promise.all([people.accountName(t.accountId), people.visitorPlace(t.accountId, conversation.visitorId)]);
    const texts = emailTexts(place.language);
    const unsubscribeUrl = `${this.o.publicUrl}/email/unsubscribe?token=${recipient.unsubscribe_token}`;
    await this.queueAndSend(t.accountId, conversation, email, `${kind}:${replies[replies.length - 1]!.seq}`, {
      subject: texts.visitorSubject(site),
      replyToken: await this.replyToken(t.accountId, conversationId, ''),
      unsubscribeUrl,
      content: {
        intro: texts.visitorIntro(site),
        messages,
        ...(place.url ? { link: { label: texts.continueOnSite, url: place.url } } : {}),
        footer: texts.visitorFooter(site),
        unsubscribe: { label: texts.unsubscribe, url: unsubscribeUrl },
      },
    });
  }

  // Second run: as the visitor's batch (purpose names the last visitor message it covers).
  private async agentBatchDue(t: FiredTimer<{ agentId: string }>): Promise<void> {
    const { people } = this.o;
    const { agentId } = t.payload;
    const conversationId = t.key.slice(t.key.lastIndexOf(':') + 1);
    if ((await people.connectedAgentIds(t.accountId)).includes(agentId)) return;
    if (!(await repo.offlineEmailAgentIds(this.o.db, t.accountId)).includes(agentId)) return;
    const agent = (await people.agents(t.accountId)).find((a) => a.id === agentId);
    const conversation = await people.conversation(t.accountId, conversationId).catch(() => undefined);
    if (!agent || !conversation) return;
    const kind = `agent:${agentId}:${conversationId}`;
    const messages = await this.thread(t.accountId, conversationId);
    const covered = await this.coveredSeq(t.accountId, conversationId, kind);
    const fresh = messages.filter((m) => m.authorType === 'visitor' && !m.editOf && m.seq > covered);
    if (fresh.length === 0) return;
    const { email } = await people.visitor(t.accountId, conversation.visitorId);
    const who = visitorLabel(conversation, email);
    const site = await people.accountName(t.accountId);
    await this.queueAndSend(t.accountId, conversation, agent.email, `${kind}:${fresh[fresh.length - 1]!.seq}`, {
      subject: teamTexts.agentSubject(who, site),
      replyToken: await this.replyToken(t.accountId, conversationId, agentId),
      content: {
        intro: teamTexts.agentIntro(who),
        messages,
        link: { label: teamTexts.openInDashboard, url: `${this.o.publicUrl}/conversations/${conversationId}` },
        footer: teamTexts.teamFooter(site),
      },
    });
  }

  // Second run: stops when an agent answered meanwhile; else finds the queued row (one purpose per chat).
  private async missedDue(t: FiredTimer): Promise<void> {
    const conversationId = t.key.slice(MISSED.length + 1);
    const mailbox = (await repo.findSettings(this.o.db, t.accountId))?.team_mailbox;
    const conversation = await this.o.people.conversation(t.accountId, conversationId).catch(() => undefined);
    if (!mailbox || !conversation) return;
    const messages = await this.thread(t.accountId, conversationId);
    if (messages.some((m) => m.authorType === 'agent')) return;
    const { email } = await this.o.people.visitor(t.accountId, conversation.visitorId);
    const who = visitorLabel(conversation, email);
    await this.teamEmail(t.accountId, conversation, mailbox, `missed:${conversationId}:${conversation.lastSeq}`, {
      subject: teamTexts.missedSubject(who, await this.o.people.accountName(t.accountId)),
      intro: teamTexts.missedIntro(who),
      messages,
    });
  }

  private async teamEmail(accountId: string, conversation: Conversation, to: string, purpose: string, c: { subject: string; intro: string; messages: Message[] }) {
    const site = await this.o.people.accountName(accountId);
    await this.queueAndSend(accountId, conversation, to, purpose, {
      subject: c.subject,
      content: {
        intro: c.intro,
        messages: c.messages,
        link: { label: teamTexts.openInDashboard, url: `${this.o.publicUrl}/conversations/${conversation.id}` },
        footer: teamTexts.teamFooter(site),
      },
    });
  }

  private replyToken(accountId: string, conversationId: string, agentId: string): Promise<string> {
    return repo.keepReplyToken(this.o.db, { token: randomToken(), account_id: accountId, conversation_id: conversationId, agent_id: agentId, created_at: this.o.clock.now().toISOString() });
  }

  /** W4: an email that is not about a conversation's thread (a notice to a sender), queued and sent the same way. */
  async notify(accountId: string, to: string, purpose: string, subject: string, text: string): Promise<void> {
    const id = newId();
    const row = await repo.queueEmail(this.o.db, this.outboxRow(accountId, null, id, purpose, to, subject, { text, html: renderEmail({ intro: text, messages: [], footer: '' }).html }, [], undefined, undefined));
    await this.sendQueued(row);
  }

  private async queueAndSend(
    accountId: string,
    conversation: Conversation,
    to: string,
    purpose: string,
    e: { subject: string; content: EmailContent; replyToken?: string; unsubscribeUrl?: string },
  ): Promise<void> {
    const earlier = await repo.threadMessageIds(this.o.db, accountId, conversation.id, to);
    const body = renderEmail(e.content);
    const replyTo = e.replyToken ? replyAddressFor(this.o.replyAddress, e.replyToken) : undefined;
    const subject = earlier.length > 0 ? `Re: ${e.subject}` : e.subject;
    const row = await repo.queueEmail(this.o.db, this.outboxRow(accountId, conversation.id, newId(), purpose, to, subject, body, earlier, replyTo, e.unsubscribeUrl));
    await this.sendQueued(row);
  }

  /** Schedules the durable retry first (kept if one is pending), so a crash mid-send still leads to a send. */
  private async sendQueued(row: repo.OutboxRow): Promise<void> {
    if (row.sent_at) return;
    await this.o.timers.schedule({ accountId: row.account_id, kind: SEND, key: `${SEND}:${row.id}`, dueAt: this.later(UNTRIED_RETRY_MS), ifAbsent: true });
    await this.attempt(row);
  }

  private outboxRow(
    accountId: string,
    conversationId: string | null,
    id: string,
    purpose: string,
    to: string,
    subject: string,
    body: { text: string; html: string },
    earlier: string[],
    replyTo: string | undefined,
    unsubscribeUrl: string | undefined,
  ): repo.OutboxRow {
    const domain = this.o.replyAddress.slice(this.o.replyAddress.lastIndexOf('@') + 1);
    const references = earlier.slice(-THREAD_REFERENCES);
    return {
      id,
      account_id: accountId,
      conversation_id: conversationId,
      purpose,
      to_address: to,
      message_id: `<${id}.${randomToken().slice(0, 12)}@${domain}>`,
      in_reply_to: references.at(-1) ?? null,
      references_ids: references.length > 0 ? references.join(' ') : null,
      reply_to: replyTo ?? null,
      unsubscribe_url: unsubscribeUrl ?? null,
      subject,
      text_body: body.text,
      html_body: body.html,
      attempts: 0,
      last_error: null,
      sent_at: null,
      created_at: this.o.clock.now().toISOString(),
    };
  }

  // Second run: reads the row again; one marked sent is not sent again.
  private async sendDue(t: FiredTimer): Promise<void> {
    const row = await repo.findOutbox(this.o.db, t.accountId, t.key.slice(SEND.length + 1));
    if (row) await this.attempt(row);
  }

  /** Sends a queued email unless it was sent; a failure schedules the next try (backoff), durably. */
  private async attempt(row: repo.OutboxRow): Promise<void> {
    if (row.sent_at) return;
    try {
      await this.o.mailer.send({
        to: row.to_address,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
        messageId: row.message_id,
        ...(row.reply_to ? { replyTo: row.reply_to } : {}),
        ...(row.in_reply_to ? { inReplyTo: row.in_reply_to } : {}),
        ...(row.references_ids ? { references: row.references_ids.split(' ') } : {}),
        ...(row.unsubscribe_url ? { unsubscribeUrl: row.unsubscribe_url } : {}),
      });
    } catch (err) {
      const attempts = await repo.markFailed(this.o.db, row.account_id, row.id, err instanceof Error ? err.message : String(err));
      if (attempts >= MAX_ATTEMPTS) {
        this.log.error({ err, emailId: row.id, attempts }, 'email not sent; giving up');
        return;
      }
      const delay = Math.min(RETRY_BASE_MS * 2 ** (attempts - 1), RETRY_MAX_MS);
      this.log.warn({ err, emailId: row.id, attempts, retryInMs: delay }, 'email not sent; retrying later');
      await this.o.timers.schedule({ accountId: row.account_id, kind: SEND, key: `${SEND}:${row.id}`, dueAt: this.later(delay) });
      return;
    }
    await repo.markSent(this.o.db, row.account_id, row.id, this.o.clock.now().toISOString());
    await this.o.timers.cancel(row.account_id, `${SEND}:${row.id}`);
  }
}
