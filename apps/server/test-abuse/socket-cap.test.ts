// test:abuse, F13 + F1: one visitor opening many sockets at once, and one address opening many
// connections, against a started server process: each gets its cap, no more, and others connect.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorCode } from '@palique/protocol';
import {
  connectVisitor,
  openRawConnection,
  setupOwner,
  startServerProcess,
  within,
  type OwnerSession,
  type RawConnection,
  type ServerProcess,
  type VisitorSocket,
} from '@palique/server/testing';

const SOCKETS_PER_VISITOR = 10;
const CONNECTIONS_PER_ADDRESS = 64;

let server: ServerProcess;
let owner: OwnerSession;
before(async () => {
  server = await startServerProcess({
    name: 'abuse-sockets',
    host: '127.0.0.1',
    env: { MAX_SOCKETS_PER_VISITOR: String(SOCKETS_PER_VISITOR), MAX_CONNECTIONS_PER_ADDRESS: String(CONNECTIONS_PER_ADDRESS) },
  });
  owner = await setupOwner(server);
});
after(() => server?.close());

test('F13 abuse: 50 sockets opened at once for one visitor: 10 connect, the rest are refused', async () => {
  const first = await connectVisitor(server, owner.widgetId);
  const attempts = await Promise.allSettled(Array.from({ length: 49 }, () => connectVisitor(server, owner.widgetId, first.token)));
  const open: VisitorSocket[] = [first, ...attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []))];
  try {
    const refusals = attempts.flatMap((a) => (a.status === 'rejected' ? [(a.reason as { data?: { code: string } }).data?.code] : []));
    assert.equal(open.length, SOCKETS_PER_VISITOR);
    assert.ok(refusals.every((code) => code === ErrorCode.TooManyConnections), JSON.stringify(refusals.slice(0, 3)));
    const someoneElse = await connectVisitor(server, owner.widgetId);
    someoneElse.close();
  } finally {
    for (const s of open) s.close();
  }
});

test('F1 abuse: 100 idle connections from one address: the first 64 are held, the rest closed at once', async () => {
  // Let the server notice the closed sockets of the test before.
  await new Promise((r) => setTimeout(r, 300));
  const conns: RawConnection[] = [];
  try {
    for (let i = 0; i < 100; i++) conns.push(await openRawConnection(server.port));
    const refused = await within(Promise.all(conns.slice(CONNECTIONS_PER_ADDRESS).map((c) => c.closed)), 3_000, 'refusal of the connections over the cap');
    assert.equal(refused.length, 100 - CONNECTIONS_PER_ADDRESS);
    const held = conns[0]!;
    held.socket.write('GET /api/setup HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    assert.match(await held.answered(2_000), /^HTTP\/1\.1 200/);
  } finally {
    for (const c of conns) c.socket.destroy();
  }
});
