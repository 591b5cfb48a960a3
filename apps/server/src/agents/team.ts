// A1 and A2: the team of an account. Profiles and avatars; the "Agents" section (roles,
// removal, ownership hand-over); invitations by email that expire after 7 days (read from the
// injectable clock), can be revoked and work once, with their token stored hashed. Removing an
// agent or changing their role ends their sessions, and `session.ended` closes their sockets.
import { hash } from '@node-rs/argon2';
import {
  ErrorCode,
  INVITATION_DAYS,
  type Agent,
  type Invitation,
  type InvitationPreview,
  type InvitationSent,
  type InvitedRole,
  type Me,
  type TeamPage,
} from '@palique/protocol';
import type { Db, Storage } from '../db/index';
import type { InvitationsTable } from '../db/schema';
import { hashToken, newId, newToken } from '../ids';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import { AppError } from '../http/errors';
import type { AccountService } from '../accounts/service';
import type { Mailer } from '../mail';
import { insertAgentRow, newSession, toAgent, type AgentContext } from './service';
import { reencodeAvatar } from './avatar';
import * as repo from './repo';

const DAY_MS = 86_400_000;

interface Log {
  info(o: object, msg: string): void;
  error(o: object, msg: string): void;
}

export interface TeamDeps {
  storage: Storage;
  accounts: AccountService;
  events: EventBus;
  clock: Clock;
  mailer: Mailer | undefined;
  publicUrl: string;
  log: Log;
  /** Called after the team changed, so caches (the widget's team strip) forget it. */
  changed(accountId: string): void;
}

const toInvitation = (r: InvitationsTable): Invitation => ({ id: r.id, email: r.email, role: r.role, createdAt: r.created_at, expiresAt: r.expires_at });

const forbidden = (message: string) => new AppError(ErrorCode.Forbidden, 403, message);
const agentNotFound = () => new AppError(ErrorCode.NotFound, 404, 'No such agent');

export class TeamService {
  private readonly db: Db;

  constructor(private readonly deps: TeamDeps) {
    this.db = deps.storage.db;
  }

  private nowIso(): string {
    return this.deps.clock.now().toISOString();
  }

  async page(accountId: string): Promise<TeamPage> {
    const [agents, invitations] = await Promise.all([repo.listAgents(this.db, accountId), repo.pendingInvitations(this.db, accountId, this.nowIso())]);
    return { agents: agents.map(toAgent), invitations: invitations.map(toInvitation) };
  }

  // ---- A1: profile ----

  async setProfile(ctx: AgentContext, p: { name: string; title: string }): Promise<Agent> {
    await repo.setProfile(this.db, ctx.accountId, ctx.agent.id, { name: p.name, title: p.title || null });
    this.deps.changed(ctx.accountId);
    return this.agent(ctx.accountId, ctx.agent.id);
  }

  async setAvatar(ctx: AgentContext, upload: Buffer): Promise<Agent> {
    const image = await reencodeAvatar(upload);
    const version = hashToken(image.toString('base64')).slice(0, 16);
    await this.deps.storage.write((trx) =>
      repo.saveAvatar(trx, { agent_id: ctx.agent.id, account_id: ctx.accountId, version, image, updated_at: this.nowIso() }),
    );
    this.deps.changed(ctx.accountId);
    return this.agent(ctx.accountId, ctx.agent.id);
  }

  async removeAvatar(ctx: AgentContext): Promise<Agent> {
    await this.deps.storage.write((trx) => repo.deleteAvatar(trx, ctx.accountId, ctx.agent.id));
    this.deps.changed(ctx.accountId);
    return this.agent(ctx.accountId, ctx.agent.id);
  }

  async avatar(agentId: string, version: string): Promise<Buffer | undefined> {
    const row = await repo.findAvatar(this.db, agentId, version);
    return row ? Buffer.from(row.image) : undefined;
  }

  private async agent(accountId: string, id: string): Promise<Agent> {
    const row = await repo.findAgent(this.db, accountId, id);
    if (!row) throw agentNotFound();
    return toAgent(row);
  }

  // ---- A2: roles, removal, ownership ----

  /** Admins manage agents and admins, never the owner; nobody changes their own role here. */
  private async managedAgent(ctx: AgentContext, id: string) {
    const row = await repo.findAgent(this.db, ctx.accountId, id);
    if (!row) throw agentNotFound();
    if (row.role === 'owner') throw new AppError(ErrorCode.OwnerProtected, 403, 'The owner cannot be removed or demoted; the owner can hand ownership over first');
    if (row.id === ctx.agent.id) throw forbidden('You cannot change your own role or remove yourself');
    return row;
  }

  async setRole(ctx: AgentContext, id: string, role: InvitedRole): Promise<Agent> {
    const row = await this.managedAgent(ctx, id);
    if (row.role === role) return toAgent(row);
    await this.deps.storage.write((trx) => repo.setRole(trx, ctx.accountId, id, role));
    // Their open dashboards hold the old role: they sign in again.
    await this.endSessions(ctx.accountId, id);
    return this.agent(ctx.accountId, id);
  }

  async remove(ctx: AgentContext, id: string): Promise<void> {
    await this.managedAgent(ctx, id);
    await this.deps.storage.write((trx) => repo.markRemoved(trx, ctx.accountId, id, this.nowIso()));
    await this.endSessions(ctx.accountId, id);
    this.deps.changed(ctx.accountId);
  }

  /** The owner hands ownership to an admin and becomes an admin. */
  async transferOwnership(ctx: AgentContext, id: string): Promise<TeamPage> {
    if (ctx.agent.role !== 'owner') throw forbidden('Only the owner can hand ownership over');
    const row = await repo.findAgent(this.db, ctx.accountId, id);
    if (!row) throw agentNotFound();
    if (row.role !== 'admin') throw forbidden('Ownership goes to an administrator: make them an admin first');
    await this.deps.storage.write(async (trx) => {
      await repo.setRole(trx, ctx.accountId, id, 'owner');
      await repo.setRole(trx, ctx.accountId, ctx.agent.id, 'admin');
    });
    // Both dashboards show the old roles: both sign in again.
    await this.endSessions(ctx.accountId, id);
    await this.endSessions(ctx.accountId, ctx.agent.id);
    return this.page(ctx.accountId);
  }

  private async endSessions(accountId: string, agentId: string): Promise<void> {
    const ids = await this.deps.storage.write((trx) => repo.deleteSessionsOf(trx, accountId, agentId));
    for (const sessionId of ids) this.deps.events.emit('session.ended', { accountId, sessionId });
  }

  // ---- A2: invitations ----

  async invite(ctx: AgentContext, email: string, role: InvitedRole): Promise<InvitationSent> {
    if (await repo.findAgentByEmail(this.db, email)) throw new AppError(ErrorCode.EmailTaken, 409, 'An agent with this email already exists');
    const token = newToken();
    const created = this.deps.clock.now();
    const row: InvitationsTable = {
      id: newId(),
      account_id: ctx.accountId,
      email,
      role,
      token_hash: hashToken(token),
      invited_by: ctx.agent.id,
      created_at: created.toISOString(),
      expires_at: new Date(created.getTime() + INVITATION_DAYS * DAY_MS).toISOString(),
      used_at: null,
      revoked_at: null,
    };
    await this.deps.storage.write((trx) => repo.insertInvitation(trx, row));
    const link = `${this.deps.publicUrl}/join/${token}`;
    const account = await this.deps.accounts.get(ctx.accountId);
    const { mailer, log } = this.deps;
    if (mailer) {
      try {
        await mailer.send({
          to: email,
          subject: `${ctx.agent.name} invites you to ${account.name} on Palique`,
          text: `${ctx.agent.name} invites you to answer chats for ${account.name}.\n\nJoin here (the link works once, for ${INVITATION_DAYS} days):\n${link}\n`,
        });
        return { invitation: toInvitation(row), emailed: true, link: null };
      } catch (err) {
        log.error({ err }, 'the invitation email could not be sent; the dashboard shows the link instead');
      }
    }
    // The one secret a log may carry, on purpose: without SMTP the operator may need the link.
    log.info({ invitationLink: link }, 'invitation link (no email sent: copy it from the dashboard or here)');
    return { invitation: toInvitation(row), emailed: false, link };
  }

  async revoke(ctx: AgentContext, id: string): Promise<void> {
    const done = await this.deps.storage.write((trx) => repo.revokeInvitation(trx, ctx.accountId, id, this.nowIso()));
    if (!done) throw new AppError(ErrorCode.NotFound, 404, 'No such invitation waiting');
  }

  /** The invitation of a link, or a clear 404/410 saying why it no longer works. */
  private async workingInvitation(token: string): Promise<InvitationsTable> {
    const row = await repo.findInvitationByToken(this.db, hashToken(token));
    if (!row) throw new AppError(ErrorCode.NotFound, 404, 'This invitation link is not valid. Ask for a new invitation.');
    if (row.used_at) throw new AppError(ErrorCode.InvitationUsed, 410, 'This invitation has already been used. Sign in instead.');
    if (row.revoked_at) throw new AppError(ErrorCode.InvitationRevoked, 410, 'This invitation was withdrawn. Ask for a new invitation.');
    if (row.expires_at <= this.nowIso()) throw new AppError(ErrorCode.InvitationExpired, 410, 'This invitation has expired. Ask for a new invitation.');
    return row;
  }

  async preview(token: string): Promise<InvitationPreview> {
    const row = await this.workingInvitation(token);
    const account = await this.deps.accounts.get(row.account_id);
    return { email: row.email, role: row.role, accountName: account.name };
  }

  /** "Join": the new agent is created and signed in; the link stops working. */
  async join(token: string, p: { name: string; password: string }): Promise<{ token: string; me: Me }> {
    const invitation = await this.workingInvitation(token);
    const passwordHash = await hash(p.password);
    const session = newSession();
    const agent = await this.deps.storage.write(async (trx) => {
      if (!(await repo.useInvitation(trx, invitation.id, this.nowIso()))) {
        throw new AppError(ErrorCode.InvitationUsed, 410, 'This invitation has already been used. Sign in instead.');
      }
      const a = await insertAgentRow(trx, { accountId: invitation.account_id, name: p.name, email: invitation.email, passwordHash, role: invitation.role });
      await repo.insertSession(trx, session.row(invitation.account_id, a.id));
      return a;
    });
    this.deps.changed(invitation.account_id);
    return { token: session.token, me: { agent, account: await this.deps.accounts.get(invitation.account_id) } };
  }
}
