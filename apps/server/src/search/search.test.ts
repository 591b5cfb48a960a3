// Search against the real server (SQLite; on PostgreSQL in `npm run test:scale`): an agent finds
// conversations by visitor name, email or message text, and nothing else can be found or broken.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConversationSearchHit, ConversationSearchResults } from '@palique/protocol';
import { addAccount, api, clientId, connectVisitor, serverWithOwner, type VisitorSocket } from '@palique/server/testing';

const ctx = serverWithOwner();

async function search(q: string, opts: { cookie?: string; limit?: number; cursor?: string } = {}) {
  const params = new URLSearchParams({ q });
  if (opts.limit) params.set('limit', String(opts.limit));
  if (opts.cursor) params.set('cursor', opts.cursor);
  return api<ConversationSearchResults>(ctx.server, 'GET', `/api/conversations/search?${params}`, { cookie: opts.cookie ?? ctx.owner.cookie });
}

async function found(q: string, cookie?: string): Promise<ConversationSearchHit[]> {
  const res = await search(q, { cookie });
  assert.equal(res.status, 200, `search ${JSON.stringify(q)}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.hits;
}

/** A visitor who wrote `texts`, with a name and email when given; returns the socket and conversation id. */
async function visitorWho(texts: string[], details: { name?: string; email?: string } = {}, widgetId = ctx.owner.widgetId) {
  const visitor = await connectVisitor(ctx.server, widgetId);
  if (details.name || details.email) assert.ok((await visitor.emit('visitor:update', details)).ok);
  let conversationId = '';
  for (const text of texts) {
    const ack = await visitor.emit('message:send', { clientId: clientId(), text });
    assert.ok(ack.ok);
    conversationId = ack.message.conversationId;
  }
  return { visitor, conversationId };
}

/** The highlighted parts of a snippet, as text. */
const marked = (hit: ConversationSearchHit) => hit.snippet.highlights.map((h) => hit.snippet.text.slice(h.start, h.end));

const closeAll = (...sockets: VisitorSocket[]) => sockets.forEach((s) => s.close());

test('Search: a word of a visitor message finds the conversation, with the word highlighted in a snippet', async () => {
  const { visitor, conversationId } = await visitorWho(['Hello there', 'My parcel zanzibarite never arrived, can you check?']);
  const hits = await found('zanzibarite');
  assert.deepEqual(hits.map((h) => h.conversation.id), [conversationId]);
  assert.equal(hits[0]!.message?.seq, 2);
  assert.equal(hits[0]!.snippet.text, 'My parcel zanzibarite never arrived, can you check?');
  assert.deepEqual(marked(hits[0]!), ['zanzibarite']);
  closeAll(visitor);
});

test('Search: the start of a word finds it ("quokk" finds "quokkas"), case and accents aside', async () => {
  const { visitor, conversationId } = await visitorWho(['Do you ship QUOKKAS to Málaga?']);
  assert.deepEqual((await found('quokk')).map((h) => h.conversation.id), [conversationId]);
  assert.deepEqual((await found('málaga quokkas')).map((h) => h.conversation.id), [conversationId]);
  assert.deepEqual(marked((await found('quokk'))[0]!), ['QUOKKAS']);
  closeAll(visitor);
});

test('Search: a visitor is found by name and by email, also before the end of the word', async () => {
  const { visitor, conversationId } = await visitorWho(['hi'], { name: 'Xiomara Quintanilla', email: 'xiomara.q@example.org' });
  for (const q of ['Quintanilla', 'xiomara', 'quinta', 'xiomara.q@example.org', 'xiomara.q@exa']) {
    const hits = await found(q);
    assert.deepEqual(hits.map((h) => h.conversation.id), [conversationId], q);
  }
  const [hit] = await found('quintanilla');
  assert.equal(hit!.message, null);
  assert.equal(hit!.visitorEmail, 'xiomara.q@example.org');
  assert.equal(hit!.conversation.visitorName, 'Xiomara Quintanilla');
  assert.deepEqual(marked(hit!), ['Quintanilla']);
  closeAll(visitor);
});

test('Search: a message is found as soon as it is acknowledged', async () => {
  const { visitor, conversationId } = await visitorWho([]);
  const ack = await visitor.emit('message:send', { clientId: clientId(), text: 'Is the brontosaurium still in stock?' });
  assert.ok(ack.ok);
  assert.deepEqual((await found('brontosaurium')).map((h) => h.conversation.id), [ack.message.conversationId]);
  assert.equal(conversationId, '');
  closeAll(visitor);
});

test("Search: a visitor's new name is found, the old one no longer", async () => {
  const { visitor, conversationId } = await visitorWho(['hello'], { name: 'Wilhelmina Oldname' });
  assert.equal((await found('Oldname')).length, 1);
  assert.ok((await visitor.emit('visitor:update', { name: 'Wilhelmina Newname' })).ok);
  assert.deepEqual((await found('Newname')).map((h) => h.conversation.id), [conversationId]);
  assert.deepEqual((await found('Wilhelmina')).map((h) => h.conversation.id), [conversationId]);
  assert.equal((await found('Oldname')).length, 0);
  closeAll(visitor);
});

test('Search: agent replies are found too, and a conversation shows once with its newest match', async () => {
  const { visitor, conversationId } = await visitorWho(['first mention of the kumquatorium', 'second mention of the kumquatorium']);
  const reply = await api(ctx.server, 'POST', `/api/conversations/${conversationId}/messages`, {
    cookie: ctx.owner.cookie,
    body: { clientId: clientId(), text: 'The kumquatorium ships tomorrow' },
  });
  assert.equal(reply.status, 201);
  const hits = await found('kumquatorium');
  assert.equal(hits.length, 1);
  assert.equal(hits[0]!.message?.seq, 3);
  assert.equal(hits[0]!.message?.authorType, 'agent');
  closeAll(visitor);
});

test('Search: an edited reply is found by its new text, once, and no longer by the old one', async () => {
  const { visitor, conversationId } = await visitorWho(['hello there']);
  const sent = await api(ctx.server, 'POST', `/api/conversations/${conversationId}/messages`, {
    cookie: ctx.owner.cookie,
    body: { clientId: clientId(), text: 'Your parcel went to Wolverhampton' },
  });
  assert.equal(sent.status, 201);
  const edited = await api(ctx.server, 'PUT', `/api/conversations/${conversationId}/messages/${sent.body.message.id}`, {
    cookie: ctx.owner.cookie,
    body: { editId: clientId(), text: 'Your parcel went to Shrewsbury' },
  });
  assert.equal(edited.status, 200, JSON.stringify(edited.body));
  assert.equal((await found('Wolverhampton')).length, 0);
  const hits = await found('Shrewsbury');
  assert.deepEqual(hits.map((h) => [h.conversation.id, h.message?.id]), [[conversationId, sent.body.message.id]]);
  closeAll(visitor);
});

test('Search: query text with search-engine syntax is only text: never an error, never an operator', async () => {
  const { visitor, conversationId } = await visitorWho(['I want a refund for order 4711-B (the "deluxe" one)', 'O\'Connor here, near the station']);
  const hostile = [
    '"',
    '""',
    '"refund',
    'refund"',
    '*',
    '**',
    'refund*',
    '-refund',
    'NOT refund',
    'refund NOT deluxe',
    'refund OR nothing',
    'NEAR(refund deluxe)',
    'NEAR',
    'near',
    '(',
    ')',
    '((refund',
    'refund)',
    '4711-B',
    ':',
    'text:refund',
    '^refund',
    "O'Connor",
    "'",
    "\\",
    'refund\\',
    "refund' & 'x",
    '!refund',
    'refund & deluxe',
    'refund | deluxe',
    '<->',
    '{refund}',
    '%',
    '_',
    'AND',
    '😀',
    'עברית',
    '\u202Erefund',
    '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
    'a'.repeat(200),
  ];
  for (const q of hostile) {
    const res = await search(q);
    assert.equal(res.status, 200, `${JSON.stringify(q)}: ${res.status} ${JSON.stringify(res.body)}`);
    assert.ok(Array.isArray(res.body.hits));
  }
  // Syntax characters around a word still find the word; operators are words to look for.
  for (const q of ['"refund"', 'refund*', '(refund)', '-refund', '"deluxe" refund', '((refund', 'refund)', "O'Connor", '4711-B', 'near station']) {
    assert.deepEqual((await found(q)).map((h) => h.conversation.id), [conversationId], q);
  }
  assert.equal((await found('refund OR nothing')).length, 0);
  assert.equal((await found('refund NOT deluxe')).length, 0);
  closeAll(visitor);
});

test('Search: texts in any script are found, and highlighted as they were written', async () => {
  const { visitor, conversationId } = await visitorWho(['Привет! Где мой заказ? 👋 شكرا جزيلا']);
  for (const q of ['заказ', 'ПРИВЕТ', 'شكرا']) {
    assert.deepEqual((await found(q)).map((h) => h.conversation.id), [conversationId], q);
  }
  assert.deepEqual(marked((await found('заказ'))[0]!), ['заказ']);
  closeAll(visitor);
});

test("Search: another account's conversations are never found", async () => {
  const other = await addAccount(ctx.server, { siteName: 'Other' });
  const { visitor: theirs } = await visitorWho(['secret word vexillologium'], { name: 'Ottoline Elsewhere', email: 'ottoline@elsewhere.test' }, other.widgetId);
  const { visitor: ours, conversationId } = await visitorWho(['our own vexillologium question']);
  assert.deepEqual((await found('vexillologium')).map((h) => h.conversation.id), [conversationId]);
  for (const q of ['Ottoline', 'ottoline@elsewhere.test', 'Elsewhere']) assert.equal((await found(q)).length, 0, q);
  assert.equal((await found('vexillologium', other.cookie)).length, 1);
  assert.notEqual((await found('vexillologium', other.cookie))[0]!.conversation.id, conversationId);
  closeAll(theirs, ours);
});

test('Search: results come newest first, a page at a time', async () => {
  const visitors: VisitorSocket[] = [];
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) {
    const { visitor, conversationId } = await visitorWho([`pagination marmalade number ${i}`]);
    visitors.push(visitor);
    ids.push(conversationId);
  }
  const first = await search('marmalade', { limit: 2 });
  assert.equal(first.status, 200);
  assert.deepEqual(first.body.hits.map((h) => h.conversation.id), [ids[4], ids[3]]);
  assert.ok(first.body.nextCursor);
  const second = await search('marmalade', { limit: 2, cursor: first.body.nextCursor! });
  assert.deepEqual(second.body.hits.map((h) => h.conversation.id), [ids[2], ids[1]]);
  const third = await search('marmalade', { limit: 2, cursor: second.body.nextCursor! });
  assert.deepEqual(third.body.hits.map((h) => h.conversation.id), [ids[0]]);
  assert.equal(third.body.nextCursor, null);
  closeAll(...visitors);
});

test('Search: a long message shows the part around the match, cut at words', async () => {
  const long = `${'lorem ipsum dolor sit amet '.repeat(20)}the quasimodoesque answer ${'consectetur adipiscing elit '.repeat(20)}`;
  const { visitor } = await visitorWho([long]);
  const [hit] = await found('quasimodoesque');
  assert.ok(hit!.snippet.text.startsWith('…') && hit!.snippet.text.endsWith('…'));
  assert.ok(hit!.snippet.text.length < 200);
  assert.deepEqual(marked(hit!), ['quasimodoesque']);
  closeAll(visitor);
});

test('Search: a missing, empty or too long query is a 400 in words; signed out is a 401', async () => {
  for (const route of ['/api/conversations/search', '/api/conversations/search?q=', '/api/conversations/search?q=%20%20', `/api/conversations/search?q=${'x'.repeat(201)}`, '/api/conversations/search?q=a&q=b', '/api/conversations/search?q=a&limit=0', '/api/conversations/search?q=a&cursor=-1', '/api/conversations/search?q=a&cursor=99999999']) {
    const res = await api(ctx.server, 'GET', route, { cookie: ctx.owner.cookie });
    assert.equal(res.status, 400, route);
    assert.equal(res.body.error.code, 'invalid_input');
    assert.match(res.body.error.message, /^(Search text|Limit|Cursor) /);
  }
  const empty = await api(ctx.server, 'GET', '/api/conversations/search?q=', { cookie: ctx.owner.cookie });
  assert.equal(empty.body.error.message, 'Search text must not be empty');
  const res = await api(ctx.server, 'GET', '/api/conversations/search?q=hello');
  assert.equal(res.status, 401);
  // Only punctuation: nothing to look for, so nothing found (not an error).
  assert.deepEqual((await found('*** --- ""')), []);
});

test('Search: a word repeated thousands of times in one chat still finds the older chats that have it', async () => {
  const { visitor: older, conversationId: olderId } = await visitorWho(['one mention of the heliotropium']);
  const { visitor: busy, conversationId: busyId } = await visitorWho(['hello']);
  // More matches in one conversation than search reads newest-first before asking exactly.
  const replies = Array.from({ length: 2_050 }, (_, i) => `heliotropium update ${i}`);
  for (let i = 0; i < replies.length; i += 50) {
    const batch = replies.slice(i, i + 50).map((text) =>
      api(ctx.server, 'POST', `/api/conversations/${busyId}/messages`, { cookie: ctx.owner.cookie, body: { clientId: clientId(), text } }),
    );
    for (const res of await Promise.all(batch)) assert.equal(res.status, 201);
  }
  const hits = await found('heliotropium');
  assert.deepEqual(hits.map((h) => h.conversation.id), [busyId, olderId]);
  assert.deepEqual(hits.map((h) => h.message?.seq), [2_051, 1]);
  closeAll(older, busy);
});
