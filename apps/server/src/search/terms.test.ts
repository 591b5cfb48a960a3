// What the agent typed becomes quoted terms for each engine, and the snippet marks what matched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fts5Query, searchTerms, tsQuery } from './terms';
import { queryWords, snippetOf } from './snippet';

test('Search: words without a letter or digit are dropped; operators stay words', () => {
  assert.deepEqual(searchTerms('  "refund"  *  -  NEAR(a b)  '), ['"refund"', 'NEAR(a', 'b)']);
  assert.deepEqual(searchTerms('*** --- ()'), []);
});

test('Search: every term is a quoted string for FTS5 (quotes doubled), a prefix', () => {
  assert.equal(fts5Query(['say "hi"', 'NOT']), '"say ""hi"""* "NOT"*');
});

test('Search: every term is a quoted phrase for PostgreSQL, punctuation as spaces, its last word a prefix', () => {
  assert.equal(tsQuery(["O'Brien", 'ana@example.com', 'x\\y']), "('O' <-> 'Brien':*) & ('ana' <-> 'example' <-> 'com':*) & ('x' <-> 'y':*)");
  assert.equal(tsQuery(['ordér']), "('ordér':*)");
});

test('Search: the snippet marks words that start with a query word, case and accents aside', () => {
  const s = snippetOf('Mi pedido de MÁLAGA llegó; malagueño feliz', queryWords(['malaga', 'LLEGO']));
  assert.deepEqual(s.highlights.map((h) => s.text.slice(h.start, h.end)), ['MÁLAGA', 'llegó']);
});

test('Search: a long text is cut around its first match at word boundaries, with ellipses', () => {
  const text = `${'alpha '.repeat(50)}needle ${'omega '.repeat(50)}`;
  const s = snippetOf(text, ['needle']);
  assert.ok(s.text.startsWith('…alpha') && s.text.endsWith('omega…'), s.text);
  assert.equal(s.text.slice(s.highlights[0]!.start, s.highlights[0]!.end), 'needle');
  assert.ok(s.text.length <= 162);
});

test("Search: a one-letter word does not mark every word with that initial (O'Connor)", () => {
  const s = snippetOf("O'Connor ordered one owl", queryWords(["O'Connor"]));
  assert.deepEqual(s.highlights.map((h) => s.text.slice(h.start, h.end)), ['Connor']);
});
