// HTTP API the widget calls before opening its socket: get or confirm the visitor token.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Id, VisitorSessionBody } from '@palique/protocol';
import type { Services } from '../services';
import { parseInput } from '../http/errors';
import { enforceRateLimit } from '../http/rate-limit';

const Params = z.object({ widgetId: Id });

export function visitorRoutes(app: FastifyInstance, s: Services): void {
  app.post('/api/widget/:widgetId/visitors', async (req) => {
    const { widgetId } = parseInput(Params, req.params);
    const { token } = parseInput(VisitorSessionBody, req.body ?? {});
    await enforceRateLimit(s.rateLimiter, `visitor-session:${req.ip}`, s.config.widgetRateLimit, 60_000);
    return s.visitors.openSession(widgetId, token);
  });
}
