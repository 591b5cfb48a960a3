// Composes the Fastify app and the Socket.IO server of one process (used by main.ts and tests):
// opens the shared resources, builds the services, registers each domain as a plugin with only
// the services it uses, and has each resource closed by its own onClose hook.
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import type { Server } from 'socket.io';
import { MAX_BODY_BYTES } from '@palique/protocol';
import type { Config } from './config';
import { openStorage, type Storage } from './db/index';
import { openRedis, type RedisConnections } from './redis';
import { EventBus } from './events';
import { clientErrorHandler, frameworkErrors, installErrorHandlers } from './http/errors';
import { identifyAgents } from './http/auth';
import { MemoryRateLimiter, type RateLimiter } from './http/rate-limit';
import { RedisRateLimiter } from './http/redis-rate-limit';
import { serveFrontEnds } from './http/static';
import { noStoreForApi } from './http/headers';
import { createRealtime } from './realtime/index';
import { AccountService } from './accounts/service';
import { AgentService } from './agents/service';
import { agentRoutes } from './agents/routes';
import { registerAgentStatusEvents } from './agents/socket';
import { ConversationService } from './conversations/service';
import { conversationRoutes } from './conversations/routes';
import { registerAgentConversationEvents, registerVisitorConversationEvents } from './conversations/socket';
import { PresenceService } from './presence/service';
import { MemoryPresenceStore, type PresenceStore } from './presence/store';
import { RedisPresenceStore } from './presence/redis-store';
import { VisitorService } from './visitors/service';
import { visitorRoutes } from './visitors/routes';
import { registerVisitorEvents } from './visitors/socket';
import { widgetRoutes } from './widget/routes';

export interface PaliqueApp {
  app: FastifyInstance;
  io: Server;
  close(): Promise<void>;
}

/** With several processes, how often each recomputes the widget mode of its visitors' accounts. */
const PRESENCE_RECHECK_MS = 3_000;

export async function buildApp(config: Config): Promise<PaliqueApp> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: MAX_BODY_BYTES,
    trustProxy: config.trustProxy,
    frameworkErrors,
    clientErrorHandler,
  });
  const log = app.log;
  // onClose hooks run last-added first: resources close in the reverse order of their opening.
  const storage = await openStorage(config);
  app.addHook('onClose', () => storage.close());
  const redis = config.redisUrl ? await openRedisOrClose(config, storage, log) : undefined;
  if (redis) app.addHook('onClose', () => redis.close());
  const presenceStore: PresenceStore = redis ? new RedisPresenceStore(redis.commands, redis.keyPrefix, log) : new MemoryPresenceStore();
  app.addHook('onClose', () => presenceStore.close());
  const rateLimiter: RateLimiter = redis ? new RedisRateLimiter(redis.commands, redis.keyPrefix, log) : new MemoryRateLimiter();
  app.addHook('onClose', () => rateLimiter.close());

  const events = new EventBus(log);
  const accounts = new AccountService(storage.db, config.publicUrl);
  const agents = new AgentService(storage.db, accounts, events);
  const visitors = new VisitorService(storage, accounts, events);
  app.addHook('onClose', () => visitors.flushSeen().catch((err) => log.error({ err }, 'could not store last-seen times')));
  const conversations = new ConversationService(storage, events, (a, id) => agents.nameOf(a, id));
  const presence = new PresenceService(presenceStore, (a, ids) => agents.statusesOf(a, ids), events);
  app.addHook('onClose', async () => presence.stopRechecks());

  installErrorHandlers(app);
  await app.register(fastifyCookie);
  identifyAgents(app, (token) => agents.fromSessionToken(token));
  app.addHook('onSend', async (_req, reply, payload) => {
    if (!reply.hasHeader('x-content-type-options')) reply.header('x-content-type-options', 'nosniff');
    return payload;
  });
  noStoreForApi(app);
  const { loginRateLimit, widgetRateLimit } = config;
  await app.register(agentRoutes, { accounts, agents, presence, rateLimiter, loginRateLimit });
  await app.register(conversationRoutes, { conversations, visitors });
  await app.register(visitorRoutes, { visitors, rateLimiter, widgetRateLimit });
  await app.register(widgetRoutes, { accounts, config });
  serveFrontEnds(app, config.staticRoot, config.publicUrl);
  await app.ready();

  const realtime = createRealtime(app.server, { events, agents, visitors, presence, redis }, log);
  realtime.visitors.on('connection', (socket) => {
    registerVisitorConversationEvents(socket, { conversations, presence, rateLimiter, widgetRateLimit }, log);
    registerVisitorEvents(socket, { visitors, rateLimiter, widgetRateLimit }, log);
  });
  realtime.agents.on('connection', (socket) => {
    registerAgentConversationEvents(socket, { conversations }, log);
    registerAgentStatusEvents(socket, { agents, presence }, log);
  });
  if (redis) presence.startRechecks(PRESENCE_RECHECK_MS, log);

  let closing: Promise<void> | undefined;
  const closeAll = async () => {
    await realtime.close();
    await app.close();
  };
  return {
    app,
    io: realtime.io,
    close: () => (closing ??= closeAll()),
  };
}

async function openRedisOrClose(config: Config, storage: Storage, log: FastifyInstance['log']): Promise<RedisConnections> {
  return openRedis(config.redisUrl ?? '', config.redisKeyPrefix, log).catch(async (err: unknown) => {
    await storage.close();
    throw err;
  });
}
