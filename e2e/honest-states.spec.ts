// Honest states: each UI says what it knows and nothing more. The widget says "Connecting…" (never
// "We're online") while it has no connection; the dashboard shows when it is reconnecting or
// offline; the tab title counts unread chats; the new-message sound follows the agent's setting;
// an Invisible agent who writes in a chat shows online to that visitor only (A3).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { startServerProcess, type ServerProcess } from '@palique/server/testing';
import { launchBrowser } from './support/browser';
import { expect } from './support/expect';
import { agentSends, createOwnerAccount, openWidget, visitorSends } from './support/ui';

let server: ServerProcess;
let browser: Browser;
let agentContext: BrowserContext;
let visitorContext: BrowserContext;
let dashboard: Page;
let demo: Page;
let widget: FrameLocator;
/** The visitor's connections (WebSocket and polling) are held while this is false. */
let visitorSocketsAllowed = false;
const dashboardErrors: string[] = [];

const header = (frame: FrameLocator) => frame.locator('.header__status');
const banner = (page: Page) => page.locator('.connection-banner');
const tones = (page: Page) => page.evaluate(() => (window as unknown as { __tones: number }).__tones);

before(async () => {
  server = await startServerProcess({ name: 'e2e-honest', publicHost: 'localhost' });
  browser = await launchBrowser();
  agentContext = await browser.newContext();
  // Counts the notes of the notification chime (Web Audio oscillators) the dashboard plays.
  await agentContext.addInitScript(() => {
    const w = window as unknown as { __tones: number; AudioContext: typeof AudioContext };
    const Real = w.AudioContext;
    w.__tones = 0;
    w.AudioContext = class extends Real {
      override createOscillator(): OscillatorNode {
        w.__tones++;
        return super.createOscillator();
      }
    };
  });
  visitorContext = await browser.newContext();
  // The visitor's socket is held (open in the page, nothing from the server) until the test allows it.
  await visitorContext.routeWebSocket(/socket\.io/, async (ws) => {
    await expect(() => visitorSocketsAllowed, 'the test allows the visitor to connect', 120_000);
    ws.connectToServer();
  });
  await visitorContext.route(/\/socket\.io\//, async (route) => {
    await expect(() => visitorSocketsAllowed, 'the test allows the visitor to connect', 120_000);
    await route.continue();
  });
  dashboard = await agentContext.newPage();
  dashboard.on('console', (m) => m.type() === 'error' && dashboardErrors.push(m.text()));
  dashboard.on('pageerror', (e) => dashboardErrors.push(e.message));
  demo = await visitorContext.newPage();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("Honest states: the widget says 'Connecting…', not 'We're online', until it is connected", async () => {
  await createOwnerAccount(dashboard, server.url);
  await demo.goto(`${server.directUrl}/demo/`);
  widget = await openWidget(demo);
  await expect(async () => (await header(widget).textContent()) === 'Connecting…', 'Connecting… while the socket is held');
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(await header(widget).textContent(), 'Connecting…', 'an online agent does not make an unconnected widget say "We\'re online"');
  visitorSocketsAllowed = true;
  await expect(async () => (await header(widget).textContent()) === "We're online", "We're online once connected", 20_000);
});

test('Honest states: the tab title counts unread chats, live, and the chime plays (sound on)', async () => {
  assert.equal(await dashboard.title(), 'Palique');
  // Browsers allow sound only after a gesture on the page.
  await dashboard.getByRole('heading', { name: 'Conversations' }).click();
  await visitorSends(widget, 'Is anyone there?');
  await expect(async () => (await dashboard.title()) === '(1) Palique', 'the title counts one unread chat');
  await expect(async () => (await tones(dashboard)) > 0, 'the chime played');
  await dashboard.getByText('Is anyone there?').first().click();
  await expect(async () => (await dashboard.title()) === 'Palique', 'read: the count is gone');
});

test('A6: with "Play a sound" off, a new message notifies without the chime; no autoplay errors', async () => {
  await dashboard.getByRole('link', { name: 'Settings' }).click();
  const sound = dashboard.getByLabel('Play a sound');
  await sound.uncheck();
  await dashboard.getByText('Saved', { exact: true }).waitFor();
  const before = await tones(dashboard);
  await visitorSends(widget, 'Still here?');
  await expect(async () => (await dashboard.title()) === '(1) Palique', 'the title counts the new message');
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(await tones(dashboard), before, 'no chime with sound off');
  await sound.check();
  assert.deepEqual(dashboardErrors.filter((e) => /audio|autoplay/i.test(e)), []);
});

test('A3: an Invisible agent who writes in a chat shows online to that visitor only', async () => {
  await dashboard.getByLabel('Status').selectOption({ label: 'Invisible' });
  await expect(async () => (await header(widget).textContent()) === "We'll reply as soon as we can", 'messenger mode while invisible');
  await dashboard.getByRole('link', { name: 'Conversations' }).click();
  await dashboard.getByRole('tab', { name: /^All/ }).click();
  await dashboard.getByText('Still here?').first().click();
  await agentSends(dashboard, 'Yes, Helena here');
  await widget.getByText('Yes, Helena here').waitFor();
  await expect(async () => (await header(widget).textContent()) === "We're online", 'the visitor she answered sees her online');
  await widget.locator('.team__seen', { hasText: 'Online' }).first().waitFor();
  // Another visitor sees the team as it is: nobody online.
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await other.goto(`${server.directUrl}/demo/`);
  const otherWidget = await openWidget(other);
  await expect(async () => (await header(otherWidget).textContent()) === "We'll reply as soon as we can", 'messenger mode for everyone else');
  assert.equal(await otherWidget.locator('.team__seen', { hasText: 'Online' }).count(), 0);
  // That visitor's new chat is not offered to her: not in her Queue, not in her unread count; All has it.
  await visitorSends(otherWidget, 'A new chat while she is invisible');
  await dashboard.getByRole('tab', { name: /^All/ }).click();
  await dashboard.getByText('A new chat while she is invisible').first().waitFor();
  await dashboard.getByRole('tab', { name: /^Queue/ }).click();
  assert.equal((await dashboard.getByRole('tab', { name: /^Queue/ }).textContent())?.replace(/\D/g, ''), '0');
  assert.equal(await dashboard.getByRole('tabpanel').getByText('A new chat while she is invisible').count(), 0);
  assert.equal(await dashboard.title(), 'Palique');
  await otherContext.close();
});

test('Honest states: when the server goes away the widget says Connecting… and the dashboard Reconnecting…; both recover', async () => {
  await server.kill9();
  await expect(async () => (await header(widget).textContent()) === 'Connecting…', 'the widget says Connecting…', 30_000);
  await expect(async () => (await banner(dashboard).textContent()) === 'Connection lost. Reconnecting…', 'the dashboard says Reconnecting…', 30_000);
  assert.ok(await banner(dashboard).isVisible());
  await server.start();
  await expect(async () => (await header(widget).textContent()) !== 'Connecting…', 'the widget is back', 30_000);
  await expect(async () => !(await banner(dashboard).isVisible()), 'the banner is gone', 30_000);
});

test('Honest states: the dashboard says at once when the browser goes offline', async () => {
  await agentContext.setOffline(true);
  await expect(async () => (await banner(dashboard).textContent()) === 'You are offline. Palique reconnects when the network is back.', 'offline banner');
  assert.ok(await banner(dashboard).isVisible());
  await agentContext.setOffline(false);
  await expect(async () => !(await banner(dashboard).isVisible()), 'the banner is gone once back online', 30_000);
});
