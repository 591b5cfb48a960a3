// A new visitor's first page view: the widget opens its socket without a token, the handshake
// starts the visitor and the socket's first event is their session. No HTTP round trip, the same
// per-address limit on new visitors, and the token kept works on the next page view.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { io } from 'socket.io-client';
import { ErrorCode, VISITOR_NAMESPACE } from '@palique/protocol';
import { clientId, connectVisitor, conversationOfVisitor, serverWithOwner, setupOwner, startInProcessServer } from '@palique/server/testing';
import { VisitorChatClient } from './visitor-client';

const ctx = serverWithOwner();
const clients: VisitorChatClient[] = [];
after(() => clients.forEach((c) => c.stop()));

/** The fetch the client gets: counts the requests it makes, and makes them. */
function countingFetch() {
  const urls: string[] = [];
  const fetchFn: typeof fetch = (input, init) => {
    urls.push(String(input));
    return fetch(input, init);
  };
  return { urls, fetchFn };
}

test('W1/F11: a new visitor starts with their socket alone; the token it sends is kept, and opens the same visitor on the next page view', async () => {
  const storage = new Map<string, string>();
  const { urls, fetchFn } = countingFetch();
  const first = new VisitorChatClient({ baseUrl: ctx.server.url, widgetId: ctx.owner.widgetId, storage, ackTimeoutMs: 5_000, fetch: fetchFn });
  clients.push(first);
  await first.start();
  assert.deepEqual(urls, [], 'no HTTP request before the chat is ready');
  const visitorId = first.getState().visitorId;
  assert.ok(visitorId, 'the visitor is known from the session event');
  const token = storage.get(`palique:${ctx.owner.widgetId}:token`);
  assert.ok(token && token.length >= 16, 'the token is kept for the next page view');
  assert.equal((await first.send('hello from a first visit')).status, 'sent');
  const conversation = await conversationOfVisitor(ctx.server, ctx.owner.cookie, visitorId);
  assert.ok(conversation, 'the message is in that visitor’s chat');
  first.stop();

  // The next page view: the kept token, the same visitor and thread.
  const again = new VisitorChatClient({ baseUrl: ctx.server.url, widgetId: ctx.owner.widgetId, storage, ackTimeoutMs: 5_000, fetch: fetchFn });
  clients.push(again);
  await again.start();
  assert.equal(again.getState().visitorId, visitorId);
  assert.deepEqual(
    again.getState().messages.map((m) => m.text),
    ['hello from a first visit'],
  );
  assert.deepEqual(urls, []);
  // The token also works where the widget uses HTTP (and with the test client's socket).
  const socket = await connectVisitor(ctx.server, ctx.owner.widgetId, token);
  try {
    assert.ok((await socket.emit('message:send', { clientId: clientId(), text: 'from another tab' })).ok);
  } finally {
    socket.close();
  }
});

test('F11: a handshake without a token counts against the per-address limit on new visitors; a kept token never does', async () => {
  const server = await startInProcessServer({ env: { NEW_VISITOR_RATE_LIMIT: '2' } });
  const open: Array<{ close(): void }> = [];
  try {
    const { widgetId } = await setupOwner(server);
    const start = () =>
      new Promise<{ token: string; visitorId: string }>((resolve, reject) => {
        const socket = io(server.url + VISITOR_NAMESPACE, { auth: { widgetId }, transports: ['websocket'], reconnection: false, forceNew: true });
        open.push(socket);
        socket.once('session', resolve);
        socket.once('connect_error', (err: Error & { data?: { code: string } }) => reject(Object.assign(new Error(err.message), { code: err.data?.code })));
      });
    const a = await start();
    const b = await start();
    assert.notEqual(a.visitorId, b.visitorId, 'each tokenless handshake is a new visitor');
    await assert.rejects(start(), (err: { code?: string }) => err.code === ErrorCode.RateLimited);
    // Returning visitors from the same address still connect.
    const back = await connectVisitor(server, widgetId, a.token);
    open.push(back);
    assert.ok((await back.emit('message:send', { clientId: clientId(), text: 'back again' })).ok);
  } finally {
    open.forEach((s) => s.close());
    await server.close();
  }
});

test('F11: behind a trusted proxy, tokenless handshakes are limited per forwarded address, as HTTP requests are', async () => {
  const server = await startInProcessServer({ env: { NEW_VISITOR_RATE_LIMIT: '1', TRUST_PROXY: '1' } });
  const open: Array<{ close(): void }> = [];
  try {
    const { widgetId } = await setupOwner(server);
    const startFrom = (address: string) =>
      new Promise<string>((resolve) => {
        const socket = io(server.url + VISITOR_NAMESPACE, {
          auth: { widgetId },
          extraHeaders: { 'x-forwarded-for': address },
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
        });
        open.push(socket);
        socket.once('session', () => resolve('started'));
        socket.once('connect_error', (err: Error & { data?: { code: string } }) => resolve(err.data?.code ?? err.message));
      });
    assert.equal(await startFrom('203.0.113.1'), 'started');
    assert.equal(await startFrom('203.0.113.2'), 'started', 'another client behind the same proxy');
    assert.equal(await startFrom('203.0.113.1'), ErrorCode.RateLimited);
  } finally {
    open.forEach((s) => s.close());
    await server.close();
  }
});

test('W5: a page view of a visitor who never wrote sends the sync alone; once there are messages, the read receipt follows it', async () => {
  const heard: string[] = [];
  ctx.server.io.of(VISITOR_NAMESPACE).on('connection', (socket) => socket.onAny((event: string) => heard.push(event)));
  const storage = new Map<string, string>();
  const open = async () => {
    const client = new VisitorChatClient({ baseUrl: ctx.server.url, widgetId: ctx.owner.widgetId, storage, ackTimeoutMs: 5_000 });
    clients.push(client);
    await client.start();
    return client;
  };
  const quiet = await open();
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(heard, ['sync']);
  assert.equal((await quiet.send('now there is a thread')).status, 'sent');
  quiet.stop();

  heard.length = 0;
  const back = await open();
  const deadline = Date.now() + 5_000;
  while (!heard.includes('read') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(heard, ['sync', 'read']);
  assert.equal(back.getState().agentReadSeq, 0);
});
