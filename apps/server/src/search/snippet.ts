// The part of a matching text a search result shows, and where the query's words are in it, as
// offsets: the client renders them as elements, so a message's text is never markup. Words
// match as the engines match them: case and accents aside, a word that starts with a query word.
import type { HighlightedText } from '@palique/protocol';

/** About this many characters of a long message are shown around the first match. */
const SNIPPET_LENGTH = 160;
/** Of which before the first match, at most. */
const CONTEXT_BEFORE = 40;

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower case without accents, one code unit in for one code unit out where it can. */
function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The query words (terms split as a tokenizer would), folded. A one-letter word (the "O" of
 * "O'Connor") would mark every word with that initial: left out when longer words are there.
 */
export function queryWords(terms: readonly string[]): string[] {
  const words = [...new Set(terms.flatMap((t) => t.match(WORD) ?? []).map(fold))].filter((w) => w.length > 0);
  const longer = words.filter((w) => [...w].length > 1);
  return longer.length > 0 ? longer : words;
}

/** [start, end) of every word of `text` that starts with one of `words`. */
function findMatches(text: string, words: readonly string[]): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  for (const m of text.matchAll(WORD)) {
    const folded = fold(m[0]);
    if (words.some((w) => folded.startsWith(w))) found.push({ start: m.index, end: m.index + m[0].length });
  }
  return found;
}

/**
 * A one-line excerpt of `text` around its first match (the whole text when short), with the
 * matches in it. Cut at word boundaries, marked with "…" where text was left out.
 */
export function snippetOf(text: string, words: readonly string[]): HighlightedText {
  const line = text.replace(/\s+/gu, ' ').trim();
  const all = findMatches(line, words);
  if (line.length <= SNIPPET_LENGTH) return { text: line, highlights: all };
  const first = all[0]?.start ?? 0;
  let start = Math.max(0, first - CONTEXT_BEFORE);
  if (start > 0) start = line.indexOf(' ', start) + 1 || start;
  if (start > first) start = first;
  let end = Math.min(line.length, start + SNIPPET_LENGTH);
  if (end < line.length) {
    const space = line.lastIndexOf(' ', end);
    if (space > first) end = space;
  }
  const lead = start > 0 ? '…' : '';
  const tail = end < line.length ? '…' : '';
  const highlights = all
    .filter((h) => h.start >= start && h.end <= end)
    .map((h) => ({ start: h.start - start + lead.length, end: h.end - start + lead.length }));
  return { text: lead + line.slice(start, end) + tail, highlights };
}
