// Agents: first-run setup of the owner, sign-in with argon2-hashed passwords, sessions, statuses.
import { hash, verify } from '@node-rs/argon2';
import { ErrorCode, type Agent, type AgentSocketData, type AgentStatus, type Me, type Role, type SetupBody, type TeamMember } from '@palique/protocol';
import { isUniqueViolation, type Db, type Storage } from '../db/index';
import { hashToken, newId, newToken } from '../ids';
import { now } from '../clock';
import type { EventBus } from '../events';
import type { AgentsTable, SessionsTable } from '../db/schema';
import { AppError } from '../http/errors';
import { alreadySetUp, type AccountService } from '../accounts/service';
import * as repo from './repo';

const SESSION_DAYS = 30;
/** A1: the stable address of an agent's photo; a new photo gets a new version (long cache). */
export const avatarUrlOf = (r: Pick<AgentsTable, 'id' | 'avatar_version'>): string | null =>
  r.avatar_version ? `/avatars/${r.id}/${r.avatar_version}.webp` : null;
export const toAgent = (r: AgentsTable): Agent => ({
  id: r.id,
  name: r.name,
  email: r.email,
  role: r.role,
  status: r.status,
  title: r.title,
  avatarUrl: avatarUrlOf(r),
});

/** Inserts an agent in `trx`; a taken email is a 409 (thrown out of the work: it rolls back). */
export async function insertAgentRow(
  trx: Db,
  a: { accountId: string; name: string; email: string; passwordHash: string; role: Role },
): Promise<Agent> {
  const row: AgentsTable = {
    id: newId(),
    account_id: a.accountId,
    name: a.name,
    email: a.email,
    password_hash: a.passwordHash,
    role: a.role,
    status: 'online',
    created_at: now(),
    last_active_at: null,
    title: null,
    avatar_version: null,
    removed_at: null,
  };
  try {
    await repo.insertAgent(trx, row);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(ErrorCode.EmailTaken, 409, 'An agent with this email already exists');
    throw err;
  }
  return toAgent(row);
}

/** A new session token, and the row that stores its hash (never the token itself). */
export function newSession() {
  const token = newToken();
  const created = new Date();
  const expires = new Date(created.getTime() + SESSION_DAYS * 86_400_000);
  return {
    token,
    row: (accountId: string, agentId: string): SessionsTable => ({
      id: hashToken(token),
      account_id: accountId,
      agent_id: agentId,
      created_at: created.toISOString(),
      expires_at: expires.toISOString(),
    }),
  };
}

/** A hash to verify against when the email is unknown, so timing does not reveal which emails exist. */
let decoyHash: Promise<string> | undefined;

/** The signed-in agent of a request or a dashboard socket. */
export type AgentContext = AgentSocketData;

/** Agent names change rarely; a short cache spares a query on every message of an owned chat. */
const NAME_CACHE_MS = 60_000;
/** W2: the team as widgets see it, kept briefly: every widget sync shows it. */
const TEAM_CACHE_MS = 5_000;
const TEAM_SIZE = 20;
/**
 * The team's statuses, kept for a moment: every visitor message asks (who is notified) and every
 * visitor sync (the widget's mode). A change made here forgets them at once, one made by another
 * process once it is announced (presence:changed, realtime/); what is kept meanwhile is at most
 * this old.
 */
const STATUS_CACHE_MS = 1_000;

type TeamRow = Awaited<ReturnType<typeof repo.teamOf>>[number];

export class AgentService {
  private readonly names = new Map<string, { name: string | null; until: number }>();
  private readonly teams = new Map<string, { rows: Promise<TeamRow[]>; until: number }>();
  /** The team's statuses per account: a read in flight (shared by the asks made meanwhile), then kept for STATUS_CACHE_MS. */
  private readonly statusReads = new Map<string, { read: Promise<Array<{ id: string; status: AgentStatus }>>; until: number }>();
  private readonly db: Db;

  constructor(
    private readonly storage: Storage,
    private readonly accounts: AccountService,
    private readonly events: EventBus,
  ) {
    this.db = storage.db;
  }

  /**
   * The first visit to the dashboard creates the owner account. The account, the installation
   * row, the owner and their session are written in one transaction: a crash or a refused value
   * leaves nothing behind, and of setups racing each other only one commits (the others get 409).
   */
  async setup(body: SetupBody): Promise<{ token: string; me: Me }> {
    if (await this.accounts.isSetUp()) throw alreadySetUp();
    // Hashed before the transaction: on SQLite it would hold up every write sharing the commit.
    const passwordHash = await hash(body.password);
    const session = newSession();
    return this.storage.write(async (trx) => {
      const account = await this.accounts.createFirst(trx, body.siteName);
      const agent = await insertAgentRow(trx, { accountId: account.id, name: body.name, email: body.email, passwordHash, role: 'owner' });
      await repo.insertSession(trx, session.row(account.id, agent.id));
      return { token: session.token, me: { account, agent } };
    });
  }

  async createAgent(accountId: string, a: { name: string; email: string; password: string; role: Role }): Promise<Agent> {
    const passwordHash = await hash(a.password);
    return this.storage.write((trx) => insertAgentRow(trx, { accountId, name: a.name, email: a.email, passwordHash, role: a.role }));
  }

  async login(email: string, password: string): Promise<{ token: string; me: Me }> {
    const row = await repo.findAgentByEmail(this.db, email);
    decoyHash ??= hash('decoy-password-for-timing');
    const ok = await verify(row?.password_hash ?? (await decoyHash), password).catch(() => false);
    if (!row || !ok) throw new AppError(ErrorCode.InvalidCredentials, 401, 'Wrong email or password');
    const token = await this.startSession(row.account_id, row.id);
    return { token, me: { agent: toAgent(row), account: await this.accounts.get(row.account_id) } };
  }

  private async startSession(accountId: string, agentId: string): Promise<string> {
    const session = newSession();
    await this.storage.write((trx) => repo.insertSession(trx, session.row(accountId, agentId)));
    return session.token;
  }

  async fromSessionToken(token: string | undefined): Promise<AgentContext> {
    const unauthenticated = new AppError(ErrorCode.Unauthenticated, 401, 'Sign in first');
    if (!token) throw unauthenticated;
    const sessionId = hashToken(token);
    const session = await repo.findSession(this.db, sessionId);
    if (!session || session.expires_at < now()) throw unauthenticated;
    const row = await repo.findAgent(this.db, session.account_id, session.agent_id);
    if (!row) throw unauthenticated;
    return { accountId: row.account_id, agent: toAgent(row), sessionId };
  }

  /** Ends the session: its cookie stops working and its open sockets are closed (session.ended). */
  async logout(ctx: AgentContext): Promise<void> {
    await this.storage.write((trx) => repo.deleteSession(trx, ctx.sessionId));
    this.events.emit('session.ended', { accountId: ctx.accountId, sessionId: ctx.sessionId });
  }

  async isSessionOpen(sessionId: string): Promise<boolean> {
    return (await repo.findSession(this.db, sessionId)) !== undefined;
  }

  async me(ctx: AgentContext): Promise<Me> {
    return { agent: ctx.agent, account: await this.accounts.get(ctx.accountId) };
  }

  async setStatus(accountId: string, agentId: string, status: AgentStatus): Promise<void> {
    await repo.setAgentStatus(this.db, accountId, agentId, status, now());
    this.statusesChanged(accountId);
    this.events.emit('agent.status_changed', { accountId, agentId, status });
  }

  /**
   * A status of the account changed (here, or on another process, which announced it): a read
   * begun or kept before the change must not answer asks made after it.
   */
  statusesChanged(accountId: string): void {
    this.statusReads.delete(accountId);
    this.teams.delete(accountId);
  }

  async nameOf(accountId: string, agentId: string): Promise<string | null> {
    const key = `${accountId}:${agentId}`;
    const cached = this.names.get(key);
    if (cached && cached.until > Date.now()) return cached.name;
    const name = (await repo.findAgent(this.db, accountId, agentId))?.name ?? null;
    if (this.names.size > 10_000) this.names.clear();
    this.names.set(key, { name, until: Date.now() + NAME_CACHE_MS });
    return name;
  }

  /** Every agent of the account with their status. */
  teamStatuses(accountId: string): Promise<Array<{ id: string; status: AgentStatus }>> {
    const kept = this.statusReads.get(accountId);
    if (kept && kept.until > Date.now()) return kept.read;
    const entry = { read: repo.agentStatuses(this.db, accountId), until: Infinity };
    entry.read.then(
      () => (entry.until = Date.now() + STATUS_CACHE_MS),
      () => this.statusReads.get(accountId) === entry && this.statusReads.delete(accountId),
    );
    if (this.statusReads.size > 10_000) this.statusReads.clear();
    this.statusReads.set(accountId, entry);
    return entry.read;
  }

  /**
   * The statuses of these agents (those not removed). Every visitor's sync asks (the widget's
   * mode): from the team's read, which the asks of one moment share.
   */
  async statusesOf(accountId: string, agentIds: string[]): Promise<AgentStatus[]> {
    if (agentIds.length === 0) return [];
    const wanted = new Set(agentIds);
    return (await this.teamStatuses(accountId)).filter((a) => wanted.has(a.id)).map((a) => a.status);
  }

  /** I1: the account's agents with their addresses (offline email, replies by email). */
  async contacts(accountId: string): Promise<Array<{ id: string; name: string; email: string }>> {
    return (await repo.listAgents(this.db, accountId)).map((a) => ({ id: a.id, name: a.name, email: a.email }));
  }

  /** A1/A2: the team changed (names, avatars, members): the widget's team strip is read again. */
  forgetTeam(accountId: string): void {
    this.statusesChanged(accountId);
    this.names.clear();
  }

  /** W2: an agent's dashboard connected or disconnected; the widget shows when they were last active. */
  async markActive(accountId: string, agentId: string): Promise<void> {
    await repo.setLastActive(this.db, accountId, agentId, now());
    this.teams.delete(accountId);
  }

  /**
   * W2: the team as the widget shows it: names, initials, who can answer live now (connected,
   * per `connectedIds`, and Online) and when each was last active. Online first, then the most
   * recently active. Never emails.
   */
  async team(accountId: string, connectedIds: readonly string[]): Promise<TeamMember[]> {
    let cached = this.teams.get(accountId);
    if (!cached || cached.until <= Date.now()) {
      if (this.teams.size > 10_000) this.teams.clear();
      cached = { rows: repo.teamOf(this.db, accountId), until: Date.now() + TEAM_CACHE_MS };
      this.teams.set(accountId, cached);
      cached.rows.catch(() => this.teams.delete(accountId));
    }
    const connected = new Set(connectedIds);
    const members = (await cached.rows).map((r) => ({
      id: r.id,
      name: r.name,
      initials: initialsOf(r.name),
      online: r.status === 'online' && connected.has(r.id),
      lastActiveAt: r.last_active_at,
      avatarUrl: avatarUrlOf(r),
    }));
    members.sort((a, b) => Number(b.online) - Number(a.online) || (b.lastActiveAt ?? '').localeCompare(a.lastActiveAt ?? ''));
    return members.slice(0, TEAM_SIZE);
  }
}

/** "Helena Prado" → "HP", "helena" → "H": the avatar of an agent without a photo. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = (w: string | undefined) => (w ? Array.from(w)[0]!.toUpperCase() : '');
  const initials = words.length > 1 ? first(words[0]) + first(words.at(-1)) : first(words[0]);
  return initials || '?';
}
