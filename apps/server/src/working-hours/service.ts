// A5: agents' weekly working hours. Saving a schedule schedules its next transition as a durable
// timer (one per agent, replaced on every save); when it fires, the agent's status is set (start
// of the working day → Online, end → Invisible), they are notified, and the next transition is
// scheduled. Statuses are set through the agents domain; notifications go out as domain events.
import { ErrorCode, type AgentStatus, type WorkingHours, type WorkingHoursState } from '@palique/protocol';
import type { Db } from '../db/index';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import { AppError } from '../http/errors';
import type { FiredTimer, TimerService } from '../timers/service';
import * as repo from './repo';
import { dayLengthMinutes, MAX_DAY_MINUTES, MIN_DAY_MINUTES, nextTransition } from './schedule';

/** Sets an agent's status as if they had switched it (the widget mode follows). */
export type StatusSetter = (accountId: string, agentId: string, status: AgentStatus) => Promise<void>;

const TIMER_KIND = 'working-hours';
const timerKey = (agentId: string) => `working-hours:${agentId}`;

interface TransitionPayload {
  agentId: string;
}

export class WorkingHoursService {
  constructor(
    private readonly db: Db,
    private readonly timers: TimerService,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly setStatus: StatusSetter,
  ) {
    timers.handle(TIMER_KIND, (t) => this.transition(t));
  }

  async get(accountId: string, agentId: string): Promise<WorkingHoursState> {
    const schedule = await this.load(accountId, agentId);
    const pending = await this.timers.pending(accountId, timerKey(agentId));
    const next = schedule && pending ? { at: pending.dueAt.toISOString(), status: nextTransitionAt(schedule, pending.dueAt) } : null;
    return { schedule, next };
  }

  /** Replaces the agent's schedule (no days: none) and schedules its next transition. */
  async save(accountId: string, agentId: string, schedule: WorkingHours): Promise<WorkingHoursState> {
    for (const day of schedule.days) {
      const minutes = dayLengthMinutes(day);
      if (minutes < MIN_DAY_MINUTES || minutes > MAX_DAY_MINUTES) {
        throw new AppError(
          ErrorCode.WorkingDayLength,
          400,
          `A working day lasts at least 1 hour and at most 23 hours (day ${day.day}: ${day.start}–${day.end})`,
        );
      }
    }
    if (schedule.days.length === 0) {
      await repo.deleteSchedule(this.db, accountId, agentId);
      await this.timers.cancel(accountId, timerKey(agentId));
      return { schedule: null, next: null };
    }
    const days = [...schedule.days].sort((a, b) => a.day - b.day);
    await repo.saveSchedule(this.db, {
      agent_id: agentId,
      account_id: accountId,
      time_zone: schedule.timeZone,
      days: JSON.stringify(days),
      updated_at: this.clock.now().toISOString(),
    });
    await this.scheduleNext(accountId, agentId, { timeZone: schedule.timeZone, days });
    return this.get(accountId, agentId);
  }

  private async load(accountId: string, agentId: string): Promise<WorkingHours | null> {
    const row = await repo.findSchedule(this.db, accountId, agentId);
    return row ? { timeZone: row.time_zone, days: JSON.parse(row.days) } : null;
  }

  private async scheduleNext(accountId: string, agentId: string, schedule: WorkingHours): Promise<void> {
    const next = nextTransition(schedule, this.clock.now());
    if (!next) return this.timers.cancel(accountId, timerKey(agentId));
    const payload: TransitionPayload = { agentId };
    await this.timers.schedule({ accountId, kind: TIMER_KIND, key: timerKey(agentId), dueAt: next.at, payload });
  }

  /** A transition's timer fired: apply it, notify the agent, schedule the next one. */
  private async transition(timer: FiredTimer<TransitionPayload>): Promise<void> {
    const { accountId } = timer;
    const { agentId } = timer.payload;
    const schedule = await this.load(accountId, agentId);
    if (!schedule) return;
    // The status the schedule gives now, read from the schedule rather than stored in the timer
    // (a save in between wins); after a long outage that is the latest transition, not this one.
    const status = statusNow(schedule, this.clock.now()) ?? nextTransitionAt(schedule, timer.dueAt);
    await this.setStatus(accountId, agentId, status);
    this.events.emit('agent.notified', {
      accountId,
      agentIds: [agentId],
      notification: { kind: status === 'online' ? 'working_day_started' : 'working_day_ended', status },
    });
    await this.scheduleNext(accountId, agentId, schedule);
  }
}

/** What a transition due at `at` does: the status of the transition falling exactly then. */
function nextTransitionAt(schedule: WorkingHours, at: Date): 'online' | 'invisible' {
  return nextTransition(schedule, new Date(at.getTime() - 1))?.status ?? 'invisible';
}

/** Inside a working day the next transition is its end: the status now is the opposite of it. */
function statusNow(schedule: WorkingHours, now: Date): 'online' | 'invisible' | undefined {
  const next = nextTransition(schedule, now);
  return next && (next.status === 'online' ? 'invisible' : 'online');
}
