// F10: Palique('restart') through the visitor client, against a real server: the old token is
// revoked (a copy of it opens nothing), and the widget goes on as a new anonymous visitor.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { connectAgent, connectVisitor, conversationOfVisitor, serverWithOwner } from '@palique/server/testing';
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

test("F10: an answer about the old visitor arriving after restart does not mark the new visitor's messages Seen", async () => {
  const storage = new Map<string, string>();
  const client = new VisitorChatClient({ baseUrl: ctx.server.url, widgetId: ctx.owner.widgetId, storage, ackTimeoutMs: 5_000 });
  clients.push(client);
  await client.start();
  const sent = await client.send('read by the team');
  const conversation = await conversationOfVisitor(ctx.server, ctx.owner.cookie, client.getState().visitorId!);
  const agent = await connectAgent(ctx.server, ctx.owner.cookie);
  try {
    const seen = await agent.emit('conversation:seen', { conversationId: conversation!.id, seq: sent.seq! });
    assert.ok(seen.ok, JSON.stringify(seen));
  } finally {
    agent.socket.disconnect();
  }
  // The widget reports what is on screen (its answer says how far the team read: seq 1), and the
  // page calls restart before that answer is back.
  void client.markRead(sent.seq!);
  await client.restart();
  assert.equal(client.getState().agentReadSeq, 0, 'nothing of the new visitor was read');
  const first = await client.send('I am someone new');
  assert.equal(first.seq, 1);
  assert.equal(client.getState().agentReadSeq, 0, 'the new first message is not shown as Seen');
});
