// What a person wrote in an emailed reply: the text above the quoted history, without the
// signature. Mail clients mark the quote differently (Gmail's div.gmail_quote, Apple Mail's
// <blockquote type=cite>, Thunderbird's moz-cite-prefix, Outlook's header block, '>' lines,
// "On …, … wrote:" in several languages); everything from the first mark down is dropped, so a
// reply written below the quote comes out empty. HTML is turned into plain text, never kept.
/// <reference path="./html-to-text.d.ts" />
import { randomUUID } from 'node:crypto';
import { compile, type FormatCallback } from 'html-to-text';
import { MAX_MESSAGE_LENGTH, normaliseText } from '@palique/protocol';

export interface ParsedMail {
  text?: string;
  /** mailparser gives `false` when the mail has no HTML part. */
  html?: string | false;
}

/**
 * The new text of a reply: normalised as message text is (protocol text.ts), trimmed, runs of
 * blank lines made one, at most MAX_MESSAGE_LENGTH characters; '' when nothing was written above
 * the quote.
 */
export function extractReply(mail: ParsedMail): string {
  // Converting HTML takes up to a few seconds per megabyte; what comes first is what matters.
  const html = (mail.html || '').slice(0, MAX_HTML_LENGTH);
  let source: string;
  if (html && QUOTE_ELEMENT.test(html)) source = htmlToText(html).split(CUT)[0]!;
  else if (mail.text?.trim()) source = mail.text;
  else source = html ? htmlToText(html).split(CUT)[0]! : '';
  // Anything past this could never be part of a capped reply; cutting it bounds the work.
  return tidy(textAboveQuote(normaliseLines(source.slice(0, 4 * MAX_MESSAGE_LENGTH))));
}

// --- HTML ------------------------------------------------------------------------------------

/** Elements where a client's quote or signature begins; the first one found ends the reply. */
const QUOTE_SELECTORS = [
  'div.gmail_quote',
  'div.gmail_signature',
  'blockquote[type=cite]',
  'div.moz-cite-prefix',
  'div.moz-signature',
  'div#divRplyFwdMsg',
  'div#appendonsend',
  'div#Signature',
  'div#ms-outlook-mobile-signature',
  'div.yahoo_quoted',
];
const QUOTE_ELEMENT = /gmail_quote|gmail_signature|type=["']?cite|moz-cite-prefix|moz-signature|divRplyFwdMsg|appendonsend|id=["']?Signature|ms-outlook-mobile-signature|yahoo_quoted/i;

const MAX_HTML_LENGTH = 200_000;

/** Unguessable, so text in a mail can never pose as the cut. */
const CUT = `[quote-${randomUUID()}]`;

const markCut: FormatCallback = (_elem, _walk, builder) => {
  builder.openBlock({ leadingLineBreaks: 1 });
  builder.addLiteral(CUT);
  builder.closeBlock({ trailingLineBreaks: 1 });
};

const htmlToText = compile({
  wordwrap: false,
  // HTML's white space only: a zero-width space stays the character that was typed.
  whitespaceCharacters: ' \t\r\n\f',
  formatters: { markCut },
  selectors: [
    ...QUOTE_SELECTORS.map((selector) => ({ selector, format: 'markCut' })),
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'head', format: 'skip' },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
});

// --- Plain text ------------------------------------------------------------------------------

function normaliseLines(text: string): string[] {
  return normaliseText(text).replace(/\u00a0/g, ' ').split('\n').map((line) => line.trimEnd());
}

/** The lines before the first quote or signature. */
function textAboveQuote(lines: string[]): string[] {
  for (let i = 0; i < lines.length; i++) {
    if (startsQuote(lines, i)) return lines.slice(0, i);
  }
  return lines;
}

const SEPARATOR = /^\s*(-{2,}\s*(original message|mensaje original|message d'origine|ursprüngliche nachricht|forwarded message|mensaje reenviado|message transféré|weitergeleitete nachricht)\s*-{2,}|_{20,})\s*$/i;
const SIGNATURE = /^(-- ?|__)$/;
const SENT_FROM = new RegExp(
  '^\\s*(' +
    [
      'sent from my \\S+( \\S+)?',
      'sent from (mail|outlook) for \\S+',
      'sent from yahoo mail.*',
      'get outlook for (ios|android)',
      'enviado desde mi \\S+( \\S+)?',
      'obtener outlook para (ios|android)',
      'envoyé de mon \\S+( \\S+)?',
      'von meinem \\S+( \\S+)? gesendet',
    ].join('|') +
    ')[.!]?( \\[[^\\]]*\\])?\\s*$',
  'i',
);
/** "On <date>, <name> wrote:" and its Spanish, French and German forms; a date has a digit. */
const WROTE = [
  /^\s*on\s.*\d.*\swrote\s?:$/i,
  /^\s*el\s.*\d.*\sescribió\s?:$/i,
  /^\s*le\s.*\d.*\sa écrit\s?:$/i,
  /^\s*am\s.*\d.*\sschrieb\s.*:$/i,
];
const WROTE_OPENER = /^\s*(on|el|le|am)\s/i;
/** Longer than any attribution; also keeps the WROTE patterns' backtracking small. */
const WROTE_MAX_LENGTH = 400;
const HEADER_FROM = /^\s*\*?(from|de|von|van)\s?:\*?\s/i;
const HEADER_SENT = /^\s*\*?(sent|date|enviado|fecha|envoyé|gesendet|datum)\s?:\*?\s/i;
const HEADER_SUBJECT = /^\s*\*?(subject|asunto|objet|betreff)\s?:\*?/i;

function startsQuote(lines: string[], i: number): boolean {
  const line = lines[i]!;
  if (/^\s*>/.test(line) || SEPARATOR.test(line) || SIGNATURE.test(line) || SENT_FROM.test(line)) return true;
  if (WROTE_OPENER.test(line)) {
    // Clients wrap a long attribution over two or three lines.
    for (let n = 1; n <= 3 && i + n <= lines.length; n++) {
      const joined = lines.slice(i, i + n).join(' ');
      if (joined.length > WROTE_MAX_LENGTH) break;
      if (WROTE.some((re) => re.test(joined))) return true;
    }
  }
  if (HEADER_FROM.test(line)) {
    const next = lines.slice(i + 1, i + 6);
    return next.some((l) => HEADER_SENT.test(l)) && next.some((l) => HEADER_SUBJECT.test(l));
  }
  return false;
}

function tidy(lines: string[]): string {
  const text = lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  if (text.length <= MAX_MESSAGE_LENGTH) return text;
  const capped = text.slice(0, MAX_MESSAGE_LENGTH);
  // Never leave half of a surrogate pair at the cap.
  return (/[\uD800-\uDBFF]$/.test(capped) ? capped.slice(0, -1) : capped).trimEnd();
}
