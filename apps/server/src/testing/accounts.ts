// Accounts and agents for tests: the first owner through the first-run setup (the API), then,
// for what no API does yet, more accounts and agents written directly (database-rows.ts).
import type { Role } from '@palique/protocol';
import { api, sessionCookieOf, signIn, uniqueEmail, type Reachable } from './api';
import { insertAccountWithOwner, insertAgent } from './database-rows';
import type { StorageLocation } from './in-process';

/** A server the harness started, whose storage it knows. */
export interface HarnessedServer extends Reachable {
  storage: StorageLocation;
}

export interface OwnerSession {
  cookie: string;
  accountId: string;
  widgetId: string;
  agentId: string;
  email: string;
  password: string;
}

export interface OwnerDetails {
  name?: string;
  siteName?: string;
  email?: string;
  password?: string;
}

const DEFAULT_PASSWORD = 'correct horse battery';

/** The first-run setup (POST /api/setup), signed in: the account the app itself creates. */
export async function setupOwner(server: Reachable, details: OwnerDetails = {}): Promise<OwnerSession> {
  const email = details.email ?? uniqueEmail('owner');
  const password = details.password ?? DEFAULT_PASSWORD;
  const res = await api(server, 'POST', '/api/setup', {
    body: { name: details.name ?? 'Helena Prado', email, password, siteName: details.siteName ?? 'Acme' },
  });
  if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { cookie: sessionCookieOf(res), accountId: res.body.account.id, widgetId: res.body.account.widgetId, agentId: res.body.agent.id, email, password };
}

/**
 * Another account with its owner, signed in. No API creates a second account (setup runs once
 * per installation), so its rows are written directly.
 */
export async function addAccount(server: HarnessedServer, details: OwnerDetails = {}): Promise<OwnerSession> {
  const email = details.email ?? uniqueEmail('owner');
  const password = details.password ?? DEFAULT_PASSWORD;
  const ids = await insertAccountWithOwner(server.storage, details.siteName ?? 'Acme', { name: details.name ?? 'Helena Prado', email, password });
  return { ...ids, cookie: await signIn(server, email, password), email, password };
}

/** Another agent of an account. No API invites agents yet, so the row is written directly. */
export async function addAgent(
  server: HarnessedServer,
  accountId: string,
  agent: { name: string; email?: string; password: string; role: Role },
): Promise<{ id: string; email: string }> {
  const email = agent.email ?? uniqueEmail('agent');
  const id = await insertAgent(server.storage, accountId, { ...agent, email });
  return { id, email };
}
