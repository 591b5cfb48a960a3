// While chatting (C4, C5, C6, W5): what the agent and the visitor see of each other's writing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startServerProcess, type ServerProcess } from '@palique/server/testing';
import { launchBrowser, watchedPage } from './support/browser';
import { axeViolations } from './support/axe';
import { OWNER, agentSends, createOwnerAccount, openWidget, signIn, visitorSends } from './support/ui';

let server: ServerProcess;
let browser: Browser;
let accountCreated = false;

before(async () => {
  server = await startServerProcess({ name: 'e2e-chatting', publicHost: 'localhost' });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A signed-in dashboard and a visitor whose first message the agent has open. */
async function chatOpen(first: string) {
  const agent = await watchedPage(await browser.newContext());
  if (accountCreated) await signIn(agent.page, server.url);
  else await createOwnerAccount(agent.page, server.url);
  accountCreated = true;
  const visitor = await watchedPage(await browser.newContext());
  await visitor.page.goto(`${server.directUrl}/demo/`);
  const widget = await openWidget(visitor.page);
  await visitorSends(widget, first);
  await widget.getByText(first).waitFor();
  await agent.page.getByText(first).first().click();
  await agent.page.locator('.message-text', { hasText: first }).waitFor();
  return { agent, visitor, widget };
}

test('C4: the agent sees what the visitor types before it is sent; the visitor sees the agent typing', async () => {
  const { agent, visitor, widget } = await chatOpen('Hello, a question about shipping');
  await widget.getByLabel('Message').fill('Where is my ord');
  await agent.page.getByText('is typing:').waitFor();
  await agent.page.locator('.typing-preview-text', { hasText: 'Where is my ord' }).waitFor();
  await widget.getByLabel('Message').fill('Where is my order 1234?');
  await agent.page.locator('.typing-preview-text', { hasText: 'Where is my order 1234?' }).waitFor();
  // Sent: the preview goes, the message is there.
  await widget.getByRole('button', { name: 'Send' }).click();
  await agent.page.getByRole('main').getByText('Where is my order 1234?').first().waitFor();
  await agent.page.locator('.typing-preview-text').waitFor({ state: 'detached' });

  await agent.page.getByLabel('Message').fill('Let me check');
  await widget.getByText(`${OWNER.name} is typing…`).waitFor();
  await agentSends(agent.page, 'Let me check that for you');
  await widget.getByText('Let me check that for you').waitFor();
  await widget.getByText(`${OWNER.name} is typing…`).waitFor({ state: 'detached' });
  assert.deepEqual(agent.errors, []);
  assert.deepEqual(visitor.errors, []);
});

test('W5: "Seen" on both sides, and still there after a reload', async () => {
  const { agent, visitor, widget } = await chatOpen('Is anyone reading this?');
  // The agent has the chat open: the visitor's message shows "Seen".
  await widget.locator('.msg--mine .msg__meta', { hasText: 'Seen' }).waitFor();
  // The visitor has the panel open: the agent's reply shows "Seen" in the dashboard.
  await agentSends(agent.page, 'Yes, I am here');
  await widget.getByText('Yes, I am here').waitFor();
  await agent.page.locator('.message-out .message-seen').waitFor();

  await visitor.page.reload();
  const again = await openWidgetAgain(visitor.page);
  await again.locator('.msg--mine .msg__meta', { hasText: 'Seen' }).waitFor();
  await agent.page.reload();
  await agent.page.locator('.message-out .message-seen').waitFor();
  assert.deepEqual(await axeViolations(agent.page), []);
  const frame = visitor.page.frames().find((f) => f.url().includes('/widget/'))!;
  assert.deepEqual(await axeViolations(frame), []);
});

async function openWidgetAgain(page: import('playwright-core').Page) {
  // The widget remembers it was open; open it if it is not.
  const frame = page.frameLocator('iframe[title="Palique chat"]');
  const opener = page.getByRole('button', { name: 'Open chat' });
  if (await opener.isVisible().catch(() => false)) await opener.click();
  await frame.getByLabel('Message').waitFor();
  return frame;
}
