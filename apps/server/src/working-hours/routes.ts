// HTTP API of an agent's own working hours (A5).
import type { FastifyInstance } from 'fastify';
import { WorkingHours } from '@palique/protocol';
import { parseInput } from '../http/errors';
import { requireAgent } from '../http/auth';
import type { WorkingHoursService } from './service';

export async function workingHoursRoutes(app: FastifyInstance, options: { workingHours: WorkingHoursService }): Promise<void> {
  const { workingHours } = options;

  app.get('/api/me/schedule', async (req) => {
    const ctx = requireAgent(req);
    return workingHours.get(ctx.accountId, ctx.agent.id);
  });

  app.put('/api/me/schedule', async (req) => {
    const ctx = requireAgent(req);
    return workingHours.save(ctx.accountId, ctx.agent.id, parseInput(WorkingHours, req.body));
  });
}
