// Queries of agents' working hours.
import type { Db } from '../db/index';
import type { AgentSchedulesTable } from '../db/schema';

export function findSchedule(db: Db, accountId: string, agentId: string) {
  return db.selectFrom('agent_schedules').selectAll().where('account_id', '=', accountId).where('agent_id', '=', agentId).executeTakeFirst();
}

export async function saveSchedule(db: Db, row: AgentSchedulesTable): Promise<void> {
  await db
    .insertInto('agent_schedules')
    .values(row)
    .onConflict((oc) => oc.column('agent_id').doUpdateSet({ time_zone: row.time_zone, days: row.days, updated_at: row.updated_at }))
    .execute();
}

export async function deleteSchedule(db: Db, accountId: string, agentId: string): Promise<void> {
  await db.deleteFrom('agent_schedules').where('account_id', '=', accountId).where('agent_id', '=', agentId).execute();
}
