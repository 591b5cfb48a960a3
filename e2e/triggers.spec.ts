// T2/T3: the owner creates a trigger from the cart template (enters the page, shortens the wait),
// a visitor browses a shop: nothing on arrival, and on the cart page, after its wait, the
// targeted message appears in the widget; the agent sees it in the visitor's details. The
// section passes axe (R6).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext } from 'playwright-core';
import { startServerProcess, type ServerProcess } from '@palique/server/testing';
import { launchBrowser } from './support/browser';
import { expect } from './support/expect';
import { axeViolations } from './support/axe';
import { createOwnerAccount, openWidget } from './support/ui';
import { startHostSite, type HostSite } from './support/host-site';

let server: ServerProcess;
let browser: Browser;
let agents: BrowserContext;
let visitors: BrowserContext;
let site: HostSite;
let siteUrl: string;
let snippet: string;

const TEXT = 'Any questions about your skateboard order?';

function page(path: string): string {
  const title = path === '/cart' ? 'Cart' : 'Home';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>
  <h1>Skate shop: ${title}</h1>
  <a href="/cart" id="cart">Cart</a>
  ${snippet}
  </body></html>`;
}

before(async () => {
  server = await startServerProcess({ name: 'e2e', publicHost: 'localhost', env: { TIMER_POLL_MS: '200' } });
  browser = await launchBrowser();
  agents = await browser.newContext();
  visitors = await browser.newContext({ locale: 'en-GB' });
  const agent = await agents.newPage();
  await createOwnerAccount(agent, server.url);
  snippet = (await agent.evaluate(async () => (await fetch('/api/widget')).json())).snippet;
  await agent.close();
  site = await startHostSite(page);
  siteUrl = site.url;
});

after(async () => {
  await browser?.close();
  await server?.close();
  site?.close();
});

test('T2: the cart template fires on the cart page after its wait, not on arrival, and shows in the visitor details', async () => {
  const agent = await agents.newPage();
  await agent.goto(server.url + '/');
  await agent.getByRole('link', { name: 'Triggers' }).click();
  // T3 settings: a short minimum delay, so the test waits seconds, not minutes.
  const settings = agent.getByRole('region', { name: 'Not invasive' });
  await settings.getByLabel('Seconds on the site before the first targeted message').fill('1');
  await settings.getByRole('button', { name: 'Save' }).click();
  await settings.getByText('Saved.').waitFor();

  await agent.getByRole('button', { name: 'Use this template: Cart or checkout' }).click();
  const form = agent.getByRole('form', { name: 'New trigger' });
  assert.deepEqual(await axeViolations(agent), [], 'R6: the trigger form');
  await form.getByLabel('Page address').fill('/cart');
  await form.getByLabel('Seconds').fill('4');
  await form.getByLabel('Message').fill(TEXT);
  await form.getByRole('button', { name: 'Save trigger' }).click();
  await agent.getByText('Trigger “Cart or checkout” saved.').waitFor();
  await agent.getByRole('region', { name: 'Your triggers' }).getByText(TEXT).waitFor();
  assert.deepEqual(await axeViolations(agent), [], 'R6: the triggers list');

  const visitor = await visitors.newPage();
  await visitor.goto(`${siteUrl}/`);
  const frame = await openWidget(visitor);
  await visitor.waitForTimeout(2_000);
  assert.equal(await frame.getByText(TEXT).count(), 0, 'nothing on the home page');
  await visitor.locator('#cart').click();
  await visitor.waitForURL(`${siteUrl}/cart`);
  const cartFrame = await openWidget(visitor);
  const arrived = Date.now();
  await cartFrame.getByText(TEXT).waitFor({ timeout: 15_000 });
  assert.ok(Date.now() - arrived >= 2_500, `not on arrival: after ${Date.now() - arrived} ms on the cart page`);

  // The conversation the message started waits for the visitor, not for an agent: in All, not in
  // the Queue. The agent opens it: the visitor column lists the firing.
  await agent.getByRole('link', { name: 'Conversations' }).click();
  await agent.getByRole('tab', { name: /^Queue/ }).click();
  await agent.getByText('Nobody is waiting').waitFor();
  await agent.getByRole('tab', { name: /^All/ }).click();
  await agent.getByText(TEXT).first().click();
  await agent.getByRole('region', { name: 'Targeted messages' }).getByText('“Cart or checkout” sent a message').waitFor({ timeout: 10_000 });
  await expect(async () => (await agent.getByRole('region', { name: 'Targeted messages' }).innerText()).includes('/cart'), 'the page it fired on');
});
