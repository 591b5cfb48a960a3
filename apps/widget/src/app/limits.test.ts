// The widget's copy of the server's limits must not drift from the protocol's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_MESSAGE_LENGTH as PROTOCOL_MAX } from '@palique/protocol';
import { MAX_MESSAGE_LENGTH } from './limits';

test('R1: the composer allows exactly as many characters as the server accepts', () => {
  assert.equal(MAX_MESSAGE_LENGTH, PROTOCOL_MAX);
});
