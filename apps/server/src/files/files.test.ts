// Files against the real server (SQLite, and PostgreSQL in the scale suite): uploads by visitors
// and agents, a hostile corpus refused or served inert, access only for that conversation's
// visitor and the account's agents through signed, expiring URLs, and messages that carry a file
// through the normal message path (idempotent with the client id, heard by the other side).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { addAccount, api, clientId, connectAgent, connectVisitor, serverWithOwner, TestClock } from '@palique/server/testing';

const clock = new TestClock(new Date());
const ctx = serverWithOwner({ clock });

interface Sent {
  status: number;
  body: any;
}

async function post(path: string, body: Buffer, headers: Record<string, string>): Promise<Sent> {
  const res = await fetch(ctx.server.url + path, { method: 'POST', headers: { 'content-type': 'application/octet-stream', ...headers }, body: new Uint8Array(body) });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

const asVisitor = (token: string, widgetId: string, name: string, body: Buffer) =>
  post(`/api/widget/${widgetId}/files`, body, { authorization: `Bearer ${token}`, 'x-file-name': encodeURIComponent(name) });
const asAgent = (cookie: string, conversationId: string, name: string, body: Buffer) =>
  post(`/api/conversations/${conversationId}/files`, body, { cookie, 'x-file-name': encodeURIComponent(name) });

const get = (url: string, headers: Record<string, string> = {}) => fetch(ctx.server.url + url, { headers });

const photo = () =>
  sharp({ create: { width: 900, height: 600, channels: 3, background: '#3a7' } })
    .withMetadata({ exif: { IFD0: { Copyright: 'secret-exif' } } })
    .png()
    .toBuffer();

/** A visitor with a conversation (one message written), and the conversation's id. */
async function visitorInChat(widgetId = ctx.owner.widgetId) {
  const visitor = await connectVisitor(ctx.server, widgetId);
  const first = await visitor.emit('message:send', { clientId: clientId(), text: 'hello' });
  assert.ok(first.ok);
  return { visitor, conversationId: first.message.conversationId };
}

function assertInert(res: Response, what: string) {
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff', what);
  assert.match(res.headers.get('content-security-policy') ?? '', /sandbox/, what);
  assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/, what);
}

test('Files: a visitor sends a photo; it is re-encoded without metadata, with a thumbnail, and the agent gets the message', async () => {
  const { visitor, conversationId } = await visitorInChat();
  const agent = await connectAgent(ctx.server, ctx.owner.cookie);
  const up = await asVisitor(visitor.token, ctx.owner.widgetId, 'Holiday photo.png', await photo());
  assert.equal(up.status, 201, JSON.stringify(up.body));
  assert.deepEqual({ ...up.body.attachment, id: undefined, size: undefined }, {
    id: undefined,
    size: undefined,
    name: 'Holiday photo.png',
    contentType: 'image/png',
    kind: 'image',
    width: 900,
    height: 600,
  });

  const heard = agent.next('conversation:message');
  const id = clientId();
  const sent = await visitor.emit('message:send', { clientId: id, text: '', fileId: up.body.attachment.id });
  assert.ok(sent.ok, JSON.stringify(sent));
  assert.deepEqual(sent.message.attachment, up.body.attachment);
  const event = await heard;
  assert.deepEqual(event.message.attachment, up.body.attachment);
  assert.equal(event.conversation.lastMessageText, '📎 Holiday photo.png');

  // A retry with the same client id stores nothing more.
  const again = await visitor.emit('message:send', { clientId: id, text: '', fileId: up.body.attachment.id });
  assert.ok(again.ok);
  assert.equal(again.message.seq, sent.message.seq);
  const thread = await api(ctx.server, 'GET', `/api/conversations/${conversationId}/messages`, { cookie: ctx.owner.cookie });
  assert.equal(thread.body.messages.filter((m: any) => m.attachment).length, 1);
  assert.deepEqual(thread.body.messages.at(-1).attachment, up.body.attachment);

  // The agent asks for fresh URLs; the image is served inline, re-encoded, without the EXIF.
  const urls = await api(ctx.server, 'GET', `/api/files/${up.body.attachment.id}`, { cookie: ctx.owner.cookie });
  assert.equal(urls.status, 200);
  const full = await get(urls.body.url);
  assert.equal(full.status, 200);
  assert.equal(full.headers.get('content-type'), 'image/png');
  assert.match(full.headers.get('content-disposition') ?? '', /^inline; /);
  assertInert(full, 'image');
  const bytes = Buffer.from(await full.arrayBuffer());
  assert.ok(!bytes.includes('secret-exif'));
  assert.equal((await sharp(bytes).metadata()).exif, undefined);
  const thumb = await get(urls.body.thumbnailUrl);
  assert.equal(thumb.status, 200);
  assert.equal(thumb.headers.get('content-type'), 'image/webp');
  const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
  assert.ok(meta.width! <= 320 && meta.height! <= 320);
  visitor.close();
  agent.close();
});

const png = await photo();
const html = Buffer.from('<!doctype html><html><body><script>parent.pwned = 1</script></body></html>');
const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>');
const HOSTILE: Array<{ what: string; name: string; body: Buffer; outcome: 'refused' | 'download' | 'image' }> = [
  { what: 'an HTML file', name: 'page.html', body: html, outcome: 'download' },
  { what: 'an SVG with a script', name: 'logo.svg', body: svg, outcome: 'download' },
  { what: 'HTML named .png', name: 'cat.png', body: html, outcome: 'download' },
  { what: 'a JavaScript file', name: 'app.js', body: Buffer.from('fetch("/api/me").then(r => r.text()).then(alert)'), outcome: 'download' },
  // A real PNG with HTML after it: decoded and re-encoded, the HTML is gone.
  { what: 'a PNG/HTML polyglot', name: 'poly.png', body: Buffer.concat([png, html]), outcome: 'image' },
  { what: 'a PNG header then HTML', name: 'fake.png', body: Buffer.concat([png.subarray(0, 16), html]), outcome: 'refused' },
  { what: 'a truncated image', name: 'half.png', body: png.subarray(0, Math.floor(png.length / 2)), outcome: 'refused' },
  { what: 'an empty file', name: 'empty.txt', body: Buffer.alloc(0), outcome: 'refused' },
  { what: '11 MB', name: 'big.bin', body: Buffer.alloc(11 * 1024 * 1024, 1), outcome: 'refused' },
];

test('Files: a hostile corpus is refused with a clear 4xx or served inert (a download, nosniff, sandboxed)', async () => {
  const { visitor, conversationId } = await visitorInChat();
  for (const { what, name, body, outcome } of HOSTILE) {
    for (const [who, send] of [
      ['visitor', () => asVisitor(visitor.token, ctx.owner.widgetId, name, body)],
      ['agent', () => asAgent(ctx.owner.cookie, conversationId, name, body)],
    ] as const) {
      const label = `${what} (${who})`;
      const up = await send();
      if (outcome === 'refused') {
        assert.ok(up.status >= 400 && up.status < 500, `${label}: ${up.status}`);
        assert.equal(typeof up.body?.error?.code, 'string', `${label}: {error:{code,message}}`);
        assert.ok(up.body.error.message, label);
        continue;
      }
      assert.equal(up.status, 201, `${label}: ${JSON.stringify(up.body)}`);
      const res = await get(up.body.url);
      assert.equal(res.status, 200, label);
      assertInert(res, label);
      const served = Buffer.from(await res.arrayBuffer());
      if (outcome === 'download') {
        assert.equal(up.body.attachment.kind, 'file', label);
        assert.equal(up.body.thumbnailUrl, null, label);
        assert.equal(res.headers.get('content-type'), 'application/octet-stream', label);
        assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="/, label);
        assert.ok(served.equals(body), `${label}: the bytes as sent`);
      } else {
        assert.equal(up.body.attachment.kind, 'image', label);
        assert.equal(res.headers.get('content-type'), 'image/png', label);
        assert.ok(!served.includes('<script'), `${label}: the HTML is gone`);
      }
    }
  }
  assert.equal((await asVisitor(visitor.token, ctx.owner.widgetId, 'x', Buffer.alloc(11 * 1024 * 1024))).body.error.code, 'body_too_large');
  visitor.close();
});

test('Files: only that conversation\'s visitor and the account\'s agents get URLs; others get 404', async () => {
  const { visitor, conversationId } = await visitorInChat();
  const up = await asAgent(ctx.owner.cookie, conversationId, 'contract.pdf', Buffer.from('%PDF-1.4 not really'));
  assert.equal(up.status, 201);
  const fileId = up.body.attachment.id as string;
  const sent = await (await connectAgent(ctx.server, ctx.owner.cookie)).emit('message:send', { conversationId, clientId: clientId(), text: 'here it is', fileId });
  assert.ok(sent.ok);
  assert.equal(sent.message.attachment?.name, 'contract.pdf');

  // That visitor gets URLs (they are the conversation's).
  const mine = await api(ctx.server, 'GET', `/api/widget/${ctx.owner.widgetId}/files/${fileId}`, { headers: { authorization: `Bearer ${visitor.token}` } });
  assert.equal(mine.status, 200, JSON.stringify(mine.body));
  assert.equal((await get(mine.body.url)).status, 200);

  // Another visitor of the same site, and another account's agent and visitor: 404.
  const other = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const otherAsks = await api(ctx.server, 'GET', `/api/widget/${ctx.owner.widgetId}/files/${fileId}`, { headers: { authorization: `Bearer ${other.token}` } });
  assert.equal(otherAsks.status, 404);
  assert.equal(otherAsks.body.error.code, 'not_found');
  // … nor may they send it as theirs.
  const stolen = await other.emit('message:send', { clientId: clientId(), text: 'mine now', fileId });
  assert.ok(!stolen.ok);
  assert.equal(stolen.error.code, 'not_found');
  const elsewhere = await addAccount(ctx.server);
  assert.equal((await api(ctx.server, 'GET', `/api/files/${fileId}`, { cookie: elsewhere.cookie })).status, 404);
  const foreignVisitor = await connectVisitor(ctx.server, elsewhere.widgetId);
  assert.equal((await api(ctx.server, 'GET', `/api/widget/${elsewhere.widgetId}/files/${fileId}`, { headers: { authorization: `Bearer ${foreignVisitor.token}` } })).status, 404);
  // Another account's agent cannot upload into this conversation either.
  assert.equal((await asAgent(elsewhere.cookie, conversationId, 'x.txt', Buffer.from('x'))).status, 404);
  // Without credentials: 401.
  assert.equal((await api(ctx.server, 'GET', `/api/files/${fileId}`)).status, 401);
  assert.equal((await asVisitor('not-a-real-token-at-all', ctx.owner.widgetId, 'x', Buffer.from('x'))).status, 401);
  for (const s of [visitor, other, foreignVisitor]) s.close();
});

test('Files: a tampered or expired signature is refused; fresh URLs work again', async () => {
  const { visitor } = await visitorInChat();
  const up = await asVisitor(visitor.token, ctx.owner.widgetId, 'notes.txt', Buffer.from('secret notes'));
  assert.equal(up.status, 201);
  const url = new URL(up.body.url, ctx.server.url);
  const sig = url.searchParams.get('sig')!;
  const exp = Number(url.searchParams.get('exp'));
  const variants = [
    `${url.pathname}?exp=${exp}&sig=${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`,
    `${url.pathname}?exp=${exp + 3600}&sig=${sig}`,
    `${url.pathname.replace('/file', '/thumb')}?exp=${exp}&sig=${sig}`,
    `${url.pathname}?exp=${exp}`,
    `/files/00000000-0000-4000-8000-000000000000/file?exp=${exp}&sig=${sig}`,
  ];
  for (const v of variants) assert.equal((await get(v)).status, 404, v);
  assert.equal((await get(up.body.url)).status, 200);

  clock.advance(3 * 3600_000);
  const expired = await get(up.body.url);
  assert.equal(expired.status, 403);
  assert.equal((await expired.json()).error.code, 'forbidden');
  const fresh = await api(ctx.server, 'GET', `/api/widget/${ctx.owner.widgetId}/files/${up.body.attachment.id}`, { headers: { authorization: `Bearer ${visitor.token}` } });
  assert.notEqual(fresh.body.url, up.body.url);
  const res = await get(fresh.body.url);
  assert.equal(res.status, 200);
  assert.equal(await res.text(), 'secret notes');
  visitor.close();
});

test('Files: the 10 MB body limit holds only on upload routes; uploads must not come from another site', async () => {
  const big = await api(ctx.server, 'POST', '/api/auth/login', { body: { email: 'x@example.com', password: 'p'.repeat(100 * 1024) } });
  assert.equal(big.status, 413);
  const { visitor, conversationId } = await visitorInChat();
  const forged = await post(`/api/conversations/${conversationId}/files`, Buffer.from('x'), { cookie: ctx.owner.cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
  assert.equal(forged.status, 403);
  const form = await post(`/api/conversations/${conversationId}/files`, Buffer.from('x'), { cookie: ctx.owner.cookie, 'content-type': 'text/plain' });
  assert.equal(form.status, 415);
  visitor.close();
});

test('Files: JPEG, WebP and GIF are re-encoded from their bytes, whatever their name, without their metadata', async () => {
  const { visitor } = await visitorInChat();
  const base = () => sharp({ create: { width: 64, height: 48, channels: 3, background: '#fa0' } });
  const cases: Array<[string, Buffer, string]> = [
    ['photo.gif', await base().withMetadata({ exif: { IFD0: { Copyright: 'secret-exif' } } }).jpeg().toBuffer(), 'image/jpeg'],
    ['photo.webp.txt', await base().webp().toBuffer(), 'image/webp'],
    ['anim.gif', await base().gif().toBuffer(), 'image/png'],
  ];
  for (const [name, body, contentType] of cases) {
    const up = await asVisitor(visitor.token, ctx.owner.widgetId, name, body);
    assert.equal(up.status, 201, `${name}: ${JSON.stringify(up.body)}`);
    assert.deepEqual([up.body.attachment.kind, up.body.attachment.contentType, up.body.attachment.width, up.body.attachment.height], ['image', contentType, 64, 48], name);
    const res = await get(up.body.url);
    assert.equal(res.headers.get('content-type'), contentType, name);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.ok(!bytes.includes('secret-exif'), name);
  }
  visitor.close();
});

test('Files + C5: the visitor edits the caption of a photo they sent; the message keeps its photo, the edit row carries none', async () => {
  const { visitor, conversationId } = await visitorInChat();
  const up = await asVisitor(visitor.token, ctx.owner.widgetId, 'receipt.png', await photo());
  assert.equal(up.status, 201, JSON.stringify(up.body));
  const sent = await visitor.emit('message:send', { clientId: clientId(), text: 'My receit', fileId: up.body.attachment.id });
  assert.ok(sent.ok, JSON.stringify(sent));

  const edited = await visitor.emit('message:edit', { messageId: sent.message.id, editId: clientId(), text: 'My receipt' });
  assert.ok(edited.ok, JSON.stringify(edited));
  assert.equal(edited.message.text, 'My receipt');
  assert.deepEqual(edited.message.attachment, up.body.attachment);
  assert.equal(edited.edit.attachment, undefined);

  // A fresh load in the dashboard: the message reads the new caption, marked edited, with its photo.
  const thread = await api(ctx.server, 'GET', `/api/conversations/${conversationId}/messages`, { cookie: ctx.owner.cookie });
  const stored = thread.body.messages.find((m: any) => m.id === sent.message.id);
  assert.equal(stored.text, 'My receipt');
  assert.ok(stored.editedAt);
  assert.deepEqual(stored.attachment, up.body.attachment);
  assert.equal(thread.body.messages.filter((m: any) => m.attachment).length, 1, 'the edit row carries no attachment');
  visitor.close();
});
