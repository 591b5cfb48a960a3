// W7: what the chat app takes from the host page's PaliqueSetup (each value checked), and where
// Palique('sendAutoMessage') messages sit in the thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatMessage } from '@palique/client';
import { readAppSetup } from './app-setup';
import { withAutoMessages } from './auto-messages';

// Node has no CSS.supports: a stand-in that knows a few colours.
(globalThis as { CSS?: unknown }).CSS = { supports: (_p: string, v: string) => /^(#[0-9a-f]{3,8}|rgb\([\d, ]+\)|red|teal)$/i.test(v) };

test('W7: the chat app reads colours, the signed user id, embedded mode and language, and ignores the rest', () => {
  const setup = readAppSetup(
    JSON.stringify({ colors: { header: '#0f766e', headerText: 'url(javascript:x)' }, clientId: 'u-1', clientIdSignature: 'ab'.repeat(32), embedTo: '#box', language: 'es' }),
  );
  assert.deepEqual(setup, { language: 'es', header: '#0f766e', headerText: null, identity: { clientId: 'u-1', signature: 'ab'.repeat(32) }, inline: true });
  assert.equal(readAppSetup(JSON.stringify({ clientId: 'u-1' })).identity, null, 'an id without a signature is not sent');
  for (const raw of [null, '', 'not json', '[1,2]', '"text"', JSON.stringify({ colors: 'red', clientId: 42 })]) {
    const s = readAppSetup(raw);
    assert.equal(s.identity, null, String(raw));
    assert.equal(s.header, null, String(raw));
    assert.equal(s.inline, false, String(raw));
  }
});

const msg = (key: string, createdAt: string): ChatMessage => ({ key, id: key, seq: 1, clientId: key, authorType: 'agent', authorName: null, text: key, createdAt, status: 'sent' });

test('W7: an auto message sits in the thread at the time it came', () => {
  const thread = [msg('a', '2026-11-27T10:00:00.000Z'), msg('c', '2026-11-27T10:02:00.000Z')];
  const auto = [msg('b', '2026-11-27T10:01:00.000Z'), msg('d', '2026-11-27T10:03:00.000Z')];
  assert.deepEqual(withAutoMessages(thread, auto).map((m) => m.key), ['a', 'b', 'c', 'd']);
  assert.equal(withAutoMessages(thread, []), thread);
});
