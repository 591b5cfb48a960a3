// Account-wide options set by the owner and admins. A4: "Notify me of new chats while invisible
// if the online agents are slow to answer", with its delay.
import type { AccountOptions } from '@palique/protocol';
import type { Db } from '../db/index';
import { now } from '../clock';
import * as repo from './repo';

export const DEFAULT_OPTIONS: AccountOptions = { notifyInvisibleWhenSlow: false, notifyInvisibleDelaySeconds: 120 };

export class AccountOptionsService {
  constructor(private readonly db: Db) {}

  async get(accountId: string): Promise<AccountOptions> {
    const row = await repo.findOptions(this.db, accountId);
    if (!row) return DEFAULT_OPTIONS;
    return { notifyInvisibleWhenSlow: row.notify_invisible_when_slow === 1, notifyInvisibleDelaySeconds: row.notify_invisible_delay_seconds };
  }

  async set(accountId: string, options: AccountOptions): Promise<AccountOptions> {
    await repo.saveOptions(this.db, {
      account_id: accountId,
      notify_invisible_when_slow: options.notifyInvisibleWhenSlow ? 1 : 0,
      notify_invisible_delay_seconds: options.notifyInvisibleDelaySeconds,
      updated_at: now(),
    });
    return options;
  }
}
