// HTTP API of triggers (T1–T4): owner and admins only (settings routes: agents get 403, reading
// included). The visitor's firings are for every agent (the conversation's details column).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Id, TriggerDefinition, TriggerDuplicate, TriggerEnabled, TriggerSettings } from '@palique/protocol';
import { parseInput } from '../http/errors';
import { requireAgent } from '../http/auth';
import type { TriggerService } from './service';

const Params = z.object({ id: Id });
const settings = { config: { settings: true } };

export async function triggerRoutes(app: FastifyInstance, { triggers, visitorExists }: { triggers: TriggerService; visitorExists: (accountId: string, visitorId: string) => Promise<unknown> }): Promise<void> {
  app.get('/api/triggers', settings, async (req) => ({ triggers: await triggers.list(requireAgent(req).accountId) }));

  app.post('/api/triggers', settings, async (req, reply) => {
    const trigger = await triggers.create(requireAgent(req).accountId, parseInput(TriggerDefinition, req.body));
    return reply.status(201).send({ trigger });
  });

  app.get('/api/triggers/settings', settings, async (req) => triggers.settings(requireAgent(req).accountId));

  app.put('/api/triggers/settings', settings, async (req) => triggers.saveSettings(requireAgent(req).accountId, parseInput(TriggerSettings, req.body)));

  app.get('/api/triggers/:id', settings, async (req) => ({ trigger: await triggers.get(requireAgent(req).accountId, parseInput(Params, req.params).id) }));

  app.put('/api/triggers/:id', settings, async (req) => {
    const { accountId } = requireAgent(req);
    const { id } = parseInput(Params, req.params);
    return { trigger: await triggers.update(accountId, id, parseInput(TriggerDefinition, req.body)) };
  });

  app.put('/api/triggers/:id/enabled', settings, async (req) => {
    const { accountId } = requireAgent(req);
    const { id } = parseInput(Params, req.params);
    return { trigger: await triggers.setEnabled(accountId, id, parseInput(TriggerEnabled, req.body).enabled) };
  });

  app.post('/api/triggers/:id/duplicate', settings, async (req, reply) => {
    const { accountId } = requireAgent(req);
    const { id } = parseInput(Params, req.params);
    const trigger = await triggers.duplicate(accountId, id, parseInput(TriggerDuplicate, req.body).name);
    return reply.status(201).send({ trigger });
  });

  app.delete('/api/triggers/:id', settings, async (req, reply) => {
    const { accountId } = requireAgent(req);
    await triggers.remove(accountId, parseInput(Params, req.params).id);
    return reply.status(204).send();
  });

  app.get('/api/visitors/:id/trigger-firings', async (req) => {
    const { accountId } = requireAgent(req);
    const { id } = parseInput(Params, req.params);
    await visitorExists(accountId, id); // 404 for another account's visitor
    return { firings: await triggers.firings(accountId, id) };
  });
}
