// HTTP API of agents: first-run setup, sign-in/out, the signed-in agent and their status.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LoginBody, SetupBody, SetStatus } from '@palique/protocol';
import { parseInput } from '../http/errors';
import { clearSessionCookie, requireAgent, setSessionCookie } from '../http/auth';
import { enforceRateLimit, type RateLimiter } from '../http/rate-limit';
import type { AccountService } from '../accounts/service';
import type { PresenceService } from '../presence/service';
import type { AgentService } from './service';

const FIFTEEN_MINUTES = 15 * 60_000;

export interface AgentRoutesOptions {
  accounts: AccountService;
  agents: AgentService;
  presence: PresenceService;
  rateLimiter: RateLimiter;
  /** Sign-in attempts per email and address per 15 minutes. */
  loginRateLimit: number;
}

export async function agentRoutes(app: FastifyInstance, options: AgentRoutesOptions): Promise<void> {
  const { accounts, agents, presence, rateLimiter, loginRateLimit } = options;
  const limitSignIn = async (req: FastifyRequest, email: string): Promise<void> => {
    await enforceRateLimit(rateLimiter, `signin-ip:${req.ip}`, loginRateLimit * 5, FIFTEEN_MINUTES);
    await enforceRateLimit(rateLimiter, `signin:${req.ip}:${email}`, loginRateLimit, FIFTEEN_MINUTES);
  };

  app.get('/api/setup', async () => ({ needsSetup: !(await accounts.isSetUp()) }));

  app.post('/api/setup', async (req, reply) => {
    const body = parseInput(SetupBody, req.body);
    await limitSignIn(req, body.email);
    const { token, me } = await agents.setup(body);
    setSessionCookie(req, reply, token);
    return reply.status(201).send(me);
  });

  app.post('/api/auth/login', async (req, reply) => {
    const body = parseInput(LoginBody, req.body);
    await limitSignIn(req, body.email);
    const { token, me } = await agents.login(body.email, body.password);
    setSessionCookie(req, reply, token);
    return me;
  });

  app.post('/api/auth/logout', async (req, reply) => {
    if (req.agent) await agents.logout(req.agent);
    clearSessionCookie(reply);
    return reply.status(204).send();
  });

  app.get('/api/me', async (req) => agents.me(requireAgent(req)));

  app.put('/api/me/status', async (req) => {
    const ctx = requireAgent(req);
    const { status } = parseInput(SetStatus, req.body);
    await agents.setStatus(ctx.accountId, ctx.agent.id, status);
    await presence.announce(ctx.accountId);
    return { status };
  });
}
