// W4, I1 the reply-by-email loop through the other inbound way: the server reads replies from
// an IMAP mailbox (IMAP_URL, a private Dovecot on loopback) and sends to the test's SMTP server.
// The replies put in the mailbox are the ones real mail clients write (test-fixtures/mail), with
// the headers of the email they answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { api, clientId, connectAgent, connectVisitor, eventually, messagesOf, startDovecot, type CaughtMail, type DovecotServer } from '@palique/server/testing';
import { afterReplyDelay, agentReplies, replyToOf, settle, visitorWhoLeft, withEmail, type EmailWorld, type InboundWay } from './test-support';

const fixtures = path.resolve(import.meta.dirname, '../../../test-fixtures/mail');

/** Replies come in through the IMAP mailbox. */
async function viaImapMailbox(): Promise<InboundWay<{ dovecot: DovecotServer }>> {
  const dovecot = await startDovecot();
  return { env: { IMAP_URL: dovecot.url }, extra: { dovecot }, close: () => dovecot.close() };
}
type World = EmailWorld & { dovecot: DovecotServer };
const withImapEmail = (work: (w: World) => Promise<void>) => withEmail(viaImapMailbox, work);

/** What the sample's author wrote above the quote and the signature (as quotes.test.ts has it). */
const GMAIL_REPLY = "Thanks! The order number is 4512.\n\nCould you check when it ships? I need it before the 3rd — it's a gift.";
const OUTLOOK_REPLY = 'Hello,\n\nWe would like 25 seats on the yearly plan. Please send the quote to our purchasing team.\n\nKind regards,\nPieter';

/**
 * A client's sample reply, made the answer to `to`: its recipient, threading headers and subject
 * are those of the email Palique sent; `from` (and `messageId`) replace the sample's own.
 */
function clientReply(sample: 'gmail.eml' | 'outlook-desktop.eml', to: CaughtMail, changes: { from?: string; recipient?: string; messageId?: string } = {}) {
  const messageId = changes.messageId ?? `<${clientId()}@mail.example.com>`;
  const raw = fs.readFileSync(path.join(fixtures, sample), 'utf8').replace(/\r?\n/g, '\r\n');
  const split = raw.indexOf('\r\n\r\n');
  const head = raw
    .slice(0, split)
    .replace(/^To: .*$/m, `To: Acme support <${changes.recipient ?? replyToOf(to)}>`)
    .replace(/^(In-Reply-To|References): .*$/gm, `$1: ${to.parsed.messageId}`)
    .replace(/^Message-ID: .*$/m, `Message-ID: ${messageId}`)
    .replace(/^Subject: (Re|RE): .*$/m, `Subject: $1: ${to.parsed.subject}`)
    .replace(/^From: .*$/m, (line) => (changes.from ? `From: ${changes.from}` : line));
  return { raw: head + raw.slice(split), messageId };
}

const fromOf = (sample: 'gmail.eml' | 'outlook-desktop.eml') => /^From: .*<([^>]+)>/m.exec(fs.readFileSync(path.join(fixtures, sample), 'utf8'))![1]!;

/** Waits until the server has read every mail in the mailbox (it marks each one read once handled). */
const allRead = (w: World, count: number) => eventually(() => w.dovecot.messages(), (ms) => ms.length === count && ms.every((m) => m.seen), 15_000);

async function emailToVisitorWhoLeft(w: World, email: string) {
  const { conversationId, token } = await visitorWhoLeft(w, email);
  await agentReplies(w, conversationId, 'Which order is it about?');
  await afterReplyDelay(w);
  return { conversationId, token, mail: await w.catcher.next((m) => m.to.includes(email)) };
}

test('W4: a visitor answers from Gmail into the IMAP mailbox: the text above the quote is their message, live in the dashboard, stored once', async () => {
  await withImapEmail(async (w) => {
    const email = fromOf('gmail.eml');
    const { conversationId, mail } = await emailToVisitorWhoLeft(w, email);
    assert.match(replyToOf(mail), /^support\+[0-9a-f]{32}@acme\.test$/);
    const dashboard = await connectAgent(w.server, w.owner.cookie);
    const live = dashboard.next('conversation:message', 15_000, (e) => e.message.authorType === 'visitor' && e.conversation.id === conversationId);
    const reply = clientReply('gmail.eml', mail);
    await w.dovecot.append(reply.raw);
    assert.equal((await live).message.text, GMAIL_REPLY, 'quoted history and signature stripped');
    await w.dovecot.append(reply.raw);
    await allRead(w, 2);
    await settle();
    const fromVisitor = (await messagesOf(w.server, w.owner.cookie, conversationId)).filter((m) => m.authorType === 'visitor');
    assert.deepEqual(
      fromVisitor.map((m) => m.text),
      ['Do you ship to Lisbon?', GMAIL_REPLY],
      'the same mail twice is one message',
    );
    dashboard.close();
  });
});

test('W4: the visitor who comes back sees their emailed answer in the widget', async () => {
  await withImapEmail(async (w) => {
    const email = fromOf('gmail.eml');
    const { token, mail } = await emailToVisitorWhoLeft(w, email);
    await w.dovecot.append(clientReply('gmail.eml', mail).raw);
    await allRead(w, 1);
    const back = await connectVisitor(w.server, w.owner.widgetId, token);
    const thread = await back.emit('sync', { after: 0 });
    assert.ok(thread.ok);
    assert.deepEqual(
      thread.messages.map((m) => [m.authorType, m.text]),
      [
        ['visitor', 'Do you ship to Lisbon?'],
        ['agent', 'Which order is it about?'],
        ['visitor', GMAIL_REPLY],
      ],
    );
    back.close();
  });
});

test('W4: a guessed token or a forged sender in the mailbox stores nothing, and the mail is read, not tried forever', async () => {
  await withImapEmail(async (w) => {
    const email = fromOf('gmail.eml');
    const { conversationId, mail } = await emailToVisitorWhoLeft(w, email);
    await w.dovecot.append(clientReply('gmail.eml', mail, { recipient: `support+${'0'.repeat(32)}@acme.test` }).raw);
    await w.dovecot.append(clientReply('gmail.eml', mail, { from: 'Mallory <mallory@example.com>' }).raw);
    await allRead(w, 2);
    await settle();
    const texts = (await messagesOf(w.server, w.owner.cookie, conversationId)).map((m) => m.text);
    assert.deepEqual(texts, ['Do you ship to Lisbon?', 'Which order is it about?']);
  });
});

test('I1: an offline agent answers from Outlook into the IMAP mailbox: it is their message, live in the widget', async () => {
  await withImapEmail(async (w) => {
    assert.equal((await api(w.server, 'PUT', '/api/me/email', { cookie: w.owner.cookie, body: { offlineEmail: true } })).status, 200);
    const visitor = await connectVisitor(w.server, w.owner.widgetId);
    const sent = await visitor.emit('message:send', { clientId: clientId(), text: 'How many seats can we buy?' });
    assert.ok(sent.ok);
    await afterReplyDelay(w);
    const mail = await w.catcher.next((m) => m.to.includes(w.owner.email));
    const live = visitor.next('message:new', 15_000, (m) => m.authorType === 'agent');
    await w.dovecot.append(clientReply('outlook-desktop.eml', mail, { from: `Owner <${w.owner.email}>` }).raw);
    const answer = await live;
    assert.deepEqual([answer.text, answer.authorId], [OUTLOOK_REPLY, w.owner.agentId]);
    // The sample's own sender (not the agent) gets nothing in with the agent's token.
    await w.dovecot.append(clientReply('outlook-desktop.eml', mail).raw);
    await allRead(w, 2);
    await settle();
    assert.equal((await messagesOf(w.server, w.owner.cookie, sent.message.conversationId)).length, 2);
    visitor.close();
  });
});
