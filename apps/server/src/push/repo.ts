// Queries of A6 push: the installation's shared settings (VAPID keys), agents' subscriptions and
// agents' notification settings.
import type { Db } from '../db/index';
import type { AgentNotificationSettingsTable, PushSubscriptionsTable } from '../db/schema';

/** Stores the value unless the key already has one (the first process to start wins); returns the stored one. */
export async function keepInstallationSetting(db: Db, key: string, value: string, at: string): Promise<string> {
  await db
    .insertInto('installation_settings')
    .values({ key, value, created_at: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('installation_settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return row.value;
}

/** Saves a subscription; the same endpoint again (a re-subscribe, or another agent on that browser) replaces it. */
export async function saveSubscription(db: Db, row: PushSubscriptionsTable): Promise<void> {
  await db
    .insertInto('push_subscriptions')
    .values(row)
    .onConflict((oc) =>
      oc.column('endpoint').doUpdateSet({
        account_id: row.account_id,
        agent_id: row.agent_id,
        p256dh: row.p256dh,
        auth: row.auth,
        device: row.device,
        created_at: row.created_at,
      }),
    )
    .execute();
}

export async function deleteSubscription(db: Db, accountId: string, agentId: string, endpoint: string): Promise<void> {
  await db
    .deleteFrom('push_subscriptions')
    .where('account_id', '=', accountId)
    .where('agent_id', '=', agentId)
    .where('endpoint', '=', endpoint)
    .execute();
}

/** The push service said the subscription is gone (404/410). */
export async function deleteSubscriptionById(db: Db, accountId: string, id: string): Promise<void> {
  await db.deleteFrom('push_subscriptions').where('account_id', '=', accountId).where('id', '=', id).execute();
}

/** The agents of the account with at least one push device. */
export async function agentsWithDevices(db: Db, accountId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('push_subscriptions').select('agent_id').distinct().where('account_id', '=', accountId).execute();
  return new Set(rows.map((r) => r.agent_id));
}

export function subscriptionsOf(db: Db, accountId: string, agentIds: string[]) {
  if (agentIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('push_subscriptions').selectAll().where('account_id', '=', accountId).where('agent_id', 'in', agentIds).execute();
}

export function findSettings(db: Db, accountId: string, agentIds: string[]) {
  if (agentIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('agent_notification_settings').selectAll().where('account_id', '=', accountId).where('agent_id', 'in', agentIds).execute();
}

export async function saveSettings(db: Db, row: AgentNotificationSettingsTable): Promise<void> {
  await db
    .insertInto('agent_notification_settings')
    .values(row)
    .onConflict((oc) =>
      oc.column('agent_id').doUpdateSet({ sound: row.sound, new_chat: row.new_chat, new_message: row.new_message, updated_at: row.updated_at }),
    )
    .execute();
}
