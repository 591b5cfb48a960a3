// The agent's workspace as a tool people choose: anonymous visitors have friendly names and avatars
// of their own, list rows show the last message as plain text with an unread count, the tabs count
// what the server counts and stay live, a visitor who gives their name (Palique('setVisitor'))
// shows under it at once, and the composer's emoji picker inserts at the caret. Axe stays at zero.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { startServerProcess, type ServerProcess } from '@palique/server/testing';
import { visitorIdentity } from '@palique/client';
import { launchBrowser } from './support/browser';
import { expect } from './support/expect';
import { axeViolations } from './support/axe';
import { agentSends, createOwnerAccount, openWidget, visitorSends } from './support/ui';

let server: ServerProcess;
let browser: Browser;
let dashboard: Page;
let ada: { page: Page; widget: FrameLocator };
let ben: { page: Page; widget: FrameLocator };

const VIEWS = ['Queue', 'Mine', 'All', 'Closed'] as const;
const tab = (page: Page, name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) });
const row = (page: Page, text: string | RegExp) => page.getByRole('tabpanel').getByRole('link', { name: text });

/** The numbers on the tabs, as the agent reads them. */
async function tabCounts(page: Page): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const view of VIEWS) counts[view.toLowerCase()] = Number(await tab(page, view).locator('.tab-count').textContent());
  return counts;
}

/** What the server counts for this agent (the endpoint the tabs use). */
const serverCounts = (page: Page) => page.evaluate(() => fetch('/api/conversations/counts').then((r) => r.json()));

async function tabsMatchServer(page: Page, expected: Record<string, number>): Promise<void> {
  await expect(async () => JSON.stringify(await tabCounts(page)) === JSON.stringify(expected), `tabs show ${JSON.stringify(expected)}`);
  assert.deepEqual(await serverCounts(page), expected);
}

async function newVisitor(first: string) {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${server.directUrl}/demo/`);
  const widget = await openWidget(page);
  await visitorSends(widget, first);
  await widget.getByText(first.replace(/[*_]/g, '')).first().waitFor();
  return { page, widget };
}

before(async () => {
  server = await startServerProcess({ name: 'e2e-looks', publicHost: 'localhost' });
  browser = await launchBrowser();
  dashboard = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await createOwnerAccount(dashboard, server.url);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('an anonymous visitor has a friendly generated name and avatar; the row shows the last message as plain text and an unread count', async () => {
  ada = await newVisitor('Hello, **is** this _still_ open?');
  await row(dashboard, /is this still open\?/).waitFor();
  const { conversations } = await dashboard.evaluate(() => fetch('/api/conversations?view=queue').then((r) => r.json()));
  const who = visitorIdentity(conversations[0].visitorId, null);
  const link = row(dashboard, /is this still open\?/);
  // The generated two-word name, the same one the client package derives from the id.
  assert.equal(await link.locator('.conversation-item-name').textContent(), who.name);
  assert.match(who.name, /^[A-Z][a-z]+ [A-Z][a-z]+$/);
  assert.equal(await link.locator('.avatar').textContent(), who.initials);
  assert.match((await link.locator('.avatar').getAttribute('class')) ?? '', new RegExp(`avatar-tone-${who.tone}\\b`));
  // The preview is the text as read, without the ** and _ markers, on one line.
  assert.equal(await link.locator('.conversation-item-preview').textContent(), 'Hello, is this still open?');
  // Unread: a count badge, said to screen readers too.
  assert.equal(await link.locator('.unread-badge [aria-hidden="true"]').textContent(), '1');
  assert.match((await link.getAttribute('class')) ?? '', /is-unread/);
  await link.getByText('1 unread message').waitFor({ state: 'attached' });
  await visitorSends(ada.widget, 'Anyone there?');
  await expect(async () => (await row(dashboard, /Anyone there\?/).locator('.unread-badge [aria-hidden="true"]').textContent()) === '2', 'two unread');
  await tabsMatchServer(dashboard, { queue: 1, mine: 0, all: 1, closed: 0 });
});

test("a visitor who gives their name (Palique('setVisitor')) shows under it in the list at once, without writing again", async () => {
  await ada.page.evaluate(() => (window as unknown as { Palique: (m: string, a: object) => void }).Palique('setVisitor', { name: 'Ada Lovelace', email: 'ada@example.com' }));
  await row(dashboard, /^Ada Lovelace/).waitFor();
  assert.equal(await row(dashboard, /Anyone there\?/).locator('.conversation-item-name').textContent(), 'Ada Lovelace');
  assert.equal(await row(dashboard, /Anyone there\?/).locator('.avatar').textContent(), 'AL');
});

test('the tab counts are the server’s and stay live as chats arrive, are answered and closed; the answered chat stays in view', async () => {
  ben = await newVisitor('Second visitor here');
  await tabsMatchServer(dashboard, { queue: 2, mine: 0, all: 2, closed: 0 });
  // Newest first; ↓ and ↑ move between the rows.
  const focused = () => dashboard.evaluate(() => document.activeElement?.textContent ?? '');
  await row(dashboard, /Second visitor here/).focus();
  await dashboard.keyboard.press('ArrowDown');
  assert.match(await focused(), /Anyone there\?/);
  await dashboard.keyboard.press('ArrowUp');
  assert.match(await focused(), /Second visitor here/);

  await row(dashboard, /Anyone there\?/).click();
  await dashboard.getByRole('heading', { name: 'Ada Lovelace' }).waitFor();
  await dashboard.getByRole('complementary').getByText('ada@example.com').first().waitFor();
  await agentSends(dashboard, 'Hi Ada, how can I help?');
  await ada.widget.getByText('Hi Ada, how can I help?').waitFor();
  await tabsMatchServer(dashboard, { queue: 1, mine: 1, all: 2, closed: 0 });
  // Replying from the Queue keeps the open chat in view there, read (no badge), with the reply as its preview.
  const answered = row(dashboard, /how can I help\?/);
  await answered.waitFor();
  assert.equal(await answered.locator('.unread-badge').count(), 0);
  assert.equal(await answered.locator('.conversation-item-preview').textContent(), 'Agent: Hi Ada, how can I help?');

  await dashboard.getByRole('button', { name: 'Close conversation' }).focus();
  await dashboard.keyboard.press('Enter');
  await tabsMatchServer(dashboard, { queue: 1, mine: 0, all: 1, closed: 1 });
  await visitorSends(ben.widget, 'Still here');
  await row(dashboard, /Still here/).waitFor();
  await tabsMatchServer(dashboard, { queue: 1, mine: 0, all: 1, closed: 1 });
});

test('the emoji button inserts at the caret, by keyboard, and the visitor receives it; axe finds nothing with the picker open', async () => {
  await row(dashboard, /Still here/).click();
  const box = dashboard.getByLabel('Message');
  await box.fill('Great news');
  await box.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(5, 5));
  await dashboard.getByRole('button', { name: 'Insert emoji' }).click();
  const picker = dashboard.getByRole('dialog', { name: 'Emoji' });
  await picker.waitFor();
  assert.deepEqual(await axeViolations(dashboard), []);
  // The first emoji has focus; → moves to the next; Enter inserts it where the caret was.
  await expect(async () => (await dashboard.evaluate(() => document.activeElement?.getAttribute('aria-label'))) === 'slightly smiling face', 'focus in the picker');
  await dashboard.keyboard.press('ArrowRight');
  await dashboard.keyboard.press('Enter');
  await picker.waitFor({ state: 'detached' });
  assert.equal(await box.inputValue(), 'Great😀 news');
  // Focus is back in the box, after the emoji: typing goes on from there.
  await dashboard.keyboard.type('!');
  assert.equal(await box.inputValue(), 'Great😀! news');
  // Escape closes the picker and gives focus back to its button.
  await dashboard.getByRole('button', { name: 'Insert emoji' }).click();
  await picker.waitFor();
  await dashboard.keyboard.press('Escape');
  await picker.waitFor({ state: 'detached' });
  assert.equal(await dashboard.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Insert emoji');
  await dashboard.getByRole('button', { name: 'Send' }).click();
  await ben.widget.getByText('Great😀! news').waitFor();
  assert.deepEqual(await axeViolations(dashboard), []);
  await dashboard.screenshot({ path: process.env.LOOKS_SCREENSHOT ?? '/tmp/workspace-looks.png' });
});
