// W6: message formatting — links, **bold** and _italic_ — parsed into a tree of plain nodes that
// the widget (Preact) and the dashboard (React) render as elements. No HTML strings anywhere:
// text stays text, and a link's href is only ever an http(s) or mailto URL built by `safeHref`.
// Zod-free and DOM-free, so the widget can import it without weight.

export type FormatNode =
  | { type: 'text'; text: string }
  | { type: 'bold'; children: FormatNode[] }
  | { type: 'italic'; children: FormatNode[] }
  | { type: 'link'; href: string; text: string };

/** rel and target every rendered link carries. */
export const LINK_REL = 'noopener noreferrer nofollow';
export const LINK_TARGET = '_blank';

// Candidates start at a word boundary with a scheme we allow or "www."; other schemes
// (javascript:, data:, vbscript:, …) never match, so they stay text.
const LINK_START = /(?:https?:\/\/|mailto:|www\.)\S+/gi;
// Invisible and direction-changing characters: a link containing them could show one address and
// open another, so such a candidate stays text.
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/;
const TRAILING = /[.,;:!?'"*_\]>]+$/;

/** The href for a link candidate, or null unless it is a well-formed http(s) or mailto URL. */
export function safeHref(candidate: string): string | null {
  if (INVISIBLE.test(candidate) || /[\s\u0000-\u001f\u007f]/.test(candidate)) return null;
  const raw = /^www\./i.test(candidate) ? `https://${candidate}` : candidate;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol === 'mailto:') return url.pathname.length > 0 ? url.href : null;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname || !url.hostname.includes('.') && url.hostname !== 'localhost') return null;
  return url.href;
}

interface LinkSpan {
  start: number;
  end: number;
  href: string;
}

function findLinks(text: string): LinkSpan[] {
  const spans: LinkSpan[] = [];
  for (const match of text.matchAll(LINK_START)) {
    const start = match.index;
    if (start > 0 && /[\p{L}\p{N}_\/:@.-]/u.test(text[start - 1]!)) continue; // inside a word
    let candidate = match[0].replace(TRAILING, '');
    // A closing parenthesis belongs to the URL only when it opened one: "(see https://x.y)".
    while (candidate.endsWith(')') && (candidate.match(/\(/g)?.length ?? 0) < (candidate.match(/\)/g)?.length ?? 0)) {
      candidate = candidate.slice(0, -1).replace(TRAILING, '');
    }
    const href = safeHref(candidate);
    if (href) spans.push({ start, end: start + candidate.length, href });
  }
  return spans;
}

const isSpace = (ch: string | undefined) => ch === undefined || /\s/u.test(ch);
const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}_]/u.test(ch);

/** Parses a message into nodes; joining the nodes' text (plus the markers) gives back the input. */
export function parseMessage(text: string): FormatNode[] {
  const links = findLinks(text);
  const linkAt = new Map(links.map((l) => [l.start, l]));
  const inLink = new Uint8Array(text.length + 1);
  for (const l of links) inLink.fill(1, l.start, l.end);

  // Where a marker may close, computed once from the right: parsing stays linear on hostile input.
  const n = text.length;
  const nextBoldClose = new Int32Array(n + 2).fill(-1);
  const nextItalicClose = new Int32Array(n + 2).fill(-1);
  for (let i = n - 1; i >= 0; i--) {
    nextBoldClose[i] = nextBoldClose[i + 1]!;
    nextItalicClose[i] = nextItalicClose[i + 1]!;
    if (inLink[i]) continue;
    if (text.startsWith('**', i) && !isSpace(text[i - 1]) && text[i - 1] !== '*' && text[i + 2] !== '*') nextBoldClose[i] = i;
    if (text[i] === '_' && !isSpace(text[i - 1]) && text[i - 1] !== '_' && !isWordChar(text[i + 1])) nextItalicClose[i] = i;
  }
  const canOpenBold = (i: number) => text.startsWith('**', i) && !inLink[i] && text[i - 1] !== '*' && !isSpace(text[i + 2]) && text[i + 2] !== '*';
  const canOpenItalic = (i: number) => text[i] === '_' && !inLink[i] && !isWordChar(text[i - 1]) && !isSpace(text[i + 1]) && text[i + 1] !== '_';

  const parseRange = (from: number, to: number, inside: 'bold' | 'italic' | null, depth: number): FormatNode[] => {
    const nodes: FormatNode[] = [];
    let plain = '';
    const flush = () => {
      if (plain) nodes.push({ type: 'text', text: plain });
      plain = '';
    };
    let i = from;
    while (i < to) {
      const link = linkAt.get(i);
      if (link && link.end <= to) {
        flush();
        nodes.push({ type: 'link', href: link.href, text: text.slice(link.start, link.end) });
        i = link.end;
        continue;
      }
      if (depth < 2 && inside !== 'bold' && canOpenBold(i)) {
        const close = nextBoldClose[i + 3] ?? -1;
        if (close !== -1 && close + 2 <= to) {
          flush();
          nodes.push({ type: 'bold', children: parseRange(i + 2, close, 'bold', depth + 1) });
          i = close + 2;
          continue;
        }
      }
      if (depth < 2 && inside !== 'italic' && canOpenItalic(i)) {
        const close = nextItalicClose[i + 2] ?? -1;
        if (close !== -1 && close + 1 <= to) {
          flush();
          nodes.push({ type: 'italic', children: parseRange(i + 1, close, 'italic', depth + 1) });
          i = close + 1;
          continue;
        }
      }
      plain += text[i];
      i++;
    }
    flush();
    return nodes;
  };
  return parseRange(0, n, null, 0);
}

/** What a reader sees: the text without the markers that became formatting. */
export function plainTextOf(nodes: FormatNode[]): string {
  return nodes.map((node) => (node.type === 'text' || node.type === 'link' ? node.text : plainTextOf(node.children))).join('');
}

/** The input again, markers included (the parser loses nothing). */
export function sourceOf(nodes: FormatNode[]): string {
  return nodes
    .map((node) =>
      node.type === 'text' || node.type === 'link' ? node.text : node.type === 'bold' ? `**${sourceOf(node.children)}**` : `_${sourceOf(node.children)}_`,
    )
    .join('');
}
