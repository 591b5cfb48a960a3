// The config is read once from the environment and cannot be changed afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from './config';

test('Config: PORT and PUBLIC_URL come from the environment, and the loaded config is frozen', () => {
  const config = loadConfig({ PORT: '4321', PUBLIC_URL: 'http://chat.example.com:4321/' });
  assert.equal(config.port, 4321);
  assert.equal(config.publicUrl, 'http://chat.example.com:4321');
  assert.ok(Object.isFrozen(config));
  assert.throws(() => {
    (config as { publicUrl: string }).publicUrl = 'http://127.0.0.1:0';
  }, TypeError);
  assert.equal(config.publicUrl, 'http://chat.example.com:4321');
});
