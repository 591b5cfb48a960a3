// HTTP API of data protection: export (any agent of the account), delete (owner and admins), and
// the retention setting (owner and admins; a settings route).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Id, RetentionSetting } from '@palique/protocol';
import { parseInput } from '../http/errors';
import { requireAgent, requireRole } from '../http/auth';
import type { PrivacyService } from './service';

const Params = z.object({ id: Id });

export async function privacyRoutes(app: FastifyInstance, { privacy }: { privacy: PrivacyService }): Promise<void> {
  app.get('/api/visitors/:id/export', async (req, reply) => {
    const ctx = requireAgent(req);
    const { id } = parseInput(Params, req.params);
    const body = await privacy.export(ctx.accountId, id);
    void reply.header('content-disposition', `attachment; filename="visitor-${id}.json"`);
    return body;
  });

  app.delete('/api/visitors/:id', async (req) => {
    const ctx = requireAgent(req);
    requireRole(ctx, 'owner', 'admin');
    const { id } = parseInput(Params, req.params);
    await privacy.deleteVisitor(ctx.accountId, id);
    return {};
  });

  app.get('/api/account/retention', { config: { settings: true } }, async (req) => {
    const ctx = requireAgent(req);
    requireRole(ctx, 'owner', 'admin');
    return privacy.retention(ctx.accountId);
  });

  app.put('/api/account/retention', { config: { settings: true } }, async (req) => {
    const ctx = requireAgent(req);
    requireRole(ctx, 'owner', 'admin');
    const { days } = parseInput(RetentionSetting, req.body);
    return privacy.setRetention(ctx.accountId, days);
  });
}
