// HTTP API of A1 and A2: the signed-in agent's profile and avatar; the "Agents" section (a
// settings route family: owner and admins only); the public join page's invitation API; and the
// avatars, served as WebP at stable URLs with a long cache.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AVATAR_TYPES, Id, InviteBody, JoinBody, MAX_AVATAR_BYTES, ProfileBody, SetRoleBody } from '@palique/protocol';
import { z } from 'zod';
import { parseInput } from '../http/errors';
import { requireAgent, setSessionCookie } from '../http/auth';
import type { RateLimits } from '../http/limits';
import { addressKey } from '../http/address';
import type { TeamService } from './team';

const IdParam = z.object({ id: Id });
const TokenParam = z.object({ token: z.string().min(10).max(100) });
const AvatarParams = z.object({ agentId: Id, file: z.string().regex(/^[0-9a-f]{16}\.webp$/) });
const settings = { config: { settings: true } };

export async function teamRoutes(app: FastifyInstance, options: { team: TeamService; limits: RateLimits }): Promise<void> {
  const { team, limits } = options;

  // ---- A1: the signed-in agent's own profile (every role) ----
  app.put('/api/me/profile', async (req) => team.setProfile(requireAgent(req), parseInput(ProfileBody, req.body)));

  app.addContentTypeParser([...AVATAR_TYPES], { parseAs: 'buffer', bodyLimit: MAX_AVATAR_BYTES }, (_req, body, done) => done(null, body));
  app.put('/api/me/avatar', { bodyLimit: MAX_AVATAR_BYTES, config: { imageUpload: true } }, async (req) => {
    const ctx = requireAgent(req);
    return team.setAvatar(ctx, Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
  });
  app.delete('/api/me/avatar', async (req) => team.removeAvatar(requireAgent(req)));

  app.get('/avatars/:agentId/:file', async (req, reply) => {
    const { agentId, file } = parseInput(AvatarParams, req.params);
    const image = await team.avatar(agentId, file.slice(0, -'.webp'.length));
    if (!image) return reply.status(404).type('text/plain; charset=utf-8').send('No such avatar');
    return reply
      .type('image/webp')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cross-origin-resource-policy', 'cross-origin')
      .send(image);
  });

  // ---- A2: the "Agents" section: owner and admins (agents get 403 before the handler) ----
  app.get('/api/team', settings, async (req) => team.page(requireAgent(req).accountId));

  app.post('/api/team/invitations', settings, async (req, reply) => {
    const { email, role } = parseInput(InviteBody, req.body);
    return reply.status(201).send(await team.invite(requireAgent(req), email, role));
  });

  app.delete('/api/team/invitations/:id', settings, async (req, reply) => {
    await team.revoke(requireAgent(req), parseInput(IdParam, req.params).id);
    return reply.status(204).send();
  });

  app.put('/api/team/agents/:id/role', settings, async (req) => {
    const { role } = parseInput(SetRoleBody, req.body);
    return team.setRole(requireAgent(req), parseInput(IdParam, req.params).id, role);
  });

  app.delete('/api/team/agents/:id', settings, async (req, reply) => {
    await team.remove(requireAgent(req), parseInput(IdParam, req.params).id);
    return reply.status(204).send();
  });

  app.post('/api/team/agents/:id/ownership', settings, async (req) => team.transferOwnership(requireAgent(req), parseInput(IdParam, req.params).id));

  // ---- A2: the join page (no session: the link's token is the credential) ----
  const limitJoin = (req: FastifyRequest): Promise<void> => limits.enforce('signInPerAddress', addressKey(req.ip));

  app.get('/api/invitations/:token', async (req) => {
    await limitJoin(req);
    return team.preview(parseInput(TokenParam, req.params).token);
  });

  app.post('/api/invitations/:token/join', async (req, reply) => {
    const { token } = parseInput(TokenParam, req.params);
    const body = parseInput(JoinBody, req.body);
    await limitJoin(req);
    const { token: session, me } = await team.join(token, body);
    setSessionCookie(req, reply, session);
    return reply.status(201).send(me);
  });
}
