// The mail port: what sending an email takes. Domains that send mail (agents' invitations, the
// email integration) depend on this; the SMTP implementation lives in integrations/email/mailer.ts.
export interface Email {
  to: string;
  subject: string;
  text: string;
  html?: string;
  replyTo?: string;
  /** `<id@domain>`: set by us so a retry sends the same Message-ID and threads can refer to it. */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  /** RFC 8058 one-click unsubscribe URL (List-Unsubscribe + List-Unsubscribe-Post). */
  unsubscribeUrl?: string;
}

export interface Mailer {
  send(email: Email): Promise<void>;
  close(): void;
}
