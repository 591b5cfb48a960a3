// What the wire carries for the front ends: every text asset goes out Brotli- or gzip-compressed
// (written once at build time), hashed assets are cached for a year, and what is not hashed (the
// pages, the loader) is revalidated or cached briefly, so a new release still reaches every site.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { serverWithOwner } from '@palique/server/testing';
import { pickEncoding } from './static';

const appsDir = path.join(import.meta.dirname, '../../../');
const built = fs.existsSync(path.join(appsDir, 'widget/dist/loader/widget.js.br')) && fs.existsSync(path.join(appsDir, 'dashboard/dist/index.html'));
const ctx = serverWithOwner();

/** A GET that keeps the body as sent (fetch would decompress it). */
function get(route: string, acceptEncoding?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { accept: 'text/html,*/*' };
    if (acceptEncoding !== undefined) headers['accept-encoding'] = acceptEncoding;
    http
      .get(ctx.server.url + route, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

const decode = (res: { headers: http.IncomingHttpHeaders; body: Buffer }) =>
  res.headers['content-encoding'] === 'br' ? zlib.brotliDecompressSync(res.body) : res.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(res.body) : res.body;

/** The hashed script of a built app, as its index.html references it. */
function hashedScript(html: string): string {
  const src = /<script[^>]+src="([^"]*\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  assert.ok(src, 'index.html references a hashed script');
  return src;
}

test('the browser picks Brotli, then gzip, and honours q=0', () => {
  assert.equal(pickEncoding('gzip, deflate, br, zstd'), 'br');
  assert.equal(pickEncoding('gzip, deflate'), 'gzip');
  assert.equal(pickEncoding('br;q=0, gzip;q=0.5'), 'gzip');
  assert.equal(pickEncoding('*'), 'br');
  assert.equal(pickEncoding('identity'), undefined);
  assert.equal(pickEncoding(undefined), undefined);
});

test('the loader goes out compressed, cached five minutes, and decodes to the built file', { skip: !built && 'front ends not built' }, async () => {
  const file = fs.readFileSync(path.join(appsDir, 'widget/dist/loader/widget.js'));
  const br = await get('/widget.js', 'gzip, deflate, br');
  assert.equal(br.status, 200);
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(br.headers['cache-control'], 'public, max-age=300');
  assert.match(String(br.headers.vary), /accept-encoding/i);
  assert.ok(br.body.length < file.length * 0.7, `brotli ${br.body.length} B of ${file.length} B`);
  assert.deepEqual(decode(br), file);
  const gzip = await get('/widget.js', 'gzip');
  assert.equal(gzip.headers['content-encoding'], 'gzip');
  assert.deepEqual(decode(gzip), file);
  const plain = await get('/widget.js');
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.deepEqual(plain.body, file);
});

test('the chat app: a page that revalidates, hashed assets cached a year, both compressed', { skip: !built && 'front ends not built' }, async () => {
  const page = await get('/widget/index.html', 'br');
  assert.equal(page.status, 200);
  assert.equal(page.headers['cache-control'], 'no-cache');
  const script = hashedScript(decode(page).toString('utf8'));
  const asset = await get(script, 'gzip, br');
  assert.equal(asset.status, 200);
  assert.equal(asset.headers['content-encoding'], 'br');
  assert.match(String(asset.headers['content-type']), /javascript/);
  assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.match(String(asset.headers.vary), /accept-encoding/i);
  assert.equal(asset.headers['x-frame-options'], undefined, 'the chat app stays frameable');
  const onDisk = fs.readFileSync(path.join(appsDir, 'widget/dist/frame', script.replace(/^\/widget\//, '')));
  assert.deepEqual(decode(asset), onDisk);
});

test('the dashboard: its page and client-side routes revalidate, its bundle is cached a year and compressed', { skip: !built && 'front ends not built' }, async () => {
  for (const route of ['/', '/conversations/some-id']) {
    const page = await get(route, 'gzip');
    assert.equal(page.status, 200, route);
    assert.equal(page.headers['cache-control'], 'no-cache', route);
    assert.equal(page.headers['x-frame-options'], 'DENY', route);
  }
  const page = await get('/', 'br');
  const script = hashedScript(decode(page).toString('utf8'));
  const asset = await get(script, 'br');
  assert.equal(asset.headers['content-encoding'], 'br');
  assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable');
  const raw = fs.statSync(path.join(appsDir, 'dashboard/dist', script)).size;
  assert.ok(asset.body.length < raw / 2.5, `the dashboard bundle goes out at ${asset.body.length} B of ${raw} B`);
  const worker = await get('/sw.js', 'br');
  assert.equal(worker.headers['cache-control'], 'no-cache', 'a new service worker is picked up at once');
});

test('W7: the typings for site owners are served at /widget/palique.d.ts as text', { skip: !built && 'front ends not built' }, async () => {
  const res = await get('/widget/palique.d.ts');
  assert.equal(res.status, 200);
  assert.match(String(res.headers['content-type']), /^text\/plain/);
  assert.match(decode(res).toString('utf8'), /interface PaliqueSetup/);
});
