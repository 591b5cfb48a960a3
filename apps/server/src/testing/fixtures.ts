// node:test fixtures: a server per test file, started before its tests and closed after.
import { after, before } from 'node:test';
import { setupOwner, type OwnerSession } from './accounts';
import { startInProcessServer, type InProcessOptions, type InProcessServer } from './in-process';

/**
 * A fresh in-process server with its owner set up. Read `ctx.server` and `ctx.owner` inside
 * tests (they are set once `before` has run).
 */
export function serverWithOwner(opts: InProcessOptions = {}): { server: InProcessServer; owner: OwnerSession } {
  const ctx = {} as { server: InProcessServer; owner: OwnerSession };
  before(async () => {
    ctx.server = await startInProcessServer(opts);
    ctx.owner = await setupOwner(ctx.server);
  });
  after(() => ctx.server?.close());
  return ctx;
}
