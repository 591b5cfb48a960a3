// HTTP API of the queue (C1): close a conversation, dismiss it from the queue (×).
import type { FastifyInstance } from 'fastify';
import { Id } from '@palique/protocol';
import { z } from 'zod';
import { parseInput } from '../http/errors';
import { requireAgent } from '../http/auth';
import type { QueueService } from './service';

const Params = z.object({ id: Id });

export async function queueRoutes(app: FastifyInstance, { queue }: { queue: QueueService }): Promise<void> {
  app.post('/api/conversations/:id/close', async (req) => {
    const ctx = requireAgent(req);
    const { id } = parseInput(Params, req.params);
    return { conversation: await queue.closeConversation(ctx.accountId, id) };
  });

  app.post('/api/conversations/:id/dismiss', async (req) => {
    const ctx = requireAgent(req);
    const { id } = parseInput(Params, req.params);
    return { conversation: await queue.dismiss(ctx.accountId, id) };
  });
}
