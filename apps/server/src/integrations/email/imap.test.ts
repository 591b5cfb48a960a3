// I1/C7: replies reach Palique through an IMAP mailbox, here a real Dovecot on loopback.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { eventually, startDovecot, type DovecotServer } from '@palique/server/testing';
import { parseImapUrl, startImapInbox, type ImapInbox, type ImapInboxOptions } from './imap';

let sent = 0;
function replyMail(text: string): { raw: string; messageId: string } {
  const messageId = `<reply-${process.pid}-${++sent}@mail.example>`;
  const raw = [
    'From: Ana <ana@mail.example>',
    'To: Acme Support <reply+token@palique.example>',
    'Subject: Re: Your conversation with Acme',
    `Message-ID: ${messageId}`,
    'Date: Fri, 27 Nov 2026 19:02:11 +0100',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
    '',
  ].join('\r\n');
  return { raw, messageId };
}

const messageIdOf = (raw: Buffer) => /^Message-ID: (.*)$/im.exec(raw.toString())?.[1]?.trim();

async function dovecotFor(t: TestContext, opts?: Parameters<typeof startDovecot>[0]): Promise<DovecotServer> {
  const server = await startDovecot(opts);
  t.after(() => server.close());
  return server;
}

async function inboxFor(t: TestContext, opts: ImapInboxOptions): Promise<ImapInbox> {
  const inbox = await startImapInbox(opts);
  t.after(() => inbox.close());
  return inbox;
}

function recorder() {
  const received: Buffer[] = [];
  return { received, ids: () => received.map(messageIdOf), onMail: async (raw: Buffer) => void received.push(raw) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('I1: a mail in the mailbox reaches onMail with its raw bytes, and is then marked read', async (t) => {
  const dovecot = await dovecotFor(t);
  const mail = replyMail('Thanks, that works!');
  await dovecot.append(mail.raw);
  const { received, onMail } = recorder();
  await inboxFor(t, { url: dovecot.url, onMail });

  await eventually(() => received.length, (n) => n === 1);
  assert.equal(received[0]!.toString(), mail.raw);
  const [stored] = await eventually(() => dovecot.messages(), (ms) => ms[0]?.seen === true);
  assert.equal(stored!.messageId, mail.messageId);
});

test('I1: a mail is marked read only once onMail succeeded; one whose handling failed comes again', async (t) => {
  const dovecot = await dovecotFor(t);
  const mail = replyMail('Please call me back');
  await dovecot.append(mail.raw);
  let calls = 0;
  let release!: () => void;
  const handling = new Promise<void>((resolve) => (release = resolve));
  await inboxFor(t, {
    url: dovecot.url,
    pollMs: 300,
    onMail: async () => {
      calls++;
      if (calls === 1) {
        await handling;
        throw new Error('database unavailable');
      }
    },
  });

  await eventually(() => calls, (n) => n === 1);
  await sleep(300);
  assert.equal((await dovecot.messages())[0]!.seen, false, 'unread while onMail runs');
  release();
  await eventually(() => calls, (n) => n >= 2, 5_000);
  await eventually(() => dovecot.messages(), (ms) => ms[0]?.seen === true);
  await sleep(700);
  assert.equal(calls, 2, 'not handed over again once read');
});

test('I1: mail arriving while connected is handed over at once (IDLE), not at the next poll', async (t) => {
  const dovecot = await dovecotFor(t);
  const { ids, onMail } = recorder();
  await inboxFor(t, { url: dovecot.url, onMail, pollMs: 120_000 });
  await sleep(300); // IDLE has started

  const mail = replyMail('Arrived while you were listening');
  const appendedAt = Date.now();
  await dovecot.append(mail.raw);
  await eventually(ids, (list) => list.includes(mail.messageId), 3_000);
  assert.ok(Date.now() - appendedAt < 3_000);
});

test('I1: with a server that has no IDLE, the inbox polls', async (t) => {
  const dovecot = await dovecotFor(t, { withoutIdle: true });
  const { ids, onMail } = recorder();
  await inboxFor(t, { url: dovecot.url, onMail, pollMs: 400 });
  await sleep(200);
  const mail = replyMail('Found by polling');
  await dovecot.append(mail.raw);
  await eventually(ids, (list) => list.includes(mail.messageId), 5_000);
});

test('I1: after the IMAP server restarts, the inbox reconnects and hands over what arrived', async (t) => {
  const dovecot = await dovecotFor(t);
  const warnings: string[] = [];
  const { ids, onMail } = recorder();
  await inboxFor(t, { url: dovecot.url, onMail, pollMs: 120_000, log: { info() {}, warn: (_o, m) => warnings.push(m ?? '') } });
  const before = replyMail('Before the outage');
  await dovecot.append(before.raw);
  await eventually(ids, (list) => list.includes(before.messageId));

  await dovecot.stop();
  await eventually(() => warnings.length, (n) => n > 0);
  await sleep(1_500); // at least one failed retry while it is down
  await dovecot.start();
  const after = replyMail('After the outage');
  await dovecot.append(after.raw);
  await eventually(ids, (list) => list.includes(after.messageId), 15_000);
  await eventually(() => dovecot.messages(), (ms) => ms.length === 2 && ms.every((m) => m.seen));
});

test('I1: close() disconnects: nothing is handed over after it', async (t) => {
  const dovecot = await dovecotFor(t);
  const { received, onMail } = recorder();
  const inbox = await startImapInbox({ url: dovecot.url, onMail, pollMs: 200 });
  await inbox.close();
  await dovecot.append(replyMail('Too late').raw);
  await sleep(800);
  assert.equal(received.length, 0);
  assert.equal((await dovecot.messages())[0]!.seen, false);
});

test('I1: close() while the server is down returns without waiting for a retry', async (t) => {
  const dovecot = await dovecotFor(t);
  const url = dovecot.url;
  await dovecot.stop();
  const inbox = await startImapInbox({ url, onMail: async () => {} });
  await sleep(1_500); // into the second retry's wait
  const started = Date.now();
  await inbox.close();
  assert.ok(Date.now() - started < 1_000);
});

test('I1: a server that accepts the connection but never answers holds up neither start nor close', async (t) => {
  const silent = net.createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const sockets: net.Socket[] = [];
  silent.on('connection', (socket) => sockets.push(socket));
  t.after(() => {
    for (const socket of sockets) socket.destroy();
    silent.close();
  });
  const { port } = silent.address() as net.AddressInfo;

  let started = Date.now();
  const inbox = await startImapInbox({ url: `imap://u:p@127.0.0.1:${port}/INBOX`, onMail: async () => {} });
  assert.ok(Date.now() - started < 8_000);
  started = Date.now();
  await inbox.close();
  assert.ok(Date.now() - started < 1_000);
});

test('I1: two processes on one mailbox lose no mail (a mail may reach both)', async (t) => {
  const dovecot = await dovecotFor(t);
  const first = recorder();
  const second = recorder();
  await inboxFor(t, { url: dovecot.url, onMail: first.onMail, pollMs: 300 });
  await inboxFor(t, { url: dovecot.url, onMail: second.onMail, pollMs: 300 });
  const mails = Array.from({ length: 12 }, (_, i) => replyMail(`Reply number ${i}`));
  for (const mail of mails) await dovecot.append(mail.raw);

  const all = () => new Set([...first.ids(), ...second.ids()]);
  await eventually(all, (ids) => mails.every((m) => ids.has(m.messageId)), 10_000);
  await eventually(() => dovecot.messages(), (ms) => ms.length === 12 && ms.every((m) => m.seen));
});

test('I1: IMAP_URL gives the server, the account and the mailbox (INBOX unless named)', () => {
  assert.deepEqual(parseImapUrl('imaps://support%40acme.example:p%40ss%2Fword@imap.acme.example/Palique%20replies'), {
    host: 'imap.acme.example',
    port: 993,
    secure: true,
    user: 'support@acme.example',
    pass: 'p@ss/word',
    mailbox: 'Palique replies',
  });
  assert.equal(parseImapUrl('imap://u:p@127.0.0.1:1143').mailbox, 'INBOX');
  assert.equal(parseImapUrl('imap://u:p@127.0.0.1').port, 143);
  assert.throws(() => parseImapUrl('pop3://u:p@mail.example'));
  assert.throws(() => parseImapUrl('imap://mail.example'));
});
