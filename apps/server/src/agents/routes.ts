// HTTP API of agents: first-run setup, sign-in/out, the signed-in agent and their status.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ErrorCode, LoginBody, SetupBody, SetStatus } from '@palique/protocol';
import { AppError, parseInput } from '../http/errors';
import { clearSessionCookie, requireAgent, setSessionCookie } from '../http/auth';
import type { RateLimits } from '../http/limits';
import { addressKey } from '../http/address';
import type { AccountService } from '../accounts/service';
import type { PresenceService } from '../presence/service';
import type { AgentService } from './service';

export interface AgentRoutesOptions {
  accounts: AccountService;
  agents: AgentService;
  presence: PresenceService;
  limits: RateLimits;
}

export async function agentRoutes(app: FastifyInstance, options: AgentRoutesOptions): Promise<void> {
  const { accounts, agents, presence, limits } = options;
  const limitSignIn = (req: FastifyRequest): Promise<void> => limits.enforce('signInPerAddress', addressKey(req.ip));

  app.get('/api/setup', async () => ({ needsSetup: !(await accounts.isSetUp()) }));

  app.post('/api/setup', async (req, reply) => {
    const body = parseInput(SetupBody, req.body);
    await limitSignIn(req);
    const { token, me } = await agents.setup(body);
    setSessionCookie(req, reply, token);
    return reply.status(201).send(me);
  });

  app.post('/api/auth/login', async (req, reply) => {
    const body = parseInput(LoginBody, req.body);
    // Per address, and per account from every address with a backoff (F5).
    await limitSignIn(req);
    const account = body.email.toLowerCase();
    await limits.checkSignInAllowed(account);
    const { token, me } = await agents.login(body.email, body.password).catch(async (err: unknown) => {
      if (isWrongPassword(err)) await limits.signInFailed(account);
      throw err;
    });
    await limits.signInSucceeded(account);
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

function isWrongPassword(err: unknown): boolean {
  return err instanceof AppError && err.code === ErrorCode.InvalidCredentials;
}
