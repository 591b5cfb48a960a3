// C6: the HTTP API of saved replies. Any signed-in agent of the account (no settings route: the
// whole team uses and keeps them). Bad input answers 400 in whole sentences, without field keys,
// since the dashboard's forms show the message as it is.
import type { FastifyInstance } from 'fastify';
import { z, type ZodType } from 'zod';
import { ErrorCode, Id, SavedReplyBody } from '@palique/protocol';
import { AppError } from '../http/errors';
import { requireAgent } from '../http/auth';
import type { SavedRepliesService } from './service';

const Params = z.object({ id: Id });

export async function savedReplyRoutes(app: FastifyInstance, { savedReplies }: { savedReplies: SavedRepliesService }): Promise<void> {
  app.get('/api/saved-replies', async (req) => {
    const ctx = requireAgent(req);
    return { savedReplies: await savedReplies.list(ctx.accountId) };
  });

  app.post('/api/saved-replies', async (req, reply) => {
    const ctx = requireAgent(req);
    const body = parseWorded(SavedReplyBody, req.body);
    return reply.status(201).send(await savedReplies.create(ctx.accountId, ctx.agent.id, body));
  });

  app.put('/api/saved-replies/:id', async (req) => {
    const ctx = requireAgent(req);
    const { id } = parseReplyId(req.params);
    return savedReplies.update(ctx.accountId, id, parseWorded(SavedReplyBody, req.body));
  });

  app.delete('/api/saved-replies/:id', async (req, reply) => {
    const ctx = requireAgent(req);
    const { id } = parseReplyId(req.params);
    await savedReplies.remove(ctx.accountId, id);
    return reply.status(204).send();
  });
}

/** An id that cannot be one is a reply that does not exist, as another account's is. */
function parseReplyId(params: unknown): { id: string } {
  const parsed = Params.safeParse(params);
  if (!parsed.success) throw new AppError(ErrorCode.SavedReplyNotFound, 404, 'This saved reply does not exist (it may have been deleted).');
  return parsed.data;
}

/** Like parseInput, but the schema's messages are whole sentences: join them, with no field keys. */
function parseWorded<S extends ZodType>(schema: S, input: unknown): z.output<S> {
  if (input === null || typeof input !== 'object') throw new AppError(ErrorCode.InvalidInput, 400, 'Send the saved reply as a JSON object with a keyword and a text.');
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError(ErrorCode.InvalidInput, 400, [...new Set(result.error.issues.map((i) => i.message))].join(' '));
  return result.data;
}
