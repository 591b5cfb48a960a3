// C6: the message box's side of saved replies, DOM-free: finding the `/keyword` being typed at
// the caret, ranking the saved replies that match it (by keyword, then by text), and putting the
// chosen reply's text in its place.
import { SAVED_REPLY_KEYWORD_CHARS } from '@palique/protocol/constants';
import type { SavedReply } from '@palique/protocol';

/** The `/keyword` just before the caret: where it starts (its `/`) and ends, and what follows the `/`. */
export interface SlashQuery {
  start: number;
  end: number;
  query: string;
}

// A `/` at the start or after a blank, then keyword characters up to the caret: "see /ship" asks,
// "http://x" or "and/or" do not.
const SLASH_AT_END = new RegExp(`(^|\\s)/([${SAVED_REPLY_KEYWORD_CHARS}]*)$`, 'u');

/** The `/keyword` being typed at `caret`, or null when the caret is not right after one. */
export function slashQueryAt(text: string, caret: number): SlashQuery | null {
  const before = text.slice(0, caret);
  const match = SLASH_AT_END.exec(before);
  if (!match) return null;
  const query = match[2] ?? '';
  return { start: caret - query.length - 1, end: caret, query };
}

/**
 * The saved replies matching `query`, best first: keywords starting with it, then keywords
 * containing it, then texts containing it (each by keyword). Case is ignored; an empty query
 * matches every reply.
 */
export function matchSavedReplies<R extends Pick<SavedReply, 'keyword' | 'text'>>(replies: readonly R[], query: string, limit = 50): R[] {
  const q = query.toLowerCase();
  const byKeyword = (a: R, b: R) => a.keyword.toLowerCase().localeCompare(b.keyword.toLowerCase());
  const ranked: R[][] = [[], [], []];
  for (const reply of replies) {
    const keyword = reply.keyword.toLowerCase();
    if (keyword.startsWith(q)) ranked[0]!.push(reply);
    else if (keyword.includes(q)) ranked[1]!.push(reply);
    else if (reply.text.toLowerCase().includes(q)) ranked[2]!.push(reply);
  }
  return ranked.flatMap((group) => group.sort(byKeyword)).slice(0, limit);
}

/** The box's text with `/keyword` replaced by the reply's text, and the caret just after it. */
export function insertSavedReply(text: string, at: Pick<SlashQuery, 'start' | 'end'>, replyText: string): { text: string; caret: number } {
  return { text: text.slice(0, at.start) + replyText + text.slice(at.end), caret: at.start + replyText.length };
}
