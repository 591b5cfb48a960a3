// C6 journey: an agent adds saved replies in the "Saved replies" section (errors in words, a taken
// keyword refused, an edit), then in a conversation types `/` and part of a keyword, picks one
// with the arrows and Enter, and sends it: the visitor's widget shows the text. The composer's
// "Saved replies" button opens the same list; Escape closes it. Axe stays at zero on the section
// and on the conversation with the list open.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startServerProcess, type ServerProcess } from '@palique/server/testing';
import { launchBrowser } from './support/browser';
import { axeViolations } from './support/axe';
import { expect } from './support/expect';
import { createOwnerAccount, openWidget, visitorSends } from './support/ui';

let server: ServerProcess;
let browser: Browser;
let agent: Page;
const pageErrors: string[] = [];

before(async () => {
  server = await startServerProcess({ name: 'e2e-saved-replies', publicHost: 'localhost' });
  browser = await launchBrowser();
  agent = await (await browser.newContext()).newPage();
  agent.on('pageerror', (e) => pageErrors.push(e.message));
  agent.on('dialog', (d) => void d.accept()); // "Delete the saved reply …?"
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function addSavedReply(page: Page, keyword: string, text: string) {
  const form = page.getByRole('form', { name: 'New saved reply' });
  await form.getByLabel('Keyword').fill(keyword);
  await form.getByLabel('Text').fill(text);
  await form.getByRole('button', { name: 'Add saved reply' }).click();
}

test('C6: the Saved replies section adds, refuses in words, edits and deletes saved replies', async () => {
  await createOwnerAccount(agent, server.url);
  await agent.getByRole('link', { name: 'Saved replies' }).click();
  await agent.getByRole('heading', { name: 'Saved replies', level: 1 }).waitFor();
  await agent.getByText('No saved replies yet.').waitFor();

  // Nothing typed: each field says what is missing, in words.
  const form = agent.getByRole('form', { name: 'New saved reply' });
  await form.getByRole('button', { name: 'Add saved reply' }).click();
  await form.getByText('Give the saved reply a keyword.').waitFor();
  await form.getByText('Write the text of the saved reply.').waitFor();
  assert.equal(await form.getByLabel('Keyword').getAttribute('aria-invalid'), 'true');
  await addSavedReply(agent, 'ship fast', 'We ship within 48 hours.');
  await form.getByText('The keyword must be one word without spaces').waitFor();

  await addSavedReply(agent, 'shipping', 'We ship within 48 hours. **Free** over 50 €.');
  await agent.getByRole('status').getByText('Saved reply /shipping added.').waitFor();
  await addSavedReply(agent, 'refund', 'Refunds take 5 days.');
  await agent.getByText('Saved reply /refund added.').waitFor();
  await addSavedReply(agent, 'thanks', 'Thank you for writing!');
  await agent.getByText('Saved reply /thanks added.').waitFor();
  // A keyword another reply has, in another case: refused under the field.
  await addSavedReply(agent, 'Shipping', 'Another text');
  await form.getByText('Another saved reply already has the keyword "Shipping". Choose another keyword.').waitFor();
  await form.getByLabel('Keyword').fill('');
  await form.getByLabel('Text').fill('');

  const list = agent.getByRole('list').filter({ hasText: '/refund' });
  assert.deepEqual(await list.locator('.saved-reply-keyword').allTextContents(), ['/refund', '/shipping', '/thanks']);
  assert.deepEqual(await axeViolations(agent), [], 'the Saved replies section');

  // Edit: the reply's own form, in place.
  await agent.getByRole('button', { name: 'Edit /refund' }).click();
  const edit = agent.getByRole('form', { name: 'Edit /refund' });
  await edit.getByLabel('Text').fill('Refunds take 5 working days.');
  assert.deepEqual(await axeViolations(agent), [], 'the section while editing');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await agent.getByText('Saved reply /refund saved.').waitFor();
  await agent.getByText('Refunds take 5 working days.').waitFor();

  await agent.getByRole('button', { name: 'Delete /thanks' }).click();
  await agent.getByText('Saved reply /thanks deleted.').waitFor();
  await expect(async () => (await list.locator('.saved-reply-keyword').allTextContents()).join() === '/refund,/shipping', 'the deleted reply is gone');
});

test('C6: in a conversation, `/` and a keyword pick a saved reply with the keyboard, and the visitor receives it', async () => {
  const demo = await (await browser.newContext()).newPage();
  await demo.goto(`${server.directUrl}/demo/`);
  const widget = await openWidget(demo);
  await visitorSends(widget, 'Hello, when will my parcel arrive?');
  await agent.getByRole('link', { name: 'Conversations' }).click();
  await agent.getByText('Hello, when will my parcel arrive?').first().click();
  await agent.locator('.message-text', { hasText: 'when will my parcel arrive' }).waitFor();

  const box = agent.getByRole('textbox', { name: 'Message' });
  const listbox = agent.getByRole('listbox', { name: 'Saved replies' });
  await box.click();
  // `/` alone lists every reply, by keyword; the first is active.
  await agent.keyboard.type('Hi! /');
  await listbox.waitFor();
  assert.deepEqual(await listbox.getByRole('option').locator('.saved-reply-option-keyword').allTextContents(), ['/refund', '/shipping']);
  const activeId = async () => box.getAttribute('aria-activedescendant');
  assert.equal(await activeId(), await listbox.getByRole('option', { selected: true }).getAttribute('id'));
  assert.match((await listbox.getByRole('option', { selected: true }).textContent()) ?? '', /^\/refund/);
  // Typing narrows it: "sh" matches /shipping only; then back to `/` and down the list with the arrows.
  await agent.keyboard.type('sh');
  await expect(async () => (await listbox.getByRole('option').count()) === 1, 'only /shipping matches /sh');
  await agent.keyboard.press('Backspace');
  await agent.keyboard.press('Backspace');
  await expect(async () => (await listbox.getByRole('option').count()) === 2, 'both again after /');
  await agent.keyboard.press('ArrowDown');
  await expect(async () => ((await listbox.getByRole('option', { selected: true }).textContent()) ?? '').startsWith('/shipping'), '/shipping active');
  assert.equal(await activeId(), await listbox.getByRole('option', { name: /shipping/ }).getAttribute('id'));
  assert.deepEqual(await axeViolations(agent), [], 'the conversation with the saved replies open');

  // Enter inserts the text in place of `/`, and does not send yet.
  await agent.keyboard.press('Enter');
  await listbox.waitFor({ state: 'detached' });
  assert.equal(await box.inputValue(), 'Hi! We ship within 48 hours. **Free** over 50 €.');
  assert.equal(await box.getAttribute('aria-activedescendant'), null);
  // Escape closes a list without changing the text.
  await agent.keyboard.type(' /re');
  await listbox.waitFor();
  await agent.keyboard.press('Escape');
  await listbox.waitFor({ state: 'detached' });
  assert.equal(await box.inputValue(), 'Hi! We ship within 48 hours. **Free** over 50 €. /re');
  for (let i = 0; i < 4; i++) await agent.keyboard.press('Backspace');

  await agent.keyboard.press('Enter');
  await widget.getByText('Hi! We ship within 48 hours.').waitFor();
  await widget.locator('strong', { hasText: 'Free' }).waitFor();
  await agent.locator('.message-text', { hasText: 'Hi! We ship within 48 hours.' }).waitFor();
  assert.equal(await box.inputValue(), '');

  // The composer's button opens the same list; a click on an option inserts it.
  await agent.getByRole('button', { name: 'Saved replies' }).click();
  await listbox.waitFor();
  await listbox.getByRole('option', { name: /refund/ }).click();
  assert.equal(await box.inputValue(), 'Refunds take 5 working days.');
  await agent.keyboard.press('Enter');
  await widget.getByText('Refunds take 5 working days.').waitFor();
  assert.deepEqual(pageErrors, []);
});
