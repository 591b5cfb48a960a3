// The typed Socket.IO edges every socket handler uses: the socket types of the two namespaces
// (all four maps from the protocol, so an event the protocol does not name does not compile),
// and the validated, acknowledged handler. Domains register their events on these sockets;
// rooms and broadcasting stay in realtime/.
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

type Log = { error: (o: object, m: string) => void };

/**
 * A listener for `socket.on(event, …)`: parses the body with the protocol schema, runs `handler`
 * and acks `{ ok: true, …result }` or `{ ok: false, error }`. The event name and the result are
 * checked against the socket's event map where it is registered. The body is typed unknown and
 * the ack may be missing, because a client can send anything.
 */
export function acked<S extends ZodType, R extends object>(
  schema: S,
  log: Log,
  handler: (input: z.output<S>) => Promise<R>,
): (body: unknown, ack: AckFn<R>) => void {
  const listener = (raw: unknown, ack: AckFn<R>) => {
    const reply: AckFn<R> = typeof ack === 'function' ? ack : () => {};
    Promise.resolve()
      .then(() => handler(parseInput(schema, raw)))
      .then(
        (result) => reply({ ok: true, ...result }),
        (err: unknown) => reply({ ok: false, error: toErrorInfo(err, log).info }),
      );
  };
  ackingListeners.add(listener);
  return listener;
}

/** The listeners made by `acked`: they always answer, so their events can be waited for. */
const ackingListeners = new WeakSet<object>();

/** True when `event` on `socket` is handled by an `acked` listener (its ack is sure to come). */
export function answersWithAck(socket: { listeners(event: string): Function[] }, event: unknown): boolean {
  return typeof event === 'string' && socket.listeners(event).some((l) => ackingListeners.has(l));
}

/**
 * Runs the calls of `fn` one after another, in the order they were made: the next starts once
 * the previous one settled (either way). One chain per socket, so a client's burst is stored in
 * the order it was sent, while different sockets still run side by side.
 */
export function inArrivalOrder<A, R>(fn: (arg: A) => Promise<R>): (arg: A) => Promise<R> {
  let tail: Promise<unknown> = Promise.resolve();
  return (arg) => {
    const run = tail.then(() => fn(arg));
    tail = run.catch(() => undefined);
    return run;
  };
}
