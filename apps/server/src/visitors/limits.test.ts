// Visitors behind one address, sockets per visitor, and the expiry of visitors who never wrote
// (F11, F13).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorCode } from '@palique/protocol';
import { api, clientId, connectVisitor, eventually, setupOwner, startInProcessServer, type VisitorSocket } from '@palique/server/testing';
import { openStorage } from '../db/index';
import { expireSilentVisitors } from './expiry';

const newSession = (server: { url: string }, widgetId: string, token?: string) =>
  api(server, 'POST', `/api/widget/${widgetId}/visitors`, { body: token ? { token } : {} });

test('F11: returning visitors behind one address are never refused; only new visitors are limited per address', async () => {
  const server = await startInProcessServer({ env: { NEW_VISITOR_RATE_LIMIT: '3' } });
  try {
    const { widgetId } = await setupOwner(server);
    const tokens: string[] = [];
    for (let i = 0; i < 3; i++) tokens.push((await newSession(server, widgetId)).body.token);
    const fourth = await newSession(server, widgetId);
    assert.equal(fourth.status, 429);
    assert.equal(fourth.body.error.code, ErrorCode.RateLimited);
    // An office's page loads: the same three visitors, 60 times in a minute, from one address.
    const statuses = new Set<number>();
    for (let i = 0; i < 60; i++) statuses.add((await newSession(server, widgetId, tokens[i % 3])).status);
    assert.deepEqual([...statuses], [200]);
    // An unknown token asks for a new visitor: that is limited.
    assert.equal((await newSession(server, widgetId, 'not-a-known-token')).status, 429);
  } finally {
    await server.close();
  }
});

test('F13: one visitor may hold MAX_SOCKETS_PER_VISITOR sockets; more are refused until one closes', async () => {
  const server = await startInProcessServer({ env: { MAX_SOCKETS_PER_VISITOR: '4' } });
  const sockets: VisitorSocket[] = [];
  try {
    const { widgetId } = await setupOwner(server);
    sockets.push(await connectVisitor(server, widgetId));
    const { token } = sockets[0]!;
    for (let i = 1; i < 4; i++) sockets.push(await connectVisitor(server, widgetId, token));
    const refused = await connectVisitor(server, widgetId, token).then(
      (s) => (sockets.push(s), undefined),
      (err: Error & { data?: { code: string } }) => err.data?.code,
    );
    assert.equal(refused, ErrorCode.TooManyConnections);
    // Another visitor is not affected, and the capped one still talks.
    sockets.push(await connectVisitor(server, widgetId));
    assert.ok((await sockets[1]!.emit('message:send', { clientId: clientId(), text: 'still here' })).ok);
    sockets.shift()!.close();
    // The server hears the close a moment later; then there is room again.
    const again = await eventually(
      () => connectVisitor(server, widgetId, token).catch(() => undefined),
      (s) => s !== undefined,
      3_000,
    );
    sockets.push(again!);
  } finally {
    for (const s of sockets) s.close();
    await server.close();
  }
});

test('F13: visitors who never wrote are deleted after VISITOR_EXPIRY_DAYS; visitors who wrote stay', async () => {
  const server = await startInProcessServer();
  const storage = await openStorage(server.config);
  try {
    const { widgetId } = await setupOwner(server);
    const silent = (await newSession(server, widgetId)).body;
    const writer = await connectVisitor(server, widgetId);
    assert.ok((await writer.emit('message:send', { clientId: clientId(), text: 'hello' })).ok);
    writer.close();
    assert.equal(await expireSilentVisitors(storage, { days: 30 }), 0, 'nobody is 30 days old yet');
    const in31Days = () => new Date(Date.now() + 31 * 86_400_000);
    assert.equal(await expireSilentVisitors(storage, { days: 30, now: in31Days, batchSize: 1 }), 1);
    // The silent visitor's token is unknown now (a new visitor is made); the writer's still works.
    assert.notEqual((await newSession(server, widgetId, silent.token)).body.visitorId, silent.visitorId);
    const back = await connectVisitor(server, widgetId, writer.token);
    back.close();
  } finally {
    await storage.close();
    await server.close();
  }
});

test('F13: the expiry job runs at start-up', async () => {
  // 0.00001 days is under a second: the visitor below is old enough by the restart.
  const server = await startInProcessServer({ env: { VISITOR_EXPIRY_DAYS: '0.00001' } });
  try {
    const { widgetId } = await setupOwner(server);
    const silent = (await newSession(server, widgetId)).body;
    await new Promise((r) => setTimeout(r, 1_000));
    await server.restart();
    const renewed = await eventually(
      () => newSession(server, widgetId, silent.token),
      (res) => res.status !== 200 || res.body.visitorId !== silent.visitorId,
      5_000,
    );
    assert.equal(renewed.status, 200);
    assert.notEqual(renewed.body.visitorId, silent.visitorId, 'the silent visitor was expired: its token starts a new visitor');
  } finally {
    await server.close();
  }
});
