// HTTP API the widget calls before opening its socket: get or confirm the visitor token.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Id, VisitorSessionBody } from '@palique/protocol';
import { parseInput } from '../http/errors';
import type { RateLimits } from '../http/limits';
import { addressKey } from '../http/address';
import type { VisitorService } from './service';

const Params = z.object({ widgetId: Id });

export interface VisitorRoutesOptions {
  visitors: VisitorService;
  limits: RateLimits;
}

export async function visitorRoutes(app: FastifyInstance, { visitors, limits }: VisitorRoutesOptions): Promise<void> {
  app.post('/api/widget/:widgetId/visitors', async (req) => {
    const { widgetId } = parseInput(Params, req.params);
    const { token } = parseInput(VisitorSessionBody, req.body ?? {});
    // A returning visitor (many behind one office or carrier address) is never refused; only the
    // creation of new visitors is limited per address (F11).
    const known = token ? await visitors.resumeSession(widgetId, token) : undefined;
    if (known) return known;
    await limits.enforce('newVisitorPerAddress', addressKey(req.ip));
    return visitors.startSession(widgetId);
  });
}
