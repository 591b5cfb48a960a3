// Composes the Fastify app and the Socket.IO server of one process (used by main.ts and tests):
// opens the shared resources, builds the services, registers each domain as a plugin with only
// the services it uses, and has each resource closed by its own onClose hook.
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import type { Server } from 'socket.io';
import { MAX_BODY_BYTES, type Visitor } from '@palique/protocol';
import type { Config } from './config';
import { checkWritable, openStorage, type Storage } from './db/index';
import { openRedis, type RedisConnections } from './redis';
import { EventBus } from './events';
import { clientErrorHandler, frameworkErrors, installErrorHandlers } from './http/errors';
import { guardSettingsRoutes, identifyAgents } from './http/auth';
import { refuseForeignWrites } from './http/same-origin';
import { RateLimits, limitTable } from './http/limits';
import { serveFrontEnds } from './http/static';
import { capConnectionsPerAddress, connectionTimeouts } from './http/connections';
import { noStoreForApi } from './http/headers';
import { AccountService } from './accounts/service';
import { AgentService } from './agents/service';
import { agentRoutes } from './agents/routes';
import { ConversationService } from './conversations/service';
import { conversationRoutes } from './conversations/routes';
import { PresenceService } from './presence/service';
import { JoinedPresence } from './presence/joined';
import { MemoryPresenceStore, type PresenceStore } from './presence/store';
import { RedisPresenceStore } from './presence/redis-store';
import { VisitorService } from './visitors/service';
import { visitorRoutes } from './visitors/routes';
import { startVisitorExpiry } from './visitors/expiry';
import { widgetRoutes } from './widget/routes';
import { DemoPageAccess } from './widget/demo-access';
import { systemClock, type Clock } from './clock';
import { TimerService } from './timers/service';
import { WorkingHoursService } from './working-hours/service';
import { workingHoursRoutes } from './working-hours/routes';
import { AccountOptionsService } from './account-options/service';
import { accountOptionRoutes } from './account-options/routes';
import { NotificationService } from './notifications/service';
import { QueueService } from './queue/service';
import { queueRoutes } from './queue/routes';
import { WidgetTextsService } from './widget-texts/service';
import { widgetTextsRoutes } from './widget-texts/routes';
import { TeamService } from './agents/team';
import { teamRoutes } from './agents/team-routes';
import { smtpMailer } from './integrations/email/mailer';
import { PushService } from './push/service';
import { NotificationSettingsService } from './push/settings';
import { pushRoutes } from './push/routes';
import { healthRoutes } from './health/routes';
import { createMetrics, noMetrics, type AppMetrics } from './metrics';
import { loggerOptions, sendRequestIds } from './http/logging';
import { SavedRepliesService } from './saved-replies/service';
import { savedReplyRoutes } from './saved-replies/routes';
import { FileService } from './files/service';
import { fileRoutes } from './files/routes';
import { searchRoutes } from './search/routes';
import { SearchService } from './search/service';
import { PrivacyService } from './privacy/service';
import { privacyRoutes } from './privacy/routes';
import { VisitService } from './visits/service';
import { visitRoutes } from './visits/routes';
import { OnlineVisitorService, type OnlineLookup } from './online-visitors/service';
import { OnlineVisitorChanges } from './online-visitors/changes';
import { onlineVisitorRoutes } from './online-visitors/routes';
import { onlineVisitorsOf } from './realtime/online';
import { wireSockets } from './socket-wiring';
import { proxyTrust } from './http/address';
import { ONLINE_VISITORS_FLUSH_MS } from '@palique/protocol';
import { TriggerService } from './triggers/service';
import { TriggerEngine } from './triggers/engine';
import { actionHandlers } from './triggers/actions';
import { triggerRoutes } from './triggers/routes';
import { createEmail } from './integrations/email/index';
import { emailRoutes } from './integrations/email/routes';
import { rooms } from './realtime/rooms';

export interface PaliqueApp {
  app: FastifyInstance;
  io: Server;
  /**
   * Stops the app. With `graceMs` (SIGTERM), a graceful stop: /readyz says 503, no new
   * connections, socket events in flight finish (at most graceMs), clients are told to go, then
   * HTTP requests in flight finish and timers, Redis and the database close.
   */
  close(graceMs?: number): Promise<void>;
  /** A2: the settings routes (owner and admins only), `METHOD /path`. */
  settingsRoutes: readonly string[];
  /** Every /api/ route, `METHOD /path` (tests check none under a settings path is left untagged). */
  apiRoutes: readonly string[];
  /** W4/I1: the built-in SMTP receiver's port, when INBOUND_SMTP_PORT is set. */
  inboundSmtpPort?: number;
}


/** With several processes, how often each recomputes the widget mode of its visitors' accounts. */
const PRESENCE_RECHECK_MS = 3_000;

/** What a deployment never changes but tests do: the clock that timers read (tests move it). */
export interface AppOptions {
  clock?: Clock;
}

export async function buildApp(config: Config, options: AppOptions = {}): Promise<PaliqueApp> {
  const clock = options.clock ?? systemClock;
  const app = Fastify({
    ...loggerOptions(config.logLevel),
    bodyLimit: MAX_BODY_BYTES,
    // A hop count as proxy-addr counts it (http/address.ts; the socket handshakes use the same trust).
    trustProxy: typeof config.trustProxy === 'number' ? proxyTrust(config.trustProxy) : config.trustProxy,
    requestTimeout: config.httpRequestTimeoutMs,
    keepAliveTimeout: config.httpKeepAliveTimeoutMs,
    http: connectionTimeouts(config),
    frameworkErrors,
    clientErrorHandler,
  });
  capConnectionsPerAddress(app.server, config.maxConnectionsPerAddress);
  const log = app.log;
  // onClose hooks run last-added first: resources close in the reverse order of their opening.
  const prometheus = config.metricsToken ? await createMetrics() : undefined;
  const metrics: AppMetrics = prometheus ?? noMetrics;
  const storage = await openStorage({ ...config, observe: metrics });
  app.addHook('onClose', () => storage.close());
  const redis = config.redisUrl ? await openRedisOrClose(config, storage, log) : undefined;
  if (redis) app.addHook('onClose', () => redis.close());
  for (const client of redis ? [redis.commands, redis.publisher, redis.subscriber] : []) client.on('error', () => metrics.redisError());
  const presenceStore: PresenceStore = redis ? new RedisPresenceStore(redis.commands, redis.keyPrefix, log) : new MemoryPresenceStore();
  app.addHook('onClose', () => presenceStore.close());
  const limits = new RateLimits(limitTable(config), config.signInBackoffMaxSeconds, redis && { client: redis.commands, keyPrefix: redis.keyPrefix });

  const events = new EventBus(log);
  const timers = new TimerService(storage, clock, { pollMs: config.timerPollMs, leaseMs: config.timerLeaseMs, observe: metrics }, log);
  // Stops before storage closes (hooks run last-added first) and waits for timers being fired.
  app.addHook('onClose', () => timers.stop());
  const accounts = new AccountService(storage.db, config.publicUrl);
  const agents = new AgentService(storage, accounts, events);
  const visitors = new VisitorService(storage, accounts, events);
  app.addHook('onClose', () => visitors.flushSeen().catch((err) => log.error({ err }, 'could not store last-seen times')));
  const expiry = startVisitorExpiry(storage, config.visitorExpiryDays, log);
  app.addHook('onClose', () => expiry.stop());
  const files = new FileService({ storage, clock, dataDir: config.dataDir });
  const conversations = new ConversationService(storage, events, (a, id) => agents.nameOf(a, id), (a, v, f) => files.attachmentFor(a, v, f));
  const widgetTexts = new WidgetTextsService(storage.db, accounts);
  const presence = new PresenceService(presenceStore, (a, ids) => agents.statusesOf(a, ids), events);
  const teamOf = async (accountId: string, connected?: readonly string[]) => agents.team(accountId, connected ?? (await presence.connectedAgentIds(accountId)));
  const joined = new JoinedPresence({
    connectedAgentIds: (a) => presence.connectedAgentIds(a),
    teamStatuses: (a) => agents.teamStatuses(a),
    agentAuthorIds: (a, c) => conversations.agentAuthorIds(a, c),
    conversationIdOfVisitor: (a, v) => conversations.conversationIdOfVisitor(a, v),
  });
  app.addHook('onClose', async () => presence.stopRechecks());
  const accountOptions = new AccountOptionsService(storage.db);
  const notifications = new NotificationService(
    {
      events,
      timers,
      clock,
      accountOptions,
      teamStatuses: (a) => agents.teamStatuses(a),
      agentAuthorIds: (a, c) => conversations.agentAuthorIds(a, c),
      // The queue domain is built below; this runs only on events, after start-up.
      invitedAgentIds: (a, c) => queue.participantIds(a, c),
      conversation: (a, c) => conversations.get(a, c),
    },
    log,
  );
  app.addHook('onClose', async () => notifications.close());
  const notificationSettings = new NotificationSettingsService(storage.db);
  const push = new PushService(
    {
      db: storage.db,
      events,
      timers,
      clock,
      settings: notificationSettings,
      connectedAgentIds: (a) => presence.connectedAgentIds(a),
      contact: config.pushContact,
    },
    log,
  );
  await push.start();
  app.addHook('onClose', async () => push.close());
  const queue = new QueueService(
    {
      db: storage.db,
      events,
      timers,
      clock,
      accountOptions,
      conversation: (a, c) => conversations.get(a, c),
      agentName: (a, id) => agents.nameOf(a, id),
      teamStatuses: (a) => agents.teamStatuses(a),
    },
    log,
  );
  app.addHook('onClose', async () => queue.close());
  const search = new SearchService(storage.db, (a, id) => conversations.get(a, id));
  const workingHours = new WorkingHoursService(storage.db, timers, clock, events, async (accountId, agentId, status) => {
    await agents.setStatus(accountId, agentId, status);
    await presence.announce(accountId);
  });

  installErrorHandlers(app);
  refuseForeignWrites(app, config.publicUrl);
  await app.register(fastifyCookie);
  identifyAgents(app, (token) => agents.fromSessionToken(token));
  const { settingsRoutes, apiRoutes } = guardSettingsRoutes(app);
  app.addHook('onSend', async (_req, reply, payload) => {
    if (!reply.hasHeader('x-content-type-options')) reply.header('x-content-type-options', 'nosniff');
    return payload;
  });
  noStoreForApi(app);
  sendRequestIds(app);
  await app.register(agentRoutes, { accounts, agents, presence, limits });
  await app.register(conversationRoutes, { conversations, visitors });
  await app.register(visitorRoutes, { visitors, limits, conversationOf: (a, id) => conversations.get(a, id) });
  await app.register(widgetRoutes, { accounts, identity: visitors.identity, demoPage: new DemoPageAccess(storage.db), config });
  await app.register(workingHoursRoutes, { workingHours });
  await app.register(accountOptionRoutes, { accountOptions });
  await app.register(widgetTextsRoutes, { widgetTexts });
  const mailer = await smtpMailer(config.smtpUrl, config.smtpFrom);
  if (mailer) app.addHook('onClose', async () => mailer.close());
  const team = new TeamService({ storage, accounts, events, clock, mailer, publicUrl: config.publicUrl, log, changed: (a) => agents.forgetTeam(a) });
  await app.register(teamRoutes, { team, limits });
  await app.register(pushRoutes, { push, settings: notificationSettings, allowLoopbackHttp: config.pushAllowLoopbackHttp });
  await app.register(queueRoutes, { queue, teamOf });
  let closing: Promise<void> | undefined;
  await app.register(healthRoutes, {
    databaseWritable: () => checkWritable(storage.db),
    redisReachable: redis && (() => redis.commands.ping().then(() => undefined)),
    stopping: () => closing !== undefined,
    metrics: config.metricsToken && prometheus ? { token: config.metricsToken, contentType: prometheus.registry.contentType, text: () => prometheus.registry.metrics() } : undefined,
  });
  await app.register(savedReplyRoutes, { savedReplies: new SavedRepliesService(storage) });
  await app.register(fileRoutes, { files, visitors, conversations, limits });
  await app.register(searchRoutes, { search });
  const visits = new VisitService(storage, events, clock);
  const triggers = new TriggerService(storage, (a, id) => agents.nameOf(a, id));
  const privacy = new PrivacyService({
    storage,
    clock,
    events,
    timers,
    visitorOf: (a, id) => visitors.getForAgents(a, id),
    detailsOf: (a, id) => visits.details(a, id),
    firingsOf: (a, id) => triggers.firings(a, id),
    filePaths: (id) => [files.pathOf(id, 'file'), files.pathOf(id, 'thumb')],
  });
  await app.register(privacyRoutes, { privacy });
  await app.register(visitRoutes, { visits, visitors, limits });
  // C8: the realtime layer, built after the routes, answers who is online (through this forward).
  let online: OnlineLookup | undefined;
  const onlineLookup: OnlineLookup = {
    visitorIdsOf: (a) => online!.visitorIdsOf(a),
    whichOnline: (a, ids) => online!.whichOnline(a, ids),
  };
  const onlineVisitors = new OnlineVisitorService({
    db: storage.db,
    clock,
    events,
    online: onlineLookup,
    visitorExists: (a, id) => visitors.get(a, id),
    sendToVisitor: (a, v, agent, clientId, text) => conversations.sendToVisitor(a, v, agent, clientId, text),
  });
  const onlineChanges = new OnlineVisitorChanges(onlineVisitors, onlineLookup, events, log);
  app.addHook('onClose', () => onlineChanges.stop());
  await app.register(onlineVisitorRoutes, { onlineVisitors });
  const triggerEngine = new TriggerEngine(
    {
      storage,
      events,
      timers,
      clock,
      handlers: actionHandlers({ agentName: (a, id) => agents.nameOf(a, id), send: async (a, v, author, c, text) => (await conversations.sendToVisitor(a, v, { id: author.agentId, name: author.name }, c, text)).message }),
      triggers: (a) => triggers.list(a, true),
      settings: (a) => triggers.settings(a),
      details: (a, v) => visits.details(a, v),
      widgetMode: (a) => presence.mode(a),
      lastMessage: (a, v) => conversations.lastMessageOfVisitor(a, v),
      chatOpened: (a, v, since) => onlineVisitors.chatOpenedSince(a, v, since),
      online: async (a, v) => (await onlineLookup.whichOnline(a, [v])).has(v),
    },
    log,
  );
  app.addHook('onClose', async () => triggerEngine.close());
  await app.register(triggerRoutes, { triggers, visitorExists: (a, id) => visitors.get(a, id) });
  const emailDomain = createEmail(
    config,
    {
      db: storage.db,
      events,
      timers,
      clock,
      mailer,
      people: {
        accountName: async (a) => (await accounts.get(a)).name,
        conversation: (a, id) => conversations.get(a, id),
        messagesAfter: (a, id, after) => conversations.messagesAfter(a, id, after),
        visitor: (a, id) => visitors.get(a, id),
        visitorPlace: async (a, id) => {
          const details = await visits.details(a, id);
          return { url: details?.currentUrl ?? null, language: details?.language ?? null };
        },
        // Realtime is built below; this runs only when a timer fires, after start-up.
        visitorConnected: async (_a, id) => (await realtime.visitors.in(rooms.visitor(id)).fetchSockets()).length > 0,
        agents: (a) => agents.contacts(a),
        connectedAgentIds: (a) => presence.connectedAgentIds(a),
      },
      senders: {
        visitorOfConversation: async (a, id) => visitors.get(a, (await conversations.get(a, id)).visitorId),
        agent: async (a, id) => (await agents.contacts(a)).find((c) => c.id === id),
        sendAsVisitor: (a, visitor, cid, text, fileId) => conversations.sendAsVisitor(a, visitor, cid, text, undefined, fileId),
        sendAsAgent: (a, id, agent, cid, text, fileId) => conversations.sendAsAgent(a, id, agent, cid, text, undefined, fileId),
        storeFile: (a, uploader, fileId, name, bytes) => files.upload(a, uploader, name, bytes, fileId),
      },
    },
    log,
  );
  app.addHook('onClose', () => emailDomain.close());
  await app.register(emailRoutes, { email: emailDomain.email, widgetExists: (id) => accounts.byWidgetId(id) });
  serveFrontEnds(app, config.staticRoot, config.publicUrl);
  await app.ready();

  /** W4: the visitor as the widget gets it (whether their address unsubscribed). */
  const widgetVisitor = (accountId: string, visitor: Visitor) => emailDomain.email.forWidget(accountId, visitor);
  const realtime = wireSockets(
    app.server,
    {
      events,
      agents,
      visitors,
      presence,
      redis,
      teamOf,
      joined,
      conversations,
      limits,
      queue,
      onlineVisitors,
      onlineChanges,
      widgetVisitor,
      trustProxy: config.trustProxy,
      maxSocketsPerVisitor: config.maxSocketsPerVisitor,
      observeAcks: (e, s, ok) => metrics.acked(e, s, ok),
      visitorAdmissionMaxLoad: config.visitorAdmissionMaxLoad,
    },
    log,
  );
  online = onlineVisitorsOf(realtime.visitors);
  onlineChanges.start(ONLINE_VISITORS_FLUSH_MS);
  metrics.watch({
    visitors: () => realtime.visitors.sockets.size,
    agents: () => realtime.agents.sockets.size,
    timersDue: () => timers.dueCount(),
  });
  if (redis) presence.startRechecks(PRESENCE_RECHECK_MS, log);
  await emailDomain.startInbound();
  timers.start();

  const closeAll = async (graceMs: number) => {
    await realtime.close(graceMs);
    await app.close();
  };
  return {
    app,
    io: realtime.io,
    close: (graceMs = 0) => (closing ??= closeAll(graceMs)),
    settingsRoutes,
    apiRoutes,
    inboundSmtpPort: emailDomain.inboundSmtpPort(),
  };
}

async function openRedisOrClose(config: Config, storage: Storage, log: FastifyInstance['log']): Promise<RedisConnections> {
  return openRedis(config.redisUrl ?? '', config.redisKeyPrefix, log).catch(async (err: unknown) => {
    await storage.close();
    throw err;
  });
}
