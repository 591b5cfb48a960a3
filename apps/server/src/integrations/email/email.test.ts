// W4, C7, I1 email against real SMTP on loopback: Palique sends to the test's SMTP server
// (smtp-server, port 0) and receives replies in its built-in SMTP receiver, sent with nodemailer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { MAX_FILE_BYTES } from '@palique/protocol';
import {
  api,
  clientId,
  connectVisitor,
  freePort,
  messagesOf,
  sendMail,
  setupOwner,
  startInProcessServer,
  startMailCatcher,
  startServerProcess,
  type CaughtMail,
} from '@palique/server/testing';
import { afterReplyDelay, agentReplies, header, replyToOf, settle, visitorWhoLeft, withEmail as withEmailWay, type EmailWorld, type InboundWay } from './test-support';

/** Replies come in through the built-in SMTP receiver. */
async function viaSmtpReceiver(): Promise<InboundWay<{ inboundPort: number }>> {
  const inboundPort = await freePort();
  return { env: { INBOUND_SMTP_PORT: String(inboundPort) }, extra: { inboundPort } };
}
type World = EmailWorld & { inboundPort: number };
const withEmail = (work: (w: World) => Promise<void>) => withEmailWay(viaSmtpReceiver, work);

async function replyByEmail(w: World, to: CaughtMail, from: string, text: string, messageId = `<${clientId()}@mail.example.com>`) {
  await sendMail(w.inboundPort, {
    from,
    to: replyToOf(to),
    subject: `Re: ${to.parsed.subject}`,
    messageId,
    inReplyTo: to.parsed.messageId,
    references: [to.parsed.messageId!],
    text: `${text}\n\nOn Mon, 2 Mar 2026 at 09:00, Acme support <support@acme.test> wrote:\n> ${to.parsed.text?.split('\n')[0]}`,
  });
  return messageId;
}

test('W4: replies to a visitor who left are emailed once, batched, with both parts, threading and unsubscribe headers', async () => {
  await withEmail(async (w) => {
    const { conversationId, email } = await visitorWhoLeft(w);
    await agentReplies(w, conversationId, 'Yes, **we do**! See https://acme.test/shipping');
    await agentReplies(w, conversationId, 'It takes <3 days> & costs nothing.');
    const answer = w.catcher.answerNextLater();
    await afterReplyDelay(w);
    const mail = await w.catcher.next();
    assert.deepEqual(mail.to, [email]);
    assert.match(mail.parsed.text!, /we do/);
    assert.match(mail.parsed.text!, /It takes <3 days> & costs nothing\./);
    assert.match(mail.parsed.text!, /Do you ship to Lisbon\?/, 'the conversation so far');
    assert.match(String(mail.parsed.html), /<strong>we do<\/strong>/);
    assert.match(String(mail.parsed.html), /<a href="https:\/\/acme\.test\/shipping"/);
    assert.match(String(mail.parsed.html), /It takes &lt;3 days&gt; &amp; costs nothing\./, 'escaped');
    assert.match(replyToOf(mail), /^support\+[0-9a-f]{32}@acme\.test$/);
    assert.match(header(mail, 'list-unsubscribe') ?? '', /\/email\/unsubscribe\?token=[0-9a-f]{32}/);
    assert.equal(header(mail, 'list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
    assert.equal(w.catcher.mails.length, 1, 'two replies, one email');

    // The batch is still being sent (the catcher has not answered; its timer is not marked fired):
    // a reply now is too late for it and starts the next batch instead of being lost with this one.
    await agentReplies(w, conversationId, 'Anything else?');
    await settle();
    answer();
    await afterReplyDelay(w);
    const second = await w.catcher.next();
    assert.match(second.parsed.text!, /Anything else\?/);
    assert.equal(second.parsed.inReplyTo, mail.parsed.messageId);
    assert.ok([second.parsed.references ?? []].flat().includes(mail.parsed.messageId!));
    assert.equal(second.parsed.subject, `Re: ${mail.parsed.subject}`);
    assert.equal(replyToOf(second), replyToOf(mail), 'one reply address per conversation');
  });
});

test('W4: a visitor with the widget open gets no email', async () => {
  await withEmail(async (w) => {
    const visitor = await connectVisitor(w.server, w.owner.widgetId);
    await visitor.emit('visitor:update', { email: 'here@example.com' });
    const sent = await visitor.emit('message:send', { clientId: clientId(), text: 'Hi' });
    assert.ok(sent.ok);
    await agentReplies(w, sent.message.conversationId, 'Hello!');
    await afterReplyDelay(w);
    assert.equal(w.catcher.mails.length, 0);
    visitor.close();
  });
});

test('W4: the visitor answers the email; the answer is their message, live in the widget and once however often it arrives', async () => {
  await withEmail(async (w) => {
    const { conversationId, token, email } = await visitorWhoLeft(w);
    await agentReplies(w, conversationId, 'Yes, we do.');
    await afterReplyDelay(w);
    const mail = await w.catcher.next();
    const back = await connectVisitor(w.server, w.owner.widgetId, token);
    const live = back.next('message:new', 10_000, (m) => m.authorType === 'visitor');
    const messageId = await replyByEmail(w, mail, email, 'Great, thanks!');
    assert.equal((await live).text, 'Great, thanks!', 'quoted history stripped');
    await replyByEmail(w, mail, email, 'Great, thanks!', messageId);
    await settle();
    const fromVisitor = (await messagesOf(w.server, w.owner.cookie, conversationId)).filter((m) => m.authorType === 'visitor');
    assert.deepEqual(fromVisitor.map((m) => m.text), ['Do you ship to Lisbon?', 'Great, thanks!']);
    back.close();
  });
});

for (const [language, told] of [
  ['en-GB', /these files were left out[^]*too-big\.bin/],
  ['es-ES', /estos archivos no[^]*too-big\.bin/],
] as const) {
  test(`W4: files of an emailed answer follow the files rules: the photo is added after the text, the too-large file is left out and the sender told (browser in ${language}); twice → once`, async () => {
    await withEmail(async (w) => {
      const { conversationId, email } = await visitorWhoLeft(w, 'ada@example.com', language);
      await agentReplies(w, conversationId, 'Send us a photo?');
      await afterReplyDelay(w);
      const mail = await w.catcher.next();
      const photo = await sharp({ create: { width: 60, height: 40, channels: 3, background: '#3a7' } }).png().toBuffer();
      const answer = {
        from: email,
        to: replyToOf(mail),
        subject: 'Re: photo',
        messageId: `<${clientId()}@mail.example.com>`,
        text: 'Here it is.',
        attachments: [
          { filename: 'parcel.png', content: photo },
          { filename: 'too-big.bin', content: Buffer.alloc(MAX_FILE_BYTES + 1, 7) },
        ],
      };
      await sendMail(w.inboundPort, answer);
      const notice = await w.catcher.next((m) => m.to.includes(email));
      assert.match(notice.parsed.text!, told);
      assert.doesNotMatch(notice.parsed.text!, /parcel\.png/);
      const fromVisitor = async () => (await messagesOf(w.server, w.owner.cookie, conversationId)).filter((m) => m.authorType === 'visitor').slice(1);
      const added = await fromVisitor();
      assert.deepEqual(
        added.map((m) => [m.text, m.attachment?.name, m.attachment?.kind]),
        [
          ['Here it is.', undefined, undefined],
          ['', 'parcel.png', 'image'],
        ],
      );
      const urls = await api(w.server, 'GET', `/api/files/${added[1]!.attachment!.id}`, { cookie: w.owner.cookie });
      assert.equal(urls.status, 200, 'the agent opens the photo');
      assert.deepEqual([urls.body.attachment.width, urls.body.attachment.height], [60, 40]);
      if (language !== 'en-GB') return;
      await sendMail(w.inboundPort, answer);
      await settle();
      assert.deepEqual(await fromVisitor(), added, 'the same mail again adds nothing');
      assert.equal(w.catcher.mails.filter((m) => m.to.includes(email) && m !== mail).length, 1, 'one notice');
    });
  });
}

test('W4: a forged sender or a guessed token puts nothing in the conversation', async () => {
  await withEmail(async (w) => {
    const { conversationId, email } = await visitorWhoLeft(w);
    await agentReplies(w, conversationId, 'Yes, we do.');
    await afterReplyDelay(w);
    const mail = await w.catcher.next();
    await replyByEmail(w, mail, 'mallory@example.com', 'Forged sender');
    const guessed = { ...mail, parsed: { ...mail.parsed, replyTo: { value: [{ address: `support+${'0'.repeat(32)}@acme.test`, name: '' }], html: '', text: '' } } };
    await replyByEmail(w, guessed, email, 'Guessed token');
    await settle();
    const texts = (await messagesOf(w.server, w.owner.cookie, conversationId)).map((m) => m.text);
    assert.deepEqual(texts, ['Do you ship to Lisbon?', 'Yes, we do.']);
  });
});

test('I1: an agent who is offline gets the visitor message by email and answers by replying, as themselves', async () => {
  await withEmail(async (w) => {
    assert.equal((await api(w.server, 'PUT', '/api/me/email', { cookie: w.owner.cookie, body: { offlineEmail: true } })).status, 200);
    const visitor = await connectVisitor(w.server, w.owner.widgetId);
    const sent = await visitor.emit('message:send', { clientId: clientId(), text: 'Is the shop open on Sunday?' });
    assert.ok(sent.ok);
    await afterReplyDelay(w);
    const mail = await w.catcher.next();
    assert.deepEqual(mail.to, [w.owner.email]);
    assert.match(mail.parsed.text!, /Is the shop open on Sunday\?/);
    assert.match(mail.parsed.text!, new RegExp(`/conversations/${sent.message.conversationId}`));
    const live = visitor.next('message:new', 10_000, (m) => m.authorType === 'agent');
    await replyByEmail(w, mail, w.owner.email, 'Yes, from 10 to 14.');
    const answer = await live;
    assert.equal(answer.text, 'Yes, from 10 to 14.');
    assert.equal(answer.authorId, w.owner.agentId);
    // The visitor's token does not let anyone else in as the agent, nor the agent's as the visitor.
    await replyByEmail(w, mail, 'someone@example.com', 'Not the agent');
    await settle();
    assert.equal((await messagesOf(w.server, w.owner.cookie, sent.message.conversationId)).length, 2);
    visitor.close();
  });
});

test('W4: one-click unsubscribe is honoured: no more emails to that address, and the widget is told so', async () => {
  await withEmail(async (w) => {
    const { conversationId, token } = await visitorWhoLeft(w);
    await agentReplies(w, conversationId, 'First answer');
    await afterReplyDelay(w);
    const mail = await w.catcher.next();
    const url = new URL(/<([^>]+)>/.exec(header(mail, 'list-unsubscribe')!)![1]!);
    const page = await fetch(url);
    assert.match(await page.text(), /<button[^>]*>Unsubscribe<\/button>/);
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    assert.equal(res.status, 200);
    await agentReplies(w, conversationId, 'Second answer');
    await afterReplyDelay(w);
    assert.equal(w.catcher.mails.length, 1);

    const back = await connectVisitor(w.server, w.owner.widgetId, token);
    const thread = await back.emit('sync', { after: 0 });
    assert.ok(thread.ok);
    assert.deepEqual([thread.visitor.email, thread.visitor.emailUnsubscribed], ['ada@example.com', true], 'the widget asks for an address again');
    const changed = await back.emit('visitor:update', { email: 'ada@work.example' });
    assert.ok(changed.ok);
    assert.equal(changed.visitor.emailUnsubscribed, false, 'a new address gets the replies');
    back.close();
  });
});

test('W4: a send that fails is retried with backoff after a restart, and sent once', async () => {
  await withEmail(async (w) => {
    const { conversationId } = await visitorWhoLeft(w);
    w.catcher.failNext(1);
    await agentReplies(w, conversationId, 'Sent after a retry');
    await afterReplyDelay(w);
    assert.equal(w.catcher.mails.length, 0, 'the first try was refused');
    await w.server.restart();
    w.clock.advance(31_000);
    const mail = await w.catcher.next();
    assert.match(mail.parsed.text!, /Sent after a retry/);
    w.clock.advance(3_600_000);
    await settle();
    await w.server.restart();
    w.clock.advance(3_600_000);
    await settle();
    assert.equal(w.catcher.mails.length, 1);
  });
});

test('W4: a process that dies in the middle of a send: the next one sends the email, once', async () => {
  const catcher = await startMailCatcher();
  const server = await startServerProcess({
    name: 'email-crash',
    env: { SMTP_URL: catcher.url, EMAIL_REPLY_DELAY_SECONDS: '0', TIMER_POLL_MS: '50', TIMER_LEASE_MS: '1000' },
  });
  try {
    const owner = await setupOwner(server);
    const visitor = await connectVisitor(server, owner.widgetId);
    await visitor.emit('visitor:update', { email: 'ada@example.com' });
    const sent = await visitor.emit('message:send', { clientId: clientId(), text: 'Hello?' });
    assert.ok(sent.ok);
    visitor.close();
    await settle();
    const arrived = catcher.holdNext();
    const res = await api(server, 'POST', `/api/conversations/${sent.message.conversationId}/messages`, { cookie: owner.cookie, body: { clientId: clientId(), text: 'Here we are' } });
    assert.equal(res.status, 201);
    await arrived;
    await server.kill9();
    await server.start();
    const mail = await catcher.next(() => true, 15_000);
    assert.match(mail.parsed.text!, /Here we are/);
    await new Promise((r) => setTimeout(r, 2_500));
    assert.equal(catcher.mails.length, 1);
  } finally {
    await server.close();
    await catcher.close();
  }
});

test('I1: a closed chat and a missed chat go to the team mailbox', async () => {
  await withEmail(async (w) => {
    const saved = await api(w.server, 'PUT', '/api/email/settings', { cookie: w.owner.cookie, body: { teamMailbox: 'team@acme.test' } });
    assert.equal(saved.status, 200);
    assert.equal(saved.body.available, true);
    const { conversationId } = await visitorWhoLeft(w);
    w.clock.advance(16 * 60_000);
    const missed = await w.catcher.next((m) => m.to.includes('team@acme.test'));
    assert.match(missed.parsed.subject!, /^Missed chat/);
    await agentReplies(w, conversationId, 'Sorry for the wait');
    assert.equal((await api(w.server, 'POST', `/api/conversations/${conversationId}/close`, { cookie: w.owner.cookie })).status, 200);
    const transcript = await w.catcher.next((m) => m.to.includes('team@acme.test'));
    assert.match(transcript.parsed.subject!, /^(Re: )?Transcript/);
    assert.match(transcript.parsed.text!, /Do you ship to Lisbon\?[\s\S]*Sorry for the wait/);
  });
});

test('I1: without SMTP_URL nothing is sent and the settings say email is not available', async () => {
  const server = await startInProcessServer();
  try {
    const owner = await setupOwner(server);
    const res = await api(server, 'GET', '/api/email/settings', { cookie: owner.cookie });
    assert.equal(res.status, 200);
    assert.equal(res.body.available, false);
  } finally {
    await server.close();
  }
});

test('I1: an inbox that cannot be reached (IMAP_URL) or a receiver port that is taken leaves chat working', async () => {
  const taken = await startMailCatcher();
  const server = await startInProcessServer({ env: { IMAP_URL: 'imap://nobody:nothing@127.0.0.1:1/INBOX', INBOUND_SMTP_PORT: String(taken.port), INBOUND_SMTP_HOST: '127.0.0.1' } });
  try {
    const owner = await setupOwner(server);
    const visitor = await connectVisitor(server, owner.widgetId);
    assert.ok((await visitor.emit('message:send', { clientId: clientId(), text: 'Still works' })).ok);
    visitor.close();
  } finally {
    await server.close();
    await taken.close();
  }
});
