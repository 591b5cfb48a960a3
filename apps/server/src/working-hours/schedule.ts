// A5: when an agent's working days start and end, as instants. Local times are read in the
// schedule's IANA time zone with Intl (no time-zone library), so a day that starts at 09:00 in
// Madrid starts at 08:00Z in winter and 07:00Z in summer. A local time that does not exist (the
// hour skipped when clocks go forward) resolves to the instant an hour's offset away from it.
import type { WorkingDay, WorkingHours } from '@palique/protocol';

export const MIN_DAY_MINUTES = 60;
export const MAX_DAY_MINUTES = 23 * 60;

export interface Transition {
  at: Date;
  /** Start of a working day → online; end → invisible. */
  status: 'online' | 'invisible';
}

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Minutes from start to end; an end at or before the start is on the next day. */
export function dayLengthMinutes(day: WorkingDay): number {
  const length = minutesOf(day.end) - minutesOf(day.start);
  return length > 0 ? length : length + 24 * 60;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(timeZone: string, ms: number) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}

/** The zone's offset from UTC at an instant, in ms (wall clock minus UTC). */
function offsetAt(timeZone: string, ms: number): number {
  const w = wallClock(timeZone, ms);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
}

/** The instant when the zone's clocks show this local date and time. */
export function instantOf(timeZone: string, year: number, month: number, day: number, minutes: number): Date {
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  let t = wall - offsetAt(timeZone, wall);
  t = wall - offsetAt(timeZone, t);
  return new Date(t);
}

/** The first start or end of a working day strictly after `after`, or undefined without days. */
export function nextTransition(schedule: WorkingHours, after: Date): Transition | undefined {
  if (schedule.days.length === 0) return undefined;
  const today = wallClock(schedule.timeZone, after.getTime());
  let best: Transition | undefined;
  const consider = (t: Transition) => {
    if (t.at.getTime() <= after.getTime()) return;
    // A day that starts as the previous one ends: the start wins, the agent stays Online.
    if (!best || t.at.getTime() < best.at.getTime() || (t.at.getTime() === best.at.getTime() && t.status === 'online')) best = t;
  };
  // Yesterday's day may still be running (night shifts); a week ahead always holds a transition.
  for (let offset = -1; offset <= 8; offset++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    const isoDay = ((date.getUTCDay() + 6) % 7) + 1;
    for (const d of schedule.days) {
      if (d.day !== isoDay) continue;
      const [y, m, dd] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
      const start = minutesOf(d.start);
      consider({ at: instantOf(schedule.timeZone, y, m, dd, start), status: 'online' });
      consider({ at: instantOf(schedule.timeZone, y, m, dd, start + dayLengthMinutes(d)), status: 'invisible' });
    }
  }
  return best;
}
