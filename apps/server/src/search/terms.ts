// What the agent typed, as search terms, and the two engines' query strings made from them. The
// query text is never parsed by an engine's query syntax: every term is quoted, so quotes, `*`,
// `-`, NEAR, AND/OR/NOT and parentheses are only characters to look for, and no input can make
// a query fail or mean something else.

/** Terms used at most; more words than this only narrow the results further. */
const MAX_TERMS = 8;

/**
 * The whitespace-separated words that contain a letter or digit (a lone `*` or `-` finds
 * nothing and is dropped). Each engine's tokenizer splits a term further ("ana@example.com").
 */
export function searchTerms(q: string): string[] {
  return q
    .split(/\s+/u)
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .slice(0, MAX_TERMS);
}

/**
 * SQLite FTS5: each term a quoted string (its `"` doubled), the last token of each a prefix;
 * terms side by side must all match.
 */
export function fts5Query(terms: readonly string[]): string {
  return terms.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' ');
}

/** What PostgreSQL's [[:punct:]] holds: ASCII punctuation and symbols, and Unicode punctuation. */
const PUNCTUATION = /[!-/:-@[-`{-~\p{P}]/gu;

/**
 * PostgreSQL to_tsquery: punctuation as spaces, as the index has it (migration 0012); each term a
 * phrase of quoted words (`'` doubled, `\\` escaped), its last word a prefix, as FTS5 reads a
 * quoted term; all terms required (&).
 */
export function tsQuery(terms: readonly string[]): string {
  const quote = (w: string) => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  return terms
    .map((t) => t.replace(PUNCTUATION, ' ').trim().split(/\s+/u).filter((w) => w !== ''))
    .filter((words) => words.length > 0)
    .map((words) => `(${words.map((w, i) => quote(w) + (i === words.length - 1 ? ':*' : '')).join(' <-> ')})`)
    .join(' & ');
}
