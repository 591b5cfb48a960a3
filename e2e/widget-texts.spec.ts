// W3: the widget speaks the visitor's language (a Chromium started in Spanish sees Spanish),
// Palique('setLanguage', …) overrides it, and a text edited in "Chat widget texts" shows on the
// next widget load without a rebuild; clearing it restores the default. W2: the widget shows the
// team (initials, names, online or last active).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { widgetTextDefaults } from '@palique/protocol';
import { startServerProcess, type ServerProcess } from '@palique/server/testing';
import { launchBrowser } from './support/browser';
import { expect } from './support/expect';
import { createOwnerAccount, widgetFrame } from './support/ui';

const es = widgetTextDefaults.es;
let server: ServerProcess;
let browser: Browser;
let dashboard: Page;
let spanish: BrowserContext;

before(async () => {
  server = await startServerProcess({ name: 'e2e-texts', publicHost: 'localhost' });
  browser = await launchBrowser();
  dashboard = await (await browser.newContext({ locale: 'en-US' })).newPage();
  // A visitor whose browser speaks Spanish: navigator.languages starts with es-ES.
  spanish = await browser.newContext({ locale: 'es-ES' });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the demo page's widget and waits for its composer, labelled in `messageLabel`'s language. */
async function openDemoWidget(page: Page, messageLabel: string): Promise<FrameLocator> {
  await page.goto(`${server.directUrl}/demo/`);
  await page.getByRole('button', { name: 'Open chat' }).click();
  const frame = widgetFrame(page);
  await frame.getByLabel(messageLabel).waitFor();
  return frame;
}

test('W3: a Chromium started in Spanish shows the widget in Spanish, with the team (W2)', async () => {
  await createOwnerAccount(dashboard, server.url);
  const page = await spanish.newPage();
  assert.equal(await page.evaluate(() => navigator.language), 'es-ES');
  const widget = await openDemoWidget(page, es.messageLabel);
  await widget.getByRole('heading', { name: es.title }).waitFor();
  await widget.getByText(es.statusLive, { exact: true }).waitFor();
  await widget.getByText(es.greetingLive).waitFor();
  assert.ok(await widget.getByRole('button', { name: es.send }).isVisible());
  // W2: the owner's initials and name, online (the dashboard is open and the owner Online).
  const team = widget.getByRole('list', { name: es.teamLabel });
  await team.getByText('HP', { exact: true }).waitFor();
  await team.getByText('Helena Prado', { exact: true }).waitFor();
  await team.getByText(es.teamOnline, { exact: true }).waitFor();
  assert.equal(await widgetFrameLang(page), 'es');
  await page.close();
});

test('W2: in messenger mode the team still shows, with when the agent was last active', async () => {
  await dashboard.getByLabel('Status').selectOption('invisible');
  const page = await spanish.newPage();
  const widget = await openDemoWidget(page, es.messageLabel);
  await widget.getByText(es.statusMessenger, { exact: true }).waitFor();
  const team = widget.getByRole('list', { name: es.teamLabel });
  await team.getByText('Helena Prado', { exact: true }).waitFor();
  await team.getByText(es.teamActiveNow, { exact: true }).waitFor();
  await dashboard.getByLabel('Status').selectOption('online');
  await page.close();
});

test('W3: Palique(\'setLanguage\', \'es\') switches an English browser\'s widget to Spanish', async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const widget = await openDemoWidget(page, 'Message');
  await widget.getByRole('heading', { name: 'Chat with us' }).waitFor();
  await page.evaluate(() => (window as unknown as { Palique: (...a: unknown[]) => void }).Palique('setLanguage', 'es'));
  await widget.getByRole('heading', { name: es.title }).waitFor();
  await widget.getByLabel(es.messageLabel).waitFor();
  // An unknown language is ignored: the widget keeps speaking a language it knows.
  await page.evaluate(() => (window as unknown as { Palique: (...a: unknown[]) => void }).Palique('setLanguage', 'xx'));
  await new Promise((r) => setTimeout(r, 500));
  assert.ok(await widget.getByRole('heading', { name: es.title }).isVisible(), 'still in Spanish');
  await context.close();
});

test('W3: a setLanguage queued before the script loads opens the widget in that language from the start', async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  // The snippet's stub queues calls made before widget.js loads (it keeps an existing Palique).
  await context.addInitScript(() => {
    const w = window as unknown as { Palique: ((...a: unknown[]) => void) & { q?: unknown[] } };
    w.Palique = function (...args: unknown[]) {
      (w.Palique.q = w.Palique.q || []).push(args);
    } as typeof w.Palique;
    if (window.top === window) w.Palique('setLanguage', 'es');
  });
  const page = await context.newPage();
  const widget = await openDemoWidget(page, es.messageLabel);
  await widget.getByRole('heading', { name: es.title }).waitFor();
  const frameUrl = new URL(page.frames().find((f) => f.url().includes('/widget/'))!.url());
  // The loader passes PaliqueSetup (with the queued language) to the frame as JSON in `s`.
  assert.equal(JSON.parse(frameUrl.searchParams.get('s')!).language, 'es', 'the frame was asked for Spanish in its URL');
  await context.close();
});

test('W3: a Spanish text edited in "Chat widget texts" shows in the widget on its next load; clearing it restores the default', async () => {
  const greeting = '¡Hola! Soy Helena, ¿buscas una tabla o ruedas?';
  await dashboard.getByRole('link', { name: 'Chat widget' }).click();
  await dashboard.getByRole('heading', { name: 'Chat widget texts' }).waitFor();
  await dashboard.getByRole('button', { name: /^ES/ }).click();
  const field = dashboard.getByLabel('Online invitation');
  await expect(async () => (await field.getAttribute('placeholder')) === es.greetingLive, 'the Spanish defaults are shown');
  await field.fill(greeting);
  await dashboard.getByRole('button', { name: 'Save texts' }).click();
  await dashboard.getByText(/^Saved\./).waitFor();

  const page = await spanish.newPage();
  let widget = await openDemoWidget(page, es.messageLabel);
  await widget.getByText(greeting).waitFor();
  // English visitors keep the English default.
  const english = await (await browser.newContext({ locale: 'en-US' })).newPage();
  const enWidget = await openDemoWidget(english, 'Message');
  await enWidget.getByText(widgetTextDefaults.en.greetingLive).waitFor();
  await english.context().close();

  // Clearing the field restores the default, again on the next load.
  await dashboard.getByRole('button', { name: /^EN/ }).click();
  await dashboard.getByRole('button', { name: /^ES/ }).click();
  await expect(async () => (await dashboard.getByLabel('Online invitation').inputValue()) === greeting, 'the saved text is shown');
  await dashboard.getByLabel('Online invitation').fill('');
  await dashboard.getByRole('button', { name: 'Save texts' }).click();
  await dashboard.getByText(/^Saved\./).waitFor();
  await page.reload();
  await page.getByRole('button', { name: 'Open chat' }).click();
  widget = widgetFrame(page);
  await widget.getByText(es.greetingLive).waitFor();
  assert.equal(await widget.getByText(greeting).count(), 0);
  await page.close();
});

async function widgetFrameLang(page: Page): Promise<string | null> {
  const frame = page.frames().find((f) => f.url().includes('/widget/'));
  return frame ? frame.evaluate(() => document.documentElement.lang) : null;
}
