// HTTP API of search: GET /api/conversations/search?q=…&cursor=…&limit=… (signed-in agents).
import type { FastifyInstance } from 'fastify';
import { ConversationSearchQuery } from '@palique/protocol';
import { parseInput } from '../http/errors';
import { requireAgent } from '../http/auth';
import type { SearchService } from './service';

export async function searchRoutes(app: FastifyInstance, { search }: { search: SearchService }): Promise<void> {
  app.get('/api/conversations/search', async (req) => {
    const ctx = requireAgent(req);
    const { q, limit, cursor } = parseInput(ConversationSearchQuery, req.query);
    return search.search(ctx.accountId, q, limit, cursor);
  });
}
