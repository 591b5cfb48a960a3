// The harness's server process starts even when its port is taken between picking and listening
// (another test's server or connection took it): a fresh-ci run once failed so in-process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { freePort } from './ports';
import { startServerProcess } from './child-process';

test('a server process whose port was taken before it listened starts on another one', async () => {
  const taken = net.createServer();
  const port = await freePort();
  await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
  let crashed = '';
  const server = await startServerProcess({ name: 'port-taken', port, onCrash: (output) => (crashed = output) });
  try {
    assert.notEqual(server.port, port);
    assert.equal(server.url, `http://127.0.0.1:${server.port}`);
    const setup = await fetch(`${server.directUrl}/api/setup`);
    assert.equal(setup.status, 200);
    assert.equal(crashed, '', 'a taken port is not a crash');
  } finally {
    await server.close();
    taken.close();
  }
});
