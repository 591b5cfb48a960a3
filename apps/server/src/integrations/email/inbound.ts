// W4, C7, I1 incoming email: the one entry point of every mail that arrives (IMAP inbox or the
// built-in SMTP receiver). A mail becomes a message only when its recipient carries a reply
// token we issued (support+<token>@…) and its From is the address that token was issued for:
// the visitor's (visitor token) or that agent's own (agent token). Anything else is dropped.
// The message's client id comes from the mail's Message-ID, so the same mail delivered twice
// (retry, restart, IMAP and SMTP both) is stored once. Its files follow the rules of every upload
// (files/service.ts): each one accepted becomes its own message after the text; the others are
// left out and the sender is told which.
import crypto from 'node:crypto';
import type { AddressObject, ParsedMail } from 'mailparser';
import { MAX_MESSAGE_LENGTH } from '@palique/protocol';
import type { Db } from '../../db/index';
import { AppError } from '../../http/errors';
import * as repo from './repo';

/** Who wrote the mail, as the files domain sees an uploader. */
export interface MailUploader {
  type: 'visitor' | 'agent';
  id: string;
  visitorId: string;
}

export interface InboundDeps {
  db: Db;
  visitorOfConversation(accountId: string, conversationId: string): Promise<{ id: string; name: string | null; email: string | null }>;
  agent(accountId: string, agentId: string): Promise<{ id: string; name: string; email: string } | undefined>;
  sendAsVisitor(accountId: string, visitor: { id: string; name: string | null }, clientId: string, text: string, fileId?: string): Promise<unknown>;
  sendAsAgent(accountId: string, conversationId: string, agent: { id: string; name: string }, clientId: string, text: string, fileId?: string): Promise<unknown>;
  /** Stores one attachment under the files rules (same `fileId`, stored once); an AppError when the rules refuse it. */
  storeFile(accountId: string, uploader: MailUploader, fileId: string, name: string | undefined, bytes: Buffer): Promise<{ id: string }>;
  /** Tells the sender which files of their mail were left out; a visitor in their language. */
  refuseAttachments(accountId: string, to: string, clientId: string, leftOut: string[], visitorId?: string): Promise<void>;
}

/** At most this many files of one mail are added; the others are left out (and named in the notice). */
export const MAX_FILES_PER_MAIL = 5;

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
    // mailparser and html-to-text (quotes.ts) are loaded with the first mail, not at start-up:
    // most installs and most tests never receive one.
    const { simpleParser } = await import('mailparser');
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
    const { extractReply } = await import('./quotes');
    const text = extractReply({ text: mail.text, html: mail.html }).slice(0, MAX_MESSAGE_LENGTH);
    // Images of a signature (inline and referenced by the HTML) are not files the sender chose to send.
    const files = mail.attachments.filter((a) => a.contentDisposition !== 'inline' || !a.related);
    if (!text && files.length === 0) return this.refuse('nothing written above the quote', { messageId: mail.messageId });
    const visitor = await this.deps.visitorOfConversation(accountId, conversationId).catch(() => undefined);
    if (!visitor) return this.refuse('conversation gone', { accountId, conversationId });
    let author: { uploader: MailUploader; send: (cid: string, text: string, fileId?: string) => Promise<unknown> };
    if (owner.agent_id === '') {
      if (!visitor.email || visitor.email.toLowerCase() !== from) return this.refuse('sender is not the visitor', { accountId, conversationId });
      const who = { id: visitor.id, name: visitor.name };
      author = { uploader: { type: 'visitor', id: visitor.id, visitorId: visitor.id }, send: (cid, t, f) => this.deps.sendAsVisitor(accountId, who, cid, t, f) };
    } else {
      const agent = await this.deps.agent(accountId, owner.agent_id);
      if (!agent || agent.email.toLowerCase() !== from) return this.refuse('sender is not the agent', { accountId, conversationId });
      const who = { id: agent.id, name: agent.name };
      author = { uploader: { type: 'agent', id: agent.id, visitorId: visitor.id }, send: (cid, t, f) => this.deps.sendAsAgent(accountId, conversationId, who, cid, t, f) };
    }
    // The text first, then one message per file in the mail's order; every id derives from the
    // Message-ID and the file's place, so a mail processed twice stores each once.
    if (text) await author.send(clientId, text);
    const leftOut: string[] = [];
    for (const [index, file] of files.entries()) {
      const name = file.filename ?? 'file';
      if (index >= MAX_FILES_PER_MAIL) {
        leftOut.push(name);
        continue;
      }
      const stored = await this.deps.storeFile(accountId, author.uploader, fileIdOf(accountId, clientId, index), file.filename, file.content).catch((err: unknown) => {
        if (!(err instanceof AppError)) throw err;
        this.log.info({ accountId, conversationId, clientId, name, code: err.code }, 'emailed file left out');
        return undefined;
      });
      if (stored) await author.send(`${clientId}-f${index}`, '', stored.id);
      else leftOut.push(name);
    }
    if (leftOut.length > 0) await this.deps.refuseAttachments(accountId, from, clientId, leftOut, owner.agent_id === '' ? visitor.id : undefined);
    if (!text && leftOut.length === files.length) return this.refuse('every file was left out', { accountId, conversationId });
    this.log.info({ accountId, conversationId, clientId }, 'email reply stored');
    return { stored: true, conversationId };
  }

  private refuse(reason: string, context: object): InboundResult {
    this.log.warn({ ...context, reason }, 'inbound email dropped');
    return { stored: false, reason };
  }
}

/** The id of a mail's `index`th file: a UUID (as every file id) made from the account and the mail. */
function fileIdOf(accountId: string, clientId: string, index: number): string {
  const hex = crypto.createHash('sha256').update(`${accountId}\n${clientId}\n${index}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
