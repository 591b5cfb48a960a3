// C3: a visitor browses three pages of a site owner's page (two single-page-app navigations, one
// real one) and the agent sees the path live in the conversation's visitor column.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext } from 'playwright-core';
import { startServerProcess, type ServerProcess } from '@palique/server/testing';
import { launchBrowser } from './support/browser';
import { startShopSite } from './support/shop-site';
import { expect } from './support/expect';
import { createOwnerAccount, openWidget, visitorSends } from './support/ui';

let server: ServerProcess;
let browser: Browser;
let agents: BrowserContext;
let visitors: BrowserContext;
let site: { url: string; close(): void };
let siteUrl: string;

before(async () => {
  // The visitor's browser stands behind a proxy that says its address is 8.8.8.8 (a US address in
  // the shipped database): with TRUST_PROXY=1 the server takes that address as the visitor's.
  server = await startServerProcess({ name: 'e2e', publicHost: 'localhost', env: { TRUST_PROXY: '1' } });
  browser = await launchBrowser();
  agents = await browser.newContext();
  visitors = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Madrid', extraHTTPHeaders: { 'x-forwarded-for': '8.8.8.8' } });
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

test('C3: the agent sees the visitor\'s pages live: current page, path, language, device, local time, location', async () => {
  const visitor = await visitors.newPage();
  await visitor.goto(`${siteUrl}/`);
  const frame = await openWidget(visitor);
  await visitorSends(frame, 'Do you ship to Spain?');

  const agent = await agents.newPage();
  await agent.goto(server.url + '/');
  await agent.getByText('Do you ship to Spain?').first().click();
  const panel = agent.locator('.visit-details');
  const path = panel.locator('.visit-path li');
  await expect(async () => (await path.allInnerTexts()).join('|') === 'Home', 'the first page in the path');

  // A single-page app moves on: pushState, then its new title with Palique('pageView').
  await visitor.evaluate(() => {
    history.pushState({}, '', '/shoes');
    document.title = 'Shoes';
    (window as any).Palique('pageView');
  });
  await expect(async () => (await path.allInnerTexts()).join('|') === 'Home|Shoes', 'the pushState page, live', 10_000);
  // A real navigation: a new page load, the same visitor and the same visit.
  await visitor.locator('#cart').click();
  await visitor.waitForURL(`${siteUrl}/cart`);
  await expect(async () => (await path.allInnerTexts()).join('|') === 'Home|Shoes|Cart', 'the third page, live', 15_000);

  const current = panel.getByRole('link', { name: 'Cart' }).first();
  assert.equal(await current.getAttribute('href'), `${siteUrl}/cart`);
  assert.match((await current.getAttribute('rel')) ?? '', /noopener/);
  const text = await panel.innerText();
  assert.match(text, /Visits\s*1/);
  assert.match(text, /Language\s*en-GB/);
  assert.match(text, /Browser\s*(Chrome|HeadlessChrome|Chromium)/);
  assert.match(text, /Europe\/Madrid/);
  // The location, with the attribution the database's licence asks for, linked.
  assert.match(text, /Location\s*[^\n]*United States/);
  assert.equal(await panel.getByRole('link', { name: 'IP Geolocation by DB-IP' }).getAttribute('href'), 'https://db-ip.com');
  // Time on site ticks in the dashboard.
  const before = await panel.getByTestId('time-on-site').innerText();
  await expect(async () => (await panel.getByTestId('time-on-site').innerText()) !== before, 'time on site ticks', 5_000);
  await agent.close();
  await visitor.close();
});
