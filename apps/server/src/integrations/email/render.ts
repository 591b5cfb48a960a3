// The body of an email made from chat messages: a plain-text part and an HTML part from the same
// messages. The HTML is built from the chat's own formatting parser (W6: links, bold, italic),
// every piece of text escaped, so a message renders in a mail client as it does in the chat.
import { parseMessage, type FormatNode } from '@palique/client/format';
import type { Message } from '@palique/protocol';

export interface RenderedEmail {
  text: string;
  html: string;
}

export interface EmailContent {
  /** First line(s) above the messages. */
  intro: string;
  messages: readonly Message[];
  /** "Continue the conversation on the site" and its link, or none. */
  link?: { label: string; url: string };
  /** The footer: why this arrived and how to stop it. */
  footer: string;
  unsubscribe?: { label: string; url: string };
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

function htmlOf(nodes: readonly FormatNode[]): string {
  return nodes
    .map((n) => {
      switch (n.type) {
        case 'text':
          return escapeHtml(n.text).replace(/\n/g, '<br>');
        case 'bold':
          return `<strong>${htmlOf(n.children)}</strong>`;
        case 'italic':
          return `<em>${htmlOf(n.children)}</em>`;
        case 'link':
          return `<a href="${escapeHtml(n.href)}" rel="noopener noreferrer nofollow">${escapeHtml(n.text)}</a>`;
      }
    })
    .join('');
}

function textOf(nodes: readonly FormatNode[]): string {
  return nodes.map((n) => (n.type === 'text' ? n.text : n.type === 'link' ? n.text : textOf(n.children))).join('');
}

const authorOf = (m: Message) => m.authorName ?? (m.authorType === 'visitor' ? 'Visitor' : 'Team');

/** Who wrote the message and what it says (a file is named, never attached). */
const bodyOf = (m: Message) => (m.attachment ? `${m.text}${m.text ? '\n' : ''}[${m.attachment.name}]` : m.text);

export function renderEmail(c: EmailContent): RenderedEmail {
  const shown = c.messages.filter((m) => !m.editOf && m.authorType !== 'system');
  const text = [
    c.intro,
    '',
    ...shown.flatMap((m) => [`${authorOf(m)}:`, textOf(parseMessage(bodyOf(m))), '']),
    ...(c.link ? [`${c.link.label}: ${c.link.url}`, ''] : []),
    '-- ',
    c.footer,
    ...(c.unsubscribe ? [`${c.unsubscribe.label}: ${c.unsubscribe.url}`] : []),
  ].join('\n');
  const rows = shown
    .map((m) => `<p style="margin:0 0 12px"><strong>${escapeHtml(authorOf(m))}</strong><br>${htmlOf(parseMessage(bodyOf(m)))}</p>`)
    .join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;font-size:15px;line-height:1.4">',
    `<p>${escapeHtml(c.intro)}</p>`,
    rows,
    c.link ? `<p><a href="${escapeHtml(c.link.url)}">${escapeHtml(c.link.label)}</a></p>` : '',
    `<p style="color:#666;font-size:12px">${escapeHtml(c.footer)}${
      c.unsubscribe ? ` <a href="${escapeHtml(c.unsubscribe.url)}">${escapeHtml(c.unsubscribe.label)}</a>` : ''
    }</p>`,
    '</body></html>',
  ].join('\n');
  return { text, html };
}
