// Outgoing email (A2 invitations) over SMTP with nodemailer, when SMTP_URL is set.
import nodemailer from 'nodemailer';

export interface Email {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(email: Email): Promise<void>;
  close(): void;
}

/** A mailer for `smtpUrl` (smtp://user:pass@host:port, smtps://… for TLS), or undefined without one. */
export function smtpMailer(smtpUrl: string | undefined, from: string): Mailer | undefined {
  if (!smtpUrl) return undefined;
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(email) {
      await transport.sendMail({ from, ...email });
    },
    close: () => transport.close(),
  };
}
