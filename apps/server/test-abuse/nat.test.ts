// test:abuse, F11: an office (or a mobile carrier) behind one address. Its returning visitors load
// pages and reconnect far more often than any per-address limit would allow; none is refused. Only
// new visitors are counted per address.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, connectVisitor, setupOwner, startServerProcess, type OwnerSession, type ServerProcess } from '@palique/server/testing';

const NEW_PER_MINUTE = 60;
const PAGE_LOADS_EACH = 10;

let server: ServerProcess;
let owner: OwnerSession;
before(async () => {
  server = await startServerProcess({ name: 'abuse-nat', host: '127.0.0.1', env: { NEW_VISITOR_RATE_LIMIT: String(NEW_PER_MINUTE) } });
  owner = await setupOwner(server);
});
after(() => server?.close());

test('F11 abuse: 60 visitors behind one address load 600 pages and reconnect; none is refused', async () => {
  const session = (token?: string) => api(server, 'POST', `/api/widget/${owner.widgetId}/visitors`, { body: token ? { token } : {} });
  const tokens: string[] = [];
  for (let i = 0; i < NEW_PER_MINUTE; i++) {
    const res = await session();
    assert.equal(res.status, 200);
    tokens.push(res.body.token);
  }
  assert.equal((await session()).status, 429, 'one more new visitor this minute is refused');

  const statuses = new Map<number, number>();
  for (let round = 0; round < PAGE_LOADS_EACH; round++) {
    const results = await Promise.all(tokens.map((t) => session(t)));
    for (const r of results) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  }
  assert.deepEqual([...statuses], [[200, NEW_PER_MINUTE * PAGE_LOADS_EACH]]);

  // Every one of them has the widget open at once, from the same address.
  const sockets = await Promise.all(tokens.map((t) => connectVisitor(server, owner.widgetId, t)));
  try {
    const syncs = await Promise.all(sockets.map((s) => s.emit('sync', { after: 0 })));
    assert.ok(syncs.every((a) => a.ok));
  } finally {
    for (const s of sockets) s.close();
  }
});
