// Group commit (SQLite): messages stored together in one transaction keep R1's guarantees.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { clientId, createOwner, startTestServer, type OwnerSession, type TestServer } from '../test-support/server';

let server: TestServer;
let owner: OwnerSession;

before(async () => {
  server = await startTestServer();
  owner = await createOwner(server);
});
after(() => server.close());

test('R1: concurrent sends from many visitors get gap-free seqs, and a racing duplicate is stored once', async () => {
  const { visitors, conversations } = server.charla.services;
  const people = await Promise.all(
    Array.from({ length: 5 }, async () => {
      const { visitorId } = await visitors.openSession(owner.widgetId, undefined);
      return visitors.get(owner.accountId, visitorId);
    }),
  );
  const twin = clientId();
  const sends = people.flatMap((v) => Array.from({ length: 20 }, (_, i) => conversations.sendAsVisitor(owner.accountId, v, clientId(), `message ${i}`)));
  sends.push(conversations.sendAsVisitor(owner.accountId, people[0], twin, 'sent twice'));
  sends.push(conversations.sendAsVisitor(owner.accountId, people[0], twin, 'sent twice'));

  const stored = await Promise.all(sends);

  const twins = stored.filter((m) => m.clientId === twin);
  assert.equal(twins[0].id, twins[1].id);
  for (const v of people) {
    const id = (await conversations.conversationIdOfVisitor(owner.accountId, v.id))!;
    const seqs = (await conversations.messagesAfter(owner.accountId, id, 0)).map((m) => m.seq);
    assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => i + 1));
  }
  const total = await server.charla.services.storage.db.selectFrom('messages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  assert.equal(Number(total.n), 5 * 20 + 1);
});
