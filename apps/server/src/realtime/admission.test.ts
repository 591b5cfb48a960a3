// A busy process turns new visitor connections away before doing any work for them (they retry
// with backoff), while agents always get in. VISITOR_ADMISSION_MAX_LOAD=0 plays "always busy".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectAgent, connectVisitor, setupOwner, startInProcessServer } from '@palique/server/testing';

test('while the process is busy, new visitors get a retryable 503 and agents still connect', async () => {
  const server = await startInProcessServer({ env: { VISITOR_ADMISSION_MAX_LOAD: '0' } });
  try {
    const owner = await setupOwner(server);
    await assert.rejects(connectVisitor(server, owner.widgetId), 'the visitor socket is refused');
    const polling = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`);
    assert.equal(polling.status, 503);
    assert.equal(polling.headers.get('retry-after'), '2');
    assert.deepEqual(await polling.json(), { error: { code: 'server_busy', message: 'The server is busy; try again in a moment' } });
    const agent = await connectAgent(server, owner.cookie);
    assert.equal(agent.socket.connected, true, 'the agent is admitted');
    agent.close();
  } finally {
    await server.close();
  }
});

test('an idle process admits visitors (the default threshold)', async () => {
  const server = await startInProcessServer();
  try {
    const owner = await setupOwner(server);
    const visitor = await connectVisitor(server, owner.widgetId);
    assert.equal(visitor.socket.connected, true);
    visitor.close();
  } finally {
    await server.close();
  }
});
