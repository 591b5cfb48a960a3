// HTTP API of the queue (C1): close a conversation, dismiss it from the queue (×); C2 transfer and
// add agent; the agent's read positions.
import type { FastifyInstance } from 'fastify';
import { AgentChoice, Id, type TeamMember } from '@palique/protocol';
import { z } from 'zod';
import { parseInput } from '../http/errors';
import { requireAgent } from '../http/auth';
import type { QueueService } from './service';

const Params = z.object({ id: Id });

export interface QueueRoutesOptions {
  queue: QueueService;
  /** The account's agents, for the "Transfer" and "Add agent" menus. */
  teamOf: (accountId: string) => Promise<TeamMember[]>;
}

export async function queueRoutes(app: FastifyInstance, { queue, teamOf }: QueueRoutesOptions): Promise<void> {
  app.get('/api/queue/team', async (req) => {
    const ctx = requireAgent(req);
    return { team: await teamOf(ctx.accountId) };
  });

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

  // C2: "Transfer" (hand the chat to another agent) and "Add agent" (group chat).
  app.post('/api/conversations/:id/transfer', async (req) => {
    const ctx = requireAgent(req);
    const { id } = parseInput(Params, req.params);
    const { agentId } = parseInput(AgentChoice, req.body);
    return { conversation: await queue.transfer(ctx.accountId, id, agentId, ctx.agent.id) };
  });

  app.post('/api/conversations/:id/participants', async (req) => {
    const ctx = requireAgent(req);
    const { id } = parseInput(Params, req.params);
    const { agentId } = parseInput(AgentChoice, req.body);
    return queue.addParticipant(ctx.accountId, id, agentId, ctx.agent.id);
  });

  app.get('/api/conversations/:id/participants', async (req) => {
    const ctx = requireAgent(req);
    const { id } = parseInput(Params, req.params);
    return { participantIds: await queue.participantIds(ctx.accountId, id) };
  });

  // Unread state: this agent's read positions, the same on every device.
  app.get('/api/me/reads', async (req) => {
    const ctx = requireAgent(req);
    return { reads: await queue.readsOf(ctx.accountId, ctx.agent.id) };
  });
}
