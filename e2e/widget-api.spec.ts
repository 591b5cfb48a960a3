// W7: the JavaScript API on a site owner's own page (a third origin): calls queued before the
// script loads run after it loads; open/close/show/hide/setVisitor/on work; #palique-open opens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { freePort, startServerProcess, type ServerProcess } from '@palique/server/testing';
import { launchBrowser } from './support/browser';
import { expect } from './support/expect';
import { createOwnerAccount, widgetFrame } from './support/ui';

let server: ServerProcess;
let browser: Browser;
/** One agent and one visitor (same browser storage, so the same visitor) across the tests. */
let agents: BrowserContext;
let visitors: BrowserContext;
let site: http.Server;
let siteUrl: string;
let snippet: string;

/** The site owner's page: the snippet, plus API calls made before the script has loaded. */
function ownerPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Owner site</title></head><body>
  <h1>My shop</h1>
  <a href="#palique-open">Talk to us</a>
  <ol id="log"></ol>
  ${snippet}
  <script>
    window.events = [];
    ['ready', 'open', 'close', 'message', 'modeChange'].forEach(function (name) {
      Palique('on', name, function (detail) { window.events.push(name); });
    });
    Palique('setVisitor', { name: 'Queued Quinn', email: 'quinn@example.com', data: { order: 'A-1001' } });
    Palique('open');
  </script>
  </body></html>`;
}

before(async () => {
  // The dashboard on localhost, the demo page on 127.0.0.1: two origins, as in production.
  server = await startServerProcess({ name: 'e2e', publicHost: 'localhost' });
  browser = await launchBrowser();
  agents = await browser.newContext();
  visitors = await browser.newContext();
  const agent = await agents.newPage();
  await createOwnerAccount(agent, server.url);
  const install = await agent.evaluate(async () => (await fetch('/api/widget')).json());
  snippet = install.snippet;
  await agent.close();
  const port = await freePort();
  site = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(ownerPage()));
  await new Promise<void>((r) => site.listen(port, '127.0.0.1', () => r()));
  siteUrl = `http://127.0.0.1:${port}/`;
});

after(async () => {
  await browser?.close();
  await server?.close();
  site?.close();
});

async function panelVisible(page: Page): Promise<boolean> {
  return page.locator('iframe[title="Palique chat"]').isVisible();
}

test('W7: calls queued before the script loads run after it loads (open, setVisitor, on)', async () => {
  const page = await visitors.newPage();
  await page.goto(siteUrl);
  await widgetFrame(page).getByLabel('Message').waitFor();
  await expect(() => panelVisible(page), 'the queued open() opened the panel');
  await expect(async () => (await page.evaluate(() => (window as any).events as string[])).includes('ready'), 'ready event');
  const events: string[] = await page.evaluate(() => (window as any).events);
  assert.ok(events.includes('open'), `events: ${events}`);
  // The queued setVisitor reached the server: the agent sees the name once the visitor writes.
  await widgetFrame(page).getByLabel('Message').fill('Where is my order?');
  await widgetFrame(page).getByRole('button', { name: 'Send' }).click();
  await widgetFrame(page).getByText(/· Sent$/).waitFor();
  const agent = await agents.newPage();
  await agent.goto(server.url + '/');
  await agent.getByText('Where is my order?').first().click();
  await agent.getByText('quinn@example.com').first().waitFor();
  await agent.getByText('A-1001').first().waitFor();
  await agent.close();
  await page.close();
});

test('W7: close, hide, show and #palique-open links drive the widget', async () => {
  const page = await visitors.newPage();
  await page.goto(siteUrl);
  await expect(() => panelVisible(page), 'open after load');
  await page.evaluate(() => (window as any).Palique('close'));
  await expect(async () => !(await panelVisible(page)), 'closed');
  assert.ok(await page.getByRole('button', { name: 'Open chat' }).isVisible());
  await page.evaluate(() => (window as any).Palique('hide'));
  await expect(async () => !(await page.getByRole('button', { name: 'Open chat' }).isVisible()), 'launcher hidden');
  await page.evaluate(() => (window as any).Palique('show'));
  await page.getByRole('button', { name: 'Open chat' }).waitFor();
  await page.getByRole('link', { name: 'Talk to us' }).click();
  await expect(() => panelVisible(page), '#palique-open opened the chat');
  const events: string[] = await page.evaluate(() => (window as any).events);
  assert.ok(events.includes('close'), `events: ${events}`);
  await page.close();
});

test('W7: the message and modeChange events reach the host page', async () => {
  const page = await visitors.newPage();
  await page.goto(siteUrl);
  await expect(async () => (await page.evaluate(() => (window as any).events as string[])).includes('ready'), 'ready');
  // An agent comes online (dashboard open with status Online) → modeChange.
  const agent = await agents.newPage();
  await agent.goto(server.url + '/');
  await expect(async () => (await page.evaluate(() => (window as any).events as string[])).includes('modeChange'), 'modeChange');
  // The agent replies → message event on the host page.
  await agent.getByText('Where is my order?').first().click();
  await agent.getByLabel('Message').fill('It ships tomorrow');
  await agent.getByRole('button', { name: 'Send' }).click();
  await expect(async () => (await page.evaluate(() => (window as any).events as string[])).includes('message'), 'message event');
  await widgetFrame(page).getByText('It ships tomorrow').waitFor();
  await agent.close();
  await page.close();
});

test('F10: Palique(\'restart\') revokes the visitor and starts a new, empty conversation', async () => {
  const page = await visitors.newPage();
  await page.goto(siteUrl);
  const frame = widgetFrame(page);
  await frame.getByText('It ships tomorrow').waitFor();
  const chatFrame = () => page.frames().find((f) => f.url().includes('/widget/'))!;
  // This Chromium blocks the iframe's storage: the token is kept in the host page's (SECURITY.md).
  const tokenOnPage = () =>
    page.evaluate(() => {
      for (const [key, value] of Object.entries(localStorage)) {
        if (!key.startsWith('palique:')) continue;
        const token = Object.entries(JSON.parse(value) as Record<string, string>).find(([k]) => k.endsWith(':token'))?.[1];
        if (token) return token;
      }
      return '';
    });
  const oldToken = await tokenOnPage();
  assert.ok(oldToken, 'the visitor had a token');

  await page.evaluate(() => (window as any).Palique('restart'));
  await expect(async () => (await frame.getByText('It ships tomorrow').count()) === 0, 'the old thread is gone');
  await frame.getByLabel('Message').fill('I am someone new');
  await frame.getByRole('button', { name: 'Send' }).click();
  await frame.getByText(/· Sent$/).waitFor();
  const newToken = await tokenOnPage();
  assert.ok(newToken && newToken !== oldToken, 'a new token');
  // The old token opens nothing any more.
  const refused = await chatFrame().evaluate(async ([widgetId, token]) => {
    const res = await fetch(`/api/widget/${widgetId}/visitors`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    return (await res.json()).token !== token;
  }, [new URL(chatFrame().url()).searchParams.get('w')!, oldToken] as const);
  assert.ok(refused, 'the old token was not accepted');
  // After a reload the visitor is still the new one.
  await page.reload();
  await widgetFrame(page).getByText('I am someone new').waitFor();
  assert.equal(await widgetFrame(page).getByText('It ships tomorrow').count(), 0);
  await page.close();
});
