// The one error type for expected failures, and the handler that shapes every error reply.
import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError, type ZodType, type z } from 'zod';
import { ErrorCode, type ErrorInfo } from '@palique/protocol';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message };
  }
}

const NOT_FOUND = {
  account: ErrorCode.AccountNotFound,
  conversation: ErrorCode.ConversationNotFound,
  visitor: ErrorCode.VisitorNotFound,
  widget: ErrorCode.WidgetNotFound,
} as const;

export const notFound = (what: keyof typeof NOT_FOUND) => new AppError(NOT_FOUND[what], 404, `No such ${what}`);

export function describeZodError(error: ZodError): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** Parses input with a protocol schema; a failure becomes a 400 `invalid_input`. */
export function parseInput<S extends ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError(ErrorCode.InvalidInput, 400, describeZodError(result.error));
  return result.data;
}

/** Turns anything thrown into the wire error shape, logging what was not expected. */
export function toErrorInfo(err: unknown, log?: { error: (o: object, m: string) => void }): {
  status: number;
  info: ErrorInfo;
} {
  if (err instanceof AppError) return { status: err.status, info: err.toInfo() };
  if (err instanceof ZodError) {
    return { status: 400, info: { code: ErrorCode.InvalidInput, message: describeZodError(err) } };
  }
  const fe = err as Partial<FastifyError>;
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code =
      fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? ErrorCode.BodyTooLarge
        : fe.statusCode === 415
          ? ErrorCode.UnsupportedMediaType
          : ErrorCode.BadRequest;
    return { status: fe.statusCode, info: { code, message: fe.message ?? 'Bad request' } };
  }
  log?.error({ err }, 'unexpected error');
  return { status: 500, info: { code: ErrorCode.Internal, message: 'Something went wrong on our side' } };
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    const { status, info } = toErrorInfo(err, req.log);
    void reply.status(status).send({ error: info });
  });
}
