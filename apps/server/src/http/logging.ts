// Structured logs (pino's JSON, as Fastify ships it) that can be kept and shipped: every request
// line has a random request id (also sent back as X-Request-Id, so a user's report finds its line),
// and nothing private reaches them: no headers (cookies, tokens), no query strings (signed URLs),
// no invitation tokens in paths, and any field named like a secret or personal datum is censored.
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';

/** Fields censored wherever pino meets them (one and two levels deep). */
const SECRET_KEYS = ['password', 'token', 'cookie', 'authorization', 'email', 'text', 'link', 'secret'];
const REDACT_PATHS = [...SECRET_KEYS, ...SECRET_KEYS.map((k) => `*.${k}`)];

/** A URL fit for a log: the path with secrets in it replaced, query values dropped. */
export function loggableUrl(url: string): string {
  const [pathPart = '', query] = url.split('?', 2);
  const pathOnly = pathPart.replace(/^(\/api\/invitations\/)[^/]+/, '$1[token]');
  if (query === undefined) return pathOnly;
  const keys = query.split('&').map((pair) => pair.split('=', 1)[0]).filter(Boolean);
  return `${pathOnly}?${keys.map((k) => `${k}=…`).join('&')}`;
}

export function loggerOptions(level: string): Pick<FastifyServerOptions, 'logger' | 'genReqId' | 'requestIdHeader'> {
  return {
    logger:
      level === 'silent'
        ? false
        : {
            level,
            redact: { paths: REDACT_PATHS, censor: '[redacted]' },
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: loggableUrl(req.url) }),
            },
          },
    // Never the client's own X-Request-Id: ids must be unique and not chosen by whoever asks.
    requestIdHeader: false,
    genReqId: () => crypto.randomUUID(),
  };
}

/** Sends every request's id back, so a user's report can be matched to the log. */
export function sendRequestIds(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-request-id', req.id);
    return payload;
  });
}
