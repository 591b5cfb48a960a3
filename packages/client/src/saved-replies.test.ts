// C6: what the message box does with `/keyword`: when it asks for saved replies, which ones match
// and in what order, and what the box holds once one is chosen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { insertSavedReply, matchSavedReplies, slashQueryAt } from './saved-replies';

test('C6: a `/` at the start or after a blank, up to the caret, asks for saved replies', () => {
  assert.deepEqual(slashQueryAt('/', 1), { start: 0, end: 1, query: '' });
  assert.deepEqual(slashQueryAt('/ship', 5), { start: 0, end: 5, query: 'ship' });
  assert.deepEqual(slashQueryAt('Hi! /gra', 8), { start: 4, end: 8, query: 'gra' });
  assert.deepEqual(slashQueryAt('line one\n/envío', 15), { start: 9, end: 15, query: 'envío' });
  // The caret in the middle of the keyword: what is before it is the query.
  assert.deepEqual(slashQueryAt('/shipping later', 3), { start: 0, end: 3, query: 'sh' });
  // Not a shortcut: a URL, "and/or", a space after the keyword, the caret elsewhere.
  assert.equal(slashQueryAt('see http://x', 12), null);
  assert.equal(slashQueryAt('and/or', 6), null);
  assert.equal(slashQueryAt('/ship ', 6), null);
  assert.equal(slashQueryAt('/ship then', 10), null);
  assert.equal(slashQueryAt('', 0), null);
});

const replies = [
  { keyword: 'thanks', text: 'Thank you for writing!' },
  { keyword: 'Shipping', text: 'We ship within 48 hours.' },
  { keyword: 'reship', text: 'We can send it again.' },
  { keyword: 'refund', text: 'Refunds take 5 days; no shipping costs.' },
  { keyword: 'ship-eu', text: 'Europe: 3 days.' },
];

test('C6: keywords starting with the query come first, then keywords and texts containing it', () => {
  assert.deepEqual(
    matchSavedReplies(replies, 'SHIP').map((r) => r.keyword),
    ['ship-eu', 'Shipping', 'reship', 'refund'],
  );
  assert.deepEqual(matchSavedReplies(replies, 'days').map((r) => r.keyword), ['refund', 'ship-eu']);
  assert.deepEqual(matchSavedReplies(replies, '').map((r) => r.keyword), ['refund', 'reship', 'ship-eu', 'Shipping', 'thanks']);
  assert.deepEqual(matchSavedReplies(replies, 'nothing-like-it'), []);
  assert.equal(matchSavedReplies(replies, '', 2).length, 2);
});

test('C6: the chosen reply replaces `/keyword`, the rest of the box stays, the caret follows the text', () => {
  const box = 'Hello! /shi and more';
  const at = slashQueryAt(box, 11)!;
  assert.deepEqual(insertSavedReply(box, at, 'We ship within 48 hours.'), { text: 'Hello! We ship within 48 hours. and more', caret: 31 });
  assert.deepEqual(insertSavedReply('/', { start: 0, end: 1 }, 'Hi'), { text: 'Hi', caret: 2 });
});
