// C3: the widget's page views (visitor token) and the agents' view of a visitor's details.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ErrorCode, Id, PageView } from '@palique/protocol';
import { AppError, parseInput } from '../http/errors';
import { requireAgent } from '../http/auth';
import type { RateLimits } from '../http/limits';
import type { VisitorService } from '../visitors/service';
import { GEO_ATTRIBUTION } from './geo';
import type { VisitService } from './service';

const WidgetParams = z.object({ widgetId: Id });
const VisitorParams = z.object({ id: Id });

export interface VisitRoutesOptions {
  visits: VisitService;
  visitors: VisitorService;
  limits: RateLimits;
}

export async function visitRoutes(app: FastifyInstance, { visits, visitors, limits }: VisitRoutesOptions): Promise<void> {
  app.post('/api/widget/:widgetId/page-views', async (req, reply) => {
    const { widgetId } = parseInput(WidgetParams, req.params);
    const token = /^Bearer (\S{16,128})$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token) throw new AppError(ErrorCode.VisitorUnknown, 401, 'Send the visitor token as "Authorization: Bearer <token>"');
    const { accountId, visitor } = await visitors.authenticate(widgetId, token);
    await limits.enforce('visitorPageView', visitor.id);
    const view = parseInput(PageView, req.body ?? {});
    // req.ip honours TRUST_PROXY (the address the proxy saw, not the proxy's).
    await visits.recordPageView(accountId, visitor.id, view, { ip: req.ip, userAgent: req.headers['user-agent'] });
    visitors.touch(accountId, visitor.id);
    return reply.status(204).send();
  });

  app.get('/api/visitors/:id/details', async (req) => {
    const ctx = requireAgent(req);
    const { id } = parseInput(VisitorParams, req.params);
    await visitors.get(ctx.accountId, id); // 404 for another account's visitor
    return { details: await visits.details(ctx.accountId, id), attribution: GEO_ATTRIBUTION };
  });
}
