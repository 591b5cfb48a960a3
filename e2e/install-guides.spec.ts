// W1: the "Chat widget" section as a new owner installs Palique: the installation guides for six
// site builders, each with the account's own snippet and a Copy button that copies it; the whole
// snippet on screen; the warning when the snippet points at localhost (no PUBLIC_URL) while the
// dashboard is opened at another address; the demo page setting; and no axe violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startServerProcess, type ServerProcess } from '@palique/server/testing';
import { launchBrowser } from './support/browser';
import { axeViolations } from './support/axe';
import { expect } from './support/expect';
import { createOwnerAccount, signIn } from './support/ui';

const PLATFORMS = ['WordPress', 'Shopify', 'Joomla', 'Drupal', 'Wix', 'Google Tag Manager'];

let server: ServerProcess;
let browser: Browser;
let dashboard: Page;
let snippet: string;

before(async () => {
  // PUBLIC_URL not set, as after a first `npm start`: the snippet points at http://localhost:PORT.
  server = await startServerProcess({ name: 'install-guides', env: { PUBLIC_URL: '' } });
  browser = await launchBrowser();
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  dashboard = await context.newPage();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('W1: opened at 127.0.0.1, the Chat widget section warns that the snippet points at localhost and says to set PUBLIC_URL', async () => {
  await createOwnerAccount(dashboard, server.directUrl);
  await dashboard.getByRole('link', { name: 'Chat widget' }).click();
  const box = dashboard.getByRole('textbox', { name: 'Embed code' });
  await box.waitFor();
  snippet = await box.inputValue();
  assert.ok(snippet.includes(`src="http://localhost:${server.port}/widget.js"`), snippet);
  const warning = dashboard.getByRole('note');
  await warning.getByText('This code only works on the computer Palique runs on').waitFor();
  const text = (await warning.textContent()) ?? '';
  assert.ok(text.includes(`http://localhost:${server.port}`), text);
  assert.ok(text.includes(`http://127.0.0.1:${server.port}`), text);
  assert.match(text, /set PUBLIC_URL to the address/);
  assert.match(text, /restart Palique/);
});

test('W1: the snippet box shows the whole snippet, wrapped, in a monospace font', async () => {
  const box = dashboard.getByRole('textbox', { name: 'Embed code' });
  const shown = await box.evaluate((el: HTMLTextAreaElement) => ({
    hiddenRows: el.scrollHeight - el.clientHeight,
    sideways: el.scrollWidth - el.clientWidth,
    font: getComputedStyle(el).fontFamily,
  }));
  assert.ok(shown.hiddenRows <= 1, `nothing scrolled out of view (${shown.hiddenRows}px)`);
  assert.ok(shown.sideways <= 1, `no sideways scrolling (${shown.sideways}px)`);
  assert.match(shown.font, /mono|Consolas|Menlo/i);
});

test('W1: each installation guide shows the steps and the account\'s own snippet, and Copy copies it', async () => {
  const guides = dashboard.getByRole('region', { name: 'Installation guides' });
  for (const platform of PLATFORMS) {
    const toggle = guides.getByRole('button', { name: platform, exact: true });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false', `${platform} starts closed`);
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const guide = guides.getByRole('region', { name: platform, exact: true });
    await guide.waitFor();
    assert.ok((await guide.getByRole('listitem').count()) >= 4, `${platform} has its steps`);
    const code = guide.getByRole('textbox', { name: `Your Palique code for ${platform}` });
    assert.equal(await code.inputValue(), snippet, `${platform} shows the account's snippet`);
    await dashboard.evaluate(() => navigator.clipboard.writeText(''));
    await guide.getByRole('button', { name: 'Copy code' }).click();
    await guide.getByRole('button', { name: 'Copied' }).waitFor();
    assert.equal(await dashboard.evaluate(() => navigator.clipboard.readText()), snippet, `${platform}: Copy puts the snippet on the clipboard`);
  }
  // Where to paste, in the builders' own words.
  await guides.getByText('Under Layout, open theme.liquid.').waitFor();
  await guides.getByText('Click Triggering and choose All Pages.').waitFor();
  // Closing a guide hides it again.
  await guides.getByRole('button', { name: 'Wix', exact: true }).click();
  assert.equal(await guides.getByRole('region', { name: 'Wix', exact: true }).count(), 0);
});

test('W1: the Chat widget section, guides open and warning shown, has no WCAG A/AA violations', async () => {
  const violations = await axeViolations(dashboard);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
});

test('W1: the owner turns on "Demo page for other addresses", and it stays on', async () => {
  const setting = dashboard.getByRole('checkbox', { name: 'Demo page for other addresses' });
  assert.equal(await setting.isChecked(), false);
  await setting.check();
  await dashboard.getByText('Saved', { exact: true }).waitFor();
  // A reload of the section itself (/widget) brings the dashboard back, not a 404.
  await dashboard.reload();
  await expect(() => dashboard.getByRole('checkbox', { name: 'Demo page for other addresses' }).isChecked(), 'the setting is kept');
});

test('W1: opened at the address the snippet points at (localhost), there is no warning', async () => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, `http://localhost:${server.port}`);
  await page.getByRole('link', { name: 'Chat widget' }).click();
  await page.getByRole('textbox', { name: 'Embed code' }).waitFor();
  assert.equal(await page.getByText('This code only works on the computer Palique runs on').count(), 0);
});
