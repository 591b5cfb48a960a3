// A site owner's small shop on its own origin (127.0.0.1; the dashboard is on localhost): the
// pages Home "/", Shoes "/shoes" and Cart "/cart", each with a link to the cart and the
// account's widget snippet, for journeys in which a visitor browses.
import http from 'node:http';
import { freePort } from '@palique/server/testing';

const TITLES: Record<string, string> = { '/': 'Home', '/shoes': 'Shoes', '/cart': 'Cart' };

function page(path: string, snippet: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${TITLES[path] ?? 'Other'}</title></head><body>
  <h1>My shop</h1>
  <a href="/cart" id="cart">Cart</a>
  ${snippet}
  </body></html>`;
}

export async function startShopSite(snippet: string): Promise<{ url: string; close(): void }> {
  const port = await freePort();
  const site = http.createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page(new URL(req.url ?? '/', 'http://x').pathname, snippet)));
  await new Promise<void>((r) => site.listen(port, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${port}`, close: () => site.close() };
}
