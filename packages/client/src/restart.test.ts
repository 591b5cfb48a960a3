// F10: Palique('restart') through the visitor client, against a real server: the old token is
// revoked (a copy of it opens nothing), and the widget goes on as a new anonymous visitor.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { connectVisitor, serverWithOwner } from '@palique/server/testing';
import { VisitorChatClient } from './visitor-client';

const ctx = serverWithOwner();
const clients: VisitorChatClient[] = [];
after(() => clients.forEach((c) => c.stop()));

test('F10: restart revokes the token, forgets the thread and starts a new anonymous visitor', async () => {
  const storage = new Map<string, string>();
  const client = new VisitorChatClient({ baseUrl: ctx.server.url, widgetId: ctx.owner.widgetId, storage, ackTimeoutMs: 5_000 });
  clients.push(client);
  await client.start();
  await client.setVisitor({ name: 'Ada' });
  assert.equal((await client.send('before the restart')).status, 'sent');
  const oldToken = storage.get(`palique:${ctx.owner.widgetId}:token`)!;
  const oldVisitorId = client.getState().visitorId;

  const restarted = client.restart();
  // Called at once after restart: the new visitor's details, not the old one's.
  const named = client.setVisitor({ name: 'Grace' });
  await restarted;
  assert.equal((await named).ok, true);

  const state = client.getState();
  assert.equal(state.synced, true);
  assert.equal(state.connected, true);
  assert.notEqual(state.visitorId, oldVisitorId);
  assert.equal(state.visitor?.name, 'Grace');
  assert.deepEqual(state.messages, []);
  const newToken = storage.get(`palique:${ctx.owner.widgetId}:token`);
  assert.ok(newToken && newToken !== oldToken);
  await assert.rejects(connectVisitor(ctx.server, ctx.owner.widgetId, oldToken), (err: any) => err.data?.code === 'visitor_unknown');
  assert.equal((await client.send('after the restart')).status, 'sent');
});
