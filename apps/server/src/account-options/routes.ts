// HTTP API of account options: owner and admins only (agents get 403, reading included).
import type { FastifyInstance } from 'fastify';
import { AccountOptions } from '@palique/protocol';
import { parseInput } from '../http/errors';
import { requireAgent, requireRole } from '../http/auth';
import type { AccountOptionsService } from './service';

export async function accountOptionRoutes(app: FastifyInstance, options: { accountOptions: AccountOptionsService }): Promise<void> {
  const { accountOptions } = options;

  app.get('/api/account/options', { config: { settings: true } }, async (req) => {
    const ctx = requireAgent(req);
    requireRole(ctx, 'owner', 'admin');
    return accountOptions.get(ctx.accountId);
  });

  app.put('/api/account/options', { config: { settings: true } }, async (req) => {
    const ctx = requireAgent(req);
    requireRole(ctx, 'owner', 'admin');
    return accountOptions.set(ctx.accountId, parseInput(AccountOptions, req.body));
  });
}
