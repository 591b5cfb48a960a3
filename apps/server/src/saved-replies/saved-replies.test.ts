// C6: saved replies through the API: shared by every agent of the account, keywords unique
// without regard to case, bad input refused in words, and nothing crosses to another account.
// Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL (npm run test:scale).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addAccount, addAgent, api, apiAtOnce, serverWithOwner, signIn } from '@palique/server/testing';
import { ErrorCode, MAX_MESSAGE_LENGTH, MAX_SAVED_REPLIES } from '@palique/protocol';

const ctx = serverWithOwner();
const PASSWORD = 'agent password 1';

async function agentOfAccount(accountId: string, name: string) {
  const a = await addAgent(ctx.server, accountId, { name, password: PASSWORD, role: 'agent' });
  return { ...a, cookie: await signIn(ctx.server, a.email, PASSWORD) };
}

const listOf = async (cookie: string) => {
  const res = await api(ctx.server, 'GET', '/api/saved-replies', { cookie });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.savedReplies as { id: string; keyword: string; text: string }[];
};

test('C6: an agent creates, changes and deletes a saved reply, and the whole team shares it', async () => {
  const { server, owner } = ctx;
  const nora = await agentOfAccount(owner.accountId, 'Nora Vidal');
  const tomas = await agentOfAccount(owner.accountId, 'Tomás Ruiz');

  const created = await api(server, 'POST', '/api/saved-replies', { cookie: nora.cookie, body: { keyword: 'shipping', text: 'We ship in 2 days.' } });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.keyword, 'shipping');
  assert.equal(created.body.text, 'We ship in 2 days.');
  const id = created.body.id as string;

  // A colleague and the owner see it, and a colleague may change it (no role needed).
  assert.deepEqual((await listOf(tomas.cookie)).map((r) => [r.keyword, r.text]), [['shipping', 'We ship in 2 days.']]);
  assert.equal((await listOf(owner.cookie)).length, 1);
  const changed = await api(server, 'PUT', `/api/saved-replies/${id}`, { cookie: tomas.cookie, body: { keyword: 'Delivery', text: 'We ship within 48 hours.' } });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.deepEqual([changed.body.id, changed.body.keyword, changed.body.text], [id, 'Delivery', 'We ship within 48 hours.']);
  assert.deepEqual((await listOf(nora.cookie)).map((r) => [r.keyword, r.text]), [['Delivery', 'We ship within 48 hours.']]);

  // Listed by keyword, whatever the case.
  await api(server, 'POST', '/api/saved-replies', { cookie: owner.cookie, body: { keyword: 'apology', text: 'Sorry for the wait!' } });
  await api(server, 'POST', '/api/saved-replies', { cookie: owner.cookie, body: { keyword: 'Zebra', text: 'Last one.' } });
  assert.deepEqual((await listOf(nora.cookie)).map((r) => r.keyword), ['apology', 'Delivery', 'Zebra']);

  const deleted = await api(server, 'DELETE', `/api/saved-replies/${id}`, { cookie: nora.cookie });
  assert.equal(deleted.status, 204);
  assert.deepEqual((await listOf(tomas.cookie)).map((r) => r.keyword), ['apology', 'Zebra']);
  const again = await api(server, 'DELETE', `/api/saved-replies/${id}`, { cookie: nora.cookie });
  assert.equal(again.status, 404);
  assert.equal(again.body.error.code, ErrorCode.SavedReplyNotFound);
  const editDeleted = await api(server, 'PUT', `/api/saved-replies/${id}`, { cookie: nora.cookie, body: { keyword: 'x', text: 'y' } });
  assert.equal(editDeleted.status, 404);
});

test('C6: without a session every saved-reply route answers 401', async () => {
  const { server } = ctx;
  const id = '0190aaaa-0000-7000-8000-000000000000';
  for (const [method, path] of [['GET', '/api/saved-replies'], ['POST', '/api/saved-replies'], ['PUT', `/api/saved-replies/${id}`], ['DELETE', `/api/saved-replies/${id}`]] as const) {
    const res = await api(server, method, path, method === 'POST' || method === 'PUT' ? { body: { keyword: 'k', text: 't' } } : {});
    assert.equal(res.status, 401, `${method} ${path}`);
    assert.equal(res.body.error.code, ErrorCode.Unauthenticated);
  }
});

test('C6: bad keywords and texts are refused with a message in words; text is normalised as a message is', async () => {
  const { server, owner } = ctx;
  const cases: [body: unknown, expected: RegExp][] = [
    [{ keyword: '', text: 'Hello' }, /^Give the saved reply a keyword\.$/],
    [{ keyword: '   ', text: 'Hello' }, /^Give the saved reply a keyword\.$/],
    [{ keyword: 'two words', text: 'Hello' }, /^The keyword must be one word without spaces/],
    [{ keyword: 'tab\there', text: 'Hello' }, /one word without spaces/],
    [{ keyword: 'k'.repeat(41), text: 'Hello' }, /^The keyword must be at most 40 characters\.$/],
    [{ keyword: 'hello', text: ' \n\t ' }, /^Write the text of the saved reply\.$/],
    [{ keyword: 'hello', text: 'x'.repeat(MAX_MESSAGE_LENGTH + 1) }, /^The text must be at most 10,000 characters\.$/],
    [{ text: 'Hello' }, /^Give the saved reply a keyword\.$/],
    [{ keyword: 'hello', text: 42 }, /^Write the text of the saved reply\.$/],
    ['just a string', /keyword and a text/],
  ];
  for (const [body, expected] of cases) {
    const res = await api(server, 'POST', '/api/saved-replies', { cookie: owner.cookie, body });
    assert.equal(res.status, 400, JSON.stringify(body).slice(0, 80));
    assert.equal(res.body.error.code, ErrorCode.InvalidInput);
    assert.match(res.body.error.message, expected);
    assert.doesNotMatch(res.body.error.message, /keyword:|text:/, 'no field keys in the message');
  }
  // Both problems at once are both told.
  const both = await api(server, 'POST', '/api/saved-replies', { cookie: owner.cookie, body: { keyword: '', text: '' } });
  assert.equal(both.body.error.message, 'Give the saved reply a keyword. Write the text of the saved reply.');

  // Typed with its slash, the keyword is stored without it; the text loses control characters
  // and surrounding blanks, keeps its lines, as a message would.
  const ok = await api(server, 'POST', '/api/saved-replies', {
    cookie: owner.cookie,
    body: { keyword: '/Gracias', text: '  ¡Gracias\u0000 por escribir!\r\nHasta pronto 👋\n' },
  });
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assert.equal(ok.body.keyword, 'Gracias');
  assert.equal(ok.body.text, '¡Gracias por escribir!\nHasta pronto 👋');
  const longest = await api(server, 'POST', '/api/saved-replies', { cookie: owner.cookie, body: { keyword: 'k'.repeat(40), text: 'y'.repeat(MAX_MESSAGE_LENGTH) } });
  assert.equal(longest.status, 201, 'the limits themselves are allowed');
  // A malformed id is a reply that does not exist.
  assert.equal((await api(server, 'DELETE', '/api/saved-replies/not%20an%20id', { cookie: owner.cookie })).status, 404);
});

test('C6: a keyword is unique in the account without regard to case, on create, on edit and at the same instant', async () => {
  const { server, owner } = ctx;
  const first = await api(server, 'POST', '/api/saved-replies', { cookie: owner.cookie, body: { keyword: 'refund', text: 'Refunds take 5 days.' } });
  assert.equal(first.status, 201);
  const dup = await api(server, 'POST', '/api/saved-replies', { cookie: owner.cookie, body: { keyword: 'REFUND', text: 'Another text' } });
  assert.equal(dup.status, 409);
  assert.equal(dup.body.error.code, ErrorCode.SavedReplyKeywordTaken);
  assert.equal(dup.body.error.message, 'Another saved reply already has the keyword "REFUND". Choose another keyword.');

  const other = await api(server, 'POST', '/api/saved-replies', { cookie: owner.cookie, body: { keyword: 'returns', text: 'Send it back within 30 days.' } });
  const renamed = await api(server, 'PUT', `/api/saved-replies/${other.body.id}`, { cookie: owner.cookie, body: { keyword: 'Refund', text: 'x' } });
  assert.equal(renamed.status, 409);
  assert.equal(renamed.body.error.code, ErrorCode.SavedReplyKeywordTaken);
  // Its own keyword in another case is no clash.
  const recased = await api(server, 'PUT', `/api/saved-replies/${first.body.id}`, { cookie: owner.cookie, body: { keyword: 'Refund', text: 'Refunds take 5 working days.' } });
  assert.equal(recased.status, 200, JSON.stringify(recased.body));
  assert.equal(recased.body.keyword, 'Refund');

  // Two agents saving one new keyword at once: one reply, one clear 409.
  const body = { keyword: 'hours', text: 'We answer 9 to 18.' };
  const answers = await apiAtOnce(server, [1, 2, 3].map(() => ({ method: 'POST', route: '/api/saved-replies', opts: { cookie: owner.cookie, body } })));
  assert.deepEqual(answers.map((a) => a.status).sort(), [201, 409, 409]);
  assert.equal((await listOf(owner.cookie)).filter((r) => r.keyword === 'hours').length, 1);
});

test('C6: another account neither sees nor changes these saved replies, and may use the same keyword', async () => {
  const { server, owner } = ctx;
  const mine = await api(server, 'POST', '/api/saved-replies', { cookie: owner.cookie, body: { keyword: 'welcome', text: 'Welcome to Acme!' } });
  assert.equal(mine.status, 201);
  const other = await addAccount(server, { siteName: 'Globex' });
  const otherAgent = await agentOfAccount(other.accountId, 'Mallory');

  assert.deepEqual(await listOf(other.cookie), []);
  assert.deepEqual(await listOf(otherAgent.cookie), []);
  for (const cookie of [other.cookie, otherAgent.cookie]) {
    const put = await api(server, 'PUT', `/api/saved-replies/${mine.body.id}`, { cookie, body: { keyword: 'pwned', text: 'pwned' } });
    assert.equal(put.status, 404);
    assert.equal(put.body.error.code, ErrorCode.SavedReplyNotFound);
    const del = await api(server, 'DELETE', `/api/saved-replies/${mine.body.id}`, { cookie });
    assert.equal(del.status, 404);
  }
  const same = await api(server, 'POST', '/api/saved-replies', { cookie: other.cookie, body: { keyword: 'Welcome', text: 'Welcome to Globex!' } });
  assert.equal(same.status, 201, 'keywords are unique per account only');

  const stillMine = (await listOf(owner.cookie)).find((r) => r.id === mine.body.id);
  assert.deepEqual(stillMine && [stillMine.keyword, stillMine.text], ['welcome', 'Welcome to Acme!']);
  assert.deepEqual((await listOf(other.cookie)).map((r) => r.text), ['Welcome to Globex!']);
});

test('C6: an account keeps at most MAX_SAVED_REPLIES saved replies; one more is refused in words', async () => {
  const { server } = ctx;
  const account = await addAccount(server, { siteName: 'Initech' });
  for (let i = 0; i < MAX_SAVED_REPLIES; i += 50) {
    const batch = Array.from({ length: Math.min(50, MAX_SAVED_REPLIES - i) }, (_, j) =>
      api(server, 'POST', '/api/saved-replies', { cookie: account.cookie, body: { keyword: `reply-${i + j}`, text: `Answer ${i + j}` } }),
    );
    assert.deepEqual([...new Set((await Promise.all(batch)).map((r) => r.status))], [201]);
  }
  const more = await api(server, 'POST', '/api/saved-replies', { cookie: account.cookie, body: { keyword: 'one-more', text: 'Too many' } });
  assert.equal(more.status, 409);
  assert.equal(more.body.error.code, ErrorCode.SavedReplyLimit);
  assert.equal(more.body.error.message, `An account keeps at most ${MAX_SAVED_REPLIES} saved replies. Delete some first.`);
  assert.equal((await listOf(account.cookie)).length, MAX_SAVED_REPLIES);
});
