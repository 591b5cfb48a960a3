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
    const { token, clientId, clientIdSignature } = parseInput(VisitorSessionBody, req.body ?? {});
    // W7: a site user's id counts only with its valid signature; otherwise it is ignored.
    const externalId = clientId && clientIdSignature ? await visitors.verifiedClientId(widgetId, clientId, clientIdSignature) : undefined;
    // A returning visitor (many behind one office or carrier address) is never refused; only the
    // creation of new visitors is limited per address (F11).
    const known = externalId ? await visitors.resumeIdentified(widgetId, externalId, token) : token ? await visitors.resumeSession(widgetId, token) : undefined;
    if (known) return known;
    await limits.enforce('newVisitorPerAddress', addressKey(req.ip));
    return visitors.startSession(widgetId, externalId);
  });
}
