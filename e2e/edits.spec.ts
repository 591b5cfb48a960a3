// C5 in the browser: the agent corrects their last reply with ↑ (or the menu on a message), and
// the visitor's widget shows the new text marked "edited", live and after a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startServerProcess, type ServerProcess } from '@palique/server/testing';
import { launchBrowser, watchedPage } from './support/browser';
import { axeViolations } from './support/axe';
import { agentSends, createOwnerAccount, openWidget, visitorSends, widgetFrame } from './support/ui';

let server: ServerProcess;
let browser: Browser;

before(async () => {
  server = await startServerProcess({ name: 'e2e-edits', publicHost: 'localhost' });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('C5: the agent edits their last reply with ↑; the visitor sees the new text marked "edited"', async () => {
  const agent = await watchedPage(await browser.newContext());
  await createOwnerAccount(agent.page, server.url);
  const visitor = await watchedPage(await browser.newContext());
  await visitor.page.goto(`${server.directUrl}/demo/`);
  const widget = await openWidget(visitor.page);
  await visitorSends(widget, 'Where is my order?');
  await agent.page.getByText('Where is my order?').first().click();
  await agent.page.locator('.message-text', { hasText: 'Where is my order?' }).waitFor();

  await agentSends(agent.page, 'It ships on Mondy');
  await widget.getByText('It ships on Mondy').waitFor();

  // ↑ in the empty message box: the box fills with the last reply; Escape leaves it as it was.
  const box = agent.page.getByLabel('Message', { exact: true });
  await box.focus();
  await box.press('ArrowUp');
  const editBox = agent.page.getByLabel('Edit your text');
  await editBox.waitFor();
  assert.equal(await editBox.inputValue(), 'It ships on Mondy');
  await editBox.press('Escape');
  await editBox.waitFor({ state: 'detached' });
  assert.equal(await box.evaluate((el) => el === document.activeElement), true, 'back in the message box');

  // ↑ again, correct it, Enter saves.
  await box.press('ArrowUp');
  await editBox.fill('It ships on Monday');
  await editBox.press('Enter');
  await editBox.waitFor({ state: 'detached' });
  const reply = agent.page.locator('.message-out', { hasText: 'It ships on Monday' });
  await reply.locator('.message-edited').waitFor();

  // The visitor's widget: the new text in place of the old, marked "edited", no second message.
  const edited = widget.locator('.msg--theirs', { hasText: 'It ships on Monday' });
  await edited.locator('.msg__edited', { hasText: 'edited' }).waitFor();
  assert.equal(await widget.getByText('It ships on Mondy').count(), 0);
  assert.equal(await widget.locator('.msg--theirs:not(.msg--greeting)').count(), 1);

  // The menu on the agent's own message offers "Edit" too.
  await reply.getByRole('button', { name: 'More actions' }).click();
  await agent.page.getByRole('menuitem', { name: 'Edit' }).click();
  await editBox.fill('It ships on Monday, by courier');
  await agent.page.getByRole('button', { name: 'Save', exact: true }).click();
  await widget.getByText('It ships on Monday, by courier').waitFor();

  // After a reload the widget still shows the edited text and the mark.
  await visitor.page.reload();
  const frame = widgetFrame(visitor.page);
  const opener = visitor.page.getByRole('button', { name: 'Open chat' });
  if (await opener.isVisible().catch(() => false)) await opener.click();
  await frame.locator('.msg--theirs', { hasText: 'It ships on Monday, by courier' }).locator('.msg__edited').waitFor();

  assert.deepEqual(await axeViolations(agent.page), []);
  assert.deepEqual(agent.errors, []);
  assert.deepEqual(visitor.errors, []);
});
