// Outgoing email over SMTP with nodemailer, when SMTP_URL is set: A2 invitations, and the
// conversation emails of W4/C7/I1 (HTML part, Reply-To, threading and unsubscribe headers).
// nodemailer is loaded only when SMTP_URL is set: most installs and tests never send email.
import type { Mailer } from '../../mail';

export type { Email, Mailer } from '../../mail';

/** A mailer for `smtpUrl` (smtp://user:pass@host:port, smtps://… for TLS), or undefined without one. */
export async function smtpMailer(smtpUrl: string | undefined, from: string): Promise<Mailer | undefined> {
  if (!smtpUrl) return undefined;
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send({ unsubscribeUrl, references, ...email }) {
      await transport.sendMail({
        from,
        ...email,
        ...(references && references.length > 0 ? { references } : {}),
        ...(unsubscribeUrl ? { headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } } : {}),
      });
    },
    close: () => transport.close(),
  };
}
