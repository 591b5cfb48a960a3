// HTTP API the widget calls before opening its socket: get or confirm the visitor token.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Id, VisitorSessionBody } from '@palique/protocol';
import { parseInput } from '../http/errors';
import { enforceRateLimit, type RateLimiter } from '../http/rate-limit';
import type { VisitorService } from './service';

const Params = z.object({ widgetId: Id });

export interface VisitorRoutesOptions {
  visitors: VisitorService;
  rateLimiter: RateLimiter;
  /** New visitors per address per minute. */
  widgetRateLimit: number;
}

export async function visitorRoutes(app: FastifyInstance, { visitors, rateLimiter, widgetRateLimit }: VisitorRoutesOptions): Promise<void> {
  app.post('/api/widget/:widgetId/visitors', async (req) => {
    const { widgetId } = parseInput(Params, req.params);
    const { token } = parseInput(VisitorSessionBody, req.body ?? {});
    await enforceRateLimit(rateLimiter, `visitor-session:${req.ip}`, widgetRateLimit, 60_000);
    return visitors.openSession(widgetId, token);
  });
}
