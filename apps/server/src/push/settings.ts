// A6: each agent's notification settings (sound, which events notify), read by push delivery
// and by the dashboard's in-page notices alike.
import type { NotificationSettings } from '@palique/protocol';
import type { Db } from '../db/index';
import { now } from '../clock';
import * as repo from './repo';

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = Object.freeze({ sound: true, newChat: true, newMessage: true });

export class NotificationSettingsService {
  constructor(private readonly db: Db) {}

  async get(accountId: string, agentId: string): Promise<NotificationSettings> {
    return (await this.ofAgents(accountId, [agentId])).get(agentId) ?? DEFAULT_NOTIFICATION_SETTINGS;
  }

  /** Every given agent's settings (the defaults for those who never changed them). */
  async ofAgents(accountId: string, agentIds: string[]): Promise<Map<string, NotificationSettings>> {
    const rows = await repo.findSettings(this.db, accountId, agentIds);
    const stored = new Map(rows.map((r) => [r.agent_id, { sound: r.sound === 1, newChat: r.new_chat === 1, newMessage: r.new_message === 1 }]));
    return new Map(agentIds.map((id) => [id, stored.get(id) ?? DEFAULT_NOTIFICATION_SETTINGS]));
  }

  async save(accountId: string, agentId: string, s: NotificationSettings): Promise<NotificationSettings> {
    await repo.saveSettings(this.db, {
      agent_id: agentId,
      account_id: accountId,
      sound: s.sound ? 1 : 0,
      new_chat: s.newChat ? 1 : 0,
      new_message: s.newMessage ? 1 : 0,
      updated_at: now(),
    });
    return s;
  }
}
