// What a host page pays over the wire for the widget, measured in Debian's Chromium (encoded body
// plus response headers of every request the widget makes, i.e. what crossed the network after
// compression and caching): on the first page view, on opening the chat, and on a second page view
// of the same site. Run by `npm run size` after the file-size table; prints figures and returns them.
import type { Request } from 'playwright-core';
import { setupOwner, startServerProcess } from '@palique/server/testing';
import { launchBrowser } from '../e2e/support/browser';

export interface WireFigures {
  firstLoad: { bytes: number; requests: number };
  open: { bytes: number; requests: number };
  repeatView: { bytes: number; requests: number };
}

export async function measureWire(): Promise<WireFigures> {
  const server = await startServerProcess({ name: 'wire', publicHost: 'localhost' });
  const browser = await launchBrowser();
  try {
    await setupOwner(server);
    const context = await browser.newContext();
    const page = await context.newPage();
    let phase: { bytes: number; requests: number } = { bytes: 0, requests: 0 };
    const pending = new Set<Promise<void>>();
    const count = (request: Request) => {
      // The host page itself is the site's, not the widget's.
      if (new URL(request.url()).pathname.startsWith('/demo')) return;
      const into = phase;
      const done = request.sizes().then(
        (s) => {
          into.bytes += s.responseBodySize + s.responseHeadersSize;
          into.requests += 1;
        },
        () => undefined,
      );
      pending.add(done);
      void done.finally(() => pending.delete(done));
    };
    page.on('requestfinished', count);
    const settle = async () => {
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(500);
      await Promise.all([...pending]);
    };
    // The chat app's frame (inside the loader's shadow root) has loaded: then wait for the network to rest.
    const widgetReady = async () => {
      for (let i = 0; i < 300 && !page.frames().some((f) => f.url().includes('/widget/')); i++) await page.waitForTimeout(100);
      await settle();
    };

    const firstLoad = phase;
    await page.goto(`${server.directUrl}/demo/`);
    await widgetReady();
    const open = (phase = { bytes: 0, requests: 0 });
    await page.evaluate(() => (window as unknown as { Palique: (cmd: string) => void }).Palique('open'));
    await settle();
    const repeatView = (phase = { bytes: 0, requests: 0 });
    await page.goto(`${server.directUrl}/demo/`);
    await widgetReady();
    await context.close();
    return { firstLoad, open, repeatView };
  } finally {
    await browser.close();
    await server.stop();
  }
}
