// C3 and data protection in the browser: the owner edits a visitor's phone and notes in the
// visitor column and a second agent's open dashboard shows them live; the export downloads the
// visitor's JSON; deleting the visitor (after a confirmation) removes the conversation from both
// agents' lists.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { addAgent, startServerProcess, type ServerProcess } from '@palique/server/testing';
import { launchBrowser, watchedPage } from './support/browser';
import { expect } from './support/expect';
import { createOwnerAccount, openWidget, visitorSends } from './support/ui';

const BEN = { name: 'Ben Okafor', email: 'ben@example.com', password: 'ben has a long password' };

let server: ServerProcess;
let browser: Browser;

before(async () => {
  server = await startServerProcess({ name: 'e2e-visitor-crm', publicHost: 'localhost' });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const row = (page: Page, text: string) => page.locator('.conversation-row', { hasText: text });

test('C3: notes and phone edited by one agent show live for another; export downloads JSON; delete removes the chat', async () => {
  const helena = await watchedPage(await browser.newContext({ acceptDownloads: true }));
  await createOwnerAccount(helena.page, server.url);
  const me = await helena.page.evaluate(() => fetch('/api/me').then((r) => r.json()));
  await addAgent(server, me.account.id, { ...BEN, role: 'agent' });
  const ben = await watchedPage(await browser.newContext());
  await ben.page.goto(server.url + '/');
  await ben.page.getByLabel('Email').fill(BEN.email);
  await ben.page.getByLabel('Password').fill(BEN.password);
  await ben.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(() => ben.page.getByRole('button', { name: 'Sign out' }).isVisible());

  const visitor = await watchedPage(await browser.newContext());
  await visitor.page.goto(`${server.directUrl}/demo/`);
  // The site's own data (Palique('setData', …)) shows in the column.
  await visitor.page.evaluate(() => (window as any).Palique('setData', { orderNumber: 'A-1001' }));
  const widget = await openWidget(visitor.page);
  await visitorSends(widget, 'Can someone call me back?');

  for (const p of [helena.page, ben.page]) {
    await p.getByRole('tab', { name: /All/ }).click();
    await row(p, 'Can someone call me back?').click();
    await p.getByLabel('Notes').waitFor();
  }
  await helena.page.getByText('A-1001').waitFor();

  // Helena edits; Ben, with the same chat open, sees the new values without reloading.
  await helena.page.getByLabel('Phone', { exact: true }).fill('+34 600 111 222');
  await helena.page.getByLabel('Notes').fill('Call after 5pm. Wants the annual plan.');
  await helena.page.getByRole('button', { name: 'Save details' }).click();
  await helena.page.getByRole('status').getByText('Saved').waitFor();
  await expect(async () => (await ben.page.getByLabel('Notes').inputValue()) === 'Call after 5pm. Wants the annual plan.', 'Ben sees the notes');
  await expect(async () => (await ben.page.getByLabel('Phone', { exact: true }).inputValue()) === '+34 600 111 222', 'Ben sees the phone');

  // Export: a JSON file with the visitor, the notes and the message.
  const downloading = helena.page.waitForEvent('download');
  await helena.page.getByRole('link', { name: 'Export data (JSON)' }).click();
  const download = await downloading;
  assert.match(download.suggestedFilename(), /^visitor-.+\.json$/);
  const doc = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
  assert.equal(doc.notes, 'Call after 5pm. Wants the annual plan.');
  assert.equal(doc.visitor.phone, '+34 600 111 222');
  assert.deepEqual(doc.data, { orderNumber: 'A-1001' });
  assert.equal(doc.conversations[0].messages[0].text, 'Can someone call me back?');

  // Ben is an agent: no delete button. Helena (owner) deletes after confirming.
  assert.equal(await ben.page.getByRole('button', { name: 'Delete visitor…' }).count(), 0);
  await helena.page.getByRole('button', { name: 'Delete visitor…' }).click();
  await helena.page.getByRole('alertdialog').getByRole('button', { name: 'Delete for good' }).click();
  await expect(async () => (await row(helena.page, 'Can someone call me back?').count()) === 0, 'gone from Helena’s list');
  await expect(async () => (await row(ben.page, 'Can someone call me back?').count()) === 0, 'gone from Ben’s list');
  // Ben had the chat open: his dashboard leaves it for the list.
  await expect(() => new URL(ben.page.url()).pathname === '/conversations', 'Ben is back on the list');
  assert.equal(await ben.page.getByLabel('Notes').count(), 0);

  assert.deepEqual(helena.errors, []);
});
