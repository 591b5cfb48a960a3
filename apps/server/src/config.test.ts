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

test('Config: TRUST_PROXY is off, a hop count (true = 1) or proxy addresses; anything else is refused with the reason', () => {
  assert.equal(loadConfig({}).trustProxy, false);
  assert.equal(loadConfig({ TRUST_PROXY: 'false' }).trustProxy, false);
  assert.equal(loadConfig({ TRUST_PROXY: 'true' }).trustProxy, 1);
  assert.equal(loadConfig({ TRUST_PROXY: '2' }).trustProxy, 2);
  assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.1, 192.168.0.0/16,::1' }).trustProxy, ['10.0.0.1', '192.168.0.0/16', '::1']);
  assert.equal(loadConfig({ TRUST_PROXY: '1' }).maxConnectionsPerAddress, 0, 'behind a proxy the proxy caps connections');
  for (const bad of ['yes', '10.0.0.0/33', 'proxy.example.com', '10.0.0.1,']) {
    assert.throws(() => loadConfig({ TRUST_PROXY: bad }), /TRUST_PROXY: use false, the number of proxies/, bad);
  }
});
