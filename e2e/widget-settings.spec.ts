// W7: PaliqueSetup on a site owner's page (a third origin): embedded mode, a custom launcher,
// deferred loading, sendAutoMessage, kill, and an identified user (clientId signed on the
// site's server) who sees one history in two browsers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { freePort, startServerProcess, type ServerProcess } from '@palique/server/testing';
import { launchBrowser } from './support/browser';
import { expect } from './support/expect';
import { createOwnerAccount, openWidget, visitorSends, widgetFrame } from './support/ui';

let server: ServerProcess;
let browser: Browser;
let site: http.Server;
let siteUrl: string;
let snippet: string;
let secret: string;
let dashboard: Page;

/** The site's pages: `?setup=` is the PaliqueSetup as JSON; `user=` signs that user id as the site's server would. */
function sitePage(url: URL): string {
  const setup = JSON.parse(url.searchParams.get('setup') || '{}');
  const user = url.searchParams.get('user');
  if (user) Object.assign(setup, { clientId: user, clientIdSignature: crypto.createHmac('sha256', secret).update(user).digest('hex') });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Owner site</title></head><body>
  <h1>My shop</h1>
  <button id="help" type="button">Need help?</button>
  <a href="#palique-open">Talk to us</a>
  <div id="chat-box" style="width:400px;height:520px;border:1px solid #ccc"></div>
  <script>window.PaliqueSetup = ${JSON.stringify(setup)}; window.events = [];</script>
  ${url.searchParams.has('embedElement') ? `<script>
    // As a framework would: the element carries a circular object of its own.
    var box = document.getElementById('chat-box'); box.__fiber = { node: box };
    PaliqueSetup.embedTo = box;
  </script>` : ''}
  ${snippet}
  <script>['ready', 'open', 'message'].forEach(function (n) { Palique('on', n, function () { window.events.push(n); }); });</script>
  ${url.searchParams.has('autoOnReady') ? `<script>Palique('on', 'ready', function () { Palique('sendAutoMessage', ${JSON.stringify(url.searchParams.get('autoOnReady'))}); });</script>` : ''}
  </body></html>`;
}

const pageWith = (setup: object, user?: string) => `${siteUrl}?setup=${encodeURIComponent(JSON.stringify(setup))}${user ? `&user=${encodeURIComponent(user)}` : ''}`;
const events = (page: Page): Promise<string[]> => page.evaluate(() => (window as any).events);
const panelVisible = (page: Page) => page.locator('iframe[title="Palique chat"]').isVisible();

before(async () => {
  server = await startServerProcess({ name: 'e2e', publicHost: 'localhost' });
  browser = await launchBrowser();
  dashboard = await (await browser.newContext()).newPage();
  await createOwnerAccount(dashboard, server.url);
  snippet = (await dashboard.evaluate(async () => (await fetch('/api/widget')).json())).snippet;
  secret = (await dashboard.evaluate(async () => (await fetch('/api/widget/identity-secret')).json())).secret;
  const port = await freePort();
  site = http.createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(sitePage(new URL(req.url!, 'http://x'))));
  await new Promise<void>((r) => site.listen(port, '127.0.0.1', () => r()));
  siteUrl = `http://127.0.0.1:${port}/`;
});

after(async () => {
  await browser?.close();
  await server?.close();
  site?.close();
});

test('W7: embedded mode draws the chat inside the given element, open, with no round button', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(pageWith({ embedTo: '#chat-box' }));
  await widgetFrame(page).getByLabel('Message').waitFor();
  assert.equal(await page.locator('#chat-box iframe[title="Palique chat"]').count(), 1, 'the iframe is inside #chat-box');
  const box = (await page.locator('#chat-box').boundingBox())!;
  const frame = (await page.locator('iframe[title="Palique chat"]').boundingBox())!;
  assert.ok(Math.abs(frame.x - box.x) < 3 && Math.abs(frame.width - box.width) < 4 && frame.height > 400, `frame ${JSON.stringify(frame)} in box ${JSON.stringify(box)}`);
  assert.equal(await page.getByRole('button', { name: 'Open chat' }).isVisible(), false);
  assert.equal(await widgetFrame(page).getByRole('button', { name: /minimi[sz]e/i }).count(), 0, 'no Minimize in embedded mode');
  await visitorSends(widgetFrame(page), 'Hello from the embedded chat');
  await widgetFrame(page).getByText(/· Sent$/).waitFor();
  await page.context().close();
});

test('W7: embedded mode also takes the element itself (one a framework hangs its own objects on)', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${pageWith({})}&embedElement=1`);
  await widgetFrame(page).getByLabel('Message').waitFor();
  assert.equal(await page.locator('#chat-box iframe[title="Palique chat"]').count(), 1);
  await page.context().close();
});

test('W7: a custom launcher opens the chat and the round button is not shown; sizes and colours apply', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(pageWith({ customLauncher: '#help', chatWidth: 420, chatHeight: 500, colors: { header: 'rgb(0, 128, 0)' } }));
  await expect(async () => (await page.locator('[data-palique]').count()) === 1, 'the widget loaded');
  assert.equal(await page.getByRole('button', { name: 'Open chat' }).isVisible(), false);
  assert.equal(await panelVisible(page), false);
  await page.getByRole('button', { name: 'Need help?' }).click();
  await expect(() => panelVisible(page), 'the custom launcher opened the chat');
  const frame = (await page.locator('iframe[title="Palique chat"]').boundingBox())!;
  assert.equal(Math.round(frame.width), 420);
  assert.equal(Math.round(frame.height), 500);
  const header = widgetFrame(page).locator('header').first();
  await header.waitFor();
  assert.match(await header.evaluate((h) => getComputedStyle(h).backgroundImage + getComputedStyle(h).backgroundColor), /rgb\(0, 128, 0\)/);
  await page.context().close();
});

test('W7: deferred loading creates the chat only on the first interaction', async () => {
  const page = await (await browser.newContext()).newPage();
  const chatRequests: string[] = [];
  page.on('request', (r) => r.url().includes('/widget/?') && chatRequests.push(r.url()));
  await page.goto(pageWith({ deferredLoading: true }));
  await page.getByRole('button', { name: 'Open chat' }).waitFor();
  await page.waitForTimeout(500);
  assert.equal(chatRequests.length, 0, 'no chat before any interaction');
  await page.getByRole('button', { name: 'Open chat' }).hover();
  await expect(() => chatRequests.length === 1, 'hovering the launcher loads the chat');
  await openWidget(page);
  await page.context().close();
});

test('W7: sendAutoMessage shows the page\'s message as the team\'s without storing it', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(siteUrl);
  await expect(async () => (await events(page)).includes('ready'), 'ready');
  assert.equal(await page.locator('#u').textContent(), '', 'nothing unread before');
  await page.evaluate(() => (window as any).Palique('sendAutoMessage', 'Free shipping today on orders over 50 €'));
  // The launcher's description (its #u text) counts it; empty before.
  await expect(async () => (await page.locator('#u').textContent()) === '1 unread', 'counted as unread');
  const frame = await openWidget(page);
  await frame.getByText('Free shipping today on orders over 50 €').waitFor();
  await page.reload();
  const again = await openWidget(page);
  await again.getByText(/Hi|Hello|Leave/).first().waitFor();
  assert.equal(await again.getByText('Free shipping today').count(), 0, 'not stored');
  await page.context().close();
});

test('W7: an auto message the page sends the moment it hears `ready` is shown and counted, not lost', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${siteUrl}?autoOnReady=${encodeURIComponent('Welcome back!')}`);
  await expect(async () => (await page.locator('#u').textContent()) === '1 unread', 'counted as unread');
  const frame = await openWidget(page);
  await frame.getByText('Welcome back!').waitFor();
  await page.context().close();
});

test('W7: Palique(\'kill\') leaves nothing of the widget on the page', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(pageWith({ customLauncher: '#help' }));
  await expect(async () => (await events(page)).includes('ready'), 'ready');
  await page.evaluate(() => (window as any).Palique('kill'));
  assert.equal(await page.locator('[data-palique]').count(), 0, 'no widget element');
  assert.equal(await page.locator('iframe').count(), 0, 'no iframe');
  assert.equal(page.frames().length, 1, 'no frame left');
  // Its listeners are gone too: the launcher, #palique-open and the API do nothing.
  await page.getByRole('button', { name: 'Need help?' }).click();
  await page.getByRole('link', { name: 'Talk to us' }).click();
  await page.evaluate(() => (window as any).Palique('open'));
  await page.waitForTimeout(300);
  assert.equal(await page.locator('iframe').count(), 0);
  assert.deepEqual(await events(page), ['ready'], 'no open event after kill');
  await page.context().close();
});

test('W7: the same identified user sees one history in two browsers; a forged signature sees none', async () => {
  const laptop = await (await browser.newContext()).newPage();
  await laptop.goto(pageWith({}, 'user-4242'));
  await visitorSends(await openWidget(laptop), 'Question from my laptop');
  await widgetFrame(laptop).getByText(/· Sent$/).waitFor();

  const phone = await (await browser.newContext()).newPage();
  await phone.goto(pageWith({}, 'user-4242'));
  await (await openWidget(phone)).getByText('Question from my laptop').waitFor();
  await visitorSends(widgetFrame(phone), 'And a follow-up from my phone');
  await widgetFrame(laptop).getByText('And a follow-up from my phone').waitFor();

  // Someone else claiming that id without the right signature is a new, empty visitor.
  const forger = await (await browser.newContext()).newPage();
  await forger.goto(pageWith({ clientId: 'user-4242', clientIdSignature: '0'.repeat(64) }));
  const frame = await openWidget(forger);
  await frame.getByLabel('Message').waitFor();
  await expect(async () => (await events(forger)).includes('ready'), 'ready');
  assert.equal(await frame.getByText('Question from my laptop').count(), 0);
  for (const p of [laptop, phone, forger]) await p.context().close();
});

test("W7: Palique('restart') on sign-out leaves the identified user's chat; signing in again brings it back", async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(pageWith({}, 'user-restart'));
  const frame = await openWidget(page);
  await visitorSends(frame, 'Signed-in question');
  await frame.getByText(/· Sent$/).waitFor();
  await page.evaluate(() => (window as any).Palique('restart'));
  await expect(async () => (await frame.getByText('Signed-in question').count()) === 0, 'a new, anonymous chat after restart');
  // Signed out, the page has no clientId: still the anonymous visitor after a reload.
  await page.goto(siteUrl);
  await (await openWidget(page)).getByLabel('Message').waitFor();
  await expect(async () => (await events(page)).includes('ready'), 'ready');
  assert.equal(await widgetFrame(page).getByText('Signed-in question').count(), 0);
  // Signed in again: the user's history.
  await page.goto(pageWith({}, 'user-restart'));
  await (await openWidget(page)).getByText('Signed-in question').waitFor();
  await page.context().close();
});

test('W7: mobileOnly keeps the widget off desktops, disableOnMobile off phones; the API stays harmless', async () => {
  const desktop = await (await browser.newContext()).newPage();
  await desktop.goto(pageWith({ mobileOnly: true }));
  const phone = await (await browser.newContext({ userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36', viewport: { width: 390, height: 800 } })).newPage();
  await phone.goto(pageWith({ disableOnMobile: true }));
  const shown = await (await browser.newContext()).newPage();
  await shown.goto(pageWith({ disableOnMobile: true }));
  await shown.getByRole('button', { name: 'Open chat' }).waitFor();
  for (const page of [desktop, phone]) {
    await page.evaluate(() => (window as any).Palique('open'));
    await page.waitForTimeout(300);
    assert.equal(await page.locator('[data-palique], iframe').count(), 0);
  }
  // And on a phone, mobileOnly shows it.
  const mobileShown = await (await browser.newContext({ userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148', viewport: { width: 390, height: 800 } })).newPage();
  await mobileShown.goto(pageWith({ mobileOnly: true }));
  await mobileShown.getByRole('button', { name: 'Open chat' }).waitFor();
  for (const p of [desktop, phone, shown, mobileShown]) await p.context().close();
});

test('W7: "Chat widget → Identified users" shows the secret and Regenerate replaces it; old signatures stop binding', async () => {
  await dashboard.getByRole('link', { name: 'Chat widget' }).click();
  await dashboard.getByRole('heading', { name: 'Identified users' }).waitFor();
  const field = dashboard.getByLabel('Secret key');
  assert.equal(await field.getAttribute('type'), 'password', 'hidden until asked for');
  await dashboard.getByRole('button', { name: 'Show' }).click();
  assert.equal(await field.inputValue(), secret);
  dashboard.once('dialog', (d) => void d.accept());
  await dashboard.getByRole('button', { name: 'Regenerate' }).click();
  await expect(async () => (await field.inputValue()) !== secret, 'a new secret');
  const old = secret;
  secret = await field.inputValue();

  // A page still signing with the old secret: ignored, an empty anonymous chat.
  const stale = await (await browser.newContext()).newPage();
  await stale.goto(pageWith({ clientId: 'user-4242', clientIdSignature: crypto.createHmac('sha256', old).update('user-4242').digest('hex') }));
  const frame = await openWidget(stale);
  await expect(async () => (await events(stale)).includes('ready'), 'ready');
  assert.equal(await frame.getByText('Question from my laptop').count(), 0);
  // Signed with the new one: the user's history.
  await stale.goto(pageWith({}, 'user-4242'));
  await (await openWidget(stale)).getByText('Question from my laptop').waitFor();
  await stale.context().close();
});
