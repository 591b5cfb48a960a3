// Text as every database stores it alike (F9, F16): the one normalisation of each text field the
// protocol accepts, applied by its schemas, so what is stored, what the ack returns and what a
// later sync reads are the same string on SQLite and on PostgreSQL.
// - NUL and the other C0/C1 control characters go (PostgreSQL refuses NUL in text; the rest only
//   garble a display); message text keeps line breaks (\r\n and \r become \n) and tabs.
// - Lone UTF-16 surrogates, which neither database can store as UTF-8, become U+FFFD.
// - Names (of visitors, agents, sites, data keys) also lose bidi overrides/isolates and invisible
//   zero-width characters, which can disguise who someone is. ZWNJ and ZWJ (U+200C/U+200D) stay:
//   Persian and Indic names and emoji sequences need them.

const CONTROL_EXCEPT_TAB_LF = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const DISGUISING = /[\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;

/** Multi-line text (messages, data values): keeps \n and \t. */
export function normaliseText(s: string): string {
  return s.replace(LONE_SURROGATE, '\uFFFD').replace(/\r\n?/g, '\n').replace(CONTROL_EXCEPT_TAB_LF, '');
}

/** One-line text (phones, emails): no control characters at all. */
export function normaliseLine(s: string): string {
  return s.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL, '');
}

/** A name someone is shown by: one line, without bidi overrides or invisible characters. */
export function normaliseName(s: string): string {
  return normaliseLine(s).replace(DISGUISING, '');
}
