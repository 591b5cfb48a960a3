// HTTP API the widget calls before opening its socket: get or confirm the visitor token.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Id, VisitorCrmUpdate, VisitorSessionBody } from '@palique/protocol';
import { requireAgent } from '../http/auth';
import { parseInput } from '../http/errors';
import type { RateLimits } from '../http/limits';
import { addressKey } from '../http/address';
import type { Conversation } from '@palique/protocol';
import type { VisitorService } from './service';

const Params = z.object({ widgetId: Id });

export interface VisitorRoutesOptions {
  visitors: VisitorService;
  /** A conversation as the dashboard lists it (conversations/). */
  conversationOf: (accountId: string, id: string) => Promise<Conversation>;
  limits: RateLimits;
}

export async function visitorRoutes(app: FastifyInstance, { visitors, limits, conversationOf }: VisitorRoutesOptions): Promise<void> {
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
    return (await visitors.startSession(widgetId, externalId)).started;
  });

  // C3: the dashboard's visitor column (any agent of the account).
  const VisitorParams = z.object({ id: Id });
  app.get('/api/visitors/:id', async (req) => {
    const ctx = requireAgent(req);
    const { id } = parseInput(VisitorParams, req.params);
    return visitors.getForAgents(ctx.accountId, id);
  });

  app.patch('/api/visitors/:id', async (req) => {
    const ctx = requireAgent(req);
    const { id } = parseInput(VisitorParams, req.params);
    return visitors.updateByAgent(ctx.accountId, id, parseInput(VisitorCrmUpdate, req.body));
  });

  app.get('/api/visitors/:id/conversations', async (req) => {
    const ctx = requireAgent(req);
    const { id } = parseInput(VisitorParams, req.params);
    const ids = await visitors.conversationIds(ctx.accountId, id);
    return { conversations: await Promise.all(ids.map((c) => conversationOf(ctx.accountId, c))) };
  });
}
