// W2: the widget shows the last mode it received, so pushes must go out in the order they were
// begun: a push whose reads come back late carries an older state than one begun after it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AgentStatus } from '@palique/protocol';
import { EventBus } from '../events';
import { PresenceService } from './service';
import { MemoryPresenceStore } from './store';

test('W2: a mode worked out from older reads never goes out after a newer one', async () => {
  const store = new MemoryPresenceStore();
  await store.put('acc', 'conn-1', 'agent-1');
  // Each status read answers when the test says so, with the status it had when it was asked.
  let status: AgentStatus = 'online';
  const reads: Array<() => void> = [];
  const lookup = (_account: string, ids: string[]) => {
    const seen = status;
    return new Promise<AgentStatus[]>((resolve) => reads.push(() => resolve(ids.map(() => seen))));
  };
  const events = new EventBus({ error: () => {} });
  const pushed: string[] = [];
  events.on('widget.mode_changed', ({ mode }) => void pushed.push(mode));
  const presence = new PresenceService(store, lookup, events);
  presence.watchLocalVisitors({ has: () => true, accounts: () => ['acc'] });

  const older = presence.pushMode('acc'); // reads "online"
  await new Promise((r) => setImmediate(r));
  status = 'invisible';
  const newer = presence.pushMode('acc'); // reads "invisible"
  await new Promise((r) => setImmediate(r));
  assert.equal(reads.length, 2);
  reads[1]!(); // the newer read answers first
  await newer;
  reads[0]!();
  await older;
  assert.deepEqual(pushed, ['messenger'], 'the older "live" must not follow the newer "messenger"');

  // In order, both go out; and a push begun later still goes out (nothing is kept back).
  status = 'online';
  const third = presence.pushMode('acc');
  await new Promise((r) => setImmediate(r));
  reads[2]!();
  await third;
  assert.deepEqual(pushed, ['messenger', 'live']);
});
