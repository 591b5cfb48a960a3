// F10: Palique('restart') revokes the visitor token: the token no longer connects or resumes,
// every tab holding it is disconnected at once, and what the visitor wrote stays for the agents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, clientId, connectVisitor, conversationOfVisitor, serverWithOwner } from '@palique/server/testing';

const ctx = serverWithOwner();

const disconnected = (s: { socket: { connected: boolean; once(e: 'disconnect', f: () => void): unknown } }) =>
  new Promise<void>((resolve) => (s.socket.connected ? s.socket.once('disconnect', resolve) : resolve()));

test('F10: a revoked visitor token is refused (visitor_unknown) and its open sockets end', async () => {
  const tab = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const sent = await tab.emit('message:send', { clientId: clientId(), text: 'before the restart' });
  assert.ok(sent.ok);
  const otherTab = await connectVisitor(ctx.server, ctx.owner.widgetId, tab.token);
  const otherEnded = disconnected(otherTab);
  const tabEnded = disconnected(tab);

  const ack = await tab.emit('visitor:revoke', {});
  assert.deepEqual(ack, { ok: true });
  await Promise.all([otherEnded, tabEnded]);

  await assert.rejects(connectVisitor(ctx.server, ctx.owner.widgetId, tab.token), (err: any) => err.data?.code === 'visitor_unknown');
  // The widget's session call with the old token gets a new, anonymous visitor.
  const session = await api(ctx.server, 'POST', `/api/widget/${ctx.owner.widgetId}/visitors`, { body: { token: tab.token } });
  assert.equal(session.status, 200);
  assert.notEqual(session.body.token, tab.token);
  assert.notEqual(session.body.visitorId, sent.message.authorId);
  // The agents keep the conversation.
  const conversation = await conversationOfVisitor(ctx.server, ctx.owner.cookie, sent.message.authorId!);
  assert.equal(conversation?.lastMessageText, 'before the restart');
});

test('F10: revoking takes no body', async () => {
  const tab = await connectVisitor(ctx.server, ctx.owner.widgetId);
  const ack = await tab.emitMalformed('visitor:revoke', { visitorId: 'someone-else' });
  assert.equal(ack.ok ? 'ok' : ack.error.code, 'invalid_input');
  tab.close();
});
