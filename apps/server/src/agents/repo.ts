// Queries of agents and their sessions. Every agent query filters on account_id,
// except the sign-in lookup by email, which is how an account is found in the first place.
import type { Db } from '../db/index';
import type { AgentAvatarsTable, AgentsTable, InvitationsTable, SessionsTable } from '../db/schema';

export async function insertAgent(db: Db, row: AgentsTable): Promise<void> {
  await db.insertInto('agents').values(row).execute();
}

export function findAgentByEmail(db: Db, email: string) {
  return db.selectFrom('agents').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findAgent(db: Db, accountId: string, id: string) {
  return db
    .selectFrom('agents')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
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

export function agentStatuses(db: Db, accountId: string) {
  return db.selectFrom('agents').select(['id', 'status']).where('account_id', '=', accountId).where('removed_at', 'is', null).execute();
}

/** W2: an agent connected or disconnected. */
export async function setLastActive(db: Db, accountId: string, id: string, at: string): Promise<void> {
  await db.updateTable('agents').set({ last_active_at: at }).where('account_id', '=', accountId).where('id', '=', id).execute();
}

/** W2: what the widget shows of the team (no emails). */
export function teamOf(db: Db, accountId: string) {
  return db.selectFrom('agents').select(['id', 'name', 'status', 'last_active_at', 'avatar_version'])
    .where('account_id', '=', accountId)
    .where('removed_at', 'is', null)
    .orderBy('created_at')
    .execute();
}

// A1 and A2: profiles, avatars, the team list, roles and removal, invitations.

export function listAgents(db: Db, accountId: string) {
  return db.selectFrom('agents').selectAll().where('account_id', '=', accountId).where('removed_at', 'is', null).orderBy('created_at').execute();
}

export async function setProfile(db: Db, accountId: string, id: string, p: { name: string; title: string | null }): Promise<void> {
  await db.updateTable('agents').set(p).where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function setRole(db: Db, accountId: string, id: string, role: AgentsTable['role']): Promise<void> {
  await db.updateTable('agents').set({ role }).where('account_id', '=', accountId).where('id', '=', id).execute();
}

/** A2: the row stays (chats point at it); the email is freed and no password works any more. */
export async function markRemoved(db: Db, accountId: string, id: string, at: string): Promise<void> {
  await db
    .updateTable('agents')
    .set({ removed_at: at, email: `removed-${id}@removed.invalid`, password_hash: '' })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}

/** The ids of an agent's sessions, deleted (their sockets are then closed by `session.ended`). */
export async function deleteSessionsOf(db: Db, accountId: string, agentId: string): Promise<string[]> {
  const rows = await db.selectFrom('sessions').select('id').where('account_id', '=', accountId).where('agent_id', '=', agentId).execute();
  await db.deleteFrom('sessions').where('account_id', '=', accountId).where('agent_id', '=', agentId).execute();
  return rows.map((r) => r.id);
}

export async function saveAvatar(db: Db, row: AgentAvatarsTable): Promise<void> {
  await db.deleteFrom('agent_avatars').where('agent_id', '=', row.agent_id).execute();
  await db.insertInto('agent_avatars').values(row).execute();
  await db.updateTable('agents').set({ avatar_version: row.version }).where('account_id', '=', row.account_id).where('id', '=', row.agent_id).execute();
}

export async function deleteAvatar(db: Db, accountId: string, agentId: string): Promise<void> {
  await db.deleteFrom('agent_avatars').where('account_id', '=', accountId).where('agent_id', '=', agentId).execute();
  await db.updateTable('agents').set({ avatar_version: null }).where('account_id', '=', accountId).where('id', '=', agentId).execute();
}

export function findAvatar(db: Db, agentId: string, version: string) {
  return db.selectFrom('agent_avatars').select(['image']).where('agent_id', '=', agentId).where('version', '=', version).executeTakeFirst();
}

export async function insertInvitation(db: Db, row: InvitationsTable): Promise<void> {
  await db.insertInto('invitations').values(row).execute();
}

export function findInvitationByToken(db: Db, tokenHash: string) {
  return db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export function pendingInvitations(db: Db, accountId: string, at: string) {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', at)
    .orderBy('created_at')
    .execute();
}

export async function revokeInvitation(db: Db, accountId: string, id: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('invitations')
    .set({ revoked_at: at })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Marks it used unless something else did first: true for the one caller that wins. */
export async function useInvitation(db: Db, id: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('invitations')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
