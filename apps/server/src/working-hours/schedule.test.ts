// A5: working-day instants in the agent's time zone, across daylight-saving changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dayLengthMinutes, nextTransition } from './schedule';

const everyDay = (start: string, end: string) => [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start, end }));

test('A5: a 09:00 start in Madrid is 08:00Z in winter and 07:00Z after clocks go forward', () => {
  const schedule = { timeZone: 'Europe/Madrid', days: everyDay('09:00', '17:00') };
  // Clocks go forward on Sunday 29 March 2026 at 02:00 local.
  assert.deepEqual(nextTransition(schedule, new Date('2026-03-28T06:00:00Z')), { at: new Date('2026-03-28T08:00:00Z'), status: 'online' });
  assert.deepEqual(nextTransition(schedule, new Date('2026-03-28T08:00:00Z')), { at: new Date('2026-03-28T16:00:00Z'), status: 'invisible' });
  assert.deepEqual(nextTransition(schedule, new Date('2026-03-28T16:00:00Z')), { at: new Date('2026-03-29T07:00:00Z'), status: 'online' });
  assert.deepEqual(nextTransition(schedule, new Date('2026-03-29T07:00:00Z')), { at: new Date('2026-03-29T15:00:00Z'), status: 'invisible' });
  // And back on Sunday 25 October 2026.
  assert.deepEqual(nextTransition(schedule, new Date('2026-10-25T00:00:00Z')), { at: new Date('2026-10-25T08:00:00Z'), status: 'online' });
});

test('A5: a night shift across midnight, and a DST night that is an hour shorter', () => {
  const schedule = { timeZone: 'Europe/Madrid', days: [{ day: 6, start: '22:00', end: '06:00' }] };
  // Saturday 28 March 22:00 CET → Sunday 06:00 CEST: 7 hours of real time.
  const start = nextTransition(schedule, new Date('2026-03-28T12:00:00Z'))!;
  assert.deepEqual(start, { at: new Date('2026-03-28T21:00:00Z'), status: 'online' });
  assert.deepEqual(nextTransition(schedule, start.at), { at: new Date('2026-03-29T04:00:00Z'), status: 'invisible' });
});

test('A5: only the days of the schedule count; the next one may be a week away', () => {
  const schedule = { timeZone: 'America/New_York', days: [{ day: 1, start: '08:30', end: '12:00' }] };
  // Monday 2 March 2026, after the day ended: next Monday 08:30, EDT by then (US clocks went forward on 8 March).
  assert.deepEqual(nextTransition(schedule, new Date('2026-03-02T18:00:00Z')), { at: new Date('2026-03-09T12:30:00Z'), status: 'online' });
  assert.equal(nextTransition({ timeZone: 'UTC', days: [] }, new Date()), undefined);
});

test('A5: a working day lasts from start to end, past midnight when the end is earlier', () => {
  assert.equal(dayLengthMinutes({ day: 1, start: '09:00', end: '17:30' }), 510);
  assert.equal(dayLengthMinutes({ day: 1, start: '22:00', end: '21:00' }), 23 * 60);
  assert.equal(dayLengthMinutes({ day: 1, start: '09:00', end: '09:00' }), 24 * 60);
});
