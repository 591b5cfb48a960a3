// Account-wide options set by the owner and admins. A4: "Notify me of new chats while invisible
// if the online agents are slow to answer", with its delay.
import type { AccountOptions } from '@palique/protocol';
import type { Db } from '../db/index';
import { now } from '../clock';
import * as repo from './repo';
import { ShortCache } from '../short-cache';

export const DEFAULT_OPTIONS: Required<AccountOptions> = { notifyInvisibleWhenSlow: false, notifyInvisibleDelaySeconds: 120, queueReturnSeconds: 120 };

export class AccountOptionsService {
  /** Read on every visitor message (A4, C1): kept 2 s; a change on another process counts within that. */
  private readonly cache = new ShortCache<Required<AccountOptions>>(2_000);

  constructor(private readonly db: Db) {}

  get(accountId: string): Promise<Required<AccountOptions>> {
    return this.cache.get(accountId, () => this.read(accountId));
  }

  private async read(accountId: string): Promise<Required<AccountOptions>> {
    const row = await repo.findOptions(this.db, accountId);
    if (!row) return DEFAULT_OPTIONS;
    return {
      notifyInvisibleWhenSlow: row.notify_invisible_when_slow === 1,
      notifyInvisibleDelaySeconds: row.notify_invisible_delay_seconds,
      queueReturnSeconds: row.queue_return_seconds,
    };
  }

  /** Saves the options; one left out (C1's queue return) keeps its current value. */
  async set(accountId: string, options: AccountOptions): Promise<Required<AccountOptions>> {
    const saved = { ...(await this.read(accountId)), ...options };
    await repo.saveOptions(this.db, {
      account_id: accountId,
      notify_invisible_when_slow: saved.notifyInvisibleWhenSlow ? 1 : 0,
      notify_invisible_delay_seconds: saved.notifyInvisibleDelaySeconds,
      queue_return_seconds: saved.queueReturnSeconds,
      updated_at: now(),
    });
    this.cache.forget(accountId);
    return saved;
  }
}
