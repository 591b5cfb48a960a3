// The typed Socket.IO edges every socket handler uses: the socket types of the two namespaces
// (all four maps from the protocol, so an event the protocol does not name does not compile),
// and `SocketEvents`, where each domain registers its events once per namespace (validated,
// acknowledged, in order per socket where it matters); rooms and broadcasting stay in realtime/.
import type { Namespace, Socket } from 'socket.io';
import type { ZodType, z } from 'zod';
import type {
  AckFn,
  AgentClientEvents,
  AgentServerEvents,
  AgentSocketData,
  InterServerEvents,
  VisitorClientEvents,
  VisitorServerEvents,
  VisitorSocketData,
} from '@palique/protocol';
import { parseInput, toErrorInfo } from './http/errors';

export type VisitorNamespace = Namespace<VisitorClientEvents, VisitorServerEvents, InterServerEvents, VisitorSocketData>;
export type AgentNamespace = Namespace<AgentClientEvents, AgentServerEvents, InterServerEvents, AgentSocketData>;
export type VisitorSocket = Socket<VisitorClientEvents, VisitorServerEvents, InterServerEvents, VisitorSocketData>;
export type AgentSocket = Socket<AgentClientEvents, AgentServerEvents, InterServerEvents, AgentSocketData>;
/** The visitor namespace's events, registered once for all its sockets (see `SocketEvents`). */
export type VisitorEvents = SocketEvents<VisitorSocket, VisitorClientEvents>;
/** The agent namespace's events, the same way. */
export type AgentEvents = SocketEvents<AgentSocket, AgentClientEvents>;

type Log = { error: (o: object, m: string) => void };

/** Parses `raw`, runs `handler` and acks the result or the error (no ack function: no answer). */
function answer<S extends ZodType, R extends object>(schema: S, log: Log, raw: unknown, ack: unknown, handler: (input: z.output<S>) => Promise<R>): void {
  const reply = typeof ack === 'function' ? (ack as AckFn<R>) : () => {};
  Promise.resolve()
    .then(() => handler(parseInput(schema, raw)))
    .then(
      (result) => reply({ ok: true, ...result }),
      (err: unknown) => reply({ ok: false, error: toErrorInfo(err, log).info }),
    );
}

/** The result an event of `Events` acks with. */
type AckResult<F> = F extends (body: any, ack: AckFn<infer R>) => void ? R : never;

/** The part of a Socket.IO socket that `SocketEvents` uses. */
interface ServedSocket {
  onAny(listener: (...args: any[]) => void): unknown;
  on(event: 'disconnect', listener: (reason: string) => void): unknown;
}

/**
 * The events of one namespace, registered once for all its sockets. Each socket gets the same two functions, a dispatcher (`onAny`) and a disconnect
 * listener, instead of a listener closure per event and per socket: a connected visitor costs
 * less memory, and connecting one registers nothing per event. Handlers get the socket as an
 * argument; what a handler keeps per socket lives in `socket.data` or a WeakMap.
 */
export class SocketEvents<Sock extends ServedSocket, Events> {
  private readonly listeners = new Map<string, { listener: (socket: Sock, body: unknown, ack: unknown) => void; acks: boolean }>();
  private readonly connected: Array<(socket: Sock) => void> = [];
  private readonly disconnected: Array<(socket: Sock, reason: string) => void> = [];
  private ackWrapper?: (event: string, ack: (...args: unknown[]) => void) => (...args: unknown[]) => void;
  private readonly dispatch: (...args: unknown[]) => void;
  private readonly onDisconnect: (reason: string) => void;

  constructor() {
    const events = this;
    // Called by Socket.IO with the socket as `this` (one function for every socket).
    this.dispatch = function (this: Sock, event: unknown, body: unknown, ack: unknown) {
      events.deliver(this, event, body, ack);
    };
    this.onDisconnect = function (this: Sock, reason: string) {
      for (const fn of events.disconnected) fn(this, reason);
    };
  }

  /** A listener without ack (typing previews and the like): it gets whatever the client sent. */
  on<E extends keyof Events & string>(event: E, listener: (socket: Sock, body: unknown) => void): void {
    this.listeners.set(event, { listener, acks: false });
  }

  /**
   * The body parsed with `schema` (a client can send anything), `handler` run, and `{ ok: true,
   * …result }` or `{ ok: false, error }` acked; the result is checked against `Events`.
   */
  acked<E extends keyof Events & string, S extends ZodType>(
    event: E,
    schema: S,
    log: Log,
    handler: (input: z.output<S>, socket: Sock) => Promise<AckResult<Events[E]>>,
  ): void {
    this.listeners.set(event, { listener: (socket, raw, ack) => answer(schema, log, raw, ack, (input) => handler(input, socket)), acks: true });
  }

  /** Runs `fn` for each socket as it starts being served (after the namespace's own connect work). */
  onConnection(fn: (socket: Sock) => void): void {
    this.connected.push(fn);
  }

  onDisconnection(fn: (socket: Sock, reason: string) => void): void {
    this.disconnected.push(fn);
  }

  /** Every ack of an `acked` event passes through `wrap` (the in-flight count of a graceful stop, metrics). */
  wrapAcks(wrap: (event: string, ack: (...args: unknown[]) => void) => (...args: unknown[]) => void): void {
    this.ackWrapper = wrap;
  }

  /** Makes `socket` deliver its events here. */
  serve(socket: Sock): void {
    socket.onAny(this.dispatch);
    socket.on('disconnect', this.onDisconnect);
    for (const fn of this.connected) fn(socket);
  }

  private deliver(socket: Sock, event: unknown, body: unknown, ack: unknown): void {
    if (typeof event !== 'string') return;
    const entry = this.listeners.get(event);
    if (!entry) return;
    const answering = entry.acks && typeof ack === 'function' && this.ackWrapper ? this.ackWrapper(event, ack as (...args: unknown[]) => void) : ack;
    entry.listener(socket, body, answering);
  }
}

/**
 * Runs the calls of `fn` for one key (a socket) one after another, in the order they were made:
 * the next starts once the previous one settled (either way). So a client's burst is stored in
 * the order it was sent, while different sockets still run side by side. A key's chain is
 * forgotten once it has run out, and with its key.
 */
export function inArrivalOrderOf<K extends object, A, R>(fn: (key: K, arg: A) => Promise<R>): (key: K, arg: A) => Promise<R> {
  const tails = new WeakMap<K, Promise<unknown>>();
  return (key, arg) => {
    const run = (tails.get(key) ?? Promise.resolve()).then(() => fn(key, arg));
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => tails.get(key) === tail && tails.delete(key));
    return run;
  };
}
