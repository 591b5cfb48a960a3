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
