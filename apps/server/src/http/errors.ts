// The one error type for expected failures, and the handlers that shape every error reply: ours,
// Fastify's router (bad URLs) and Node's HTTP parser (malformed requests, oversized headers).
import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError, type ZodType, type z } from 'zod';
import { ErrorCode, type ErrorInfo } from '@palique/protocol';
import { describeZodError } from './input-messages';

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
  const status = fe.statusCode ?? (fe as { status?: number }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, info: { code: codeOfClientError(fe, status), message: fe.message ?? 'Bad request' } };
  }
  log?.error({ err }, 'unexpected error');
  return { status: 500, info: { code: ErrorCode.Internal, message: 'Something went wrong on our side' } };
}

/** The code of a 4xx that Fastify or a plugin (static files) raised: what happened, by its code or status. */
function codeOfClientError(fe: Partial<FastifyError>, status: number): ErrorCode {
  if (fe.code === 'FST_ERR_BAD_URL') return ErrorCode.BadUrl;
  if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe instanceof SyntaxError) {
    return ErrorCode.InvalidJson;
  }
  const byStatus: Partial<Record<number, ErrorCode>> = {
    403: ErrorCode.Forbidden,
    404: ErrorCode.NotFound,
    405: ErrorCode.MethodNotAllowed,
    408: ErrorCode.RequestTimeout,
    413: ErrorCode.BodyTooLarge,
    415: ErrorCode.UnsupportedMediaType,
    431: ErrorCode.HeadersTooLarge,
  };
  return byStatus[status] ?? ErrorCode.BadRequest;
}

/** Errors of Fastify's router (a badly encoded URL …), answered by the error handler's rules. */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const { status, info } = toErrorInfo(err, req.log);
  void reply.status(status).send({ error: info });
}

/**
 * Node's HTTP parser refused the request (Fastify's `clientErrorHandler`): answer in the error shape
 * rather than Node's or Fastify's own body, then close, as Node does.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, ErrorCode.RequestTimeout, 'The request did not arrive in time']
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, ErrorCode.HeadersTooLarge, 'The request headers are too large']
        : [400, ErrorCode.MalformedRequest, 'The request is not valid HTTP'];
  const body = JSON.stringify({ error: { code, message } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    const { status, info } = toErrorInfo(err, req.log);
    void reply.status(status).send({ error: info });
  });
}
