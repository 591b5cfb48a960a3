// Agent sessions on HTTP: the session cookie, the one hook that finds the signed-in agent of a
// request (`request.agent`), and the guards routes use.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, type AgentSocketData as AgentContext, type Role } from '@palique/protocol';
import { AppError } from './errors';

/** Finds the agent of a session token (the agents domain does); rejects with a 401 when none. */
export type SessionLookup = (token: string) => Promise<AgentContext>;

export const SESSION_COOKIE = 'palique_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in agent, or null (no cookie, or an unknown or expired session). */
    agent: AgentContext | null;
  }
}

/**
 * Sets `request.agent` from the session cookie on every API request. Only /api/ routes read it,
 * so the dashboard's assets do not cost a session lookup each. A failed lookup leaves it null;
 * routes that need an agent answer 401 through `requireAgent`.
 */
export function identifyAgents(app: FastifyInstance, agentOfSession: SessionLookup): void {
  app.decorateRequest('agent', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token || !req.url.startsWith('/api/')) return;
    req.agent = await agentOfSession(token).catch((err: unknown) => {
      if (err instanceof AppError && err.status === 401) return null;
      throw err;
    });
  });
}

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
    maxAge: 30 * 86_400,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** The signed-in agent of the request; 401 when there is none. */
export function requireAgent(req: FastifyRequest): AgentContext {
  if (!req.agent) throw new AppError(ErrorCode.Unauthenticated, 401, 'Sign in first');
  return req.agent;
}

/** Roles are enforced here, on the server: agents have no access to settings. */
export function requireRole(ctx: AgentContext, ...roles: Role[]): void {
  if (!roles.includes(ctx.agent.role)) throw new AppError(ErrorCode.Forbidden, 403, 'Your role does not allow this');
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A2: a settings route (widget, texts, team, account options): owner and admins only. */
    settings?: boolean;
  }
}

/** A route as `METHOD /path`, e.g. `PUT /api/account/options`. */
export type RouteName = string;

/**
 * A2: every route registered with `config: { settings: true }` answers 401 without a session and
 * 403 to agents, before its handler runs. The names of those routes, and of every API route, are
 * collected so a test calls each settings route and checks that no route under a settings path
 * was left untagged. Call before routes are added.
 */
export function guardSettingsRoutes(app: FastifyInstance): { settingsRoutes: readonly RouteName[]; apiRoutes: readonly RouteName[] } {
  const settingsRoutes: RouteName[] = [];
  const apiRoutes: RouteName[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      if (route.url.startsWith('/api/')) apiRoutes.push(`${method} ${route.url}`);
      if (route.config?.settings) settingsRoutes.push(`${method} ${route.url}`);
    }
  });
  app.addHook('onRequest', async (req) => {
    if (!req.routeOptions.config?.settings) return;
    requireRole(requireAgent(req), 'owner', 'admin');
  });
  return { settingsRoutes, apiRoutes };
}
