// Starts the real app on a random port with fresh storage, for integration tests.
// Storage is a new SQLite file, or, when TEST_DATABASE_URL is set, a new PostgreSQL database
// (created here, dropped on close) so the same suite runs on both. When TEST_REDIS_URL is set the
// server also uses Redis (adapter, presence, rate limits) under a key prefix of its own.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { after, before } from 'node:test';
import pg from 'pg';
import { io as connect, type Socket } from 'socket.io-client';
import { AGENT_NAMESPACE, VISITOR_NAMESPACE, type Ack } from '@palique/protocol';
import { loadConfig, type Config } from '../config';
import { buildApp, type PaliqueApp } from '../app';
import type { SharedState } from '../app';

export interface TestServer {
  url: string;
  palique: PaliqueApp;
  config: Config;
  close(): Promise<void>;
}

/** A throw-away PostgreSQL database next to the one TEST_DATABASE_URL names. */
export async function createThrowawayDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `palique_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      // A pool counts as ended before its connections have finished closing; FORCE would cut
      // them mid-goodbye and their clients would raise an uncaught error. Let them go first.
      for (let i = 0; i < 50; i++) {
        const { rows } = await c.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function startTestServer(env: Record<string, string> = {}, shared: SharedState = {}): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'palique-test-'));
  const pgBase = process.env.TEST_DATABASE_URL;
  const database = pgBase ? await createThrowawayDatabase(pgBase) : undefined;
  const redisUrl = process.env.TEST_REDIS_URL;
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...(redisUrl ? { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `palique-t-${crypto.randomBytes(6).toString('hex')}:` } : {}),
    ...env,
  });
  const palique = await buildApp(config, shared);
  await palique.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = palique.app.server.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  palique.services.config.publicUrl = url;
  return {
    url,
    palique,
    config,
    async close() {
      await palique.close();
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ApiResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function api<T = any>(
  server: { url: string },
  method: string,
  route: string,
  opts: { body?: unknown; rawBody?: string; cookie?: string; contentType?: string } = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.cookie = opts.cookie;
  let payload: string | undefined;
  if (opts.rawBody !== undefined) payload = opts.rawBody;
  else if (opts.body !== undefined) payload = JSON.stringify(opts.body);
  if (payload !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
  const res = await fetch(server.url + route, { method, headers, body: payload });
  const text = await res.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body, headers: res.headers };
}

let counter = 0;
export const uniqueEmail = (prefix = 'agent') => `${prefix}${++counter}-${crypto.randomBytes(3).toString('hex')}@example.com`;

export interface OwnerSession {
  cookie: string;
  accountId: string;
  widgetId: string;
  agentId: string;
  email: string;
  password: string;
}

/** Creates an account with its owner (via the service, so several accounts can exist) and signs in. */
export async function createOwner(server: TestServer, siteName = 'Acme'): Promise<OwnerSession> {
  const email = uniqueEmail('owner');
  const password = 'correct horse battery';
  const { account, agent } = await server.palique.services.agents.createAccountWithOwner({ name: 'Helena Prado', email, password, siteName });
  const cookie = await signIn(server, email, password);
  return { cookie, accountId: account.id, widgetId: account.widgetId, agentId: agent.id, email, password };
}

export async function signIn(server: { url: string }, email: string, password: string): Promise<string> {
  const res = await api(server, 'POST', '/api/auth/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  return setCookie.split(';')[0];
}

export interface TestSocket {
  socket: Socket;
  emit<T extends object = any>(event: string, body: unknown): Promise<Ack<T>>;
  next<T = any>(event: string, timeoutMs?: number): Promise<T>;
  close(): void;
}

function wrap(socket: Socket): TestSocket {
  return {
    socket,
    emit: (event, body) => socket.timeout(5000).emitWithAck(event, body),
    next: (event, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
        socket.once(event, (payload: any) => {
          clearTimeout(timer);
          resolve(payload);
        });
      }),
    close: () => socket.close(),
  };
}

function waitConnected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err: Error & { data?: unknown }) => {
      socket.close();
      reject(Object.assign(err, { data: err.data }));
    });
  });
}

export async function connectVisitor(server: { url: string }, widgetId: string, token?: string): Promise<TestSocket & { token: string }> {
  if (!token) {
    const res = await api(server, 'POST', `/api/widget/${widgetId}/visitors`, { body: {} });
    if (res.status !== 200) throw new Error(`visitor session failed: ${res.status} ${JSON.stringify(res.body)}`);
    token = res.body.token as string;
  }
  const socket = connect(server.url + VISITOR_NAMESPACE, { auth: { widgetId, token }, transports: ['websocket'], reconnection: false, forceNew: true });
  await waitConnected(socket);
  return { ...wrap(socket), token };
}

export async function connectAgent(server: { url: string }, cookie: string): Promise<TestSocket> {
  const socket = connect(server.url + AGENT_NAMESPACE, { extraHeaders: { cookie }, transports: ['websocket'], reconnection: false, forceNew: true });
  await waitConnected(socket);
  return wrap(socket);
}

export const clientId = () => crypto.randomUUID().replace(/-/g, '');

/**
 * For a test file: a fresh server with one owner, started before its tests and closed after.
 * Read `ctx.server` and `ctx.owner` inside tests (they are set once `before` has run).
 */
export function serverWithOwner(env: Record<string, string> = {}): { server: TestServer; owner: OwnerSession } {
  const ctx = {} as { server: TestServer; owner: OwnerSession };
  before(async () => {
    ctx.server = await startTestServer(env);
    ctx.owner = await createOwner(ctx.server);
  });
  after(() => ctx.server.close());
  return ctx;
}
