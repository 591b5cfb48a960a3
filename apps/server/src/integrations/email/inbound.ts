// W4, C7, I1 incoming email: the one entry point of every mail that arrives (IMAP inbox or the
// built-in SMTP receiver). A mail becomes a message only when its recipient carries a reply
// token we issued (support+<token>@…) and its From is the address that token was issued for:
// the visitor's (visitor token) or that agent's own (agent token). Anything else is dropped.
// The message's client id comes from the mail's Message-ID, so the same mail delivered twice
// (retry, restart, IMAP and SMTP both) is stored once.
import crypto from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { MAX_MESSAGE_LENGTH } from '@palique/protocol';
import type { Db } from '../../db/index';
import { extractReply } from './quotes';
import * as repo from './repo';

export interface InboundDeps {
  db: Db;
  visitorOfConversation(accountId: string, conversationId: string): Promise<{ id: string; name: string | null; email: string | null }>;
  agent(accountId: string, agentId: string): Promise<{ id: string; name: string; email: string } | undefined>;
  sendAsVisitor(accountId: string, visitor: { id: string; name: string | null }, clientId: string, text: string): Promise<unknown>;
  sendAsAgent(accountId: string, conversationId: string, agent: { id: string; name: string }, clientId: string, text: string): Promise<unknown>;
  /** Tells the sender that the files of their mail were not added (files are sent from the chat); a visitor in their language. */
  refuseAttachments(accountId: string, to: string, clientId: string, visitorId?: string): Promise<void>;
}

type Log = { warn: (o: object, m: string) => void; info: (o: object, m: string) => void };

export type InboundResult = { stored: true; conversationId: string } | { stored: false; reason: string };

const TOKEN_IN_ADDRESS = /\+([0-9a-f]{32})@/gi;

const addressesOf = (v: AddressObject | AddressObject[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []).flatMap((a) => a.value);

/** Every reply token the mail is addressed to (To, Cc, and the headers forwarding adds). */
function tokensOf(mail: ParsedMail): string[] {
  const places = [...addressesOf(mail.to), ...addressesOf(mail.cc)].map((a) => a.address ?? '');
  for (const name of ['delivered-to', 'x-original-to']) {
    const value = mail.headers.get(name);
    if (value) places.push(typeof value === 'string' ? value : JSON.stringify(value));
  }
  return [...new Set(places.flatMap((p) => [...p.matchAll(TOKEN_IN_ADDRESS)].map((m) => m[1]!.toLowerCase())))];
}

/** Auto-replies ("out of office") and bounces never become messages: they would loop. */
function isAutomatic(mail: ParsedMail): boolean {
  const auto = String(mail.headers.get('auto-submitted') ?? 'no').toLowerCase();
  const precedence = String(mail.headers.get('precedence') ?? '').toLowerCase();
  return auto !== 'no' || ['bulk', 'junk', 'auto_reply'].includes(precedence) || mail.headers.has('x-autoreply');
}

export class EmailInbound {
  constructor(
    private readonly deps: InboundDeps,
    private readonly log: Log,
  ) {}

  /** Processes one raw mail (RFC 5322 bytes). Never throws for a mail we refuse; only for storage failures (retry later). */
  async process(raw: Buffer): Promise<InboundResult> {
    let mail: ParsedMail;
    try {
      mail = await simpleParser(raw, { skipHtmlToText: false });
    } catch (err) {
      return this.refuse('unreadable mail', { err });
    }
    if (isAutomatic(mail)) return this.refuse('automatic reply', { messageId: mail.messageId });
    const from = addressesOf(mail.from)[0]?.address?.toLowerCase();
    if (!from) return this.refuse('no sender', { messageId: mail.messageId });
    for (const token of tokensOf(mail)) {
      const owner = await repo.findReplyToken(this.deps.db, token);
      if (!owner) continue;
      return this.store(mail, from, owner);
    }
    return this.refuse('no known reply token', { messageId: mail.messageId });
  }

  private async store(mail: ParsedMail, from: string, owner: { account_id: string; conversation_id: string; agent_id: string }): Promise<InboundResult> {
    const { account_id: accountId, conversation_id: conversationId } = owner;
    const idSource = mail.messageId ?? `${from}\n${mail.date?.toISOString() ?? ''}\n${mail.subject ?? ''}\n${mail.text ?? ''}`;
    const clientId = `email-${crypto.createHash('sha256').update(idSource).digest('hex').slice(0, 32)}`;
    const text = extractReply({ text: mail.text, html: mail.html }).slice(0, MAX_MESSAGE_LENGTH);
    const files = mail.attachments.filter((a) => a.contentDisposition !== 'inline' || !a.related);
    if (!text && files.length === 0) return this.refuse('nothing written above the quote', { messageId: mail.messageId });
    const shown = text || `[${files.map((f) => f.filename ?? 'file').join(', ')}]`;
    let visitorId: string | undefined;
    if (owner.agent_id === '') {
      const visitor = await this.deps.visitorOfConversation(accountId, conversationId).catch(() => undefined);
      if (!visitor?.email || visitor.email.toLowerCase() !== from) return this.refuse('sender is not the visitor', { accountId, conversationId });
      await this.deps.sendAsVisitor(accountId, { id: visitor.id, name: visitor.name }, clientId, shown);
      visitorId = visitor.id;
    } else {
      const agent = await this.deps.agent(accountId, owner.agent_id);
      if (!agent || agent.email.toLowerCase() !== from) return this.refuse('sender is not the agent', { accountId, conversationId });
      await this.deps.sendAsAgent(accountId, conversationId, { id: agent.id, name: agent.name }, clientId, shown);
    }
    if (files.length > 0) await this.deps.refuseAttachments(accountId, from, clientId, visitorId);
    this.log.info({ accountId, conversationId, clientId }, 'email reply stored');
    return { stored: true, conversationId };
  }

  private refuse(reason: string, context: object): InboundResult {
    this.log.warn({ ...context, reason }, 'inbound email dropped');
    return { stored: false, reason };
  }
}
