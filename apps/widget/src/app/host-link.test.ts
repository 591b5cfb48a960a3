// The chat app only ever posts to the exact origin the loader announced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linkToHost, parseHostOrigin } from './host-link';

test('W1: the host origin must be a bare origin, or the chat app posts nothing to the page', () => {
  assert.equal(parseHostOrigin('https://shop.example.com'), 'https://shop.example.com');
  assert.equal(parseHostOrigin('http://127.0.0.1:3100'), 'http://127.0.0.1:3100');
  for (const bad of [null, '', '*', 'null', 'https://shop.example.com/path', 'javascript:alert(1)', 'file:///etc/passwd']) {
    assert.equal(parseHostOrigin(bad), null, String(bad));
  }
});

/** A page and a frame as far as linkToHost sees them: the parent window, its messages, and the frame's listeners. */
function framed(hostOrigin: string) {
  const posted: unknown[] = [];
  const parent = { postMessage: (message: unknown, origin: string) => posted.push({ message, origin }) };
  const listeners: Array<(event: unknown) => void> = [];
  (globalThis as { window?: unknown }).window = { parent, addEventListener: (_type: string, fn: (event: unknown) => void) => listeners.push(fn) };
  const fromPage = (data: unknown, origin = hostOrigin, source: unknown = parent) => listeners.forEach((l) => l({ data, origin, source }));
  const client = { getState: () => ({ mode: 'live', synced: false }), subscribe: () => () => {}, onIncoming: () => () => {} };
  return { posted, fromPage, client: client as unknown as Parameters<typeof linkToHost>[0] };
}

test('W7: auto messages the page sends before the chat app listens are kept and handed over in order, then passed on live', () => {
  const host = 'https://shop.example.com';
  const { fromPage, client } = framed(host);
  const link = linkToHost(client, host);
  fromPage({ palique: 1, type: 'sendAutoMessage', arg: 'Free shipping today' });
  fromPage({ palique: 1, type: 'sendAutoMessage', arg: 'Need a size?' });
  fromPage({ palique: 1, type: 'sendAutoMessage', arg: 'from elsewhere' }, 'https://evil.example');
  fromPage({ palique: 1, type: 'sendAutoMessage', arg: '   ' });
  const heard: string[] = [];
  link.onAutoMessage((text) => heard.push(text));
  assert.deepEqual(heard, ['Free shipping today', 'Need a size?'], 'the waiting ones, in order; not another origin\'s, not a blank one');
  fromPage({ palique: 1, type: 'sendAutoMessage', arg: 'Live one' });
  assert.deepEqual(heard, ['Free shipping today', 'Need a size?', 'Live one']);
  const later: string[] = [];
  link.onAutoMessage((text) => later.push(text));
  assert.deepEqual(later, [], 'handed over once, not again to a later listener');
});

test('W7: at most 20 auto messages wait for the chat app; the rest are dropped', () => {
  const host = 'https://shop.example.com';
  const { fromPage, client } = framed(host);
  const link = linkToHost(client, host);
  for (let i = 0; i < 25; i++) fromPage({ palique: 1, type: 'sendAutoMessage', arg: `m${i}` });
  const heard: string[] = [];
  link.onAutoMessage((text) => heard.push(text));
  assert.equal(heard.length, 20);
  assert.equal(heard[0], 'm0');
});
