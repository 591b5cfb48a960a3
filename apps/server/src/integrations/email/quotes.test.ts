// I1/C7: an emailed reply becomes the text the person wrote, whatever client they answered from.
// The samples in test-fixtures/mail are raw messages as those clients send them, parsed the way
// inbound mail is (mailparser's simpleParser).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { MAX_MESSAGE_LENGTH, normaliseText } from '@palique/protocol';
import { extractReply } from './quotes';

const fixtures = path.resolve(import.meta.dirname, '../../../test-fixtures/mail');
const hostile = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../../../../shared/corpus/hostile-messages.json'), 'utf8')) as Record<string, unknown>;

async function replyIn(file: string): Promise<string> {
  const mail = await simpleParser(fs.readFileSync(path.join(fixtures, file)));
  return extractReply({ text: mail.text, html: mail.html });
}

const samples: Array<[client: string, file: string, expected: string]> = [
  ['Gmail (text + html, signature, quote)', 'gmail.eml', "Thanks! The order number is 4512.\n\nCould you check when it ships? I need it before the 3rd — it's a gift."],
  ['Gmail in Spanish, attribution wrapped over two lines', 'gmail-es-text.eml', '¡Hola! Sí, el pedido llegó ayer pero falta la funda.\n\n¿Me la podéis enviar aparte?'],
  ['Outlook desktop (From/Sent/To/Subject block, CRLF)', 'outlook-desktop.eml', 'Hello,\n\nWe would like 25 seats on the yearly plan. Please send the quote to our purchasing team.\n\nKind regards,\nPieter'],
  ['Outlook on the web, HTML only, "Get Outlook for iOS"', 'outlook-web-html-only.eml', 'Yes please, cancel the second box. I’ll keep the first one.'],
  ['Outlook in German (Von/Gesendet/Betreff)', 'outlook-de-text.eml', 'Hallo Marta,\n\ndie Rechnung ist angekommen, vielen Dank. Können Sie sie noch auf die Firma ausstellen?\n\nGrüße\nJonas Becker'],
  ['old Outlook in French, "-----Message d\'origine-----"', 'outlook-original-message-fr.eml', "Bonjour,\n\nMerci, c'est réglé de mon côté.\n\nChloé"],
  ['Apple Mail on iPhone, "Sent from my iPhone"', 'apple-mail-iphone.eml', 'Great, thanks! I’ll pick it up on Monday.'],
  ['Apple Mail on a Mac in French, HTML only', 'apple-mail-mac-fr-html-only.eml', 'Parfait, je passe demain matin.\n\nBonne soirée,\nLéa'],
  ['Thunderbird in German, moz-cite-prefix and moz-signature', 'thunderbird-de.eml', 'Hallo,\n\ndas Update hat funktioniert. Danke für die schnelle Hilfe!\n\nEine Frage noch: gilt die Lizenz auch für den Laptop?'],
  ['plain text without a quote, "-- " signature', 'plain-text-no-quote.eml', 'Hello,\n\nI forgot to ask: do you ship to the Canary Islands?\nAnd is <b>VAT</b> included? (price > 30 € ?)\n\nThanks'],
  ['a reply written below the quote', 'bottom-post.eml', ''],
  ['a reply with nothing written', 'quote-only.eml', ''],
];

for (const [client, file, expected] of samples) {
  test(`I1: the reply from ${client} is the text above the quote`, async () => {
    assert.equal(await replyIn(file), expected);
  });
}

test('I1: attributions in English, Spanish, French and German end the reply, also when wrapped', () => {
  const attributions = [
    'On Fri, Nov 27, 2026 at 6:54 PM Acme Support <reply@palique.example> wrote:',
    'On Fri, Nov 27, 2026 at 6:54 PM Acme Support <\nreply@palique.example> wrote:',
    'On 27 Nov 2026, at 18:54,\nAcme Support wrote:',
    'El vie, 27 nov 2026 a las 18:54, Soporte (<reply@palique.example>) escribió:',
    'Le ven. 27 nov. 2026 à 18:54, Acme Support <reply@palique.example> a écrit :',
    'Am Fr., 27. Nov. 2026 um 18:54 Uhr schrieb Acme Support <reply@palique.example>:',
    'Am 27.11.26 um 18:54 schrieb\nAcme Support:',
  ];
  for (const attribution of attributions) {
    assert.equal(extractReply({ text: `See you then.\n\n${attribution}\nthe old message, not quoted` }), 'See you then.', attribution);
  }
});

test('I1: ordinary sentences that look a little like an attribution or a header stay', () => {
  const text = 'On Monday you wrote:\nthat it would ship.\nFrom: the warehouse, I guess.\nLe colis est arrivé.';
  assert.equal(extractReply({ text }), text);
});

test('I1: mobile signatures and "-- " end the reply', () => {
  for (const signature of ['Sent from my iPhone', 'Enviado desde mi iPhone', 'Get Outlook for iOS', 'Envoyé de mon iPad', 'Von meinem iPhone gesendet', '-- \nAna', '--\nAna']) {
    assert.equal(extractReply({ text: `Ok, thanks\n\n${signature}` }), 'Ok, thanks', signature);
  }
});

test('I1: HTML without a text part becomes plain text: no tags, scripts or styles, entities decoded', () => {
  const html = '<html><head><title>t</title><style>p{color:red}</style></head><body><script>window.__pwned=1</script>' +
    '<p>Is &lt;b&gt; allowed? Tom &amp; Jerry</p><p><img src="https://tracker.example/p.gif" alt="">See <a href="https://acme.example/faq">the FAQ</a></p></body></html>';
  assert.equal(extractReply({ html }), 'Is <b> allowed? Tom & Jerry\n\nSee the FAQ [https://acme.example/faq]');
  const tables = '<table><tr><td><p>Two sizes:</p></td></tr></table><table><tr><th>Size</th><th>Qty</th></tr><tr><td>M</td><td>2</td></tr></table>';
  assert.equal(extractReply({ html: tables }), 'Two sizes:\n\nSize   Qty\nM      2', 'layout tables as blocks, data in columns');
  assert.equal(extractReply({ html: false, text: '' }), '');
  assert.equal(extractReply({}), '');
});

test('I1: line endings are normalised, blank runs made one and the text capped at the message limit', () => {
  assert.equal(extractReply({ text: '  one\r\ntwo\r\rthree\r\n\r\n\r\n\r\nfour  \r\n' }), 'one\ntwo\n\nthree\n\nfour');
  const long = extractReply({ text: '😀'.repeat(MAX_MESSAGE_LENGTH) });
  assert.ok(long.length <= MAX_MESSAGE_LENGTH);
  assert.equal(long, '😀'.repeat(MAX_MESSAGE_LENGTH / 2), 'no emoji cut in half');
});

test('I1: a huge mail is cut to size quickly', () => {
  const started = Date.now();
  const reply = extractReply({ text: `On 1 ${'1 2 3 '.repeat(300_000)}\n${'> quoted\n'.repeat(50_000)}` });
  assert.equal(reply.length, MAX_MESSAGE_LENGTH);
  assert.ok(extractReply({ html: `<p>${'<b>bold</b> '.repeat(200_000)}</p>` }).length <= MAX_MESSAGE_LENGTH);
  assert.ok(Date.now() - started < 5_000, `${Date.now() - started} ms`);
});

test('I1: hostile messages sent by email are kept as the plain text that was typed', () => {
  const strings = Object.values(hostile).filter(Array.isArray).flat() as string[];
  assert.ok(strings.length > 40);
  for (const typed of strings) {
    if (/^\s*>/m.test(typed)) continue; // a '>' line is a quote in email
    const expected = normaliseText(typed).replace(/\n{3,}/g, '\n\n').trim();
    assert.equal(extractReply({ text: typed }), expected, JSON.stringify(typed));
    // The same text written in an HTML mail (escaped, as a client does) reads the same, but for
    // HTML's collapsing of white space.
    const escaped = typed.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br>');
    const fromHtml = extractReply({ html: `<div dir="ltr">${escaped}</div>` });
    assert.equal(fromHtml.replace(/\s+/g, ' '), expected.replace(/\s+/g, ' '), JSON.stringify(typed));
  }
  assert.equal(extractReply({ html: '<p><script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">hi</p>' }), 'hi');
});
