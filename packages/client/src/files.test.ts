// Files, client side: signed URLs are asked for once per file while fresh, and again once they
// are close to expiring (a page left open, or a client back after a while, still shows its files).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FileUrls } from '@palique/protocol';
import { FileUrlCache, formatFileSize } from './files';

function urlsOf(id: string, expiresAt: Date, n: number): FileUrls {
  return { attachment: { id, name: 'a.png', size: 1, contentType: 'image/png', kind: 'image' }, url: `/files/${id}/file?n=${n}`, thumbnailUrl: null, expiresAt: expiresAt.toISOString() };
}

test('Files: a file\'s URLs are asked for once while fresh, and again when close to their expiry', async () => {
  let now = Date.parse('2026-03-02T08:00:00Z');
  let asked = 0;
  const cache = new FileUrlCache(async (id) => urlsOf(id, new Date(now + 60 * 60_000), ++asked), () => now);
  const [a, b] = await Promise.all([cache.get('f1'), cache.get('f1')]);
  assert.equal(asked, 1);
  assert.equal(a, b);
  // Already expiring (the server's clock ahead of ours, say): not kept.
  now += 58 * 60_000;
  const expiring = new FileUrlCache(async (id) => urlsOf(id, new Date(now + 60_000), ++asked), () => now);
  await expiring.get('f2');
  await expiring.get('f2');
  assert.equal(asked, 3);
});

test('Files: a failed lookup is not kept; the next view asks again', async () => {
  let calls = 0;
  const cache = new FileUrlCache(async (id) => {
    calls++;
    if (calls === 1) throw new Error('offline');
    return urlsOf(id, new Date(Date.now() + 3_600_000), calls);
  });
  await assert.rejects(cache.get('f'));
  assert.equal((await cache.get('f')).url, '/files/f/file?n=2');
});

test('Files: sizes read as people say them', () => {
  assert.deepEqual([formatFileSize(900), formatFileSize(1280), formatFileSize(3.45 * 1024 * 1024)], ['900 B', '1 KB', '3.5 MB']);
});
