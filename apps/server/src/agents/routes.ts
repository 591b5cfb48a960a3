// HTTP API of agents: first-run setup, sign-in/out, the signed-in agent and their status.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LoginBody, SetStatus, SetupBody } from '@palique/protocol';
import type { Services } from '../services';
import { parseInput } from '../http/errors';
import { clearSessionCookie, requireAgent, setSessionCookie } from '../http/auth';
import { enforceRateLimit } from '../http/rate-limit';

const FIFTEEN_MINUTES = 15 * 60_000;

async function limitSignIn(s: Services, req: FastifyRequest, email: string): Promise<void> {
  await enforceRateLimit(s.rateLimiter, `signin-ip:${req.ip}`, s.config.loginRateLimit * 5, FIFTEEN_MINUTES);
  await enforceRateLimit(s.rateLimiter, `signin:${req.ip}:${email}`, s.config.loginRateLimit, FIFTEEN_MINUTES);
}

export function agentRoutes(app: FastifyInstance, s: Services): void {
  app.get('/api/setup', async () => ({ needsSetup: !(await s.accounts.hasAny()) }));

  app.post('/api/setup', async (req, reply) => {
    const body = parseInput(SetupBody, req.body);
    await limitSignIn(s, req, body.email);
    const { token, me } = await s.agents.setup(body);
    setSessionCookie(req, reply, token);
    return reply.status(201).send(me);
  });

  app.post('/api/auth/login', async (req, reply) => {
    const body = parseInput(LoginBody, req.body);
    await limitSignIn(s, req, body.email);
    const { token, me } = await s.agents.login(body.email, body.password);
    setSessionCookie(req, reply, token);
    return me;
  });

  app.post('/api/auth/logout', async (req, reply) => {
    const ctx = await requireAgent(s.agents, req).catch(() => undefined);
    if (ctx) await s.agents.logout(ctx.sessionId);
    clearSessionCookie(reply);
    return reply.status(204).send();
  });

  app.get('/api/me', async (req) => s.agents.me(await requireAgent(s.agents, req)));

  app.put('/api/me/status', async (req) => {
    const ctx = await requireAgent(s.agents, req);
    const { status } = parseInput(SetStatus, req.body);
    await s.agents.setStatus(ctx.accountId, ctx.agent.id, status);
    await s.presence.announce(ctx.accountId);
    return { status };
  });
}
