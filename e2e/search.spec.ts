// Search journey: two visitors write; the agent types a word from one visitor's message in the
// search box above the lists, sees that conversation with the word marked (a message's markup
// stays text), opens it and reads the message. Axe stays at zero with the results shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startServerProcess, type ServerProcess } from '@palique/server/testing';
import { launchBrowser } from './support/browser';
import { axeViolations } from './support/axe';
import { createOwnerAccount, openWidget, visitorSends } from './support/ui';

let server: ServerProcess;
let browser: Browser;
let agent: Page;

before(async () => {
  server = await startServerProcess({ name: 'e2e-search', publicHost: 'localhost' });
  browser = await launchBrowser();
  agent = await (await browser.newContext()).newPage();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function visitorWrites(text: string): Promise<void> {
  const demo = await (await browser.newContext()).newPage();
  await demo.goto(`${server.directUrl}/demo/`);
  const widget = await openWidget(demo);
  await visitorSends(widget, text);
  await widget.getByRole('log').getByText(text).waitFor();
}

test('Search: the agent types a word from a visitor message and opens that conversation', async () => {
  await createOwnerAccount(agent, server.url);
  await visitorWrites('Where is my tangerine umbrella? <b>order</b> 77');
  await visitorWrites('Do you deliver to Lisbon on Sundays?');

  await agent.getByRole('searchbox', { name: 'Search conversations' }).fill('tanger');
  const results = agent.getByRole('region', { name: 'Search results' });
  const hit = results.getByRole('link', { name: /tangerine umbrella/ });
  await hit.waitFor();
  assert.equal(await results.getByRole('link').count(), 1, 'only the matching conversation is shown');
  assert.equal(await hit.locator('mark').innerText(), 'tangerine');
  // The message's markup is text, not an element.
  assert.equal(await hit.locator('b').count(), 0);
  assert.match(await hit.innerText(), /<b>order<\/b> 77/);
  assert.deepEqual(await axeViolations(agent), []);

  await hit.click();
  await agent.getByRole('log').getByText('Where is my tangerine umbrella?').waitFor();
  assert.match(agent.url(), /\/conversations\/[\w-]+$/);

  await agent.getByRole('searchbox', { name: 'Search conversations' }).fill('nothing-like-this');
  await agent.getByRole('status').getByText('No conversations match “nothing-like-this”.').waitFor();
});
