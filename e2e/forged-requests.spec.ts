// F12: a page on the same site as the dashboard (another port of its host: the browser sends the
// SameSite=Lax session cookie along) cannot change anything with a form post, and the signed-in
// agent stays signed in. Real Chromium decides which headers the forged request carries.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { freePort, startServerProcess, type ServerProcess } from '@palique/server/testing';
import { launchBrowser } from './support/browser';
import { createOwnerAccount } from './support/ui';

let server: ServerProcess;
let browser: Browser;
let agent: BrowserContext;
let dashboard: Page;
let site: http.Server;
let siteUrl: string;

/** A page that, once opened, posts a form to `action` (text/plain, as a CSRF page would). */
const forgingPage = (action: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Prizes</title></head><body>
  <form method="post" action="${action}" enctype="text/plain"><input type="hidden" name="x" value="y"></form>
  <script>document.forms[0].submit();</script>
  </body></html>`;

before(async () => {
  server = await startServerProcess({ name: 'e2e', publicHost: 'localhost' });
  browser = await launchBrowser();
  agent = await browser.newContext();
  dashboard = await agent.newPage();
  await createOwnerAccount(dashboard, server.url);
  const port = await freePort();
  site = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(forgingPage(server.url + '/api/auth/logout')));
  await new Promise<void>((r) => site.listen(port, '127.0.0.1', () => r()));
  // localhost on another port: another origin, but the same site as the dashboard.
  siteUrl = `http://localhost:${port}`;
});

after(async () => {
  await browser?.close();
  await server?.close();
  site?.close();
});

const signedIn = () => dashboard.evaluate(async () => (await fetch('/api/me')).status);

async function visitForgingPage(): Promise<number> {
  const page = await agent.newPage();
  const forged = page.waitForResponse((res) => res.url().startsWith(server.url) && res.request().method() !== 'GET');
  await page.goto(siteUrl);
  const status = (await forged).status();
  await page.close();
  return status;
}

test('F12: a same-site page cannot sign the agent out with a text/plain form post', async () => {
  assert.equal(await signedIn(), 200);
  assert.equal(await visitForgingPage(), 403);
  assert.equal(await signedIn(), 200, 'still signed in');
});

test('F12: the dashboard itself still signs out', async () => {
  await dashboard.getByRole('button', { name: 'Sign out' }).click();
  await dashboard.getByRole('button', { name: 'Sign in' }).waitFor();
  assert.equal(await signedIn(), 401);
});
