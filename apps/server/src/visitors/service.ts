// Visitors: anonymous until they say who they are; recognised by a token the widget keeps.
import type { Visitor, VisitorSession, VisitorUpdate } from '@charla/protocol';
import type { Db } from '../db/index';
import { hashToken, newId, newToken, now } from '../db/ids';
import { AppError, notFound } from '../http/errors';
import type { Fanout } from '../realtime/fanout';
import type { AccountService } from '../accounts/service';
import * as repo from './repo';

export interface VisitorIdentity {
  accountId: string;
  visitor: Visitor;
}

export class VisitorService {
  constructor(
    private readonly db: Db,
    private readonly accounts: AccountService,
    private readonly fanout: Fanout,
  ) {}

  /** Confirms a kept token, or starts a new visitor when there is none (or it is unknown). */
  async openSession(widgetId: string, token: string | undefined): Promise<VisitorSession> {
    const account = await this.accounts.byWidgetId(widgetId);
    if (token) {
      const row = await repo.findVisitorByTokenHash(this.db, account.id, hashToken(token));
      if (row) return { token, visitorId: row.id };
    }
    const fresh = newToken();
    const at = now();
    const id = newId();
    await repo.insertVisitor(this.db, {
      id,
      account_id: account.id,
      token_hash: hashToken(fresh),
      name: null,
      email: null,
      phone: null,
      data: '{}',
      created_at: at,
      last_seen_at: at,
    });
    return { token: fresh, visitorId: id };
  }

  async authenticate(widgetId: string, token: string): Promise<VisitorIdentity> {
    const account = await this.accounts.byWidgetId(widgetId);
    const row = await repo.findVisitorByTokenHash(this.db, account.id, hashToken(token));
    if (!row) throw new AppError('visitor_unknown', 401, 'Unknown visitor token');
    return { accountId: account.id, visitor: repo.toVisitor(row) };
  }

  async get(accountId: string, id: string): Promise<Visitor> {
    const row = await repo.findVisitor(this.db, accountId, id);
    if (!row) throw notFound('visitor');
    return repo.toVisitor(row);
  }

  async touch(accountId: string, id: string): Promise<void> {
    await repo.updateVisitor(this.db, accountId, id, { last_seen_at: now() });
  }

  /** Charla('setVisitor', …): given fields replace the old ones; data keys merge. */
  async update(accountId: string, id: string, changes: VisitorUpdate): Promise<Visitor> {
    const current = await this.get(accountId, id);
    const data = changes.data ? { ...current.data, ...changes.data } : current.data;
    if (Object.keys(data).length > 50) throw new AppError('invalid_input', 400, 'data: at most 50 keys');
    const blankToNull = (v: string | null | undefined, old: string | null) => (v === undefined ? old : v || null);
    await repo.updateVisitor(this.db, accountId, id, {
      name: blankToNull(changes.name, current.name),
      email: blankToNull(changes.email, current.email),
      phone: blankToNull(changes.phone, current.phone),
      data: JSON.stringify(data),
    });
    const visitor = await this.get(accountId, id);
    this.fanout.visitorUpdated(accountId, visitor);
    return visitor;
  }
}
