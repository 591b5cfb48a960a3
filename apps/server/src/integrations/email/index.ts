// Composes the email domain of one process: settings and unsubscribe (always), outgoing email
// (only with SMTP_URL), and the inbound entry point `processInboundMail`, fed by the IMAP inbox
// (IMAP_URL) and the built-in SMTP receiver (INBOUND_SMTP_PORT) when they are configured.
import type { Config } from '../../config';
import type { Db } from '../../db/index';
import type { Clock } from '../../clock';
import type { EventBus } from '../../events';
import type { TimerService } from '../../timers/service';
import type { Mailer } from './mailer';
import { EmailOutbound, type EmailPeople } from './outbound';
import { EmailInbound, type InboundDeps, type InboundResult } from './inbound';
import { EmailService } from './service';
import { startSmtpReceiver, type SmtpReceiver } from './receiver';
import { startImapInbox } from './imap';
import { emailTexts } from './texts';

/** What the email domain reads of the config. */
export type EmailConfig = Pick<
  Config,
  'publicUrl' | 'emailReplyAddress' | 'emailReplyDelayMs' | 'emailMissedChatMs' | 'emailAskAfterSeconds' | 'imapUrl' | 'inboundSmtpPort' | 'inboundSmtpHost'
>;

export interface EmailDeps {
  db: Db;
  events: EventBus;
  timers: TimerService;
  clock: Clock;
  mailer?: Mailer;
  people: EmailPeople;
  senders: Pick<InboundDeps, 'visitorOfConversation' | 'agent' | 'sendAsVisitor' | 'sendAsAgent' | 'storeFile'>;
}

type Log = { error: (o: object, m: string) => void; warn: (o: object, m: string) => void; info: (o: object, m: string) => void };

export interface EmailDomain {
  email: EmailService;
  /** The one inbound entry point (IMAP and the SMTP receiver call it). */
  processInboundMail(raw: Buffer): Promise<InboundResult>;
  /** Starts the inbound listeners configured (after the app is ready). */
  startInbound(): Promise<void>;
  /** The SMTP receiver's port, when it listens. */
  inboundSmtpPort(): number | undefined;
  close(): Promise<void>;
}

export function createEmail(config: EmailConfig, deps: EmailDeps, log: Log): EmailDomain {
  const { db, events, timers, clock, mailer } = deps;
  const email = new EmailService(db, clock, {
    sending: mailer !== undefined,
    imap: config.imapUrl !== undefined,
    smtpReceiver: config.inboundSmtpPort !== undefined,
    replyAddress: config.emailReplyAddress,
    askAfterSeconds: config.emailAskAfterSeconds,
  });
  const outbound = mailer
    ? new EmailOutbound(
        {
          db,
          events,
          timers,
          clock,
          mailer,
          people: deps.people,
          publicUrl: config.publicUrl,
          replyAddress: config.emailReplyAddress,
          replyDelayMs: config.emailReplyDelayMs,
          missedDelayMs: config.emailMissedChatMs,
        },
        log,
      )
    : undefined;
  const inbound = new EmailInbound(
    {
      db,
      ...deps.senders,
      async refuseAttachments(accountId, to, clientId, leftOut, visitorId) {
        if (!outbound) return;
        // A visitor's notice in the language of their browser (as their emails); the team's in English.
        const texts = emailTexts(visitorId ? (await deps.people.visitorPlace(accountId, visitorId)).language : null);
        await outbound.notify(accountId, to, `notice:${clientId}`, texts.attachmentsRefusedSubject, texts.attachmentsRefused(leftOut));
      },
    },
    log,
  );
  const closers: Array<() => Promise<void>> = [];
  let receiver: SmtpReceiver | undefined;
  const processInboundMail = (raw: Buffer) => inbound.process(raw);
  return {
    email,
    processInboundMail,
    // A listener that cannot start (the port taken by another process of this install, the
    // mailbox unreachable) is logged and left off: chat works without it, and email is retried
    // by the sender's server (SMTP) or read later (IMAP) once it is fixed.
    async startInbound() {
      if (config.inboundSmtpPort !== undefined) {
        try {
          receiver = await startSmtpReceiver({ port: config.inboundSmtpPort, host: config.inboundSmtpHost, onMail: processInboundMail, log });
          closers.push(() => receiver!.close());
        } catch (err) {
          log.error({ err, port: config.inboundSmtpPort }, 'the SMTP receiver of replies could not start');
        }
      }
      if (config.imapUrl) {
        try {
          const imap = await startImapInbox({ url: config.imapUrl, onMail: async (raw) => void (await processInboundMail(raw)), log });
          closers.push(() => imap.close());
        } catch (err) {
          log.error({ err }, 'the IMAP inbox of replies could not start');
        }
      }
    },
    inboundSmtpPort: () => receiver?.port,
    async close() {
      outbound?.close();
      await Promise.all(closers.map((c) => c()));
    },
  };
}
