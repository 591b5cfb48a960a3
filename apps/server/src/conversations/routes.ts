// HTTP API of conversations (the dashboard's lists, history, and the REST way to reply).
import type { FastifyInstance } from 'fastify';
import { AfterSeq, ConversationListQuery, SendMessage, Id } from '@palique/protocol';
import { z } from 'zod';
import type { Services } from '../services';
import { parseInput } from '../http/errors';
import { requireAgent } from '../http/auth';

const Params = z.object({ id: Id });

export function conversationRoutes(app: FastifyInstance, s: Services): void {
  app.get('/api/conversations', async (req) => {
    const ctx = await requireAgent(s.agents, req);
    const { view } = parseInput(ConversationListQuery, req.query);
    return { conversations: await s.conversations.list(ctx.accountId, view, ctx.agent.id) };
  });

  app.get('/api/conversations/:id', async (req) => {
    const ctx = await requireAgent(s.agents, req);
    const { id } = parseInput(Params, req.params);
    const conversation = await s.conversations.get(ctx.accountId, id);
    const [visitor, page] = await Promise.all([
      s.visitors.get(ctx.accountId, conversation.visitorId),
      s.conversations.messagesAfter(ctx.accountId, id, 0),
    ]);
    return { conversation, visitor, ...page };
  });

  app.get('/api/conversations/:id/messages', async (req) => {
    const ctx = await requireAgent(s.agents, req);
    const { id } = parseInput(Params, req.params);
    const { after } = parseInput(AfterSeq, req.query);
    return s.conversations.messagesAfter(ctx.accountId, id, after);
  });

  app.post('/api/conversations/:id/messages', async (req, reply) => {
    const ctx = await requireAgent(s.agents, req);
    const { id } = parseInput(Params, req.params);
    const { clientId, text } = parseInput(SendMessage, req.body);
    const message = await s.conversations.sendAsAgent(ctx.accountId, id, ctx.agent, clientId, text);
    return reply.status(201).send({ message });
  });
}
