// F7: a visitor looping `sync` is refused, and other visitors are not slowed down by it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorCode } from '@palique/protocol';
import { clientId, connectVisitor, serverWithOwner } from '@palique/server/testing';

const ctx = serverWithOwner({ env: { SYNC_RATE_LIMIT: '5' } });

test('F7: a visitor looping sync gets rate_limited while another visitor sends as usual', async () => {
  const looping = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const other = await connectVisitor(ctx.server, ctx.owner.widgetId);
  try {
    const flood = Promise.all(Array.from({ length: 40 }, () => looping.emit('sync', { after: 0 })));
    const sent = await other.emit('message:send', { clientId: clientId(), text: 'hello during the flood' });
    assert.ok(sent.ok, 'the other visitor\'s message is stored');
    const acks = await flood;
    const refused = acks.filter((a) => !a.ok);
    assert.equal(acks.length - refused.length, 5, 'SYNC_RATE_LIMIT syncs per 10 s pass');
    assert.ok(refused.every((a) => !a.ok && a.error.code === ErrorCode.RateLimited));
    // The other visitor's own sync is counted apart.
    assert.ok((await other.emit('sync', { after: 0 })).ok);
  } finally {
    looping.close();
    other.close();
  }
});
