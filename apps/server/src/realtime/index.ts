// Socket.IO wiring: the two namespaces, their handshake auth, rooms, presence and the relay of
// domain events to rooms. The domains' socket events are registered by app.ts on `connection`.
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { parseCookie } from 'cookie';
import { AGENT_NAMESPACE, ErrorCode, MAX_BODY_BYTES, VISITOR_NAMESPACE, VisitorAuth, type VisitorSocketData } from '@palique/protocol';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, parseInput, toErrorInfo } from '../http/errors';
import { SESSION_COOKIE } from '../http/auth';
import { isOwnOrigin } from '../http/same-origin';
import type { RedisConnections } from '../redis';
import type { EventBus } from '../events';
import type { AgentEvents, AgentNamespace, VisitorEvents, VisitorNamespace } from '../sockets';
import type { AgentService } from '../agents/service';
import type { PresenceService } from '../presence/service';
import type { JoinedPresence } from '../presence/joined';
import type { VisitorService } from '../visitors/service';
import { localVisitorsOf, relayEvents, rooms, type TeamLookup } from './rooms';
import { SocketCap } from './socket-cap';
import { InFlightAcks, type AckObserver } from './in-flight';
import { VisitorAdmission } from './admission';
import { coalesceFlushes } from './coalesce';
import { redisAdapter } from './adapter';

type Log = { error: (o: object, m: string) => void; warn: (o: object, m: string) => void };

export interface RealtimeDeps {
  events: EventBus;
  agents: AgentService;
  visitors: VisitorService;
  presence: PresenceService;
  /** The visitor namespace's events (registered once by the domains); each visitor socket is served by them. */
  visitorEvents: VisitorEvents;
  /** The agent namespace's events, the same way. */
  agentEvents: AgentEvents;
  /** A handshake without a token: a new visitor (their session is the socket's first event). */
  startVisitor(widgetId: string, request: IncomingMessage): Promise<VisitorSocketData>;
  /** Set when REDIS_URL is: rooms span the processes sharing it. */
  redis?: RedisConnections;
  /** W2: the team the widgets show, pushed to them after each mode push. */
  teamOf?: TeamLookup;
  /** A3: Invisible agents present in the chats they wrote in, re-told to visitors after each team push. */
  joined?: JoinedPresence;
  /** Sockets one visitor may hold open in this process. */
  maxSocketsPerVisitor: number;
  /** Told of every acked event when it is answered (metrics). */
  observeAcks?: AckObserver;
  /** New visitor connections wait (are refused, and retry) while the event loop is busier than this. */
  visitorAdmissionMaxLoad?: number;
}

export interface Realtime {
  /** The root server; it serves no events of its own, the namespaces do. */
  io: Server;
  visitors: VisitorNamespace;
  agents: AgentNamespace;
  /**
   * A graceful stop: stops taking connections, lets the acked events in flight finish (at most
   * `graceMs`), then disconnects every client. Clients reconnect by themselves, to another process
   * behind a balancer, and resend what was never acked (same client ids, so nothing doubles).
   */
  close(graceMs?: number): Promise<void>;
}

/** Errors from handshake middleware reach the client as connect_error with `data` set. */
function handshakeError(err: unknown, log: Log): Error {
  const { info } = toErrorInfo(err, log);
  return Object.assign(new Error(info.message), { data: info });
}

const RESYNC_AGAIN_MS = 3_000;

/**
 * F17: the engine's own refusals of HTTP requests (polling) in the error shape. It emits
 * `connection_error` just before writing its `{ code: <number>, message }` body, which it skips
 * once the response is sent.
 */
function answerEngineErrorsInShape(io: Server): void {
  io.engine.on('connection_error', (e: { req: IncomingMessage & { res?: ServerResponse }; code: number; message: string }) => {
    const res = e.req.res;
    if (!res || res.headersSent) return;
    const busy = (e as { context?: { message?: unknown } }).context?.message === ErrorCode.ServerBusy;
    const [status, code] = busy
      ? [503, ErrorCode.ServerBusy]
      : e.code === 4
        ? [403, ErrorCode.Forbidden]
        : e.code === 1
          ? [400, ErrorCode.SocketSessionUnknown]
          : [400, ErrorCode.BadSocketRequest];
    const message = busy ? 'The server is busy; try again in a moment' : e.message;
    const body = JSON.stringify({ error: { code, message } });
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...(busy ? { 'retry-after': '2' } : {}) });
    res.end(body);
  });
}

export function createRealtime(httpServer: HttpServer, deps: RealtimeDeps, log: Log): Realtime {
  const { events, redis, presence } = deps;
  const admission = new VisitorAdmission(deps.visitorAdmissionMaxLoad ?? 1);
  const io = new Server(httpServer, {
    // Before any auth or database work: a busy process turns new visitors away for a moment.
    allowRequest: (req, answer) => (admission.admits(req) ? answer(null, true) : answer(ErrorCode.ServerBusy, false)),
    maxHttpBufferSize: MAX_BODY_BYTES,
    serveClient: false,
    pingInterval: 20_000,
    pingTimeout: 20_000,
    transports: ['websocket', 'polling'],
    // With Redis, rooms span every process: an emit reaches sockets connected anywhere.
    ...(redis ? { adapter: redisAdapter(redis.publisher, redis.subscriber, `${redis.keyPrefix}socket.io`) } : {}),
  });

  answerEngineErrorsInShape(io);
  coalesceFlushes(io);

  const visitors: VisitorNamespace = io.of(VISITOR_NAMESPACE);
  const socketsPerVisitor = new SocketCap(deps.maxSocketsPerVisitor);
  // Another process saw a presence change (a dashboard opened or closed, a status changed): what
  // this process keeps of the account's statuses and team is stale; recompute the mode for the
  // visitors connected here.
  visitors.on('presence:changed', (accountId) => {
    if (typeof accountId !== 'string') return;
    deps.agents.statusesChanged(accountId);
    void presence.pushMode(accountId).catch((err) => log.error({ err }, 'presence failed'));
  });
  visitors.use((socket, next) => {
    Promise.resolve()
      .then(() => parseInput(VisitorAuth, socket.handshake.auth))
      .then((auth) => (auth.token ? deps.visitors.authenticate(auth.widgetId, auth.token) : deps.startVisitor(auth.widgetId, socket.request)))
      .then((identity) => {
        if (!socketsPerVisitor.reserve(identity.visitor.id, socket)) {
          throw new AppError(ErrorCode.TooManyConnections, 429, 'Too many open connections for this visitor');
        }
        socket.data = identity;
        next();
      })
      .catch((err) => next(handshakeError(err, log)));
  });
  const inFlight = new InFlightAcks(deps.observeAcks);
  deps.visitorEvents.wrapAcks((event, ack) => inFlight.wrap(event, ack));
  deps.agentEvents.wrapAcks((event, ack) => inFlight.wrap(event, ack));
  visitors.on('connection', (socket) => {
    const { accountId, visitor, started } = socket.data;
    // A visitor the handshake started: their token first, then forgotten here.
    if (started) {
      delete socket.data.started;
      socket.emit('session', started);
    }
    void socket.join([rooms.visitor(visitor.id), rooms.visitorsOf(accountId)]);
    deps.visitors.touch(accountId, visitor.id);
    deps.visitorEvents.serve(socket);
  });

  const agents: AgentNamespace = io.of(AGENT_NAMESPACE);
  agents.use((socket, next) => {
    // Only the dashboard's own origin may open an agent socket with the session cookie.
    const origin = socket.handshake.headers.origin;
    const host = socket.handshake.headers.host;
    if (origin && host && !isOwnOrigin(origin, host)) {
      return next(handshakeError(Object.assign(new Error('Cross-origin agent socket'), { statusCode: 403 }), log));
    }
    const cookies = parseCookie(socket.handshake.headers.cookie ?? '');
    deps.agents
      .fromSessionToken(cookies[SESSION_COOKIE])
      .then((ctx) => {
        socket.data = ctx;
        next();
      })
      .catch((err) => next(handshakeError(err, log)));
  });
  agents.on('connection', (socket) => {
    const { accountId, agent, sessionId } = socket.data;
    void socket.join([rooms.agentsOf(accountId), rooms.agent(agent.id), rooms.session(sessionId)]);
    // The status as the handshake read it; changes follow in the agent's room (A3: an Online
    // agent's client raises visitor-message notifications from the broadcast). One made between
    // the handshake's read and this join is told once read again.
    socket.emit('agent:status', { status: agent.status });
    void deps.agents
      .statusesOf(accountId, [agent.id])
      .then(([now]) => now && now !== agent.status && socket.emit('agent:status', { status: now }))
      .catch((err) => log.error({ err }, 'status check failed'));
    // A sign-out between the handshake's session lookup and this join found no socket to close.
    void deps.agents
      .isSessionOpen(sessionId)
      .then((open) => open || socket.disconnect(true))
      .catch((err) => log.error({ err }, 'session check failed'));
    // W2: the last active time is written first, so the team pushed with the new mode has it.
    const markActive = () => deps.agents.markActive(accountId, agent.id).catch((err) => log.error({ err }, 'last active failed'));
    void markActive()
      .then(() => presence.agentConnected(accountId, socket.id, agent.id))
      .catch((err) => log.error({ err }, 'presence failed'));
    socket.on('disconnect', () => {
      void markActive()
        .then(() => presence.agentDisconnected(accountId, socket.id))
        .catch((err) => log.error({ err }, 'presence failed'));
    });
    deps.agentEvents.serve(socket);
  });

  const stopRelay = relayEvents(events, visitors, agents, Boolean(redis), deps.teamOf, deps.joined, log);
  presence.watchLocalVisitors(localVisitorsOf(visitors));
  // While Redis was away, events of other processes did not reach this one's clients: have them
  // catch up by seq, now and once more when every process has surely reconnected too.
  redis?.onRestored(() => {
    const resync = () => {
      visitors.local.emit('resync');
      agents.local.emit('resync');
    };
    resync();
    setTimeout(resync, RESYNC_AGAIN_MS).unref();
  });
  return {
    io,
    visitors,
    agents,
    close: async (graceMs = 0) => {
      admission.stop();
      // No new connections from here on (a balancer sends them to another process).
      if (httpServer.listening) httpServer.close();
      if (!(await inFlight.whenIdle(graceMs))) log.warn({ pending: inFlight.pending }, 'stopping with socket events still in flight; their clients will resend them');
      stopRelay();
      return new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
