// Group commit (SQLite): messages stored together in one transaction keep R1's guarantees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientId, serverWithOwner } from '../test-support/server';

const ctx = serverWithOwner();

test('R1: concurrent sends from many visitors get gap-free seqs, and a racing duplicate is stored once', async () => {
  const { visitors, conversations } = ctx.server.palique.services;
  const people = await Promise.all(
    Array.from({ length: 5 }, async () => {
      const { visitorId } = await visitors.openSession(ctx.owner.widgetId, undefined);
      return visitors.get(ctx.owner.accountId, visitorId);
    }),
  );
  const twin = clientId();
  const sends = people.flatMap((v) => Array.from({ length: 20 }, (_, i) => conversations.sendAsVisitor(ctx.owner.accountId, v, clientId(), `message ${i}`)));
  sends.push(conversations.sendAsVisitor(ctx.owner.accountId, people[0], twin, 'sent twice'));
  sends.push(conversations.sendAsVisitor(ctx.owner.accountId, people[0], twin, 'sent twice'));

  const stored = await Promise.all(sends);

  const twins = stored.filter((m) => m.clientId === twin);
  assert.equal(twins[0].id, twins[1].id);
  for (const v of people) {
    const id = (await conversations.conversationIdOfVisitor(ctx.owner.accountId, v.id))!;
    const seqs = (await conversations.messagesAfter(ctx.owner.accountId, id, 0)).messages.map((m) => m.seq);
    assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => i + 1));
  }
  const total = await ctx.server.palique.services.storage.db.selectFrom('messages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  assert.equal(Number(total.n), 5 * 20 + 1);
});
