// Socket.IO wiring: the two namespaces, their handshake auth, rooms and presence.
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { parseCookie } from 'cookie';
import { AGENT_NAMESPACE, MAX_BODY_BYTES, VISITOR_NAMESPACE, VisitorAuth } from '@palique/protocol';
import { parseInput, toErrorInfo } from '../http/errors';
import { SESSION_COOKIE } from '../http/auth';
import type { Services } from '../services';
import { registerAgentConversationEvents, registerVisitorConversationEvents } from '../conversations/socket';
import { registerAgentStatusEvents } from '../agents/socket';
import { registerVisitorEvents } from '../visitors/socket';
import { PRESENCE_CHANGED, rooms, type AgentNamespace, type VisitorNamespace } from './fanout';
import type { AgentContext } from '../agents/service';
import type { VisitorIdentity } from '../visitors/service';

type Log = { error: (o: object, m: string) => void; warn: (o: object, m: string) => void };

/** Errors from handshake middleware reach the client as connect_error with `data` set. */
function handshakeError(err: unknown, log: Log): Error {
  const { info } = toErrorInfo(err, log);
  return Object.assign(new Error(info.message), { data: info });
}

const RESYNC_AGAIN_MS = 3_000;

function sameHost(origin: string, host: string): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function createRealtime(httpServer: HttpServer, services: Services, log: Log): Server {
  const { redis } = services;
  const io = new Server(httpServer, {
    maxHttpBufferSize: MAX_BODY_BYTES,
    serveClient: false,
    pingInterval: 20_000,
    pingTimeout: 20_000,
    transports: ['websocket', 'polling'],
    // With Redis, rooms span every process: an emit reaches sockets connected anywhere.
    ...(redis ? { adapter: createAdapter(redis.publisher, redis.subscriber, { key: `${redis.keyPrefix}socket.io` }) } : {}),
  });

  const visitors: VisitorNamespace = io.of(VISITOR_NAMESPACE);
  // Another process saw a presence change: recompute the mode for the visitors connected here.
  visitors.on(PRESENCE_CHANGED, (accountId: unknown) => {
    if (typeof accountId !== 'string') return;
    void services.presence.pushMode(accountId).catch((err) => log.error({ err }, 'presence failed'));
  });
  visitors.use((socket, next) => {
    Promise.resolve()
      .then(() => parseInput(VisitorAuth, socket.handshake.auth))
      .then((auth) => services.visitors.authenticate(auth.widgetId, auth.token))
      .then((identity) => {
        socket.data.identity = identity;
        next();
      })
      .catch((err) => next(handshakeError(err, log)));
  });
  visitors.on('connection', (socket) => {
    const identity = socket.data.identity as VisitorIdentity;
    void socket.join([rooms.visitor(identity.visitor.id), rooms.visitorsOf(identity.accountId)]);
    services.visitors.touch(identity.accountId, identity.visitor.id);
    registerVisitorConversationEvents(socket as Socket, identity, services, log);
    registerVisitorEvents(socket as Socket, identity, services, log);
  });

  const agents: AgentNamespace = io.of(AGENT_NAMESPACE);
  agents.use((socket, next) => {
    // Only the dashboard's own origin may open an agent socket with the session cookie.
    const origin = socket.handshake.headers.origin;
    const host = socket.handshake.headers.host;
    if (origin && host && !sameHost(origin, host)) {
      return next(handshakeError(Object.assign(new Error('Cross-origin agent socket'), { statusCode: 403 }), log));
    }
    const cookies = parseCookie(socket.handshake.headers.cookie ?? '');
    services.agents
      .fromSessionToken(cookies[SESSION_COOKIE])
      .then((ctx) => {
        socket.data.ctx = ctx;
        next();
      })
      .catch((err) => next(handshakeError(err, log)));
  });
  agents.on('connection', (socket) => {
    const ctx = socket.data.ctx as AgentContext;
    void socket.join([rooms.agentsOf(ctx.accountId), rooms.agent(ctx.agent.id)]);
    void services.presence.agentConnected(ctx.accountId, socket.id, ctx.agent.id).catch((err) => log.error({ err }, 'presence failed'));
    socket.on('disconnect', () => {
      void services.presence.agentDisconnected(ctx.accountId, socket.id).catch((err) => log.error({ err }, 'presence failed'));
    });
    registerAgentConversationEvents(socket as Socket, ctx, services, log);
    registerAgentStatusEvents(socket as Socket, ctx, services, log);
  });

  services.fanout.visitors = visitors;
  services.fanout.agents = agents;
  services.fanout.clustered = Boolean(redis);
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
  return io;
}
