// test:abuse, F1: slow clients against a started server process. Fifty bodies trickle in and
// fifty connections send their headers a line at a time; every one is closed at its deadline,
// and a normal request is served quickly all along.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, openRawConnection, startServerProcess, within, type RawConnection, type ServerProcess } from '@palique/server/testing';

const REQUEST_TIMEOUT_MS = 2_000;
const HEADERS_TIMEOUT_MS = 1_000;
const SLOW_CLIENTS = 50;

let server: ServerProcess;
before(async () => {
  server = await startServerProcess({
    name: 'abuse-slow',
    host: '127.0.0.1',
    env: { HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS), HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS) },
  });
});
after(() => server?.close());

/** Writes `chunk` every 200 ms until the connection is closed. */
function trickle(c: RawConnection, chunk: string): void {
  const timer = setInterval(() => c.socket.write(chunk), 200);
  void c.closed.then(() => clearInterval(timer));
}

test('F1 abuse: trickling bodies and slowloris headers are closed at their deadlines; others are served meanwhile', async () => {
  const started = Date.now();
  const bodies = await Promise.all(Array.from({ length: SLOW_CLIENTS }, () => openRawConnection(server.port)));
  for (const c of bodies) {
    c.socket.write('POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{');
    trickle(c, ' ');
  }
  const headers = await Promise.all(Array.from({ length: SLOW_CLIENTS }, () => openRawConnection(server.port)));
  for (const c of headers) {
    c.socket.write('GET /api/setup HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    trickle(c, 'X-Slow: 1\r\n');
  }
  try {
    // While they trickle, an ordinary request is answered at once.
    const t0 = Date.now();
    assert.equal((await api(server, 'GET', '/api/setup')).status, 200);
    assert.ok(Date.now() - t0 < 1_000, `served in ${Date.now() - t0} ms`);

    const closedAt = await within(Promise.all([...bodies, ...headers].map((c) => c.closed)), REQUEST_TIMEOUT_MS + 5_000, 'close of every slow client');
    const last = Math.max(...closedAt) - started;
    assert.ok(last < REQUEST_TIMEOUT_MS + 3_000, `all closed ${last} ms after they started`);
    assert.ok(bodies.every((c) => /^HTTP\/1\.1 408/.test(c.received())), 'the trickling bodies were answered 408');
  } finally {
    for (const c of [...bodies, ...headers]) c.socket.destroy();
  }
});
