// C3 and data protection against the real server: the small CRM agents edit (live to the other
// agents, kept for the visitor's return, validated, per account), the per-visitor export (every
// part checked), delete (nothing left in the tables nor the files folder, the visitor's socket
// ends and its token stops working), and the retention policy on a moved clock (only old data,
// once across two processes sharing the database).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import {
  addAccount,
  addAgent,
  api,
  backdateVisitor,
  clientId,
  connectAgent,
  connectVisitor,
  eventually,
  messageRowsOfConversation,
  rowsOfVisitor,
  timerRowsOfConversation,
  serverWithOwner,
  signIn,
  startInProcessServer,
  TestClock,
} from '@palique/server/testing';

const DAY = 86_400_000;
const clock = new TestClock(new Date());
const ctx = serverWithOwner({ clock, env: { TIMER_POLL_MS: '20' } });
const PASSWORD = 'agent password 1';

async function agentWithRole(role: 'admin' | 'agent') {
  const a = await addAgent(ctx.server, ctx.owner.accountId, { name: `Test ${role}`, password: PASSWORD, role });
  return { ...a, cookie: await signIn(ctx.server, a.email, PASSWORD) };
}

/** A visitor who wrote, with the conversation's id. */
async function visitorInChat(text = 'hello', server = ctx.server, widgetId = ctx.owner.widgetId) {
  const visitor = await connectVisitor(server, widgetId);
  const sent = await visitor.emit('message:send', { clientId: clientId(), text });
  assert.ok(sent.ok, JSON.stringify(sent));
  return { visitor, visitorId: sent.message.authorId as string, conversationId: sent.message.conversationId as string };
}

const disconnected = (s: { socket: { connected: boolean; once(e: 'disconnect', f: () => void): unknown } }) =>
  new Promise<void>((resolve) => (s.socket.connected ? s.socket.once('disconnect', resolve) : resolve()));

test('C3: an agent edits phone and notes; another agent sees it live; kept when the visitor comes back; the widget never gets the notes', async () => {
  const { visitor, visitorId, conversationId } = await visitorInChat();
  const agent = await agentWithRole('agent');
  const other = await connectAgent(ctx.server, ctx.owner.cookie);
  const heard = other.next('visitor:updated');
  const res = await api(ctx.server, 'PATCH', `/api/visitors/${visitorId}`, {
    cookie: agent.cookie,
    body: { phone: '+34 600 111 222', notes: 'Wants the annual plan.\nCall after 5pm.', name: 'Marta Ruiz' },
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.phone, '+34 600 111 222');
  const live = await heard;
  assert.equal(live.id, visitorId);
  assert.equal(live.notes, 'Wants the annual plan.\nCall after 5pm.');
  assert.equal(live.phone, '+34 600 111 222');

  // The site's own data (setVisitor/setData) is kept alongside and merges.
  const setData = await visitor.emit('visitor:update', { data: { orderNumber: 'A-1001', cartItems: 3 } });
  assert.ok(setData.ok);
  assert.equal((setData as any).visitor.notes, undefined, 'the widget never receives the notes');
  // The visitor comes back later (a new socket with their token): the dashboard shows all of it.
  visitor.close();
  const back = await connectVisitor(ctx.server, ctx.owner.widgetId, visitor.token);
  const detail = await api(ctx.server, 'GET', `/api/conversations/${conversationId}`, { cookie: ctx.owner.cookie });
  assert.equal(detail.body.visitor.notes, 'Wants the annual plan.\nCall after 5pm.');
  assert.equal(detail.body.visitor.name, 'Marta Ruiz');
  assert.deepEqual(detail.body.visitor.data, { orderNumber: 'A-1001', cartItems: 3 });
  // Clearing with '' removes a field; others stay.
  const cleared = await api(ctx.server, 'PATCH', `/api/visitors/${visitorId}`, { cookie: ctx.owner.cookie, body: { phone: '' } });
  assert.equal(cleared.body.phone, null);
  assert.equal(cleared.body.notes, 'Wants the annual plan.\nCall after 5pm.');
  // Their conversations are listed for the column.
  const list = await api(ctx.server, 'GET', `/api/visitors/${visitorId}/conversations`, { cookie: agent.cookie });
  assert.deepEqual(list.body.conversations.map((c: any) => c.id), [conversationId]);
  back.close();
  other.close();
});

test('C3: the same person back on another device (same email) sees their earlier conversation listed; other accounts\' never', async () => {
  const first = await visitorInChat('first visit question');
  await first.visitor.emit('visitor:update', { email: 'returning@example.com' });
  const stranger = await addAccount(ctx.server);
  const elsewhere = await visitorInChat('other account', ctx.server, stranger.widgetId);
  await elsewhere.visitor.emit('visitor:update', { email: 'returning@example.com' });
  const again = await visitorInChat('back again');
  await again.visitor.emit('visitor:update', { email: 'Returning@example.com' });
  const list = await api(ctx.server, 'GET', `/api/visitors/${again.visitorId}/conversations`, { cookie: ctx.owner.cookie });
  assert.equal(list.status, 200);
  assert.deepEqual(list.body.conversations.map((c: any) => c.id), [again.conversationId, first.conversationId]);
  assert.equal(list.body.conversations[1].lastMessageText, 'first visit question');
  for (const v of [first, elsewhere, again]) v.visitor.close();
});

test('C3: bad CRM edits are refused with 400 and change nothing', async () => {
  const { visitor, visitorId } = await visitorInChat();
  for (const body of [{ email: 'not an email' }, { notes: 'x'.repeat(5001) }, { phone: '1'.repeat(41) }, { data: { a: 1 } }, { notes: 42 }]) {
    const res = await api(ctx.server, 'PATCH', `/api/visitors/${visitorId}`, { cookie: ctx.owner.cookie, body });
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.equal(res.body.error.code, 'invalid_input');
  }
  // The site's data is capped too: 1000 characters a value, 64 a key.
  const tooLong = await visitor.emit('visitor:update', { data: { note: 'y'.repeat(1001) } });
  assert.equal(tooLong.ok ? 'ok' : tooLong.error.code, 'invalid_input');
  const stored = await api(ctx.server, 'GET', `/api/visitors/${visitorId}`, { cookie: ctx.owner.cookie });
  assert.equal(stored.body.notes, null);
  assert.equal((await api(ctx.server, 'PATCH', `/api/visitors/${visitorId}`, { body: { notes: 'x' } })).status, 401);
  visitor.close();
});

test('C3: another account sees none of it (404 for read, edit, list, export, delete)', async () => {
  const { visitor, visitorId } = await visitorInChat();
  const stranger = await addAccount(ctx.server);
  for (const [method, p, body] of [
    ['GET', `/api/visitors/${visitorId}`],
    ['PATCH', `/api/visitors/${visitorId}`, { notes: 'mine now' }],
    ['GET', `/api/visitors/${visitorId}/conversations`],
    ['GET', `/api/visitors/${visitorId}/export`],
    ['DELETE', `/api/visitors/${visitorId}`],
  ] as const) {
    const res = await api(ctx.server, method, p, { cookie: stranger.cookie, body });
    assert.equal(res.status, 404, `${method} ${p}`);
  }
  const still = await api(ctx.server, 'GET', `/api/visitors/${visitorId}`, { cookie: ctx.owner.cookie });
  assert.equal(still.body.notes, null);
  visitor.close();
});

async function uploadPhoto(token: string): Promise<{ id: string }> {
  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#a33' } }).png().toBuffer();
  const res = await fetch(`${ctx.server.url}/api/widget/${ctx.owner.widgetId}/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'x-file-name': 'receipt.png', 'content-type': 'application/octet-stream' },
    body: new Uint8Array(png),
  });
  assert.equal(res.status, 201);
  return ((await res.json()) as any).attachment;
}

/** A visitor with everything: messages both ways, an edit, a file, site data, notes. */
async function fullVisitor() {
  const { visitor, visitorId, conversationId } = await visitorInChat('I need my invoice');
  await visitor.emit('visitor:update', { email: 'marta@example.com', data: { orderNumber: 'A-77' } });
  const file = await uploadPhoto(visitor.token);
  assert.ok((await visitor.emit('message:send', { clientId: clientId(), text: '', fileId: file.id })).ok);
  const agent = await connectAgent(ctx.server, ctx.owner.cookie);
  const reply = await agent.emit('message:send', { conversationId, clientId: clientId(), text: 'Here it is' } as any);
  assert.ok(reply.ok, JSON.stringify(reply));
  agent.close();
  // The visitor writes again in the owned chat: the owner's time to answer runs (a pending timer).
  assert.ok((await visitor.emit('message:send', { clientId: clientId(), text: 'Thanks!' })).ok);
  await api(ctx.server, 'PATCH', `/api/visitors/${visitorId}`, { cookie: ctx.owner.cookie, body: { notes: 'VIP', phone: '555' } });
  // C3: a page view, so the visitor has browsing details too.
  const view = await api(ctx.server, 'POST', `/api/widget/${ctx.owner.widgetId}/page-views`, {
    body: { url: 'https://shop.example/invoices', title: 'Invoices' },
    headers: { authorization: `Bearer ${visitor.token}` },
  });
  assert.ok(view.status < 300, JSON.stringify(view.body));
  return { visitor, visitorId, conversationId, file };
}

test('Data protection: the export holds the visitor, site data, notes, conversation, messages and file metadata', async () => {
  const { visitor, visitorId, conversationId, file } = await fullVisitor();
  const agent = await agentWithRole('agent');
  const res = await fetch(`${ctx.server.url}/api/visitors/${visitorId}/export`, { headers: { cookie: agent.cookie } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="visitor-.+\.json"/);
  const doc = (await res.json()) as any;
  assert.equal(doc.visitor.id, visitorId);
  assert.equal(doc.visitor.email, 'marta@example.com');
  assert.equal(doc.visitor.phone, '555');
  assert.deepEqual(doc.data, { orderNumber: 'A-77' });
  assert.equal(doc.notes, 'VIP');
  assert.equal(doc.browsing.currentUrl, 'https://shop.example/invoices', 'the pages they saw (C3)');
  assert.equal(doc.conversations.length, 1);
  assert.equal(doc.conversations[0].id, conversationId);
  const texts = doc.conversations[0].messages.map((m: any) => `${m.author}:${m.text}`);
  assert.deepEqual(texts, ['visitor:I need my invoice', 'visitor:', 'agent:Here it is', 'visitor:Thanks!']);
  assert.equal(doc.conversations[0].messages[1].attachment.id, file.id);
  assert.deepEqual(
    doc.files.map((f: any) => [f.id, f.name, f.contentType, f.uploadedBy]),
    [[file.id, 'receipt.png', 'image/png', 'visitor']],
  );
  visitor.close();
});

test('Data protection: delete leaves nothing (tables and files folder), ends the socket, the token stops working', async () => {
  const { visitor, visitorId, conversationId, file } = await fullVisitor();
  const filesDir = path.join(ctx.server.storage.dataDir, 'files');
  assert.ok(fs.readdirSync(filesDir).some((n) => n.startsWith(file.id)), 'the file is on disk before');
  const before = await rowsOfVisitor(ctx.server, ctx.owner.accountId, visitorId);
  assert.ok(before.visitors === 1 && before.conversations === 1 && before.messages >= 4 && before.files === 1 && before.visitor_details === 1, JSON.stringify(before));
  assert.equal(await timerRowsOfConversation(ctx.server, conversationId), 1, 'the owner’s time to answer runs');

  // Agents: 403; the admin deletes; the dashboards hear it.
  const agent = await agentWithRole('agent');
  assert.equal((await api(ctx.server, 'DELETE', `/api/visitors/${visitorId}`, { cookie: agent.cookie })).status, 403);
  const admin = await agentWithRole('admin');
  const dashboard = await connectAgent(ctx.server, ctx.owner.cookie);
  const heard = dashboard.next('visitor:deleted');
  const ended = disconnected(visitor);
  const res = await api(ctx.server, 'DELETE', `/api/visitors/${visitorId}`, { cookie: admin.cookie });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.deepEqual(await heard, { visitorId, conversationIds: [conversationId] });
  await ended;

  assert.deepEqual(await rowsOfVisitor(ctx.server, ctx.owner.accountId, visitorId), {
    visitors: 0,
    conversations: 0,
    messages: 0,
    conversation_reads: 0,
    conversation_participants: 0,
    files: 0,
    visitor_details: 0,
    visitor_tokens: 0,
  });
  assert.equal(await timerRowsOfConversation(ctx.server, conversationId), 0, 'no timer left about the chat');
  assert.equal(await messageRowsOfConversation(ctx.server, conversationId), 0);
  assert.deepEqual(fs.readdirSync(filesDir).filter((n) => n.startsWith(file.id)), [], 'no bytes left on disk');
  await assert.rejects(connectVisitor(ctx.server, ctx.owner.widgetId, visitor.token), (err: any) => err.data?.code === 'visitor_unknown');
  assert.equal((await api(ctx.server, 'GET', `/api/conversations/${conversationId}`, { cookie: ctx.owner.cookie })).status, 404);
  assert.equal((await api(ctx.server, 'DELETE', `/api/visitors/${visitorId}`, { cookie: admin.cookie })).status, 404);
  dashboard.close();
});

test('W7: an identified user\'s export shows their site user id and other devices; delete removes every device token', async () => {
  const { widgetId, cookie, accountId } = ctx.owner;
  const secret = ((await api(ctx.server, 'GET', '/api/widget/identity-secret', { cookie })).body as { secret: string }).secret;
  const signed = { clientId: 'user-77', clientIdSignature: crypto.createHmac('sha256', secret).update('user-77').digest('hex') };
  const session = async () => {
    const res = await api(ctx.server, 'POST', `/api/widget/${widgetId}/visitors`, { body: signed });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as { token: string; visitorId: string };
  };
  const laptop = await session();
  const phone = await session();
  assert.equal(phone.visitorId, laptop.visitorId);
  assert.equal((await rowsOfVisitor(ctx.server, accountId, laptop.visitorId)).visitor_tokens, 1, 'the phone has its own token');

  const res = await fetch(`${ctx.server.url}/api/visitors/${laptop.visitorId}/export`, { headers: { cookie } });
  assert.equal(res.status, 200);
  const doc = (await res.json()) as any;
  assert.equal(doc.userId, 'user-77');
  assert.equal(doc.otherDevices.length, 1);
  assert.ok(!JSON.stringify(doc).includes(phone.token), 'no token in the export');

  assert.equal((await api(ctx.server, 'DELETE', `/api/visitors/${laptop.visitorId}`, { cookie })).status, 200);
  assert.deepEqual(await rowsOfVisitor(ctx.server, accountId, laptop.visitorId), {
    visitors: 0,
    conversations: 0,
    messages: 0,
    conversation_reads: 0,
    conversation_participants: 0,
    files: 0,
    visitor_details: 0,
    visitor_tokens: 0,
  });
  // Neither device's token works, and the same signed user starts afresh as a new visitor.
  for (const token of [laptop.token, phone.token]) {
    await assert.rejects(connectVisitor(ctx.server, widgetId, token), (err: any) => err.data?.code === 'visitor_unknown');
  }
  const fresh = await session();
  assert.notEqual(fresh.visitorId, laptop.visitorId);
});

test('Retention: off by default; agents get 403; only data older than N days goes, once across two processes, then daily', async () => {
  // A second process on the same database: the daily job must fire once between them.
  const second = await startInProcessServer({ storageOf: ctx.server, clock, env: { TIMER_POLL_MS: '20' } });
  try {
    const owner = ctx.owner.cookie;
    assert.deepEqual((await api(ctx.server, 'GET', '/api/account/retention', { cookie: owner })).body, { days: 0, runs: 0, lastRunAt: null, lastDeleted: 0 });
    const agent = await agentWithRole('agent');
    assert.equal((await api(ctx.server, 'PUT', '/api/account/retention', { cookie: agent.cookie, body: { days: 30 } })).status, 403);
    assert.equal((await api(ctx.server, 'GET', '/api/account/retention', { cookie: agent.cookie })).status, 403);
    for (const body of [{ days: -1 }, { days: 1.5 }, { days: 'ten' }, {}]) {
      assert.equal((await api(ctx.server, 'PUT', '/api/account/retention', { cookie: owner, body })).status, 400, JSON.stringify(body));
    }

    const old = await visitorInChat('old question');
    const recent = await visitorInChat('recent question');
    const fresh = await visitorInChat('today');
    const otherAccount = await addAccount(ctx.server);
    const elsewhere = await visitorInChat('other account', ctx.server, otherAccount.widgetId);
    // Last-seen times of connections are written a few seconds later (visitors/service.ts): let
    // that happen before moving these visitors back in time.
    for (const v of [old, recent, fresh, elsewhere]) v.visitor.close();
    await new Promise((r) => setTimeout(r, 5_500));
    const at = clock.now().getTime();
    await backdateVisitor(ctx.server, old.visitorId, new Date(at - 40 * DAY));
    await backdateVisitor(ctx.server, recent.visitorId, new Date(at - 20 * DAY));
    await backdateVisitor(ctx.server, elsewhere.visitorId, new Date(at - 400 * DAY));

    const set = await api(ctx.server, 'PUT', '/api/account/retention', { cookie: owner, body: { days: 30 } });
    assert.equal(set.status, 200);
    const status = async () => (await api(ctx.server, 'GET', '/api/account/retention', { cookie: owner })).body;
    const ran = await eventually(status, (s) => s.runs >= 1);
    assert.equal(ran.runs, 1);
    assert.equal(ran.lastDeleted, 1);
    const left = async (accountId: string, visitorId: string) => (await rowsOfVisitor(ctx.server, accountId, visitorId)).visitors;
    assert.equal(await left(ctx.owner.accountId, old.visitorId), 0);
    assert.equal((await rowsOfVisitor(ctx.server, ctx.owner.accountId, old.visitorId)).messages, 0);
    assert.equal(await left(ctx.owner.accountId, recent.visitorId), 1);
    assert.equal(await left(ctx.owner.accountId, fresh.visitorId), 1);
    assert.equal(await left(otherAccount.accountId, elsewhere.visitorId), 1, 'another account without the policy keeps its data');
    // Both processes poll for a while: still one run.
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await api(ctx.server, 'GET', '/api/account/retention', { cookie: owner })).body.runs, 1);

    // 15 days later, the daily job has removed the recent one (now 35 days old) but not today's.
    clock.advance(15 * DAY);
    await eventually(() => left(ctx.owner.accountId, recent.visitorId), (n) => n === 0);
    assert.equal(await left(ctx.owner.accountId, fresh.visitorId), 1);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal((await status()).runs, 2, 'one run for the days passed, not one per process');

    // Turned off: no more runs.
    await api(ctx.server, 'PUT', '/api/account/retention', { cookie: owner, body: { days: 0 } });
    clock.advance(40 * DAY);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await left(ctx.owner.accountId, fresh.visitorId), 1);
    assert.equal((await api(ctx.server, 'GET', '/api/account/retention', { cookie: owner })).body.runs, 2);
  } finally {
    await second.close();
  }
});
