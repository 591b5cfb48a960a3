// F9, F16: every text field is normalised once, by the protocol's schemas, so both databases
// store the same string, the ack returns exactly what was stored and nothing answers 500.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, clientId, connectVisitor, messagesOf, serverWithOwner, setupOwner, startInProcessServer, visitorAsStored } from '@palique/server/testing';

const ctx = serverWithOwner();

// NUL, other C0, DEL, C1, a lone high and a lone low surrogate, a pair that is fine, bidi and zero-width.
const HOSTILE = 'A\u0000b\u0007c\u007F\u0085d \uD800e\uDFFFf 😀 \u202Eg\u2066h\u200Bi\uFEFFj\u200Dk';

test('F9/F16: hostile visitor details are stored as normalised, the ack equals what sync reads, no 500', async () => {
  const visitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const ack = await visitor.emit('visitor:update', {
    name: HOSTILE,
    phone: '+34\u0000 600\u0085 000\uD800',
    email: 'ada@example.com',
    data: { ['plan\u202E\u0000']: `Pro\u0000\n\tline\r\nnext\uDC00`, cart: 3 },
  });
  assert.ok(ack.ok, JSON.stringify(ack));
  assert.equal(ack.visitor.name, 'Abcd \uFFFDe\uFFFDf 😀 ghij\u200Dk');
  assert.equal(ack.visitor.phone, '+34 600 000\uFFFD');
  assert.deepEqual(ack.visitor.data, { plan: 'Pro\n\tline\nnext\uFFFD', cart: 3 });
  visitor.close();
  const stored = await visitorAsStored(ctx.server, ctx.owner.widgetId, visitor.token);
  assert.deepEqual({ ...stored, lastSeenAt: '' }, { ...ack.visitor, lastSeenAt: '' });
});

test('F9: a name or phone that is only control characters is stored as none, not a 500', async () => {
  const visitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const ack = await visitor.emit('visitor:update', { name: '\u0000\u0000', phone: '\u0000' });
  assert.ok(ack.ok, JSON.stringify(ack));
  assert.equal(ack.visitor.name, null);
  assert.equal(ack.visitor.phone, null);
  visitor.close();
});

test('F16: hostile message text: the ack, the visitor\'s sync and the dashboard read the same string', async () => {
  const visitor = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const ack = await visitor.emit('message:send', { clientId: clientId(), text: `${HOSTILE}\r\nline two\ttabbed\r` });
  assert.ok(ack.ok, JSON.stringify(ack));
  const expected = 'Abcd \uFFFDe\uFFFDf 😀 \u202Eg\u2066h\u200Bi\uFEFFj\u200Dk\nline two\ttabbed\n';
  assert.equal(ack.message.text, expected);
  const sync = await visitor.emit('sync', { after: 0 });
  assert.ok(sync.ok);
  assert.equal(sync.messages.at(-1)?.text, expected);
  const read = await messagesOf(ctx.server, ctx.owner.cookie, ack.message.conversationId);
  assert.equal(read.at(-1)?.text, expected);
  const reply = await api(ctx.server, 'POST', `/api/conversations/${ack.message.conversationId}/messages`, {
    cookie: ctx.owner.cookie,
    body: { clientId: clientId(), text: 'ok\u0000\uDBFF' },
  });
  assert.equal(reply.status, 201, JSON.stringify(reply.body));
  assert.equal(reply.body.message.text, 'ok\uFFFD');
  assert.equal((await messagesOf(ctx.server, ctx.owner.cookie, ack.message.conversationId)).at(-1)?.text, 'ok\uFFFD');
  visitor.close();
});

test('F9: the owner\'s and the site\'s names are normalised at setup, as stored', async () => {
  const server = await startInProcessServer();
  try {
    const owner = await setupOwner(server, { name: 'Helena\u0000 \u202EPrado\uD800', siteName: 'Acme\u200B\u0007 Shop' });
    const me = await api(server, 'GET', '/api/me', { cookie: owner.cookie });
    assert.equal(me.status, 200);
    assert.equal(me.body.agent.name, 'Helena Prado\uFFFD');
    assert.equal(me.body.account.name, 'Acme Shop');
  } finally {
    await server.close();
  }
});
