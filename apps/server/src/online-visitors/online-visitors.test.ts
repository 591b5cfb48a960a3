// C8 / T5: the online visitors list: who is on the site now with their details, live changes in
// batches, the seats cap, "Start chat", status icons, roles and tenant isolation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OnlineVisitor, OnlineVisitorsChanges } from '@palique/protocol';
import { addAccount, addAgent, api, clientId, connectAgent, connectVisitor, eventually, serverWithOwner, signIn, type AgentSocket, type VisitorSocket } from '@palique/server/testing';

const ctx = serverWithOwner();

async function arrive(widgetId = ctx.owner.widgetId): Promise<{ socket: VisitorSocket; id: string }> {
  const socket = await connectVisitor(ctx.server, widgetId);
  const sync = await socket.emit('sync', { after: 0 });
  assert.ok(sync.ok);
  return { socket, id: sync.visitor.id };
}

function pageView(token: string, url: string, title: string, widgetId = ctx.owner.widgetId) {
  return api(ctx.server, 'POST', `/api/widget/${widgetId}/page-views`, { body: { url, title }, headers: { authorization: `Bearer ${token}` } });
}

async function list(cookie = ctx.owner.cookie) {
  const res = await api(ctx.server, 'GET', '/api/online-visitors', { cookie });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as { visitors: OnlineVisitor[]; total: number; cap: number | null };
}

/** Every `visitors:changes` batch the agent hears, in order. */
function record(agent: AgentSocket): OnlineVisitorsChanges[] {
  const heard: OnlineVisitorsChanges[] = [];
  agent.socket.on('visitors:changes', (c) => heard.push(c));
  return heard;
}

const rowOf = (heard: OnlineVisitorsChanges[], id: string) => heard.flatMap((c) => c.upserts).filter((r) => r.visitorId === id).at(-1);

test('C8: the list shows the visitors on the site now with their current page; one who leaves is removed live', async () => {
  const agent = await connectAgent(ctx.server, ctx.owner.cookie);
  const heard = record(agent);
  const v = await arrive();
  assert.equal((await pageView(v.socket.token, 'https://shop.example/shoes', 'Shoes')).status, 204);
  await eventually(() => rowOf(heard, v.id)?.currentUrl, (url) => url === 'https://shop.example/shoes');
  const row = (await list()).visitors.find((r) => r.visitorId === v.id);
  assert.ok(row, 'listed');
  assert.equal(row.currentTitle, 'Shoes');
  assert.equal(row.visits, 1);
  assert.deepEqual([row.chatting, row.chattedBefore, row.proactive, row.chatOpened], [false, false, false, false]);

  v.socket.close();
  await eventually(() => heard.some((c) => c.removals.includes(v.id)), Boolean);
  assert.equal((await list()).visitors.some((r) => r.visitorId === v.id), false);
  agent.close();
});

test('C8: 20 visitors browsing 3 pages each reach an agent as a few batches, not 60 events', async () => {
  const visitors = await Promise.all(Array.from({ length: 20 }, () => arrive()));
  const agent = await connectAgent(ctx.server, ctx.owner.cookie);
  await new Promise((r) => setTimeout(r, 1_200)); // the arrivals' batch has gone out
  const heard = record(agent);
  for (const page of ['home', 'shoes', 'cart']) {
    await Promise.all(visitors.map((v) => pageView(v.socket.token, `https://shop.example/${page}`, page)));
  }
  await eventually(() => visitors.every((v) => rowOf(heard, v.id)?.currentUrl === 'https://shop.example/cart'), Boolean);
  assert.ok(heard.length <= 4, `${heard.length} batches for 60 page views`);
  agent.close();
  visitors.forEach((v) => v.socket.close());
});

test('T5: an agent starts a chat from the list; the message reaches the visitor at once and the row says so', async () => {
  const agent = await connectAgent(ctx.server, ctx.owner.cookie);
  const heard = record(agent);
  const v = await arrive();
  const arrives = v.socket.next('message:new', 5_000, (m) => m.text === 'Can I help you find a size?');
  const res = await api(ctx.server, 'POST', `/api/online-visitors/${v.id}/chat`, { cookie: ctx.owner.cookie, body: { clientId: clientId(), text: 'Can I help you find a size?' } });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal((await arrives).authorType, 'agent');
  await eventually(() => rowOf(heard, v.id)?.proactive, Boolean);

  // The visitor answers: chatting now (pale grey), with the proactive icon kept.
  assert.ok((await v.socket.emit('message:send', { clientId: clientId(), text: 'Yes please' })).ok);
  await eventually(() => rowOf(heard, v.id)?.chatting, Boolean);
  assert.equal(rowOf(heard, v.id)?.chattedBefore, false);
  agent.close();
  v.socket.close();
});

test('C8: a chat going on does not resend its visitor\'s row with every message, only when the row changes', async () => {
  const agent = await connectAgent(ctx.server, ctx.owner.cookie);
  const heard = record(agent);
  const v = await arrive();
  const first = await v.socket.emit('message:send', { clientId: clientId(), text: 'Hello?' });
  assert.ok(first.ok);
  await eventually(() => rowOf(heard, v.id)?.chatting, Boolean);
  const rowsOf = () => heard.flatMap((c) => c.upserts).filter((r) => r.visitorId === v.id).length;
  const before = rowsOf();
  // Six more messages, both ways, over several flushes (one a second): the row stays as it is.
  for (let i = 0; i < 3; i++) {
    assert.ok((await v.socket.emit('message:send', { clientId: clientId(), text: `more ${i}` })).ok);
    const reply = await agent.emit('message:send', { conversationId: first.message.conversationId, clientId: clientId(), text: `answer ${i}` });
    assert.ok(reply.ok, JSON.stringify(reply));
    await new Promise((r) => setTimeout(r, 500));
  }
  await new Promise((r) => setTimeout(r, 1_200));
  assert.equal(rowsOf(), before, 'no row resent for messages that change nothing in it');
  // Something that does change the row still reaches the agent: the visitor browses on.
  assert.equal((await pageView(v.socket.token, 'https://shop.example/help', 'Help')).status, 204);
  await eventually(() => rowOf(heard, v.id)?.currentTitle, (title) => title === 'Help');
  assert.equal(rowOf(heard, v.id)?.chatting, true);
  agent.close();
  v.socket.close();
});

test('C8: a visitor who opened the chat window gets its status icon', async () => {
  const agent = await connectAgent(ctx.server, ctx.owner.cookie);
  const heard = record(agent);
  const v = await arrive();
  await pageView(v.socket.token, 'https://shop.example/', 'Home');
  v.socket.socket.emit('chat:opened');
  await eventually(() => rowOf(heard, v.id)?.chatOpened, Boolean);
  agent.close();
  v.socket.close();
});

test('T5: another account cannot start a chat with the visitor, see them or hear of them; nobody writes to a visitor who left', async () => {
  const other = await addAccount(ctx.server);
  const otherAgent = await connectAgent(ctx.server, other.cookie);
  const otherHeard = record(otherAgent);
  const ownAgent = await connectAgent(ctx.server, ctx.owner.cookie);
  const ownHeard = record(ownAgent);
  const v = await arrive();
  await pageView(v.socket.token, 'https://shop.example/private', 'Private');
  await eventually(() => rowOf(ownHeard, v.id)?.currentTitle, (title) => title === 'Private');
  assert.equal(otherHeard.length, 0, 'the other account hears nothing of this visitor');
  otherAgent.close();
  ownAgent.close();
  const res = await api(ctx.server, 'POST', `/api/online-visitors/${v.id}/chat`, { cookie: other.cookie, body: { clientId: clientId(), text: 'Hi' } });
  assert.equal(res.status, 404);
  assert.equal((await list(other.cookie)).visitors.some((r) => r.visitorId === v.id), false);
  v.socket.close();
  await eventually(async () => (await list()).visitors.some((r) => r.visitorId === v.id), (on) => !on);
  const gone = await api(ctx.server, 'POST', `/api/online-visitors/${v.id}/chat`, { cookie: ctx.owner.cookie, body: { clientId: clientId(), text: 'Hi' } });
  assert.equal(gone.status, 409);
  assert.equal(gone.body.error.code, 'visitor_offline');
  const empty = await api(ctx.server, 'POST', `/api/online-visitors/${v.id}/chat`, { cookie: ctx.owner.cookie, body: { clientId: clientId(), text: '  ' } });
  assert.equal(empty.status, 400);
});

test('C8: with 1 seat the list shows 10 of 12 visitors (server-enforced); owner and admins set seats, agents cannot', async () => {
  const account = await addAccount(ctx.server);
  const visitors = await Promise.all(Array.from({ length: 12 }, () => arrive(account.widgetId)));
  assert.equal((await list(account.cookie)).visitors.length, 12, 'unlimited by default');
  assert.deepEqual((await api(ctx.server, 'GET', '/api/account/seats', { cookie: account.cookie })).body, { seats: null });

  const { email } = await addAgent(ctx.server, account.accountId, { name: 'Ana', password: 'correct horse battery', role: 'agent' });
  const agentCookie = await signIn(ctx.server, email, 'correct horse battery');
  assert.equal((await api(ctx.server, 'PUT', '/api/account/seats', { cookie: agentCookie, body: { seats: 1 } })).status, 403);
  for (const bad of [0, -1, 1.5, 'two', 20_000]) {
    assert.equal((await api(ctx.server, 'PUT', '/api/account/seats', { cookie: account.cookie, body: { seats: bad } })).status, 400, `seats ${bad}`);
  }
  assert.equal((await api(ctx.server, 'PUT', '/api/account/seats', { cookie: account.cookie, body: { seats: 1 } })).status, 200);

  const agent = await connectAgent(ctx.server, agentCookie);
  const heard = record(agent);
  const page = await list(agentCookie);
  assert.equal(page.visitors.length, 10);
  assert.equal(page.total, 12);
  assert.equal(page.cap, 10);
  // Live updates keep to the cap too: the whole capped list, at most 10 rows.
  await Promise.all(visitors.map((v) => pageView(v.socket.token, 'https://shop.example/sale', 'Sale', account.widgetId)));
  await eventually(() => heard.at(-1), (c) => Boolean(c?.reset && c.upserts.every((r) => r.currentUrl === 'https://shop.example/sale')));
  assert.ok(heard.every((c) => c.reset && c.upserts.length <= 10 && c.total === 12));

  assert.equal((await api(ctx.server, 'PUT', '/api/account/seats', { cookie: account.cookie, body: { seats: null } })).status, 200);
  assert.equal((await list(account.cookie)).visitors.length, 12);
  agent.close();
  visitors.forEach((v) => v.socket.close());
});
