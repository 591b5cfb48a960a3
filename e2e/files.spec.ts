// Files: an image sent from the widget shows as a thumbnail in the dashboard (and opens full
// size); a file sent by the agent shows as a download link, with name and size, in the widget.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { startServerProcess, type ServerProcess } from '@palique/server/testing';
import { launchBrowser, watchedPage } from './support/browser';
import { axeViolations } from './support/axe';
import { createOwnerAccount, openWidget, visitorSends } from './support/ui';

let server: ServerProcess;
let browser: Browser;

before(async () => {
  server = await startServerProcess({ name: 'e2e-files', publicHost: 'localhost' });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('Files: an image from the widget is a thumbnail in the dashboard; a file from the agent is a download link in the widget', async () => {
  const agent = await watchedPage(await browser.newContext());
  await createOwnerAccount(agent.page, server.url);
  const visitor = await watchedPage(await browser.newContext());
  await visitor.page.goto(`${server.directUrl}/demo/`);
  const widget = await openWidget(visitor.page);
  await visitorSends(widget, 'Here is a photo of the damage');
  await agent.page.getByText('Here is a photo of the damage').first().click();
  await agent.page.locator('.message-text', { hasText: 'Here is a photo of the damage' }).waitFor();

  // The visitor attaches a photo (with the attach button's file input).
  const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#c33' } }).png().toBuffer();
  await widget.locator('input[type=file]').setInputFiles({ name: 'damage.png', mimeType: 'image/png', buffer: photo });
  // Both sides show it as a thumbnail that really loaded.
  const thumb = agent.page.locator('.message-in .attachment-image img[alt="damage.png"]');
  await thumb.waitFor();
  await agent.page.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0, await thumb.elementHandle());
  assert.equal(await thumb.evaluate((img: HTMLImageElement) => img.naturalWidth), 320);
  const full = await agent.page.locator('.message-in a.attachment-image').getAttribute('href');
  assert.match(full ?? '', /^\/files\/[0-9a-f-]+\/file\?exp=\d+&sig=/);
  const widgetThumb = widget.locator('.msg--mine .attachment--image img[alt="damage.png"]');
  await widgetThumb.waitFor();
  await widgetThumb.evaluate((img: HTMLImageElement) => (img.complete && img.naturalWidth > 0 ? undefined : new Promise((done) => (img.onload = done))));

  // The agent sends a file: the visitor gets a download link with its name and size.
  await agent.page.locator('input[type=file]').setInputFiles({ name: 'invoice <2026>.html', mimeType: 'text/html', buffer: Buffer.from('<script>parent.pwned=1</script>'.repeat(40)) });
  const link = widget.locator('.msg--theirs a.attachment--file');
  await link.waitFor();
  assert.match(await link.innerText(), /invoice <2026>\.html\s+1 KB/);
  assert.equal(await link.getAttribute('download'), 'invoice <2026>.html');
  await widget.locator('.msg--theirs a.attachment--file[href^="/files/"]').waitFor();
  // Downloading it gives the bytes as a file, never a page that runs.
  const [download] = await Promise.all([visitor.page.waitForEvent('download'), link.click()]);
  assert.match(download.suggestedFilename(), /^invoice .2026.\.html$/);
  assert.equal(await visitor.page.evaluate(() => (window as unknown as { pwned?: number }).pwned), undefined);
  await agent.page.locator('.message-out a.attachment-file', { hasText: 'invoice <2026>.html' }).waitFor();

  // An image pasted into the agent's reply box goes out too; the visitor sees its thumbnail.
  await agent.page.getByLabel('Message').evaluate(async (box, bytes) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(bytes)], 'pasted.png', { type: 'image/png' }));
    box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, [...photo]);
  await widget.locator('.msg--theirs .attachment--image img[alt="pasted.png"]').waitFor();

  assert.deepEqual(await axeViolations(agent.page), []);
  const frame = visitor.page.frames().find((f) => f.url().includes('/widget/'))!;
  assert.deepEqual(await axeViolations(frame), []);
  assert.deepEqual(agent.errors, []);
  assert.deepEqual(visitor.errors, []);
});
