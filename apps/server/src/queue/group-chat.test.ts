// C2 group chat and transfer, and the unread state kept on the server per agent, against the
// real server: "Add agent" (both write, the added agent is notified, a silent one is never shown
// to the visitor), "Transfer", and read positions that never move back and reach every device.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AgentNotificationOnWire } from '@palique/protocol';
import { addAgent, api, clientId, connectAgent, connectVisitor, serverWithOwner, signIn } from '@palique/server/testing';

const ctx = serverWithOwner();
const PASSWORD = 'correct horse battery';

async function teammate(name: string) {
  const { id, email } = await addAgent(ctx.server, ctx.owner.accountId, { name, password: PASSWORD, role: 'agent' });
  const cookie = await signIn(ctx.server, email, PASSWORD);
  return { id, cookie, socket: await connectAgent(ctx.server, cookie) };
}

async function ownedChat() {
  const visitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const heard: string[] = [];
  visitor.socket.onAny((event: string) => heard.push(event));
  const sent = await visitor.emit('message:send', { clientId: clientId(), text: 'Hello' });
  assert.ok(sent.ok);
  const conversationId = sent.message.conversationId;
  const reply = await api(ctx.server, 'POST', `/api/conversations/${conversationId}/messages`, { cookie: ctx.owner.cookie, body: { clientId: clientId(), text: 'Hi, Helena here' } });
  assert.equal(reply.status, 201);
  return { visitor, conversationId, heard };
}

const settle = () => new Promise((r) => setTimeout(r, 200));

test('C2: an added agent is notified and can write; a silent one is never shown to the visitor', async () => {
  const ana = await teammate('Ana Silent');
  const ben = await teammate('Ben Speaks');
  const { visitor, conversationId, heard } = await ownedChat();
  const anaNotified = ana.socket.next('notification', undefined, (n: AgentNotificationOnWire) => n.kind === 'chat_added');
  const added = await api(ctx.server, 'POST', `/api/conversations/${conversationId}/participants`, { cookie: ctx.owner.cookie, body: { agentId: ana.id } });
  assert.equal(added.status, 200, JSON.stringify(added.body));
  assert.deepEqual(added.body.participantIds, [ana.id]);
  assert.equal((await anaNotified).kind, 'chat_added');
  assert.equal((await api(ctx.server, 'POST', `/api/conversations/${conversationId}/participants`, { cookie: ctx.owner.cookie, body: { agentId: ben.id } })).status, 200);

  const benWrites = visitor.next('message:new');
  const benAck = await ben.socket.emit('message:send', { conversationId, clientId: clientId(), text: 'Ben joins in' });
  assert.ok(benAck.ok);
  assert.equal((await benWrites).authorName, 'Ben Speaks');
  await settle();
  // The visitor heard messages only: nothing about Ana, who never typed.
  assert.ok(heard.every((e) => e === 'message:new' || e === 'mode' || e === 'team'), heard.join());
  const sync = await visitor.emit('sync', { after: 0 });
  assert.ok(sync.ok);
  const names = new Set(sync.messages.filter((m) => m.authorType === 'agent').map((m) => m.authorName));
  assert.deepEqual([...names].sort(), ['Ben Speaks', 'Helena Prado']);
  // (The widget's team list (W2) shows who is online; the chat itself never mentions Ana.)
  assert.ok(!JSON.stringify(sync.messages).includes('Ana Silent'));
  const owner = (await api(ctx.server, 'GET', `/api/conversations/${conversationId}`, { cookie: ctx.owner.cookie })).body.conversation;
  assert.equal(owner.assigneeId, ctx.owner.agentId, 'adding an agent keeps the owner');
  const stranger = await api(ctx.server, 'POST', `/api/conversations/${conversationId}/participants`, { cookie: ctx.owner.cookie, body: { agentId: 'no-such-agent' } });
  assert.equal(stranger.status, 400);
  visitor.close();
  ana.socket.close();
  ben.socket.close();
});

test('C2: Transfer hands the chat to another agent, who is notified; everyone sees the new owner', async () => {
  const ana = await teammate('Ana Next');
  const watcher = await connectAgent(ctx.server, ctx.owner.cookie);
  const { visitor, conversationId, heard } = await ownedChat();
  const anaNotified = ana.socket.next('notification', undefined, (n: AgentNotificationOnWire) => n.kind === 'chat_assigned');
  const everyone = watcher.next('conversation:updated', undefined, (e) => e.change === 'assigned');
  const res = await api(ctx.server, 'POST', `/api/conversations/${conversationId}/transfer`, { cookie: ctx.owner.cookie, body: { agentId: ana.id } });
  assert.equal(res.status, 200);
  assert.deepEqual([res.body.conversation.assigneeId, res.body.conversation.assigneeName], [ana.id, 'Ana Next']);
  assert.equal((await anaNotified).kind, 'chat_assigned');
  assert.equal((await everyone).conversation.assigneeId, ana.id);
  const mine = await api(ctx.server, 'GET', '/api/conversations?view=mine', { cookie: ana.cookie });
  assert.ok(mine.body.conversations.some((c: { id: string }) => c.id === conversationId));
  await settle();
  assert.ok(heard.every((e) => e !== 'conversation:updated'));
  visitor.close();
  ana.socket.close();
  watcher.close();
});

test("unread state: an agent's read position is kept on the server, never moves back, and reaches their other devices", async () => {
  const { visitor, conversationId } = await ownedChat();
  assert.ok((await visitor.emit('message:send', { clientId: clientId(), text: 'one more' })).ok);
  const desktop = await connectAgent(ctx.server, ctx.owner.cookie);
  const phone = await connectAgent(ctx.server, ctx.owner.cookie);
  const phoneHears = phone.next('conversation:read');
  assert.ok((await desktop.emit('conversation:read', { conversationId, seq: 3 })).ok);
  assert.deepEqual(await phoneHears, { conversationId, seq: 3 });
  assert.ok((await desktop.emit('conversation:read', { conversationId, seq: 1 })).ok);
  assert.ok((await desktop.emit('conversation:read', { conversationId, seq: 99 })).ok);
  const reads = await api(ctx.server, 'GET', '/api/me/reads', { cookie: ctx.owner.cookie });
  assert.equal(reads.body.reads[conversationId], 3, 'never back, never past the last message');
  const other = await teammate('Cleo Unread');
  assert.deepEqual((await api(ctx.server, 'GET', '/api/me/reads', { cookie: other.cookie })).body.reads, {});
  visitor.close();
  desktop.close();
  phone.close();
  other.socket.close();
});
