// Typed Socket.IO clients of the two namespaces, as the widget and the dashboard connect: the
// events and acks are the protocol's own maps, so a test cannot send what no client could.
import { io as connect, type Socket } from 'socket.io-client';
import type { EventsMap } from '@socket.io/component-emitter';
import {
  AGENT_NAMESPACE,
  VISITOR_NAMESPACE,
  type Ack,
  type AckFn,
  type AgentClientEvents,
  type AgentServerEvents,
  type VisitorClientEvents,
  type VisitorServerEvents,
} from '@palique/protocol';
import { api, type Reachable } from './api';

type BodyOf<F> = F extends (body: infer B, ack: AckFn<any>) => void ? B : never;
type AckOf<F> = F extends (body: any, ack: AckFn<infer T>) => void ? Ack<T> : never;
type PayloadOf<F> = F extends (...args: infer A) => void ? A[0] : never;

const ACK_TIMEOUT_MS = 5_000;

export interface TestSocket<Listen extends EventsMap, Emit extends EventsMap> {
  socket: Socket<Listen, Emit>;
  /** Sends an event and resolves with its ack (rejects after `timeoutMs` without one). */
  emit<E extends keyof Emit & string>(event: E, body: BodyOf<Emit[E]>, timeoutMs?: number): Promise<AckOf<Emit[E]>>;
  /**
   * Sends what the protocol does not allow (a wrong shape, a missing body), for the tests of
   * bad input: the server must answer it with a failed ack.
   */
  emitMalformed(event: keyof Emit & string, body: unknown): Promise<Ack<Record<string, unknown>>>;
  /**
   * The next `event` (that satisfies `matches`, if given); after `timeoutMs` it rejects with
   * "no <what> within …".
   */
  next<E extends keyof Listen & string>(
    event: E,
    timeoutMs?: number,
    matches?: (payload: PayloadOf<Listen[E]>) => boolean,
    what?: string,
  ): Promise<PayloadOf<Listen[E]>>;
  /** Resolves with the reason once the socket is disconnected; rejects after `timeoutMs`. */
  disconnected(timeoutMs?: number): Promise<string>;
  close(): void;
}

export type VisitorSocket = TestSocket<VisitorServerEvents, VisitorClientEvents> & { token: string };
/** `toldStatus`: the status the server tells a dashboard on connect (its first `agent:status`). */
export type AgentSocket = TestSocket<AgentServerEvents, AgentClientEvents> & { toldStatus: Promise<{ status: string }> };

function wrap<Listen extends EventsMap, Emit extends EventsMap>(socket: Socket<Listen, Emit>): TestSocket<Listen, Emit> {
  // socket.io-client's typings of emitWithAck do not follow a generic event name; the public
  // signatures above carry the protocol's types.
  const untyped = socket as unknown as Socket;
  return {
    socket,
    emit: (event, body, timeoutMs = ACK_TIMEOUT_MS) => untyped.timeout(timeoutMs).emitWithAck(event, body),
    emitMalformed: (event, body) => untyped.timeout(ACK_TIMEOUT_MS).emitWithAck(event, body),
    next: (event, timeoutMs = ACK_TIMEOUT_MS, matches, what = event) =>
      new Promise((resolve, reject) => {
        const onEvent = (payload: any) => {
          if (matches && !matches(payload)) return;
          clearTimeout(timer);
          untyped.off(event as string, onEvent);
          resolve(payload);
        };
        const timer = setTimeout(() => {
          untyped.off(event as string, onEvent);
          reject(new Error(`no ${what} within ${timeoutMs} ms`));
        }, timeoutMs);
        untyped.on(event as string, onEvent);
      }),
    disconnected: (timeoutMs = ACK_TIMEOUT_MS) =>
      new Promise((resolve, reject) => {
        if (socket.disconnected) return resolve('already disconnected');
        const timer = setTimeout(() => reject(new Error(`still connected after ${timeoutMs} ms`)), timeoutMs);
        socket.once('disconnect', (reason) => {
          clearTimeout(timer);
          resolve(reason);
        });
      }),
    close: () => socket.close(),
  };
}

function waitConnected(socket: Socket<any, any>): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err: Error & { data?: unknown }) => {
      socket.close();
      reject(Object.assign(err, { data: err.data }));
    });
  });
}

/** A visitor's socket; without `token`, a new visitor (the widget's first HTTP call first). */
export async function connectVisitor(server: Reachable, widgetId: string, token?: string): Promise<VisitorSocket> {
  if (!token) {
    const res = await api(server, 'POST', `/api/widget/${widgetId}/visitors`, { body: {} });
    if (res.status !== 200) throw new Error(`visitor session failed: ${res.status} ${JSON.stringify(res.body)}`);
    token = res.body.token as string;
  }
  const socket: Socket<VisitorServerEvents, VisitorClientEvents> = connect(server.url + VISITOR_NAMESPACE, {
    auth: { widgetId, token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  await waitConnected(socket);
  return { ...wrap(socket), token };
}

/** An agent's socket, signed in with the session cookie (the dashboard open). */
export async function connectAgent(server: Reachable, cookie: string): Promise<AgentSocket> {
  const socket: Socket<AgentServerEvents, AgentClientEvents> = connect(server.url + AGENT_NAMESPACE, {
    extraHeaders: { cookie },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  // Listened to before the connection opens: it may come in the same read as the connect.
  const toldStatus = new Promise<{ status: string }>((resolve) => socket.once('agent:status', resolve));
  await waitConnected(socket);
  return Object.assign(wrap(socket), { toldStatus });
}
