// A burst of frames to one socket reaches it whole and in order, in a handful of writes to the
// network instead of one per frame (what an agent's socket gets under load).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { io as connect } from 'socket.io-client';
import { coalesceFlushes } from './coalesce';

const BURST = 300;

/** Sends a burst to the first socket that connects; counts the system calls its TCP socket makes. */
async function burst(coalesce: boolean): Promise<{ received: number[]; writes: number }> {
  const http = createServer();
  const io = new Server(http, { transports: ['websocket'] });
  if (coalesce) coalesceFlushes(io);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  let writes = 0;
  io.on('connection', (socket: Socket) => {
    const tcp = (socket.conn.transport as unknown as { socket: { _socket: Record<string, (...a: unknown[]) => unknown> } }).socket._socket;
    for (const method of ['_write', '_writev']) {
      const original = tcp[method]!.bind(tcp);
      tcp[method] = (...args: unknown[]) => {
        writes++;
        return original(...args);
      };
    }
    for (let i = 0; i < BURST; i++) socket.emit('n', i);
  });
  const client = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { transports: ['websocket'] });
  const received: number[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${received.length} of ${BURST} frames arrived`)), 10_000);
      client.on('n', (i: number) => {
        received.push(i);
        if (received.length === BURST) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  } finally {
    client.close();
    await new Promise<void>((resolve) => io.close(() => resolve()));
  }
  return { received, writes };
}

test('a burst of frames arrives whole and in order, in a few writes to the network', async () => {
  const { received, writes } = await burst(true);
  assert.deepEqual(received, Array.from({ length: BURST }, (_, i) => i));
  assert.ok(writes <= 10, `${BURST} frames took ${writes} writes`);
});

test('without it each frame is its own write (what the test above would see)', async () => {
  const { received, writes } = await burst(false);
  assert.equal(received.length, BURST);
  assert.ok(writes >= BURST / 2, `${BURST} frames took ${writes} writes`);
});
