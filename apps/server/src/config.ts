// One typed config object, read from environment variables and validated at start-up.
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('::'),
  // Empty counts as not set, as in a .env file with `PUBLIC_URL=`.
  PUBLIC_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional()),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
  REDIS_KEY_PREFIX: z.string().default('palique:'),
  SQLITE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
  STATIC_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  TRUST_PROXY: z
    .string()
    .trim()
    .default('false')
    .refine((v) => /^(true|false|\d{1,2})$/.test(v) || v.split(',').every((part) => isAddressOrRange(part.trim())), {
      message: 'use false, the number of proxies in front (1 for one nginx), or their addresses/CIDR ranges, comma-separated',
    }),
  VISITOR_ADMISSION_MAX_LOAD: z.coerce.number().min(0).max(1).default(0.9),
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  WIDGET_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
  TIMER_POLL_MS: z.coerce.number().int().min(10).default(1000),
  TIMER_LEASE_MS: z.coerce.number().int().min(1000).default(60_000),
  NEW_VISITOR_RATE_LIMIT: z.coerce.number().int().min(1).default(120),
  SYNC_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
  SIGNIN_BACKOFF_MAX_SECONDS: z.coerce.number().int().min(1).default(300),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).default(72_000),
  MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(0).optional(),
  MAX_SOCKETS_PER_VISITOR: z.coerce.number().int().min(1).default(10),
  VISITOR_EXPIRY_DAYS: z.coerce.number().min(0).default(30),
  /** A2: invitations go out by email through this SMTP server (smtp://user:pass@host:port). */
  SMTP_URL: z.string().url().optional(),
  SMTP_FROM: z.string().optional(),
  /** W4/I1: replies to Palique's emails go to this address plus `+<token>` (default: SMTP_FROM's address). */
  EMAIL_REPLY_ADDRESS: z.preprocess((v) => (v === '' ? undefined : v), z.string().email().optional()),
  EMAIL_REPLY_DELAY_SECONDS: z.coerce.number().int().min(0).max(86_400).default(120),
  EMAIL_MISSED_CHAT_MINUTES: z.coerce.number().int().min(1).max(10_080).default(15),
  EMAIL_ASK_AFTER_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  IMAP_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional()),
  INBOUND_SMTP_PORT: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(0).max(65535).optional()),
  INBOUND_SMTP_HOST: z.string().optional(),
  PUSH_CONTACT: z.string().regex(/^(mailto:|https:\/\/)/, 'must be a mailto: or https:// URL').optional(),
  PUSH_ALLOW_LOOPBACK_HTTP: z.enum(['true', 'false']).default('false'),
});

export interface Config {
  port: number;
  host: string;
  /** Where browsers reach this server; also the origin the widget snippet points at. */
  publicUrl: string;
  /** W1: PUBLIC_URL was set; without it publicUrl is http://localhost:PORT, reachable from this machine only. */
  publicUrlSet: boolean;
  dataDir: string;
  databaseUrl?: string;
  redisUrl?: string;
  /** Start of every Redis key and channel of this deployment (processes sharing it share state). */
  redisKeyPrefix: string;
  sqliteSynchronous: 'FULL' | 'NORMAL';
  /** Folder holding the built widget and dashboard (apps/<name>/dist). */
  staticRoot: string;
  logLevel: string;
  /**
   * Which proxies' X-Forwarded-* headers to believe: none (false), the last N hops (a number: the
   * client address is the one the outermost of them added), or the proxies at these addresses.
   * Never "everything": the left-most X-Forwarded-For entry is whatever the client wrote.
   */
  trustProxy: false | number | string[];
  /** New visitor sockets are refused (retry later) while the event loop is busier than this share of the time. */
  visitorAdmissionMaxLoad: number;
  /** GET /metrics answers only with this bearer token; without it there is no /metrics. */
  metricsToken?: string;
  /** Wrong passwords per account before sign-in backs off; five times as many attempts per address, per 15 minutes. */
  loginRateLimit: number;
  /** Messages (and detail updates) a visitor may send per 10 seconds. */
  widgetRateLimit: number;
  /** R8: how often each process looks for due timers. */
  timerPollMs: number;
  /** R8: how long a process's claim on a timer holds before another process may fire it. */
  timerLeaseMs: number;
  /** New visitors per address (IPv6: per /64) per minute; returning visitors are not counted. */
  newVisitorRateLimit: number;
  /** `sync` requests per visitor per 10 seconds. */
  syncRateLimit: number;
  /** Longest wait forced on an account's sign-in after repeated wrong passwords. */
  signInBackoffMaxSeconds: number;
  /** How long a client may take to send a whole request, its headers, and to stay idle between requests. */
  httpRequestTimeoutMs: number;
  httpHeadersTimeoutMs: number;
  httpKeepAliveTimeoutMs: number;
  /** Open connections (HTTP and WebSocket) per client address; 0: no cap (the default behind a proxy). */
  maxConnectionsPerAddress: number;
  /** Open sockets per visitor, per process (tabs of one browser share a visitor). */
  maxSocketsPerVisitor: number;
  /** Visitors who never wrote are deleted this many days after they were last seen; 0 keeps them. */
  visitorExpiryDays: number;
  /** A2: SMTP server for invitation emails; without it the dashboard shows the link. */
  smtpUrl?: string;
  smtpFrom: string;
  /** W4/I1: the address replies go to, with `+<token>` added (support+3f…@acme.com). */
  emailReplyAddress: string;
  /** W4: an agent's reply waits this long (gathering later ones) before it is emailed to a visitor who is away. */
  emailReplyDelayMs: number;
  /** I1: a chat no agent answered within this time goes to the team's mailbox as missed. */
  emailMissedChatMs: number;
  /** W4: in live mode the widget asks for an email when no agent answered within this time. */
  emailAskAfterSeconds: number;
  /** W4/I1: the mailbox Palique polls for replies (imaps://user:pass@host/INBOX). */
  imapUrl?: string;
  /** W4/I1: the built-in SMTP receiver of replies listens here (off when unset). */
  inboundSmtpPort?: number;
  inboundSmtpHost: string;
  /** A6: the contact push services see in the VAPID signature (mailto: or https:). */
  pushContact: string;
  /** A6, tests only: accept push endpoints on http://127.0.0.1 / localhost. */
  pushAllowLoopbackHttp: boolean;
}

/**
 * Reads the config once, at start-up. Frozen: nothing changes it afterwards (tests included; they
 * pass PORT and PUBLIC_URL in `env` like any deployment).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  if (e.HTTP_HEADERS_TIMEOUT_MS > e.HTTP_REQUEST_TIMEOUT_MS) {
    throw new Error('Invalid configuration: HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS');
  }
  const trustProxy = trustProxyOf(e.TRUST_PROXY);
  const repoRoot = path.resolve(import.meta.dirname, '../../..');
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    publicUrlSet: e.PUBLIC_URL !== undefined,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL || undefined,
    redisUrl: e.REDIS_URL || undefined,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    staticRoot: e.STATIC_DIR ? path.resolve(e.STATIC_DIR) : path.join(repoRoot, 'apps'),
    logLevel: e.LOG_LEVEL,
    trustProxy,
    metricsToken: e.METRICS_TOKEN || undefined,
    visitorAdmissionMaxLoad: e.VISITOR_ADMISSION_MAX_LOAD,
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    widgetRateLimit: e.WIDGET_RATE_LIMIT,
    timerPollMs: e.TIMER_POLL_MS,
    timerLeaseMs: e.TIMER_LEASE_MS,
    newVisitorRateLimit: e.NEW_VISITOR_RATE_LIMIT,
    syncRateLimit: e.SYNC_RATE_LIMIT,
    signInBackoffMaxSeconds: e.SIGNIN_BACKOFF_MAX_SECONDS,
    httpRequestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
    httpHeadersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
    httpKeepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    // Behind a proxy every connection comes from the proxy: the proxy caps them (README).
    maxConnectionsPerAddress: e.MAX_CONNECTIONS_PER_ADDRESS ?? (trustProxy !== false ? 0 : 256),
    maxSocketsPerVisitor: e.MAX_SOCKETS_PER_VISITOR,
    visitorExpiryDays: e.VISITOR_EXPIRY_DAYS,
    smtpUrl: e.SMTP_URL || undefined,
    smtpFrom: e.SMTP_FROM || 'Palique <palique@localhost>',
    emailReplyAddress: e.EMAIL_REPLY_ADDRESS ?? addressOf(e.SMTP_FROM || 'palique@localhost'),
    emailReplyDelayMs: e.EMAIL_REPLY_DELAY_SECONDS * 1000,
    emailMissedChatMs: e.EMAIL_MISSED_CHAT_MINUTES * 60_000,
    emailAskAfterSeconds: e.EMAIL_ASK_AFTER_SECONDS,
    imapUrl: e.IMAP_URL,
    inboundSmtpPort: e.INBOUND_SMTP_PORT,
    inboundSmtpHost: e.INBOUND_SMTP_HOST || e.HOST,
    pushContact: e.PUSH_CONTACT ?? pushContactOf(e.PUBLIC_URL),
    pushAllowLoopbackHttp: e.PUSH_ALLOW_LOOPBACK_HTTP === 'true',
  });
}

/** PUBLIC_URL when it is https, else a mailto: at its host (push services accept nothing else). */
function pushContactOf(publicUrl: string | undefined): string {
  const url = new URL(publicUrl ?? 'http://localhost');
  return url.protocol === 'https:' ? url.origin : `mailto:push@${url.hostname}`;
}

/** `Palique <support@acme.com>` → `support@acme.com`. */
function addressOf(from: string): string {
  return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim();
}

/** `true` is one hop (the one proxy in front), kept from before hop counts existed; `0` is none. */
function trustProxyOf(value: string): false | number | string[] {
  if (value === 'false' || value === '0') return false;
  if (value === 'true') return 1;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((part) => part.trim());
}

function isAddressOrRange(value: string): boolean {
  const [address = '', bits, ...rest] = value.split('/');
  if (rest.length > 0 || net.isIP(address) === 0) return false;
  if (bits === undefined) return true;
  const max = net.isIPv4(address) ? 32 : 128;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
}
