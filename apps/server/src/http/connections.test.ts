// F1: slow clients are closed at their deadline, and one address cannot hold more than
// MAX_CONNECTIONS_PER_ADDRESS connections.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openRawConnection as rawConnection, startInProcessServer, within } from '@palique/server/testing';

test('F1: a request body that trickles in is closed once the request timeout passes', async () => {
  const server = await startInProcessServer({ env: { HTTP_REQUEST_TIMEOUT_MS: '800', HTTP_HEADERS_TIMEOUT_MS: '400' } });
  const c = await rawConnection(server.port);
  const trickle = setInterval(() => c.socket.write('a'), 100);
  try {
    const started = Date.now();
    c.socket.write('POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{');
    const closedAt = await within(c.closed, 5_000, 'close of the trickling request');
    assert.ok(closedAt - started >= 700, `not before the deadline (${closedAt - started} ms)`);
    assert.match(c.received(), /^HTTP\/1\.1 408/);
  } finally {
    clearInterval(trickle);
    c.socket.destroy();
    await server.close();
  }
});

test('F1: headers that trickle in (slowloris) are closed once the headers timeout passes', async () => {
  const server = await startInProcessServer({ env: { HTTP_REQUEST_TIMEOUT_MS: '800', HTTP_HEADERS_TIMEOUT_MS: '400' } });
  const c = await rawConnection(server.port);
  c.socket.write('GET /api/setup HTTP/1.1\r\nHost: 127.0.0.1\r\n');
  const trickle = setInterval(() => c.socket.write('X-Slow: 1\r\n'), 100);
  try {
    await within(c.closed, 5_000, 'close of the slowloris connection');
  } finally {
    clearInterval(trickle);
    c.socket.destroy();
    await server.close();
  }
});

test('F1: one address holds at most MAX_CONNECTIONS_PER_ADDRESS connections; others keep working', async () => {
  const server = await startInProcessServer({ env: { MAX_CONNECTIONS_PER_ADDRESS: '5' } });
  const held = await Promise.all(Array.from({ length: 5 }, () => rawConnection(server.port)));
  try {
    const sixth = await rawConnection(server.port);
    held.push(sixth);
    await within(sixth.closed, 2_000, 'refusal of the sixth connection');
    held.pop();
    assert.equal(sixth.received(), '', 'refused without an answer');
    // The held connections still work.
    held[0]!.socket.write('GET /api/setup HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    assert.match(await held[0]!.answered(2_000), /^HTTP\/1\.1 200/);
    // Once one closes, a new connection is accepted.
    held.pop()!.socket.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const next = await rawConnection(server.port);
    held.push(next);
    next.socket.write('GET /api/setup HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    assert.match(await next.answered(2_000), /^HTTP\/1\.1 200/);
  } finally {
    for (const c of held) c.socket.destroy();
    await server.close();
  }
});
