// Accounts (one per site/team) and the widget that belongs to each.
import crypto from 'node:crypto';
import type { Account, WidgetSnippet } from '@palique/protocol';
import { ErrorCode } from '@palique/protocol';
import { isUniqueViolation, type Db } from '../db/index';
import { newId } from '../ids';
import { now } from '../clock';
import { AppError, notFound } from '../http/errors';
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

  /** True once the first-run setup has committed. */
  async isSetUp(): Promise<boolean> {
    return (await repo.findInstallation(this.db)) !== undefined;
  }

  /**
   * Creates the installation's account, in `trx`: the caller's transaction, which also holds the
   * owner. Of setups racing each other only one can commit; the others fail here with 409.
   */
  async createFirst(trx: Db, name: string): Promise<Account> {
    const row: AccountsTable = { id: newId(), name, widget_id: crypto.randomBytes(12).toString('base64url'), created_at: now() };
    await repo.insertAccount(trx, row);
    try {
      await repo.insertInstallation(trx, { id: 1, account_id: row.id, set_up_at: row.created_at });
    } catch (err) {
      // Thrown out of the transaction's work, so everything it wrote is rolled back.
      if (isUniqueViolation(err)) throw alreadySetUp();
      throw err;
    }
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
  install(account: Account): WidgetSnippet {
    const snippet =
      `<script>window.Palique=window.Palique||function(){(Palique.q=Palique.q||[]).push(arguments)};</script>\n` +
      `<script async src="${this.publicUrl}/widget.js" data-widget-id="${account.widgetId}"></script>`;
    return { widgetId: account.widgetId, snippet };
  }
}

export const alreadySetUp = () => new AppError(ErrorCode.AlreadySetUp, 409, 'This Palique is already set up: sign in');
