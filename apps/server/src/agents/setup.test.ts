// First-run setup is one transaction (F2) and happens once per installation, as the database
// enforces it (F3), on SQLite and on PostgreSQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addAccount, api, apiAtOnce, signIn, startInProcessServer, storedAccountNames } from '@palique/server/testing';

const setupBody = (email: string, siteName = 'Acme') => ({ name: 'Helena Prado', email, password: 'a good password', siteName });

test('F2: a setup the database refuses half-way leaves no account behind, and setup can be done again', async () => {
  const server = await startInProcessServer();
  try {
    // An agent with the owner's email already exists (written directly: no API makes one before
    // setup), so the database refuses the owner: the second insert, after the account's.
    await addAccount(server, { siteName: 'Elsewhere', email: 'taken@example.com' });

    const refused = await api(server, 'POST', '/api/setup', { body: setupBody('taken@example.com', 'Half-way') });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'email_taken');
    assert.equal(refused.headers.get('set-cookie'), null, 'no session for a setup that did not happen');
    assert.deepEqual(await storedAccountNames(server), ['Elsewhere'], 'the refused setup left no account');
    assert.deepEqual((await api(server, 'GET', '/api/setup')).body, { needsSetup: true });

    const done = await api(server, 'POST', '/api/setup', { body: setupBody('helena@example.com') });
    assert.equal(done.status, 201, JSON.stringify(done.body));
    assert.equal(done.body.agent.role, 'owner');
    assert.deepEqual(await storedAccountNames(server), ['Elsewhere', 'Acme']);
    assert.ok(await signIn(server, 'helena@example.com', 'a good password'));
  } finally {
    await server.close();
  }
});

test('F3: of 20 setups at once, exactly one creates the owner; the others get 409 already_set_up', async () => {
  const server = await startInProcessServer();
  try {
    const answers = await apiAtOnce(
      server,
      Array.from({ length: 20 }, (_, i) => ({ method: 'POST', route: '/api/setup', opts: { body: setupBody(`owner${i}@example.com`, `Site ${i}`) } })),
    );
    const created = answers.filter((a) => a.status === 201);
    assert.equal(created.length, 1, `statuses: ${answers.map((a) => a.status).join(' ')}`);
    for (const a of answers.filter((x) => x.status !== 201)) {
      assert.equal(a.status, 409);
      assert.equal(a.body.error.code, 'already_set_up');
    }
    assert.deepEqual(await storedAccountNames(server), [created[0]!.body.account.name]);
    assert.deepEqual((await api(server, 'GET', '/api/setup')).body, { needsSetup: false });
  } finally {
    await server.close();
  }
});
