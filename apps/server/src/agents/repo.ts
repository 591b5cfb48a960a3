// Queries of agents and their sessions. Every agent query filters on account_id,
// except the sign-in lookup by email, which is how an account is found in the first place.
import type { Db } from '../db/index';
import type { AgentsTable, SessionsTable } from '../db/schema';

export async function insertAgent(db: Db, row: AgentsTable): Promise<void> {
  await db.insertInto('agents').values(row).execute();
}

export function findAgentByEmail(db: Db, email: string) {
  return db.selectFrom('agents').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findAgent(db: Db, accountId: string, id: string) {
  return db.selectFrom('agents').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

export async function setAgentStatus(db: Db, accountId: string, id: string, status: AgentsTable['status'], at: string) {
  await db.updateTable('agents').set({ status, last_active_at: at }).where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function insertSession(db: Db, row: SessionsTable): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export function findSession(db: Db, id: string) {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function statusesOf(db: Db, accountId: string, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('agents').select('status').where('account_id', '=', accountId).where('id', 'in', ids).execute();
  return rows.map((r) => r.status);
}

export function agentStatuses(db: Db, accountId: string) {
  return db.selectFrom('agents').select(['id', 'status']).where('account_id', '=', accountId).execute();
}

/** W2: an agent connected or disconnected. */
export async function setLastActive(db: Db, accountId: string, id: string, at: string): Promise<void> {
  await db.updateTable('agents').set({ last_active_at: at }).where('account_id', '=', accountId).where('id', '=', id).execute();
}

/** W2: what the widget shows of the team (no emails). */
export function teamOf(db: Db, accountId: string) {
  return db.selectFrom('agents').select(['id', 'name', 'status', 'last_active_at']).where('account_id', '=', accountId).orderBy('created_at').execute();
}
