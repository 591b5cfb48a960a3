// Debian's Chromium driven by playwright-core (never a downloaded browser).
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

/**
 * A page that records anything a hostile message could make happen: dialogs (alert) and
 * uncaught errors. `window.__pwned` is checked by the tests in every frame.
 */
export async function watchedPage(context: BrowserContext): Promise<{ page: Page; dialogs: string[]; errors: string[] }> {
  const page = await context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, dialogs, errors };
}

/** True when any frame of the page has window.__pwned set. */
export async function anyFramePwned(page: Page): Promise<boolean> {
  for (const frame of page.frames()) {
    const pwned = await frame.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned).catch(() => undefined);
    if (pwned !== undefined) return true;
  }
  return false;
}
