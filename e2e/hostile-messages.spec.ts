// Message text is shown as text: hostile HTML and scripts from the corpus render as typed in the
// widget and in the dashboard, and run nothing, in either direction.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startServerProcess, type ServerProcess } from '@palique/server/testing';
import { anyFramePwned, launchBrowser, watchedPage } from './support/browser';
import { agentSends, createOwnerAccount, openWidget, visitorSends } from './support/ui';

const corpus = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../shared/corpus/hostile-messages.json'), 'utf8'));
const hostile: string[] = [...corpus.html_and_script, ...corpus.links.slice(0, 5)];

let server: ServerProcess;
let browser: Browser;

before(async () => {
  // The dashboard on localhost, the demo page on 127.0.0.1: two origins, as in production.
  server = await startServerProcess({ name: 'e2e', publicHost: 'localhost' });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('HTML in messages never runs or renders, in the widget or the dashboard', async () => {
  const agent = await watchedPage(await browser.newContext());
  await createOwnerAccount(agent.page, server.url);
  const visitor = await watchedPage(await browser.newContext());
  await visitor.page.goto(`${server.directUrl}/demo/`);
  const widget = await openWidget(visitor.page);

  for (const text of hostile) {
    await visitorSends(widget, text);
    await widget.getByText(text).first().waitFor();
  }
  // The queue shows the conversation with its last message; open it.
  await agent.page.getByText(hostile[hostile.length - 1]).first().click();
  for (const text of hostile) {
    await agent.page.getByRole('main').getByText(text).first().waitFor();
  }
  // And from the agent's side to the visitor.
  await agentSends(agent.page, '<img src=x onerror=alert(1)> and <script>alert(2)</script>');
  await widget.getByText('<img src=x onerror=alert(1)> and <script>alert(2)</script>').waitFor();

  // Nothing ran: no dialog, no flag set, no injected elements in the message lists.
  await new Promise((r) => setTimeout(r, 500));
  assert.deepEqual(agent.dialogs, []);
  assert.deepEqual(visitor.dialogs, []);
  assert.equal(await anyFramePwned(agent.page), false);
  assert.equal(await anyFramePwned(visitor.page), false);
  const frame = visitor.page.frames().find((f) => f.url().includes('/widget/'))!;
  for (const doc of [frame, agent.page.mainFrame()]) {
    const injected = await doc.evaluate(() => document.body.querySelectorAll('img[src="x"], svg[onload], iframe, details[ontoggle], script:not([src]), a[href^="javascript:"], style, math').length);
    assert.equal(injected, 0);
  }
  // The host page's layout is intact (a <style>body{display:none}</style> message did nothing).
  assert.equal(await visitor.page.evaluate(() => getComputedStyle(document.body).display), 'block');
  assert.equal(await agent.page.evaluate(() => getComputedStyle(document.body).display), 'block');
});
