// Visitors: anonymous until they say who they are; recognised by a token the widget keeps.
import { ErrorCode, type Visitor, type VisitorSession, type VisitorSocketData, type VisitorUpdate, type VisitorCrmUpdate } from '@palique/protocol';
import { isUniqueViolation, type Storage } from '../db/index';
import { hashToken, newId, newToken } from '../ids';
import { now } from '../clock';
import type { EventBus, Origin } from '../events';
import { AppError, notFound } from '../http/errors';
import type { AccountService } from '../accounts/service';
import * as repo from './repo';
import { WidgetIdentityService } from './identity';

/** Who a widget socket belongs to, as its handshake established. */
export type VisitorIdentity = VisitorSocketData;
/** A visitor just started: their identity and the session (token) the widget keeps. */
export type StartedVisitor = VisitorIdentity & { started: VisitorSession };

const SEEN_FLUSH_MS = 5_000;
/** W7: tokens kept per identified user besides the first (their devices; the oldest go first). */
const MAX_DEVICE_TOKENS = 20;

export class VisitorService {
  private readonly seen = new Map<string, { accountId: string; id: string; at: string }>();
  private seenTimer?: NodeJS.Timeout;
  private flushing?: Promise<void>;

  constructor(
    private readonly storage: Storage,
    private readonly accounts: AccountService,
    private readonly events: EventBus,
    readonly identity = new WidgetIdentityService(storage.db),
  ) {}

  /** Confirms a kept token; undefined when it is unknown (then the widget needs a new visitor). */
  async resumeSession(widgetId: string, token: string): Promise<VisitorSession | undefined> {
    const account = await this.accounts.byWidgetId(widgetId);
    const row = await repo.findVisitorByTokenHash(this.storage.db, account.id, hashToken(token));
    return row ? { token, visitorId: row.id } : undefined;
  }

  /** W7: the client id when the signature is its valid one for this widget's account. */
  async verifiedClientId(widgetId: string, clientId: string, signature: string): Promise<string | undefined> {
    const account = await this.accounts.byWidgetId(widgetId);
    return this.identity.verify(account.id, clientId, signature);
  }

  /**
   * Starts a new visitor; with `externalId` (a verified W7 client id), bound to that user. Who
   * they are (as a socket's handshake establishes it), with the session to hand them (`started`).
   */
  async startSession(widgetId: string, externalId?: string): Promise<StartedVisitor> {
    const account = await this.accounts.byWidgetId(widgetId);
    const fresh = newToken();
    const at = now();
    const id = newId();
    const row = {
      id,
      account_id: account.id,
      token_hash: hashToken(fresh),
      name: null,
      email: null,
      phone: null,
      data: '{}',
      notes: null,
      created_at: at,
      last_seen_at: at,
      external_id: externalId ?? null,
    };
    try {
      // Committed before the token is handed out, a burst of new visitors in one commit, which
      // does not wait for the disk: a row lost in a power cut only makes the widget start again.
      await this.storage.writeRelaxed((trx) => repo.insertVisitor(trx, row));
    } catch (err) {
      // The same user's other device created their visitor first: join that one.
      const joined = externalId && isUniqueViolation(err) ? await this.resumeIdentified(widgetId, externalId) : undefined;
      if (joined) return { accountId: account.id, visitor: await this.get(account.id, joined.visitorId), started: joined };
      throw err;
    }
    return { accountId: account.id, visitor: repo.toVisitor(row), started: { token: fresh, visitorId: id } };
  }

  /**
   * W7: the session of a verified site user (`externalId`). The visitor bound to that user, with
   * this device's token if it already opens it, or a new token for this device; else the device's
   * own anonymous visitor becomes that user's (their chat before signing in stays theirs).
   * Undefined when the user has no visitor yet and the device has none to bind: start one.
   */
  async resumeIdentified(widgetId: string, externalId: string, token?: string): Promise<VisitorSession | undefined> {
    const account = await this.accounts.byWidgetId(widgetId);
    const db = this.storage.db;
    const current = token ? await repo.findVisitorByTokenHash(db, account.id, hashToken(token)) : undefined;
    const bound = await repo.findVisitorByExternalId(db, account.id, externalId);
    if (bound) {
      if (current?.id === bound.id) return { token: token!, visitorId: bound.id };
      const fresh = newToken();
      await this.storage.write(async (trx) => {
        await repo.insertDeviceToken(trx, { token_hash: hashToken(fresh), account_id: account.id, visitor_id: bound.id, created_at: now() });
        await repo.pruneDeviceTokens(trx, account.id, bound.id, MAX_DEVICE_TOKENS);
      });
      return { token: fresh, visitorId: bound.id };
    }
    // Another user's visitor (a shared browser) is never handed over: only an anonymous one.
    if (current && current.external_id === null && (await this.storage.write((trx) => repo.bindExternalId(trx, account.id, current.id, externalId)).catch(rethrowUnlessUnique))) {
      return { token: token!, visitorId: current.id };
    }
    return undefined;
  }

  async authenticate(widgetId: string, token: string): Promise<VisitorIdentity> {
    const account = await this.accounts.byWidgetId(widgetId);
    const row = await repo.findVisitorByTokenHash(this.storage.db, account.id, hashToken(token));
    if (!row) throw new AppError(ErrorCode.VisitorUnknown, 401, 'Unknown visitor token');
    return { accountId: account.id, visitor: repo.toVisitor(row) };
  }

  async get(accountId: string, id: string): Promise<Visitor> {
    const row = await repo.findVisitor(this.storage.db, accountId, id);
    if (!row) throw notFound('visitor');
    return repo.toVisitor(row);
  }

  /**
   * Notes that a visitor is here. Last-seen times are written together every few seconds, in one
   * transaction and one statement per 500: one commit (and on SQLite one fsync) per connecting
   * visitor was most of the cost of a burst of connections, for a value that may lag by seconds.
   */
  touch(accountId: string, id: string): void {
    this.seen.set(`${accountId}:${id}`, { accountId, id, at: now() });
    this.seenTimer ??= setTimeout(() => void this.flushSeen(), SEEN_FLUSH_MS).unref();
  }

  async flushSeen(): Promise<void> {
    clearTimeout(this.seenTimer);
    this.seenTimer = undefined;
    // A flush the timer started may still be writing: the one at shutdown waits for it, or the
    // storage would close under it (an unhandled "driver has already been destroyed").
    await this.flushing?.catch(() => {});
    if (this.seen.size === 0) return;
    const batch = [...this.seen.values()];
    this.seen.clear();
    this.flushing = this.storage.writeRelaxed((trx) => repo.setLastSeen(trx, batch));
    await this.flushing;
  }

  /**
   * Palique('restart') (F10): the token stops working at once and for good: its hash is replaced
   * by the hash of a token nobody holds. The visitor, their details and conversation stay for
   * the agents; the widget starts a new anonymous visitor.
   */
  async revoke(accountId: string, id: string, origin?: Origin): Promise<void> {
    await this.storage.write(async (trx) => {
      await repo.replaceTokenHash(trx, accountId, id, hashToken(newToken()));
      // W7: an identified user's other devices too; each is bound again by its own signed id.
      await repo.deleteDeviceTokens(trx, accountId, id);
    });
    this.events.emit('visitor.revoked', { accountId, visitorId: id, origin });
  }

  /** Palique('setVisitor', …): given fields replace the old ones; data keys merge. */
  async update(accountId: string, id: string, changes: VisitorUpdate): Promise<Visitor> {
    const current = await this.get(accountId, id);
    const data = changes.data ? { ...current.data, ...changes.data } : current.data;
    if (Object.keys(data).length > 50) throw new AppError(ErrorCode.InvalidInput, 400, 'data: at most 50 keys');
    const blankToNull = (v: string | null | undefined, old: string | null) => (v === undefined ? old : v || null);
    await repo.updateVisitor(this.storage.db, accountId, id, {
      name: blankToNull(changes.name, current.name),
      email: blankToNull(changes.email, current.email),
      phone: blankToNull(changes.phone, current.phone),
      data: JSON.stringify(data),
    });
    const visitor = await this.get(accountId, id);
    this.events.emit('visitor.updated', { accountId, visitor: await this.getForAgents(accountId, id) });
    return visitor;
  }

  /** The visitor as agents see them: with the agents' notes (C3). */
  async getForAgents(accountId: string, id: string): Promise<Visitor> {
    const row = await repo.findVisitor(this.storage.db, accountId, id);
    if (!row) throw notFound('visitor');
    return repo.toAgentVisitor(row);
  }

  /**
   * C3: an agent edits the small CRM (name, email, phone, notes); any agent of the account may.
   * Given fields replace the old ones ('' clears); the other agents see it live (visitor.updated).
   */
  async updateByAgent(accountId: string, id: string, changes: VisitorCrmUpdate): Promise<Visitor> {
    const current = await this.getForAgents(accountId, id);
    const keep = (v: string | null | undefined, old: string | null | undefined) => (v === undefined ? (old ?? null) : v?.trim() ? v : null);
    await repo.updateVisitor(this.storage.db, accountId, id, {
      name: keep(changes.name, current.name),
      email: keep(changes.email, current.email),
      phone: keep(changes.phone, current.phone),
      notes: keep(changes.notes, current.notes),
    });
    const visitor = await this.getForAgents(accountId, id);
    this.events.emit('visitor.updated', { accountId, visitor });
    return visitor;
  }

  /**
   * C3: the ids of the visitor's conversations, and of other visitors' with the same email (the
   * same person on another device), newest first; 404 for another account's visitor.
   */
  async conversationIds(accountId: string, id: string): Promise<string[]> {
    const visitor = await this.get(accountId, id);
    return (await repo.conversationIdsOfVisitor(this.storage.db, accountId, id, visitor.email)).map((r) => r.id);
  }
}

/** A bind that lost the race to the same user's other device: treated as "not bound". */
function rethrowUnlessUnique(err: unknown): false {
  if (isUniqueViolation(err)) return false;
  throw err;
}
