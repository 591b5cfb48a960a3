// Files: signed, expiring URLs. A URL names the file, the variant and an expiry, and carries an
// HMAC-SHA256 of them under the installation's key (kept in the database, shared by every
// process). Expiries are rounded to the hour, so a file's URL stays the same for an hour and the
// browser's cache keeps working; a URL is good for one to two hours.
import crypto from 'node:crypto';

export type FileVariant = 'file' | 'thumb';

const HOUR = 3600;

export class UrlSigner {
  constructor(private readonly key: Buffer) {}

  sign(fileId: string, variant: FileVariant, nowMs: number): { url: string; expiresAt: string } {
    const exp = (Math.floor(nowMs / 1000 / HOUR) + 2) * HOUR;
    return { url: `/files/${fileId}/${variant}?exp=${exp}&sig=${this.mac(fileId, variant, exp)}`, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** 'ok', 'invalid' (tampered: any part changed) or 'expired' (a genuine URL past its expiry). */
  check(fileId: string, variant: FileVariant, exp: number, sig: string, nowMs: number): 'ok' | 'invalid' | 'expired' {
    const expected = Buffer.from(this.mac(fileId, variant, exp));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return 'invalid';
    return exp * 1000 > nowMs ? 'ok' : 'expired';
  }

  private mac(fileId: string, variant: FileVariant, exp: number): string {
    return crypto.createHmac('sha256', this.key).update(`${fileId}\n${variant}\n${exp}`).digest('base64url');
  }
}
