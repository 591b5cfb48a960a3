// Inbound email from a mailbox the owner already has (IMAP_URL): Palique stays connected, IDLEs
// (or polls when the server has no IDLE), and hands the raw source of each unread message to
// onMail. A message is marked \Seen only after onMail resolved, so a crash or an onMail that
// throws means the message comes again: onMail must be idempotent (it is keyed by Message-ID).
// Nothing is ever deleted or moved, so two processes on one mailbox can only see a mail twice,
// never lose one. A dropped connection is retried with backoff until close().
import type { ImapFlow } from 'imapflow';

export interface ImapInboxLog {
  info(o: object, m?: string): void;
  warn(o: object, m?: string): void;
}

export interface ImapInboxOptions {
  /** imap://user:password@host:port/MAILBOX (imaps:// for TLS); the mailbox defaults to INBOX. */
  url: string;
  onMail: (raw: Buffer) => Promise<void>;
  log?: ImapInboxLog;
  /** How often to look for unread mail besides IDLE's news (and to retry a failed onMail). */
  pollMs?: number;
}

export interface ImapInbox {
  /** Disconnects once the mail being handed over is done; no more onMail after it resolves. */
  close(): Promise<void>;
}

interface ImapTarget {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  mailbox: string;
}

const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 60_000;
const FIRST_ATTEMPT_WAIT_MS = 5_000;
const silent: ImapInboxLog = { info() {}, warn() {} };

/** Parses IMAP_URL; throws on anything but imap(s)://user:password@host[:port][/MAILBOX]. */
export function parseImapUrl(url: string): ImapTarget {
  const u = new URL(url);
  if (u.protocol !== 'imap:' && u.protocol !== 'imaps:') throw new Error('IMAP_URL must start with imap:// or imaps://');
  if (!u.hostname || !u.username) throw new Error('IMAP_URL needs a user and a host: imap://user:password@host/INBOX');
  const secure = u.protocol === 'imaps:';
  return {
    host: u.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(u.username),
    pass: decodeURIComponent(u.password),
    mailbox: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'INBOX',
  };
}

/**
 * Starts watching the mailbox. Resolves once the first connection is made or has failed (it is
 * then retried), or after FIRST_ATTEMPT_WAIT_MS at most, so a silent server never holds up start-up.
 */
export async function startImapInbox(opts: ImapInboxOptions): Promise<ImapInbox> {
  const target = parseImapUrl(opts.url);
  // imapflow is loaded only when IMAP_URL is set.
  const { ImapFlow } = await import('imapflow');
  const log = opts.log ?? silent;
  const pollMs = opts.pollMs ?? 60_000;
  const where = { host: target.host, port: target.port, mailbox: target.mailbox };

  let stopped = false;
  let client: ImapFlow | undefined;
  let connecting = false;
  /** Wakes whatever the loop is waiting on: news, the poll timer or the retry delay. */
  let wake = () => {};
  let news = false;
  const notify = () => {
    news = true;
    wake();
  };
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => (wake = () => {}));

  const handOver = async (imap: ImapFlow) => {
    // Held through onMail too, so that IDLE does not start and stop between two messages.
    const lock = await imap.getMailboxLock(target.mailbox);
    try {
      const unseen = (await imap.search({ seen: false }, { uid: true })) || [];
      for (const uid of unseen) {
        if (stopped || !imap.usable) return;
        // BODY.PEEK: reading the source leaves the message unread.
        const message = await imap.fetchOne(String(uid), { source: true }, { uid: true });
        if (!message || !message.source) continue;
        try {
          await opts.onMail(message.source);
        } catch (err) {
          log.warn({ ...where, uid, err }, 'email: handling a received mail failed; it stays unread and is tried again');
          continue;
        }
        await imap.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      }
    } finally {
      lock.release();
    }
  };

  let firstAttempt!: () => void;
  const firstAttempted = new Promise<void>((resolve) => (firstAttempt = resolve));
  let connected = false;

  /** One connection, from connect to drop (or close). */
  const session = async () => {
    const imap = new ImapFlow({
      host: target.host,
      port: target.port,
      secure: target.secure,
      auth: { user: target.user, pass: target.pass },
      logger: false,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      // IDLE starts right after each round; without IDLE, imapflow sends NOOPs at this pace.
      autoIdleDelay: 50,
      maxIdleTime: Math.min(pollMs, 120_000),
      missingIdleCommand: 'NOOP',
    });
    client = imap;
    imap.on('error', (err: Error) => log.warn({ ...where, err }, 'email: IMAP connection error'));
    imap.on('exists', notify);
    imap.on('close', notify);
    connecting = true;
    try {
      await imap.connect();
      await imap.mailboxOpen(target.mailbox);
    } catch (err) {
      imap.close();
      throw err;
    } finally {
      connecting = false;
    }
    connected = true;
    log.info(where, 'email: watching the IMAP mailbox for replies');
    firstAttempt();
    try {
      while (!stopped && imap.usable) {
        news = false;
        await handOver(imap);
        if (!news && !stopped && imap.usable) await pause(pollMs);
      }
    } finally {
      if (imap.usable) await imap.logout().catch(() => imap.close());
      else imap.close();
    }
  };

  const run = (async () => {
    let retryMs = RETRY_FIRST_MS;
    while (!stopped) {
      connected = false;
      try {
        await session();
        // Servers end idle connections now and then: worth a line, not a warning.
        if (!stopped) log.info(where, 'email: IMAP connection ended; reconnecting');
      } catch (err) {
        if (!stopped) log.warn({ ...where, err, retryInMs: retryMs }, 'email: IMAP mailbox unreachable or connection lost; retrying');
      }
      firstAttempt();
      if (stopped) break;
      if (connected) retryMs = RETRY_FIRST_MS;
      await pause(retryMs * (0.75 + Math.random() / 2));
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    }
  })();

  let waited: NodeJS.Timeout | undefined;
  await Promise.race([firstAttempted, new Promise<void>((resolve) => (waited = setTimeout(resolve, FIRST_ATTEMPT_WAIT_MS)))]);
  clearTimeout(waited);
  return {
    async close() {
      stopped = true;
      wake();
      if (connecting) client?.close();
      await run;
    },
  };
}
