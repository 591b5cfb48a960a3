// C8: the Visitors list follows the server's batches (upserts, removals, a reset under a seats
// cap), and the windowing draws only the rows in view, so 10,000 rows cost what a screenful does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OnlineVisitor } from '@palique/protocol';
import { applyChanges, ordered } from './list-changes';
import { visibleRange } from './virtual-rows';

const row = (id: string, started: string | null, currentUrl = '/'): OnlineVisitor => ({
  visitorId: id, name: null, email: null, currentUrl, currentTitle: null, pageCount: 1, referrer: null, visits: 1, visitStartedAt: started,
  country: null, city: null, device: null, os: null, browser: null, language: null, chatting: false, chattedBefore: false, proactive: false, chatOpened: false,
});

test('C8: a batch updates rows in place, removes who left, and a reset replaces the list', () => {
  let rows = new Map([['a', row('a', '2026-11-27T10:00:00Z')], ['b', row('b', '2026-11-27T09:00:00Z')]]);
  rows = applyChanges(rows, { upserts: [row('a', '2026-11-27T10:00:00Z', '/cart'), row('c', null)], removals: ['b'] });
  assert.deepEqual(ordered(rows).map((r) => [r.visitorId, r.currentUrl]), [['a', '/cart'], ['c', '/']]);
  rows = applyChanges(rows, { upserts: [row('d', '2026-11-27T08:00:00Z')], removals: [], reset: true });
  assert.deepEqual([...rows.keys()], ['d']);
});

test('C8: the list is ordered longest on the site first, visitors without a page view last', () => {
  const rows = new Map([['x', row('x', null)], ['y', row('y', '2026-11-27T10:00:00Z')], ['z', row('z', '2026-11-27T09:00:00Z')]]);
  assert.deepEqual(ordered(rows).map((r) => r.visitorId), ['z', 'y', 'x']);
});

test('C8: of 10,000 rows only those in view (and a few either side) are drawn', () => {
  assert.deepEqual(visibleRange(0, 560, 44, 10_000), [0, 21]);
  const [first, end] = visibleRange(44 * 5_000, 560, 44, 10_000);
  assert.ok(first <= 5_000 && end >= 5_013 && end - first < 40, `${first}..${end}`);
  assert.deepEqual(visibleRange(44 * 10_000, 560, 44, 10_000), [9_992, 10_000]);
  assert.deepEqual(visibleRange(0, 560, 44, 3), [0, 3]);
});
