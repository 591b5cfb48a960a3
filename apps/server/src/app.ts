// Builds the Fastify app and the Socket.IO server of one process (used by main.ts and tests).
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import type { Server } from 'socket.io';
import { MAX_BODY_BYTES } from '@palique/protocol';
import type { Config } from './config';
import { openStorage } from './db/index';
import { openRedis } from './db/redis';
import { createServices, type Services, type SharedState } from './services';
import { installErrorHandlers } from './http/errors';
import { serveFrontEnds } from './http/static';
import { createRealtime } from './realtime/index';
import { agentRoutes } from './agents/routes';
import { conversationRoutes } from './conversations/routes';
import { visitorRoutes } from './visitors/routes';
import { widgetRoutes } from './widget/routes';

export interface PaliqueApp {
  app: FastifyInstance;
  io: Server;
  services: Services;
  close(): Promise<void>;
}

/** With several processes, how often each recomputes the widget mode of its visitors' accounts. */
const PRESENCE_RECHECK_MS = 3_000;

export async function buildApp(config: Config, shared: SharedState = {}): Promise<PaliqueApp> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: MAX_BODY_BYTES,
    trustProxy: config.trustProxy,
  });
  const storage = await openStorage(config);
  const redis = config.redisUrl
    ? await openRedis(config.redisUrl, config.redisKeyPrefix, app.log).catch(async (err) => {
        await storage.close();
        throw err;
      })
    : undefined;
  const services = createServices(config, storage, shared, redis, app.log);
  installErrorHandlers(app);
  await app.register(fastifyCookie);
  app.addHook('onSend', async (_req, reply, payload) => {
    if (!reply.hasHeader('x-content-type-options')) reply.header('x-content-type-options', 'nosniff');
    return payload;
  });

  agentRoutes(app, services);
  conversationRoutes(app, services);
  visitorRoutes(app, services);
  widgetRoutes(app, services);
  serveFrontEnds(app, config.staticRoot);

  await app.ready();
  const io = createRealtime(app.server, services, app.log);
  if (redis) services.presence.startRechecks(PRESENCE_RECHECK_MS, app.log);

  let closing: Promise<void> | undefined;
  const closeAll = async () => {
    services.presence.stopRechecks();
    await new Promise<void>((resolve) => io.close(() => resolve()));
    await app.close();
    await services.rateLimiter.close();
    await services.presenceStore.close();
    await redis?.close();
    await services.visitors.flushSeen().catch((err) => app.log.error({ err }, 'could not store last-seen times'));
    await storage.close();
  };
  return { app, io, services, close: () => (closing ??= closeAll()) };
}
