// Message text is shown as text: hostile HTML and scripts from the corpus render as typed in the
// widget and in the dashboard, and run nothing, in either direction.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startServerProcess, type ServerProcess } from '@palique/server/testing';
import { anyFramePwned, launchBrowser, watchedPage } from './support/browser';
import { agentSends, createOwnerAccount, openWidget, signIn, visitorSends } from './support/ui';
import { axeViolations } from './support/axe';
import { parseMessage, plainTextOf } from '@palique/client';

const corpus = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../shared/corpus/hostile-messages.json'), 'utf8'));
const hostile: string[] = [...corpus.html_and_script, ...corpus.links.slice(0, 5)];
// W6: the corpus with formatting: every link and formatting sample, HTML wrapped in markers, and
// the text shapes a message keeps as typed (long words, RTL, emoji, line breaks).
const keptAsTyped = (s: string) => s === s.trim() && !/[\u0000-\u0008\u000b-\u001f\ud800-\udfff]/.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''));
const formatted: string[] = [
  ...corpus.formatting,
  ...corpus.links,
  ...corpus.html_and_script.slice(0, 6).map((s: string, i: number) => (i % 2 ? `_${s}_` : `**${s}**`)),
  ...corpus.text_shapes.filter(keptAsTyped).map((s: string, i: number) => (i % 2 ? `**${s}**` : s)),
];

let server: ServerProcess;
let browser: Browser;
let accountCreated = false;
/** The first test to run creates the account, the next signs in (both tests run alone too). */
async function ownerOpensDashboard(page: Parameters<typeof signIn>[0]): Promise<void> {
  if (accountCreated) return signIn(page, server.url);
  accountCreated = true;
  await createOwnerAccount(page, server.url);
}

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
  await ownerOpensDashboard(agent.page);
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

test('W6: the hostile corpus with formatting renders safely and readably in both UIs', async () => {
  const agent = await watchedPage(await browser.newContext());
  await ownerOpensDashboard(agent.page);
  const visitor = await watchedPage(await browser.newContext());
  await visitor.page.goto(`${server.directUrl}/demo/`);
  const widget = await openWidget(visitor.page);
  const frame = visitor.page.frames().find((f) => f.url().includes('/widget/'))!;

  for (const text of formatted) await visitorSends(widget, text);
  await visitorSends(widget, 'formatted corpus sent');
  await widget.getByText('formatted corpus sent').waitFor();
  await agent.page.getByText('formatted corpus sent').first().click();
  await agent.page.getByRole('log', { name: 'Conversation history' }).getByText('formatted corpus sent').waitFor();
  await agentSends(agent.page, '**bold** _italic_ https://example.com/agent and javascript:window.__pwned=1');
  await widget.locator('a[href="https://example.com/agent"]').waitFor();

  // What a reader sees is the text without the markers that became formatting, message by message.
  const expected = [...formatted, 'formatted corpus sent'].map((t) => plainTextOf(parseMessage(t)).trim());
  const widgetTexts = await frame.evaluate(() =>
    [...document.querySelectorAll('.msg--mine .msg__bubble')].map((b) => [...b.childNodes].filter((n) => !(n as Element).classList?.contains('visually-hidden')).map((n) => n.textContent).join('').trim()),
  );
  assert.deepEqual(widgetTexts, expected);
  const dashboardTexts = await agent.page.evaluate(() => [...document.querySelectorAll('.message-in .message-text')].map((b) => (b.textContent ?? '').trim()));
  assert.deepEqual(dashboardTexts, expected);

  for (const doc of [frame, agent.page.mainFrame()]) {
    // Formatting became elements, links only to http(s) or mailto, opening in a new tab with no opener.
    const shape = await doc.evaluate(() => {
      const links = [...document.querySelectorAll('.msg__bubble a, .message-text a')] as HTMLAnchorElement[];
      return {
        links: links.length,
        strong: document.querySelectorAll('.msg__bubble strong, .message-text strong').length,
        em: document.querySelectorAll('.msg__bubble em, .message-text em').length,
        badLinks: links.filter((a) => !/^(https?:|mailto:)/.test(a.getAttribute('href') ?? '') || a.rel !== 'noopener noreferrer nofollow' || a.target !== '_blank').map((a) => a.outerHTML),
        injected: document.body.querySelectorAll('img[src="x"], svg[onload], iframe, details[ontoggle], script:not([src]), a[href^="javascript:"], style, math').length,
        // No layout breaks: very long words wrap inside the message list.
        overflow: [...document.querySelectorAll('[role="log"]')].some((log) => log.scrollWidth > log.clientWidth + 1),
      };
    });
    assert.ok(shape.links >= 5 && shape.strong >= 3 && shape.em >= 2, JSON.stringify(shape));
    assert.deepEqual(shape.badLinks, []);
    assert.equal(shape.injected, 0);
    assert.equal(shape.overflow, false);
  }
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(agent.dialogs, []);
  assert.deepEqual(visitor.dialogs, []);
  assert.equal(await anyFramePwned(agent.page), false);
  assert.equal(await anyFramePwned(visitor.page), false);
  assert.deepEqual(await axeViolations(frame), []);
  assert.deepEqual(await axeViolations(agent.page), []);
});
