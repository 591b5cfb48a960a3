// HTTP API of A6 push: the VAPID public key, the agent's push subscriptions, and the agent's own
// notification settings.
import type { FastifyInstance } from 'fastify';
import { ErrorCode, NotificationSettings, PushSeenBody, PushSubscriptionBody, PushUnsubscribeBody } from '@palique/protocol';
import { AppError, parseInput } from '../http/errors';
import { requireAgent } from '../http/auth';
import { deviceOfUserAgent, type PushService } from './service';
import type { NotificationSettingsService } from './settings';

export interface PushRouteOptions {
  push: PushService;
  settings: NotificationSettingsService;
  /** Tests only (PUSH_ALLOW_LOOPBACK_HTTP): accept http:// endpoints on 127.0.0.1 / localhost. */
  allowLoopbackHttp: boolean;
}

/** Push services are https; a plain-HTTP endpoint would leak who is notified and when. */
function checkEndpoint(endpoint: string, allowLoopbackHttp: boolean): void {
  const url = new URL(endpoint);
  if (url.protocol === 'https:') return;
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol === 'http:' && loopback && allowLoopbackHttp) return;
  throw new AppError(ErrorCode.InvalidInput, 400, 'Endpoint must be an https URL');
}

export async function pushRoutes(app: FastifyInstance, options: PushRouteOptions): Promise<void> {
  const { push, settings, allowLoopbackHttp } = options;

  app.get('/api/push/key', async (req) => {
    requireAgent(req);
    return { publicKey: push.publicKey };
  });

  app.post('/api/push/subscriptions', async (req, reply) => {
    const ctx = requireAgent(req);
    const body = parseInput(PushSubscriptionBody, req.body);
    checkEndpoint(body.endpoint, allowLoopbackHttp);
    const device = body.device ?? deviceOfUserAgent(req.headers['user-agent']);
    await push.subscribe(ctx.accountId, ctx.agent.id, body, device);
    return reply.status(201).send({ device });
  });

  app.delete('/api/push/subscriptions', async (req, reply) => {
    const ctx = requireAgent(req);
    const body = parseInput(PushUnsubscribeBody, req.body);
    await push.unsubscribe(ctx.accountId, ctx.agent.id, body.endpoint);
    return reply.status(204).send();
  });

  app.post('/api/push/seen', async (req, reply) => {
    const ctx = requireAgent(req);
    await push.seen(ctx.accountId, ctx.agent.id, parseInput(PushSeenBody, req.body).conversationId);
    return reply.status(204).send();
  });

  app.get('/api/me/notification-settings', async (req) => {
    const ctx = requireAgent(req);
    return settings.get(ctx.accountId, ctx.agent.id);
  });

  app.put('/api/me/notification-settings', async (req) => {
    const ctx = requireAgent(req);
    return settings.save(ctx.accountId, ctx.agent.id, parseInput(NotificationSettings, req.body));
  });
}
