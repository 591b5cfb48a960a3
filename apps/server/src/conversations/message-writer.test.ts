// Group commit (SQLite): messages stored together in one transaction keep R1's guarantees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientId, connectVisitor, messagesOf, messagesOfAccount, serverWithOwner } from '@palique/server/testing';

const ctx = serverWithOwner();

test('R1: concurrent sends from many visitors get gap-free seqs, and a racing duplicate is stored once', async () => {
  const people = await Promise.all(Array.from({ length: 5 }, () => connectVisitor(ctx.server, ctx.owner.widgetId)));
  const twin = clientId();
  // Everything on the wire at once: the server stores what arrives together in shared commits.
  const sends = people.flatMap((v) => Array.from({ length: 20 }, (_, i) => v.emit('message:send', { clientId: clientId(), text: `message ${i}` })));
  sends.push(people[0]!.emit('message:send', { clientId: twin, text: 'sent twice' }));
  sends.push(people[0]!.emit('message:send', { clientId: twin, text: 'sent twice' }));

  const stored = (await Promise.all(sends)).map((ack) => {
    assert.ok(ack.ok, JSON.stringify(ack));
    return ack.message;
  });

  const twins = stored.filter((m) => m.clientId === twin);
  assert.equal(twins[0]!.id, twins[1]!.id);
  const conversationIds = new Set(stored.map((m) => m.conversationId));
  assert.equal(conversationIds.size, 5);
  for (const id of conversationIds) {
    const seqs = (await messagesOf(ctx.server, ctx.owner.cookie, id)).map((m) => m.seq);
    assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => i + 1));
  }
  assert.equal((await messagesOfAccount(ctx.server, ctx.owner.cookie)).length, 5 * 20 + 1);
  for (const v of people) v.close();
});
