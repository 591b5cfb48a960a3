// A real SMTP server on loopback (smtp-server, port 0) that catches what Palique sends, parsed
// with mailparser; it can refuse the next deliveries with a temporary error (451), leave one
// unanswered (a send in progress), or answer one only when told (caught, its sender still
// sending), to test retries, crashes and what happens meanwhile.
// `sendMail` hands a mail to an SMTP server (Palique's inbound receiver) with nodemailer.
// The mail libraries are imported when first used, so that the harness (loaded by every test
// file) does not load them for the many tests that never touch email.
import type { ParsedMail } from 'mailparser';
import type { SendMailOptions } from 'nodemailer';

export interface CaughtMail {
  parsed: ParsedMail;
  raw: Buffer;
  /** The envelope's recipients. */
  to: string[];
}

export interface MailCatcher {
  /** SMTP_URL for Palique. */
  url: string;
  port: number;
  readonly mails: readonly CaughtMail[];
  /** The next mail caught (of those not taken yet) that matches, waiting up to timeoutMs. */
  next(matches?: (m: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  /** Refuses the next `n` deliveries with 451 (try again later). */
  failNext(n: number): void;
  /** Never answers the next delivery (the sender waits mid-send); resolves once it has arrived. */
  holdNext(): Promise<void>;
  /** Catches the next delivery but answers it (250) only when the returned function is called. */
  answerNextLater(): () => void;
  close(): Promise<void>;
}

export async function startMailCatcher(): Promise<MailCatcher> {
  const mails: CaughtMail[] = [];
  const taken = new Set<CaughtMail>();
  const waiters: Array<() => void> = [];
  let failing = 0;
  let holding: (() => void) | undefined;
  let answering: Promise<void> | undefined;
  const [{ SMTPServer }, { simpleParser }] = await Promise.all([import('smtp-server'), import('mailparser')]);
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (holding) {
          holding();
          holding = undefined;
          return;
        }
        if (failing > 0) {
          failing--;
          callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            mails.push({ parsed, raw, to: session.envelope.rcptTo.map((r) => r.address) });
            waiters.splice(0).forEach((w) => w());
            const answered = answering;
            answering = undefined;
            if (answered) void answered.then(() => callback());
            else callback();
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  const catcher: MailCatcher = {
    url: `smtp://127.0.0.1:${port}`,
    port,
    mails,
    next(matches = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const look = () => {
          const found = mails.find((m) => !taken.has(m) && matches(m));
          if (!found) return false;
          taken.add(found);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => reject(new Error(`no mail within ${timeoutMs} ms (${mails.length} caught)`)), timeoutMs);
        const wait = () => {
          if (!look()) waiters.push(wait);
        };
        wait();
      });
    },
    failNext(n) {
      failing = n;
    },
    holdNext() {
      return new Promise<void>((resolve) => (holding = resolve));
    },
    answerNextLater() {
      let answer!: () => void;
      answering = new Promise<void>((resolve) => (answer = resolve));
      return answer;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return catcher;
}

/** Sends one mail over SMTP to `port` on loopback (no TLS, no auth), as a mail client's server would. */
export async function sendMail(port: number, mail: SendMailOptions): Promise<void> {
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    await transport.sendMail(mail);
  } finally {
    transport.close();
  }
}
