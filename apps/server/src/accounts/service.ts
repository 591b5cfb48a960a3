// Accounts (one per site/team) and the widget that belongs to each.
import crypto from 'node:crypto';
import type { Account, WidgetInstall } from '@palique/protocol';
import type { Db } from '../db/index';
import { newId } from '../ids';
import { now } from '../clock';
import { notFound } from '../http/errors';
import type { AccountsTable } from '../db/schema';
import * as repo from './repo';

const toAccount = (row: AccountsTable): Account => ({ id: row.id, name: row.name, widgetId: row.widget_id });

export class AccountService {
  /** Widget ids never change, so lookups by them are cached for the life of the process. */
  private readonly byWidget = new Map<string, Account>();

  constructor(
    private readonly db: Db,
    private readonly publicUrl: string,
  ) {}

  async hasAny(): Promise<boolean> {
    return (await repo.countAccounts(this.db)) > 0;
  }

  async create(name: string): Promise<Account> {
    const row: AccountsTable = { id: newId(), name, widget_id: crypto.randomBytes(12).toString('base64url'), created_at: now() };
    await repo.insertAccount(this.db, row);
    return toAccount(row);
  }

  async get(id: string): Promise<Account> {
    const row = await repo.findAccount(this.db, id);
    if (!row) throw notFound('account');
    return toAccount(row);
  }

  async byWidgetId(widgetId: string): Promise<Account> {
    const cached = this.byWidget.get(widgetId);
    if (cached) return cached;
    const row = await repo.findAccountByWidgetId(this.db, widgetId);
    if (!row) throw notFound('widget');
    const account = toAccount(row);
    this.byWidget.set(widgetId, account);
    return account;
  }

  async first(): Promise<Account | undefined> {
    const row = await repo.firstAccount(this.db);
    return row && toAccount(row);
  }

  /** W1: the snippet the owner pastes into their site. */
  install(account: Account): WidgetInstall {
    const snippet =
      `<script>window.Palique=window.Palique||function(){(Palique.q=Palique.q||[]).push(arguments)};</script>\n` +
      `<script async src="${this.publicUrl}/widget.js" data-widget-id="${account.widgetId}"></script>`;
    return { widgetId: account.widgetId, snippet };
  }
}
