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

/** Vite names every file under assets/ by its content hash: it never changes, so caches keep it a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (HTML, the service worker, the manifest, icons) is revalidated on every use. */
export const REVALIDATE = 'no-cache';

/**
 * Caching and encoding headers of a built file: a year for hashed assets, revalidation for the
 * rest, and `Vary: Accept-Encoding` on everything that is also stored compressed (.br/.gz).
 */
function setCaching(res: { setHeader(name: string, value: string): unknown }, file: string): void {
  res.setHeader('cache-control', /[\\/]assets[\\/]/.test(file) ? IMMUTABLE : REVALIDATE);
  res.setHeader('vary', 'Accept-Encoding');
}

/** Brotli, then gzip, then none: what the loader route sends for this Accept-Encoding header. */
export function pickEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return undefined;
}

export function serveFrontEnds(app: FastifyInstance, appsDir: string, publicUrl: string): void {
  const headers = securityHeaders(publicUrl);
  const dashboardDir = path.join(appsDir, 'dashboard', 'dist');
  const widgetDir = path.join(appsDir, 'widget', 'dist');

  // The loader every host page loads: cached five minutes (it is not hashed, and a new release
  // must reach sites soon), sent compressed from the files the build wrote beside it.
  app.get('/widget.js', async (req, reply) => {
    const file = path.join(widgetDir, 'loader', 'widget.js');
    if (!fs.existsSync(file)) return reply.status(503).send({ error: { code: ErrorCode.NotBuilt, message: 'The widget is not built: run npm run build' } });
    const encoding = pickEncoding(req.headers['accept-encoding']);
    const compressed = encoding && `${file}.${encoding === 'br' ? 'br' : 'gz'}`;
    const useCompressed = compressed !== undefined && fs.existsSync(compressed);
    if (useCompressed) reply.header('content-encoding', encoding);
    return reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .header('vary', 'Accept-Encoding')
      .header('access-control-allow-origin', '*')
      .header('x-content-type-options', 'nosniff')
      .send(fs.createReadStream(useCompressed ? compressed : file));
  });

  // W7: the site owners' typings, as text (the static files' table would call a .ts a video).
  app.get('/widget/palique.d.ts', async (_req, reply) => {
    const file = path.join(widgetDir, 'frame', 'palique.d.ts');
    if (!fs.existsSync(file)) return reply.status(404).send({ error: { code: ErrorCode.NotFound, message: 'No typings: run npm run build' } });
    return reply.type('text/plain; charset=utf-8').header('cache-control', REVALIDATE).header('access-control-allow-origin', '*').send(fs.createReadStream(file));
  });

  void app.register(fastifyStatic, {
    root: path.join(widgetDir, 'frame'),
    prefix: '/widget/',
    decorateReply: false,
    preCompressed: true,
    cacheControl: false,
    // The chat app may be framed by any site: that is its job.
    setHeaders: (res, file) => {
      setAll(res, headers.widgetFrame);
      setCaching(res, file);
    },
  });

  void app.register(fastifyStatic, {
    root: dashboardDir,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    preCompressed: true,
    cacheControl: false,
    setHeaders: (res, file) => {
      setAll(res, headers.dashboard);
      setCaching(res, file);
    },
  });

  // Client-side routes of the dashboard (e.g. /conversations/…, and /widget, the Chat widget
  // section, reloaded) get its index.html; /widget/… is the widget's own frame.
  app.setNotFoundHandler((req, reply) => {
    const wantsPage = req.method === 'GET' && !/^\/(api(\/|$|\?)|widget\/|socket\.io(\/|$))/.test(req.url) && (req.headers.accept ?? '').includes('text/html');
    const index = path.join(dashboardDir, 'index.html');
    if (wantsPage && fs.existsSync(index)) {
      return reply.type('text/html; charset=utf-8').headers(headers.dashboard).header('cache-control', REVALIDATE).send(fs.createReadStream(index));
    }
    return reply.status(404).send({ error: { code: ErrorCode.NotFound, message: `No route ${req.method} ${req.url.split('?')[0]}` } });
  });
}
