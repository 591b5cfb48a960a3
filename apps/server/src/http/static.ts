// Serves the built front ends: the dashboard at /, the widget loader at /widget.js and the
// widget's chat app (the iframe) under /widget/. Each gets the headers it needs.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { ErrorCode } from '@palique/protocol';
import { securityHeaders, type HeaderSet } from './headers';

const setAll = (res: { setHeader(name: string, value: string): unknown }, headers: HeaderSet) => {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
};

export function serveFrontEnds(app: FastifyInstance, appsDir: string, publicUrl: string): void {
  const headers = securityHeaders(publicUrl);
  const dashboardDir = path.join(appsDir, 'dashboard', 'dist');
  const widgetDir = path.join(appsDir, 'widget', 'dist');

  app.get('/widget.js', async (_req, reply) => {
    const file = path.join(widgetDir, 'loader', 'widget.js');
    if (!fs.existsSync(file)) return reply.status(503).send({ error: { code: ErrorCode.NotBuilt, message: 'The widget is not built: run npm run build' } });
    return reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .header('access-control-allow-origin', '*')
      .header('x-content-type-options', 'nosniff')
      .send(fs.createReadStream(file));
  });

  void app.register(fastifyStatic, {
    root: path.join(widgetDir, 'frame'),
    prefix: '/widget/',
    decorateReply: false,
    // The chat app may be framed by any site: that is its job.
    setHeaders: (res) => setAll(res, headers.widgetFrame),
  });

  void app.register(fastifyStatic, {
    root: dashboardDir,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    setHeaders: (res) => setAll(res, headers.dashboard),
  });

  // Client-side routes of the dashboard (e.g. /conversations/…) get its index.html.
  app.setNotFoundHandler((req, reply) => {
    const wantsPage = req.method === 'GET' && !/^\/(api|widget|socket\.io)(\/|$)/.test(req.url) && (req.headers.accept ?? '').includes('text/html');
    const index = path.join(dashboardDir, 'index.html');
    if (wantsPage && fs.existsSync(index)) {
      return reply.type('text/html; charset=utf-8').headers(headers.dashboard).send(fs.createReadStream(index));
    }
    return reply.status(404).send({ error: { code: ErrorCode.NotFound, message: `No route ${req.method} ${req.url.split('?')[0]}` } });
  });
}
