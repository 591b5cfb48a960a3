// A1 and A2 in the browser: the owner invites a colleague from the "Agents" section; the
// invitation email is caught by a real SMTP server this test starts; the colleague opens the
// link in another browser, joins, and is Online; the visitor's widget switches live ↔ messenger
// as that agent changes status, and shows their photo. Agents see no settings sections.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import sharp from 'sharp';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { freePort, startServerProcess, type ServerProcess } from '@palique/server/testing';
import { launchBrowser } from './support/browser';
import { axeViolations } from './support/axe';
import { expect } from './support/expect';
import { createOwnerAccount, openWidget } from './support/ui';

let smtp: SMTPServer;
const mails: ParsedMail[] = [];
let server: ServerProcess;
let browser: Browser;
let owner: Page;
let colleague: Page;
let demo: Page;
let widget: FrameLocator;
let invitationLink = '';

const COLLEAGUE = { email: 'nora@example.com', name: 'Nora Vidal', password: 'nora has a long password' };

before(async () => {
  const smtpPort = await freePort();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          mails.push(mail);
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));
  server = await startServerProcess({ name: 'e2e-team', publicHost: 'localhost', env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}` } });
  browser = await launchBrowser();
  owner = await (await browser.newContext()).newPage();
  colleague = await (await browser.newContext()).newPage();
  demo = await (await browser.newContext()).newPage();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

test('A2: the owner invites a colleague by email from the Agents section; the email carries the link', async () => {
  await createOwnerAccount(owner, server.url);
  // The owner steps away, so whether the widget is live depends on the colleague alone.
  await owner.getByLabel('Status').selectOption({ label: 'Invisible' });
  await owner.getByRole('link', { name: 'Agents' }).click();
  await owner.getByRole('heading', { name: 'Agents', level: 1 }).waitFor();
  await owner.getByLabel('Email').fill(COLLEAGUE.email);
  await owner.getByLabel('Role', { exact: true }).selectOption({ label: 'Agent' });
  await owner.getByRole('button', { name: 'Invite agent' }).click();
  await owner.getByText(`Invitation emailed to ${COLLEAGUE.email}.`).waitFor();
  await owner.getByText(COLLEAGUE.email, { exact: false }).last().waitFor();
  assert.deepEqual(await axeViolations(owner), []);

  await expect(() => mails.length > 0, 'the invitation email arrives');
  const mail = mails[0]!;
  assert.equal((Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address, COLLEAGUE.email);
  const link = /https?:\/\/\S+\/join\/[A-Za-z0-9_-]+/.exec(mail.text ?? '')?.[0];
  assert.ok(link, `a join link in: ${mail.text}`);
  invitationLink = link;
});

test('A2: the colleague opens the link in another browser, joins, and lands in the dashboard without settings', async () => {
  await colleague.goto(invitationLink);
  await colleague.getByRole('heading', { name: 'Join your team on Palique' }).waitFor();
  assert.deepEqual(await axeViolations(colleague), []);
  await colleague.getByLabel('Full name').fill(COLLEAGUE.name);
  await colleague.getByLabel('Password').fill(COLLEAGUE.password);
  await colleague.getByRole('button', { name: 'Join' }).click();
  await expect(() => colleague.getByRole('button', { name: 'Sign out' }).isVisible(), 'signed in');
  await colleague.getByText(COLLEAGUE.name).first().waitFor();
  // Agents have no settings sections.
  assert.equal(await colleague.getByRole('link', { name: 'Agents' }).count(), 0);
  assert.equal(await colleague.getByRole('link', { name: 'Chat widget' }).count(), 0);
  const status = await colleague.evaluate(async () => (await fetch('/api/team')).status);
  assert.equal(status, 403);
  // The owner's list shows them.
  await owner.reload();
  await owner.getByRole('cell', { name: new RegExp(`^${COLLEAGUE.name}`) }).waitFor();

  // The link works once: opened again it says so, without a stack.
  const again = await (await browser.newContext()).newPage();
  await again.goto(invitationLink);
  await again.getByRole('heading', { name: 'This invitation link does not work' }).waitFor();
  await again.getByText('already been used').waitFor();
  await again.context().close();
});

test("A1/A2: the widget is live while the new agent is Online, messenger otherwise, and shows the agent's photo", async () => {
  await colleague.getByLabel('Status').selectOption({ label: 'Online' });
  await demo.goto(`${server.directUrl}/demo/`);
  widget = await openWidget(demo);
  await widget.getByText("We're online").waitFor();
  await colleague.getByLabel('Status').selectOption({ label: 'Invisible' });
  await widget.getByText("We'll reply as soon as we can").waitFor();

  // A photo in Settings → Profile: the server re-encodes it; the widget's team strip shows it.
  await colleague.getByRole('link', { name: 'Settings' }).click();
  const photo = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#c83' } }).png().toBuffer();
  await colleague.getByLabel('Photo').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: photo });
  await colleague.locator('.profile-photo img').waitFor();

  await colleague.getByLabel('Status').selectOption({ label: 'Online' });
  await widget.getByText("We're online").waitFor();
  const img = widget.locator('img.team__photo');
  await img.first().waitFor();
  assert.match((await img.first().getAttribute('src')) ?? '', /^\/avatars\/.+\.webp$/);
});
