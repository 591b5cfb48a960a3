// The real Palique server, started in-process for chat-client's integration tests: a fresh
// SQLite file per server, a fixed port so a test can stop it and start it again (a restart,
// as a visitor's widget sees it), and an owner account whose widget id the client uses.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import type { Message } from '@palique/protocol';

/**
 * The parts of the server these tests use. The server is imported at run time by path rather
 * than statically: the widget's TypeScript project (composite, built with `tsc -b`) may not
 * pull in another project's source files.
 */
export interface PaliqueApp {
  app: { listen(o: { port: number; host: string }): Promise<string>; server: { address(): unknown } };
  services: {
    config: { publicUrl: string };
    agents: { createAccountWithOwner(b: { name: string; email: string; password: string; siteName: string }): Promise<{ account: { id: string; widgetId: string } }> };
    conversations: {
      visitorMessagesAfter(accountId: string, visitorId: string, after: number): Promise<{ messages: Message[]; hasMore: boolean }>;
      conversationIdOfVisitor(accountId: string, visitorId: string): Promise<string | undefined>;
    };
    visitors: { get(accountId: string, id: string): Promise<{ name: string | null; email: string | null; data: Record<string, unknown> }> };
  };
  close(): Promise<void>;
}
interface ServerModules {
  loadConfig(env: Record<string, string>): unknown;
  buildApp(config: unknown): Promise<PaliqueApp>;
}
const SERVER_SRC = new URL('../../../server/src/', import.meta.url).href;
const importServer = async (): Promise<ServerModules> => ({
  ...((await import(SERVER_SRC + 'config.ts')) as Pick<ServerModules, 'loadConfig'>),
  ...((await import(SERVER_SRC + 'app.ts')) as Pick<ServerModules, 'buildApp'>),
});

export interface ServerForTests {
  url: string;
  palique: PaliqueApp;
  widgetId: string;
  accountId: string;
  ownerCookie: string;
  /** Stops the server (sockets drop, the port refuses connections); data stays. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same data. */
  restart(): Promise<void>;
  /** Stops it and removes its data. */
  close(): Promise<void>;
}

const OWNER = { name: 'Helena', email: 'helena@example.com', password: 'secret123', siteName: 'Acme' };

export async function startServerForTests(env: Record<string, string> = {}): Promise<ServerForTests> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'palique-widget-test-'));
  let port = 0;
  let palique = await listen();
  port = (palique.app.server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}`;
  palique.services.config.publicUrl = url;
  const { account } = await palique.services.agents.createAccountWithOwner(OWNER);
  const ownerCookie = await signIn(url);
  let running = true;

  async function listen(): Promise<PaliqueApp> {
    const { loadConfig, buildApp } = await importServer();
    const config = loadConfig({ DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'silent', ...env });
    const app = await buildApp(config);
    await app.app.listen({ port, host: '127.0.0.1' });
    return app;
  }

  const server: ServerForTests = {
    url,
    palique,
    widgetId: account.widgetId,
    accountId: account.id,
    ownerCookie,
    async stop() {
      if (running) await palique.close();
      running = false;
    },
    async restart() {
      await server.stop();
      palique = server.palique = await listen();
      running = true;
    },
    async close() {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: OWNER.email, password: OWNER.password }),
  });
  if (!res.ok) throw new Error(`sign-in failed: HTTP ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** The owner with the dashboard open (an agent socket): the account's widgets go live (W2). */
export async function openDashboard(server: ServerForTests): Promise<Socket> {
  const socket = io(`${server.url}/agent`, { extraHeaders: { cookie: server.ownerCookie }, transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

/** An agent's reply through the REST API, as the dashboard's fallback path sends it. */
export async function replyAsAgent(server: ServerForTests, conversationId: string, text: string): Promise<void> {
  const res = await fetch(`${server.url}/api/conversations/${conversationId}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: server.ownerCookie },
    body: JSON.stringify({ clientId: crypto.randomUUID().replace(/-/g, ''), text }),
  });
  if (res.status !== 201) throw new Error(`reply failed: HTTP ${res.status} ${await res.text()}`);
}

/** Waits until `check` passes (polling), or fails with what was last seen. */
export async function eventually<T>(read: () => T | Promise<T>, check: (value: T) => boolean, timeoutMs = 8_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
