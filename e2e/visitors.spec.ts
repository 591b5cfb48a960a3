// C8 / T5: the "Visitors" section. A visitor browses three pages of a site with the widget and
// the agent watches their current page change live in the list; the agent picks a column (kept
// after a reload), starts a chat from the list, and the visitor's widget shows the message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServerProcess, type ServerProcess } from '@palique/server/testing';
import { launchBrowser } from './support/browser';
import { startShopSite } from './support/shop-site';
import { expect } from './support/expect';
import { axeViolations } from './support/axe';
import { createOwnerAccount, widgetFrame } from './support/ui';

let server: ServerProcess;
let browser: Browser;
let agents: BrowserContext;
let visitors: BrowserContext;
let site: { url: string; close(): void };
let siteUrl: string;

before(async () => {
  server = await startServerProcess({ name: 'e2e', publicHost: 'localhost' });
  browser = await launchBrowser();
  agents = await browser.newContext();
  visitors = await browser.newContext();
  const agent = await agents.newPage();
  await createOwnerAccount(agent, server.url);
  const snippet = (await agent.evaluate(async () => (await fetch('/api/widget')).json())).snippet as string;
  await agent.close();
  site = await startShopSite(snippet);
  siteUrl = site.url;
});

after(async () => {
  await browser?.close();
  await server?.close();
  site?.close();
});

const rows = (agent: Page) => agent.getByRole('table', { name: 'Visitors online' }).locator('tbody tr[data-visitor-id]');

test('C8 + T5: the agent watches a visitor browse three pages live in Visitors and starts a chat that their widget shows', async () => {
  const agent = await agents.newPage();
  await agent.goto(server.url + '/');
  await agent.getByRole('link', { name: 'Visitors' }).click();
  await agent.getByRole('heading', { name: 'Visitors on your site now' }).waitFor();

  const visitor = await visitors.newPage();
  await visitor.goto(`${siteUrl}/`);
  const row = rows(agent).first();
  const currentPage = row.locator('td[data-column="currentPage"]');
  await expect(async () => (await rows(agent).count()) === 1 && /Home\s*\//.test(await currentPage.innerText()), 'the visitor on Home, live', 15_000);

  // A single-page-app navigation, then a real page load: the same visitor, the same visit.
  await visitor.evaluate(() => {
    history.pushState({}, '', '/shoes');
    document.title = 'Shoes';
    (window as any).Palique('pageView');
  });
  await expect(async () => /Shoes\s*\/shoes/.test(await currentPage.innerText()), 'the pushState page, live', 10_000);
  await visitor.locator('#cart').click();
  await visitor.waitForURL(`${siteUrl}/cart`);
  await expect(async () => (await rows(agent).count()) === 1 && /Cart\s*\/cart/.test(await currentPage.innerText()), 'the third page, live', 15_000);

  // The agent adds the "Pages" column; the choice stays after a reload.
  await agent.getByText('Columns', { exact: true }).click();
  await agent.getByRole('checkbox', { name: 'Pages' }).check();
  await expect(async () => (await row.locator('td[data-column="pages"]').innerText()) === '3', 'three pages this visit');
  await agent.reload();
  await expect(async () => (await row.locator('td[data-column="pages"]').innerText().catch(() => '')) === '3', 'the Pages column after a reload', 10_000);
  assert.equal(await agent.getByRole('columnheader', { name: 'Pages' }).count(), 1);

  // The visitor opens the chat window: its icon appears, with an accessible name.
  await visitor.getByRole('button', { name: 'Open chat' }).click();
  await expect(async () => (await row.getByRole('img', { name: 'Opened the chat window' }).count()) === 1, 'the "opened the chat window" icon', 10_000);

  // Start chat: the composer, the message, and it appears in the visitor's open widget at once.
  await row.getByRole('button', { name: /Start chat/ }).click();
  await agent.getByLabel('Your message').fill('Hi! Need help choosing a size?');
  await agent.getByRole('button', { name: 'Send' }).click();
  await agent.waitForURL(/\/conversations\/[^/]+$/);
  const frame = widgetFrame(visitor);
  await frame.getByText('Hi! Need help choosing a size?').waitFor({ timeout: 10_000 });

  // Back in the list: the proactive message's icon.
  await agent.getByRole('link', { name: 'Visitors' }).click();
  await expect(async () => (await rows(agent).first().getByRole('img', { name: 'Received a proactive message' }).count()) === 1, 'the proactive icon', 10_000);
  // R6: the section, with its rows, icons and the column picker open, has no WCAG A/AA violations.
  await agent.getByText('Columns', { exact: true }).click();
  assert.deepEqual(await axeViolations(agent), [], 'Visitors section');
  await agent.close();
  await visitor.close();
});
