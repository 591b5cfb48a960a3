// C8 / T5: the online visitors list (any agent), "Start chat" (any agent), and the `seats`
// setting (owner and admins, a settings route).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Id, OnlineVisitorsQuery, SeatsSetting, StartChat } from '@palique/protocol';
import { parseInput } from '../http/errors';
import { requireAgent, requireRole } from '../http/auth';
import type { OnlineVisitorService } from './service';

const VisitorParams = z.object({ id: Id });

export async function onlineVisitorRoutes(app: FastifyInstance, { onlineVisitors }: { onlineVisitors: OnlineVisitorService }): Promise<void> {
  app.get('/api/online-visitors', async (req) => {
    const ctx = requireAgent(req);
    const { limit } = parseInput(OnlineVisitorsQuery, req.query ?? {});
    return onlineVisitors.list(ctx.accountId, limit);
  });

  app.post('/api/online-visitors/:id/chat', async (req) => {
    const ctx = requireAgent(req);
    const { id } = parseInput(VisitorParams, req.params);
    const body = parseInput(StartChat, req.body);
    return onlineVisitors.startChat(ctx.accountId, id, { id: ctx.agent.id, name: ctx.agent.name }, body);
  });

  app.get('/api/account/seats', { config: { settings: true } }, async (req) => {
    const ctx = requireAgent(req);
    requireRole(ctx, 'owner', 'admin');
    return onlineVisitors.seats(ctx.accountId);
  });

  app.put('/api/account/seats', { config: { settings: true } }, async (req) => {
    const ctx = requireAgent(req);
    requireRole(ctx, 'owner', 'admin');
    return onlineVisitors.setSeats(ctx.accountId, parseInput(SeatsSetting, req.body));
  });
}
