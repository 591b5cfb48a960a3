// List rows say how long ago the last message was, the way chat tools do: "now", "2 min", a time
// today, "Yesterday", then a weekday or a date.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatRelativeTime } from './format-time';
import { messages } from '../i18n/messages';

const words = messages.conversations.time;
const now = new Date(2026, 10, 27, 15, 30);
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

test('list rows: "now", minutes, a time today, "Yesterday", then a weekday or date', () => {
  assert.equal(formatRelativeTime(ago(20_000), now, words), 'now');
  assert.equal(formatRelativeTime(ago(2 * 60_000 + 5_000), now, words), '2 min');
  assert.equal(formatRelativeTime(ago(59 * 60_000), now, words), '59 min');
  const earlierToday = formatRelativeTime(new Date(2026, 10, 27, 9, 5).toISOString(), now, words);
  assert.match(earlierToday, /9.05/);
  assert.equal(formatRelativeTime(new Date(2026, 10, 26, 23, 59).toISOString(), now, words), 'Yesterday');
  const lastWeek = formatRelativeTime(new Date(2026, 10, 23, 12, 0).toISOString(), now, words);
  assert.ok(lastWeek && lastWeek !== 'Yesterday' && !/min/.test(lastWeek), lastWeek);
  // A clock a little ahead of this browser's still says "now"; nonsense says nothing.
  assert.equal(formatRelativeTime(ago(-30_000), now, words), 'now');
  assert.equal(formatRelativeTime('not a date', now, words), '');
});
