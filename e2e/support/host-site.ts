// A site owner's own pages on a third origin (127.0.0.1 on a port of its own, while the dashboard
// is on localhost), as the widget meets them in production: `render` answers each path.
import http from 'node:http';
import { freePort } from '@palique/server/testing';

export interface HostSite {
  /** Without a trailing slash: `${url}/cart`. */
  url: string;
  close(): void;
}

export async function startHostSite(render: (path: string) => string): Promise<HostSite> {
  const port = await freePort();
  const site = http.createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(render(new URL(req.url ?? '/', 'http://x').pathname)));
  await new Promise<void>((resolve) => site.listen(port, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${port}`, close: () => site.close() };
}
