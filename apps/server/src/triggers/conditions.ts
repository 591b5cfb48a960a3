// T1: whether a trigger's conditions hold for a visitor, and from when. Conditions on what the
// visitor is (page, referrer, visits, language, country, chat window) hold or not now; conditions
// on time (on page, on site) hold from a moment the engine schedules a durable timer for.
// URL patterns are plain text or globs (`*`), matched without regular expressions: a pattern
// cannot make the server spin (no ReDoS), whatever the owner types.
import type { TextOp, TriggerCondition, VisitorDetails } from '@palique/protocol';

/** What the conditions are checked against: the visitor's details and what other domains know. */
export interface VisitorFacts {
  details: VisitorDetails;
  /** Opened the chat window during this visit. */
  chatOpened: boolean;
}

/** The part of a URL a pattern is compared with: a pattern starting with `/` is compared with the path (and query). */
function subjectOf(url: string, pattern: string): string {
  const withoutHash = url.split('#')[0]!;
  if (!pattern.startsWith('/')) return withoutHash;
  try {
    const u = new URL(withoutHash);
    return u.pathname + u.search;
  } catch {
    return withoutHash;
  }
}

const trimSlash = (s: string) => (s.length > 1 && s.endsWith('/') ? s.slice(0, -1) : s);

/**
 * `*` matches any characters (none included); everything else literally, without case. Greedy
 * with one backtrack point: O(text × pattern) at worst, and both are length-capped.
 */
export function globMatches(text: string, pattern: string): boolean {
  const t = text.toLowerCase();
  const p = pattern.toLowerCase();
  let ti = 0;
  let pi = 0;
  let star = -1;
  let mark = 0;
  while (ti < t.length) {
    if (pi < p.length && p[pi] !== '*' && p[pi] === t[ti]) {
      ti++;
      pi++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = ti;
    } else if (star >= 0) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

/** A URL against a pattern (case-insensitive; `equals` ignores a trailing slash and the #fragment). */
export function urlMatches(url: string, op: TextOp, pattern: string): boolean {
  const subject = subjectOf(url, pattern).toLowerCase();
  const p = pattern.toLowerCase();
  switch (op) {
    case 'contains':
      return subject.includes(p);
    case 'equals':
      return trimSlash(subject) === trimSlash(p);
    case 'starts_with':
      return subject.startsWith(p);
    case 'matches':
      return globMatches(subject, p);
  }
}

const languageMatches = (language: string | null, values: string[]) =>
  language !== null && values.some((v) => language.toLowerCase() === v.toLowerCase() || language.toLowerCase().startsWith(`${v.toLowerCase()}-`));

/** Whether one condition that does not depend on time holds now (time conditions: true). */
export function holdsNow(c: TriggerCondition, facts: VisitorFacts): boolean {
  const d = facts.details;
  switch (c.type) {
    case 'page_url':
      return d.currentUrl !== null && urlMatches(d.currentUrl, c.op, c.value);
    case 'referrer':
      if (c.op === 'is_empty') return !d.referrer;
      return d.referrer !== null && urlMatches(d.referrer, c.op, c.value);
    case 'visits':
      return c.op === 'at_least' ? d.visits >= c.value : c.op === 'at_most' ? d.visits <= c.value : d.visits === c.value;
    case 'language':
      return languageMatches(d.language, c.values) === (c.op === 'is');
    case 'country':
      return (d.country !== null && c.values.includes(d.country.toUpperCase())) === (c.op === 'is');
    case 'chat_window':
      return facts.chatOpened === (c.value === 'opened');
    case 'time_on_page':
    case 'time_on_site':
      return true;
  }
}

/** From when the time conditions hold (ms since the epoch): the latest of their moments. */
export function timeConditionsFrom(conditions: TriggerCondition[], details: VisitorDetails): number {
  let at = 0;
  for (const c of conditions) {
    if (c.type === 'time_on_page') at = Math.max(at, Date.parse(details.pageStartedAt) + c.seconds * 1000);
    if (c.type === 'time_on_site') at = Math.max(at, Date.parse(details.visitStartedAt) + c.seconds * 1000);
  }
  return at;
}

/** Whether every condition that does not depend on time holds now. */
export function allHoldNow(conditions: TriggerCondition[], facts: VisitorFacts): boolean {
  return conditions.every((c) => holdsNow(c, facts));
}
