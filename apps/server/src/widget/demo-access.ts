// W1: who may open the demo page. It is for trying Palique on the machine it runs on, so it is
// served to loopback clients only, unless the owner turns on "Demo page for other addresses".
// The client address is the one the server computes (request.ip, TRUST_PROXY-aware): an
// X-Forwarded-For header only counts when it comes from a trusted proxy.
import type { DemoPageSetting } from '@palique/protocol';
import type { Db } from '../db/index';
import { now } from '../clock';
import * as repo from './repo';

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (::ffff:127.0.0.1) on a dual-stack socket. */
export function isLoopback(address: string): boolean {
  const v4 = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

export class DemoPageAccess {
  constructor(private readonly db: Db) {}

  async setting(accountId: string): Promise<DemoPageSetting> {
    return { forOtherAddresses: await repo.findDemoPageOpen(this.db, accountId) };
  }

  async set(accountId: string, setting: DemoPageSetting): Promise<DemoPageSetting> {
    await repo.saveDemoPageOpen(this.db, accountId, setting.forOtherAddresses, now());
    return this.setting(accountId);
  }

  /** Loopback clients always; others when the account's owner turned it on. */
  async allows(accountId: string | undefined, clientAddress: string): Promise<boolean> {
    return isLoopback(clientAddress) || (accountId !== undefined && (await repo.findDemoPageOpen(this.db, accountId)));
  }
}
