// The one place the harness reads or writes the app's tables, for what no API does (yet):
// - a second account on one server (only the first-run setup creates one; the isolation tests
//   need two side by side),
// - another agent in an account (there is no API to invite agents until the team feature),
// - an agent's stored password hash (no API shows it, rightly; a test checks it is argon2id),
// - the names of the stored accounts (no API lists accounts; a failed setup must leave none).
// Everything else in tests goes through the API and the typed clients.
import crypto from 'node:crypto';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { hash } from '@node-rs/argon2';
import type { Role } from '@palique/protocol';
import type { StorageLocation } from './in-process';

type Query = (sql: string, params: unknown[]) => Promise<any[]>;

/** Runs `work` on a connection of its own to the server's database, with `$n` placeholders. */
async function withDatabase<T>(at: StorageLocation, work: (query: Query) => Promise<T>): Promise<T> {
  if (at.databaseUrl) {
    const client = new pg.Client({ connectionString: at.databaseUrl });
    await client.connect();
    try {
      return await work(async (sql, params) => (await client.query(sql, params)).rows);
    } finally {
      await client.end();
    }
  }
  const file = new SQLite(path.join(at.dataDir, 'palique.sqlite'));
  file.pragma('busy_timeout = 5000');
  try {
    return await work(async (sql, params) => {
      const stmt = file.prepare(sql.replace(/\$\d+/g, '?'));
      if (stmt.reader) return stmt.all(...params);
      stmt.run(...params);
      return [];
    });
  } finally {
    file.close();
  }
}

export interface NewAgent {
  name: string;
  email: string;
  password: string;
  role: Role;
}

const newId = () => crypto.randomUUID();

async function insertAgentRow(query: Query, accountId: string, a: NewAgent): Promise<string> {
  const id = newId();
  await query(
    'INSERT INTO agents (id, account_id, name, email, password_hash, role, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [id, accountId, a.name, a.email, await hash(a.password), a.role, 'online', new Date().toISOString()],
  );
  return id;
}

/** Another account with its owner, as setup would create it. */
export function insertAccountWithOwner(
  at: StorageLocation,
  siteName: string,
  owner: Omit<NewAgent, 'role'>,
): Promise<{ accountId: string; widgetId: string; agentId: string }> {
  return withDatabase(at, async (query) => {
    const accountId = newId();
    const widgetId = crypto.randomBytes(12).toString('base64url');
    await query('INSERT INTO accounts (id, name, widget_id, created_at) VALUES ($1, $2, $3, $4)', [accountId, siteName, widgetId, new Date().toISOString()]);
    const agentId = await insertAgentRow(query, accountId, { ...owner, role: 'owner' });
    return { accountId, widgetId, agentId };
  });
}

/** Another agent of an account, as an invitation would add them. */
export function insertAgent(at: StorageLocation, accountId: string, agent: NewAgent): Promise<string> {
  return withDatabase(at, (query) => insertAgentRow(query, accountId, agent));
}

export function storedPasswordHash(server: { storage: StorageLocation }, agentId: string): Promise<string> {
  return withDatabase(server.storage, async (query) => {
    const rows = await query('SELECT password_hash FROM agents WHERE id = $1', [agentId]);
    if (rows.length !== 1) throw new Error(`no agent ${agentId}`);
    return rows[0].password_hash as string;
  });
}

/** The names of every stored account, oldest first. */
export function storedAccountNames(server: { storage: StorageLocation }): Promise<string[]> {
  return withDatabase(server.storage, async (query) => {
    const rows = await query('SELECT name FROM accounts ORDER BY created_at, id', []);
    return rows.map((r) => r.name as string);
  });
}
