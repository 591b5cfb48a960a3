// HTTP API of conversations (the dashboard's lists, history, and the REST way to reply).
import type { FastifyInstance } from 'fastify';
import { AfterSeq, ConversationListQuery, EditMessage, SendMessage, Id } from '@palique/protocol';
import { z } from 'zod';
import { parseInput } from '../http/errors';
import { requireAgent } from '../http/auth';
import type { VisitorService } from '../visitors/service';
import type { ConversationService } from './service';

const Params = z.object({ id: Id });
const MessageParams = z.object({ id: Id, messageId: Id });

export interface ConversationRoutesOptions {
  conversations: ConversationService;
  visitors: VisitorService;
}

export async function conversationRoutes(app: FastifyInstance, { conversations, visitors }: ConversationRoutesOptions): Promise<void> {
  app.get('/api/conversations', async (req) => {
    const ctx = requireAgent(req);
    const { view, limit, cursor } = parseInput(ConversationListQuery, req.query);
    return conversations.list(ctx.accountId, view, ctx.agent, limit, cursor);
  });

  app.get('/api/conversations/counts', async (req) => {
    const ctx = requireAgent(req);
    return conversations.counts(ctx.accountId, ctx.agent);
  });

  app.get('/api/conversations/:id', async (req) => {
    const ctx = requireAgent(req);
    const { id } = parseInput(Params, req.params);
    const conversation = await conversations.get(ctx.accountId, id);
    const [visitor, page] = await Promise.all([
      visitors.getForAgents(ctx.accountId, conversation.visitorId),
      conversations.messagesAfter(ctx.accountId, id, 0),
    ]);
    return { conversation, visitor, ...page };
  });

  app.get('/api/conversations/:id/messages', async (req) => {
    const ctx = requireAgent(req);
    const { id } = parseInput(Params, req.params);
    const { after } = parseInput(AfterSeq, req.query);
    return conversations.messagesAfter(ctx.accountId, id, after);
  });

  app.post('/api/conversations/:id/messages', async (req, reply) => {
    const ctx = requireAgent(req);
    const { id } = parseInput(Params, req.params);
    const { clientId, text, fileId } = parseInput(SendMessage, req.body);
    const { message } = await conversations.sendAsAgent(ctx.accountId, id, ctx.agent, clientId, text, undefined, fileId);
    return reply.status(201).send({ message });
  });

  // C5: edit one of your own messages (the same editId again stores nothing more).
  app.put('/api/conversations/:id/messages/:messageId', async (req) => {
    const ctx = requireAgent(req);
    const { id, messageId } = parseInput(MessageParams, req.params);
    const { editId, text } = parseInput(EditMessage, req.body);
    const { edit, message } = await conversations.editAsAgent(ctx.accountId, id, ctx.agent, messageId, editId, text);
    return { edit, message };
  });
}
