// Validated socket event handlers: parse with the protocol schema, run, ack `{ ok, … }`.
import type { Socket } from 'socket.io';
import type { ZodType, z } from 'zod';
import type { Ack } from '@palique/protocol';
import { parseInput, toErrorInfo } from '../http/errors';

type Log = { error: (o: object, m: string) => void };

export function onEvent<S extends ZodType, R extends object>(
  socket: Socket,
  event: string,
  schema: S,
  log: Log,
  handler: (input: z.output<S>) => Promise<R>,
): void {
  socket.on(event, async (raw: unknown, ack?: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (a: Ack<R>) => void) : () => {};
    try {
      const input = parseInput(schema, raw);
      reply({ ok: true, ...(await handler(input)) });
    } catch (err) {
      reply({ ok: false, error: toErrorInfo(err, log).info });
    }
  });
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
