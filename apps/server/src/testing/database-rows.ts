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
import { hash } from '@node-rs/argon2';
import type { Role } from '@palique/protocol';
import type { StorageLocation } from './in-process';

type Query = (sql: string, params: unknown[]) => Promise<any[]>;

/** Runs `work` on a connection of its own to the server's database, with `$n` placeholders. */
async function withDatabase<T>(at: StorageLocation, work: (query: Query) => Promise<T>): Promise<T> {
  if (at.databaseUrl) {
    // pg is imported here so that SQLite test runs never load it.
    const { default: pg } = await import('pg');
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

/**
 * Data protection: how many rows of each table still hold anything of the visitor (their row,
 * conversations, messages, reads, participants, files), read straight from the database.
 */
export function rowsOfVisitor(server: { storage: StorageLocation }, accountId: string, visitorId: string): Promise<Record<string, number>> {
  return withDatabase(server.storage, async (query) => {
    const count = async (sql: string) => Number((await query(sql, [accountId, visitorId]))[0].n);
    const ofConversations = (table: string) =>
      `SELECT COUNT(*) AS n FROM ${table} WHERE account_id = $1 AND conversation_id IN (SELECT id FROM conversations WHERE visitor_id = $2)`;
    return {
      visitors: await count('SELECT COUNT(*) AS n FROM visitors WHERE account_id = $1 AND id = $2'),
      conversations: await count('SELECT COUNT(*) AS n FROM conversations WHERE account_id = $1 AND visitor_id = $2'),
      messages: await count(ofConversations('messages')),
      conversation_reads: await count(ofConversations('conversation_reads')),
      conversation_participants: await count(ofConversations('conversation_participants')),
      files: await count('SELECT COUNT(*) AS n FROM files WHERE account_id = $1 AND visitor_id = $2'),
      visitor_details: await count('SELECT COUNT(*) AS n FROM visitor_details WHERE account_id = $1 AND visitor_id = $2'),
      visitor_tokens: await count('SELECT COUNT(*) AS n FROM visitor_tokens WHERE account_id = $1 AND visitor_id = $2'),
    };
  });
}

/** T1: a visitor's trigger firings and pending trigger timer (after a delete: none). */
export function triggerRowsOfVisitor(server: { storage: StorageLocation }, accountId: string, visitorId: string): Promise<{ firings: number; timers: number }> {
  return withDatabase(server.storage, async (query) => ({
    firings: Number((await query('SELECT COUNT(*) AS n FROM trigger_firings WHERE account_id = $1 AND visitor_id = $2', [accountId, visitorId]))[0].n),
    timers: Number((await query('SELECT COUNT(*) AS n FROM timers WHERE account_id = $1 AND key = $2', [accountId, `trigger:${visitorId}`]))[0].n),
  }));
}

/** Timers about a conversation id (queue return, chat waiting, phone push: keys end in `:<id>`). */
export function timerRowsOfConversation(server: { storage: StorageLocation }, conversationId: string): Promise<number> {
  return withDatabase(server.storage, async (query) => Number((await query('SELECT COUNT(*) AS n FROM timers WHERE key LIKE $1', [`%:${conversationId}`]))[0].n));
}

/** Every message row of a conversation id, whoever owns it (after a delete: none). */
export function messageRowsOfConversation(server: { storage: StorageLocation }, conversationId: string): Promise<number> {
  return withDatabase(server.storage, async (query) => Number((await query('SELECT COUNT(*) AS n FROM messages WHERE conversation_id = $1', [conversationId]))[0].n));
}

/** Retention tests: moves a visitor and their conversations back in time (created, last seen, last message). */
export function backdateVisitor(server: { storage: StorageLocation }, visitorId: string, at: Date): Promise<void> {
  return withDatabase(server.storage, async (query) => {
    const iso = at.toISOString();
    await query('UPDATE visitors SET created_at = $1, last_seen_at = $2 WHERE id = $3', [iso, iso, visitorId]);
    await query('UPDATE conversations SET created_at = $1, last_message_at = $2 WHERE visitor_id = $3', [iso, iso, visitorId]);
  });
}
