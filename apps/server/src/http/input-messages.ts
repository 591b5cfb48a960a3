// Form errors in words: a refused input is described the way a person would say it ("Site name
// must not be empty"), never as a field key and a schema's jargon ("siteName: Too small: …").
// The dashboard shows these messages as they are.
import type { ZodError } from 'zod';

type Issue = ZodError['issues'][number];

/** Keys whose words cannot be read off the key itself. */
const LABELS: Record<string, string> = {
  /** Search: GET /api/conversations/search?q=… */
  q: 'Search text',
};

/** "siteName" → "Site name"; an index in the path says which item ("Start (item 2)"). */
export function fieldLabel(path: ReadonlyArray<PropertyKey>): string {
  const keys = path.filter((p): p is string => typeof p === 'string');
  const index = [...path].reverse().find((p): p is number => typeof p === 'number');
  const last = keys[keys.length - 1];
  if (last === undefined) return index === undefined ? '' : `Item ${index + 1}`;
  if (LABELS[last]) return index === undefined ? LABELS[last] : `${LABELS[last]} (item ${index + 1})`;
  const words = last
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
  const label = words.charAt(0).toUpperCase() + words.slice(1);
  return index === undefined ? label : `${label} (item ${index + 1})`;
}

/** What is wrong, as the end of a sentence that starts with the field's name. */
function problem(issue: Issue): string {
  // The protocol's own messages are written that way already ("must be an email address").
  if (/^[a-z]/.test(issue.message)) return issue.message;
  const i = issue as Issue & { origin?: string; minimum?: number | bigint; maximum?: number | bigint; input?: unknown; values?: unknown[]; format?: string; keys?: string[] };
  switch (issue.code) {
    case 'too_small':
      if (i.origin === 'string') return Number(i.minimum) <= 1 ? 'must not be empty' : `must be at least ${i.minimum} characters`;
      if (i.origin === 'array' || i.origin === 'set') return `needs at least ${i.minimum}`;
      return `must be at least ${i.minimum}`;
    case 'too_big':
      if (i.origin === 'string') return `must be at most ${i.maximum} characters`;
      if (i.origin === 'array' || i.origin === 'set') return `takes at most ${i.maximum}`;
      return `must be at most ${i.maximum}`;
    case 'invalid_type':
      return i.input === undefined ? 'is required' : 'is not valid';
    case 'invalid_value':
      return i.values && i.values.length <= 8 ? `must be one of: ${i.values.map(String).join(', ')}` : 'is not one of the allowed values';
    case 'invalid_format':
      return i.format === 'email' ? 'must be an email address' : i.format === 'url' ? 'must be a web address' : 'is not valid';
    default:
      return 'is not valid';
  }
}

function describeIssue(issue: Issue): string {
  if (issue.code === 'unrecognized_keys') {
    const keys = (issue as Issue & { keys: string[] }).keys;
    return `Unknown field${keys.length > 1 ? 's' : ''}: ${keys.join(', ')}`;
  }
  const label = fieldLabel(issue.path);
  const what = problem(issue);
  if (label) return `${label} ${what}`;
  return what.charAt(0).toUpperCase() + what.slice(1);
}

/** One sentence per problem, joined; duplicates (a union's branches) said once. */
export function describeZodError(error: ZodError): string {
  return [...new Set(error.issues.map(describeIssue))].join('. ');
}
