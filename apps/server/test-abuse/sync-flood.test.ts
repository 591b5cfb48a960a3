// test:abuse, F7: a visitor looping `sync {after:0}` on a 520-message thread, against a started
// server process. Its syncs are refused once over the limit, each allowed one carries a page (not
// the whole thread), and another visitor's messages are stored promptly throughout.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorCode, MESSAGE_PAGE_SIZE } from '@palique/protocol';
import { clientId, connectVisitor, setupOwner, startServerProcess, type OwnerSession, type ServerProcess } from '@palique/server/testing';

const THREAD = 520;
const FLOOD_MS = 4_000;

let server: ServerProcess;
let owner: OwnerSession;
before(async () => {
  // The thread is written fast; the sync limit stays at its default.
  server = await startServerProcess({ name: 'abuse-sync', host: '127.0.0.1', env: { WIDGET_RATE_LIMIT: '100000' } });
  owner = await setupOwner(server);
});
after(() => server?.close());

test('F7 abuse: a sync flood is rate limited, pages stay pages, and another visitor is not slowed down', async () => {
  const flooder = await connectVisitor(server, owner.widgetId);
  for (let i = 0; i < THREAD; i += 100) {
    const acks = await Promise.all(Array.from({ length: Math.min(100, THREAD - i) }, (_, k) => flooder.emit('message:send', { clientId: clientId(), text: `message ${i + k}` }, 20_000)));
    assert.ok(acks.every((a) => a.ok));
  }
  const other = await connectVisitor(server, owner.widgetId);
  try {
    let stop = false;
    const counts = { ok: 0, limited: 0, other: 0, largestPage: 0 };
    // Four syncs always in flight, each sent again as soon as it is answered.
    const loop = async () => {
      while (!stop) {
        const ack = await flooder.emit('sync', { after: 0 });
        if (ack.ok) {
          counts.ok++;
          counts.largestPage = Math.max(counts.largestPage, ack.messages.length);
        } else if (ack.error.code === ErrorCode.RateLimited) counts.limited++;
        else counts.other++;
      }
    };
    const flood = Promise.all([loop(), loop(), loop(), loop()]);
    const latencies: number[] = [];
    const until = Date.now() + FLOOD_MS;
    while (Date.now() < until) {
      const t0 = performance.now();
      const ack = await other.emit('message:send', { clientId: clientId(), text: 'still fast?' });
      latencies.push(performance.now() - t0);
      assert.ok(ack.ok, JSON.stringify(ack));
      await new Promise((r) => setTimeout(r, 50));
    }
    stop = true;
    await flood;
    latencies.sort((a, b) => a - b);
    const p95 = latencies[Math.floor(latencies.length * 0.95)]!;
    console.log(`sync flood: ${counts.ok} served, ${counts.limited} refused; other visitor's send p95 ${p95.toFixed(1)} ms over ${latencies.length} messages`);
    assert.equal(counts.other, 0);
    assert.ok(counts.limited > counts.ok, `refused ${counts.limited}, served ${counts.ok}`);
    assert.ok(counts.ok <= 20 * Math.ceil(FLOOD_MS / 10_000 + 1), `served at most the limit (${counts.ok})`);
    assert.equal(counts.largestPage, MESSAGE_PAGE_SIZE, 'a full sync is one page');
    assert.ok(p95 < 250, `p95 ${p95.toFixed(1)} ms`);
  } finally {
    flooder.close();
    other.close();
  }
});
