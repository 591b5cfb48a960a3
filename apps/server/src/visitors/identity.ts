// W7 identified users: the per-account secret the site's server signs its user ids with
// (HMAC-SHA256, hex), kept in the database, shown to owners and admins in "Chat widget", and
// checked here in constant time. A missing or wrong signature makes the id count for nothing.
import crypto from 'node:crypto';
import type { Db } from '../db/index';
import { now } from '../clock';
import * as repo from './repo';

/** What the site's server computes: hex HMAC-SHA256 of the user id with the account's secret. */
export function signClientId(secret: string, clientId: string): string {
  return crypto.createHmac('sha256', secret).update(clientId, 'utf8').digest('hex');
}

export class WidgetIdentityService {
  constructor(private readonly db: Db) {}

  /** The account's secret; made on first use, so accounts from before migration 0016 get one too. */
  async secret(accountId: string): Promise<string> {
    const row = await repo.findIdentitySecret(this.db, accountId);
    if (row) return row.secret;
    await repo.insertIdentitySecretIfMissing(this.db, { account_id: accountId, secret: newSecret(), updated_at: now() });
    return (await repo.findIdentitySecret(this.db, accountId))!.secret;
  }

  /** A new secret: every signature made with the old one stops binding visitors at once. */
  async regenerate(accountId: string): Promise<string> {
    await this.secret(accountId);
    const secret = newSecret();
    await repo.updateIdentitySecret(this.db, accountId, secret, now());
    return secret;
  }

  /** The id when `signature` is its valid signature for this account; otherwise undefined. */
  async verify(accountId: string, clientId: string, signature: string): Promise<string | undefined> {
    const expected = Buffer.from(signClientId(await this.secret(accountId), clientId), 'utf8');
    const given = Buffer.from(signature.toLowerCase(), 'utf8');
    return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? clientId : undefined;
  }
}

const newSecret = () => crypto.randomBytes(32).toString('base64url');
