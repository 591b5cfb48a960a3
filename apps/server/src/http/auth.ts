// Agent sessions on HTTP: the session cookie, and the guards routes use.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, type Role } from '@palique/protocol';
import type { AgentContext, AgentService } from '../agents/service';
import { AppError } from './errors';

export const SESSION_COOKIE = 'palique_session';

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

export function requireAgent(agents: AgentService, req: FastifyRequest): Promise<AgentContext> {
  return agents.fromSessionToken(req.cookies[SESSION_COOKIE]);
}

/** Roles are enforced here, on the server: agents have no access to settings. */
export function requireRole(ctx: AgentContext, ...roles: Role[]): void {
  if (!roles.includes(ctx.agent.role)) throw new AppError(ErrorCode.Forbidden, 403, 'Your role does not allow this');
}
