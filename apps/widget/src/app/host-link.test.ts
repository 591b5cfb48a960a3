// The chat app only ever posts to the exact origin the loader announced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHostOrigin } from './host-link';

test('W1: the host origin must be a bare origin, or the chat app posts nothing to the page', () => {
  assert.equal(parseHostOrigin('https://shop.example.com'), 'https://shop.example.com');
  assert.equal(parseHostOrigin('http://127.0.0.1:3100'), 'http://127.0.0.1:3100');
  for (const bad of [null, '', '*', 'null', 'https://shop.example.com/path', 'javascript:alert(1)', 'file:///etc/passwd']) {
    assert.equal(parseHostOrigin(bad), null, String(bad));
  }
});
