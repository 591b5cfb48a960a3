// R2: the outbox survives a reload (it lives in the storage handed in) and keeps its clientIds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClientId } from '@palique/protocol';
import { newClientId } from './client-id';
import { Outbox } from './outbox';

test('R2: a message written before a reload is still waiting to be sent after it', () => {
  const storage = new Map<string, string>();
  const before = new Outbox(storage, 'palique:w:outbox');
  const written = before.add('Are you there?');

  const after = new Outbox(storage, 'palique:w:outbox');
  assert.deepEqual(after.nextToSend(), written);
});

test('R2: a failed message waits for Retry and keeps its clientId so the server can dedupe', () => {
  const storage = new Map<string, string>();
  const box = new Outbox(storage, 'k');
  const first = box.add('one');
  const second = box.add('two');
  box.markFailed(first.clientId, { code: 'rate_limited', message: 'Slow down' });
  assert.equal(box.nextToSend()?.text, 'two');

  box.remove([second.clientId]);
  box.retry(first.clientId);
  const reloaded = new Outbox(storage, 'k');
  assert.deepEqual(reloaded.nextToSend(), { clientId: first.clientId, text: 'one', createdAt: first.createdAt });
});

test('R2: unreadable stored data starts an empty outbox instead of breaking the widget', () => {
  const box = new Outbox(new Map([['k', '{not json']]), 'k');
  assert.equal(box.entries.length, 0);
});

test('R1: generated client ids are valid for the server and unique', () => {
  const ids = new Set(Array.from({ length: 1000 }, newClientId));
  assert.equal(ids.size, 1000);
  for (const id of ids) assert.ok(ClientId.safeParse(id).success, id);
});
