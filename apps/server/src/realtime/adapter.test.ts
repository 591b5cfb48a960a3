// The Redis adapter's parser: a process does not decode the broadcasts it published itself (it
// would only drop them), and every broadcast still reaches the sockets of every process, once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { startRedisServer } from '@palique/server/testing';
import { OwnBroadcastsUnread, redisAdapter } from './adapter';

const broadcast = (uid: string, text: string) => [uid, { type: 2, data: ['message:new', { text }], nsp: '/visitor' }, { rooms: ['visitor:v1'], except: [], flags: {} }];

test("a broadcast is decoded by the other processes' parsers and not by its own", () => {
  const mine = new OwnBroadcastsUnread();
  const theirs = new OwnBroadcastsUnread();
  const sent = mine.encode(broadcast('Ab3dE_9x', 'Hello'));
  theirs.encode(broadcast('Zz0yX-1w', 'theirs')); // the other process has published too
  assert.deepEqual(theirs.decode(sent), broadcast('Ab3dE_9x', 'Hello'));
  // Its own: only the sender is read, even from bytes that would not decode as a whole.
  const truncated = sent.subarray(0, sent.length - 3);
  assert.throws(() => theirs.decode(truncated));
  assert.deepEqual(mine.decode(truncated), ['Ab3dE_9x']);
  // Requests between processes (maps with the sender's uid) decode as before, its own too.
  const request = { uid: 'Ab3dE_9x', type: 3, requestId: 'r1', data: 'presence:changed' };
  assert.deepEqual(mine.decode(mine.encode(request)), request);
  // A parser that has not published yet decodes everything.
  assert.deepEqual(new OwnBroadcastsUnread().decode(sent), broadcast('Ab3dE_9x', 'Hello'));
});

test('with the parser, two processes on one Redis deliver each broadcast to every socket of the room once', async () => {
  const redis = await startRedisServer();
  const clients: Redis[] = [];
  const servers: Array<{ io: Server; url: string }> = [];
  const sockets: ClientSocket[] = [];
  try {
    for (let i = 0; i < 2; i++) {
      const [publisher, subscriber] = [new Redis(redis.url), new Redis(redis.url)];
      clients.push(publisher, subscriber);
      const httpServer = http.createServer();
      const io = new Server(httpServer, { adapter: redisAdapter(publisher, subscriber, 'adapter-test#socket.io') });
      io.of('/visitor').on('connection', (socket) => void socket.join('visitor:v1'));
      await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
      servers.push({ io, url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}` });
    }
    await Promise.all(clients.map((c) => c.ping()));
    const heard: string[][] = [[], []];
    for (const [i, { url }] of servers.entries()) {
      const socket = connect(`${url}/visitor`, { transports: ['websocket'], forceNew: true });
      socket.on('message:new', ({ text }: { text: string }) => heard[i]!.push(text));
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      sockets.push(socket);
    }
    await new Promise((r) => setTimeout(r, 100)); // both subscriptions are in place
    const texts = Array.from({ length: 20 }, (_, i) => `message ${i}`);
    texts.forEach((text, i) => servers[i % 2]!.io.of('/visitor').to('visitor:v1').emit('message:new', { text }));
    const until = Date.now() + 5_000;
    while ((heard[0]!.length < texts.length || heard[1]!.length < texts.length) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200)); // a copy heard twice would be here by now
    for (const h of heard) assert.deepEqual([...h].sort(), [...texts].sort());
  } finally {
    sockets.forEach((s) => s.disconnect());
    await Promise.all(servers.map(({ io }) => io.close()));
    // QUIT once the adapters' last commands (their unsubscribes on close) are answered: a
    // disconnect would reject those after the test, on a loaded machine.
    await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
    await redis.kill();
  }
});
