// Probes for a process manager or load balancer: GET /healthz (the process answers) and GET
// /readyz (it can do its work: the database takes a write, Redis answers, and it is not stopping).
// Unauthenticated and cheap, so they say nothing beyond yes or no: no versions, no counts, no errors'
// details (those go to the log).
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ErrorCode } from '@palique/protocol';

export interface HealthRoutesOptions {
  /** Resolves when the database committed a write. */
  databaseWritable(): Promise<void>;
  /** Resolves when Redis answered (absent without REDIS_URL). */
  redisReachable?: () => Promise<void>;
  /** True from the moment a graceful shutdown began: the balancer should send nothing new. */
  stopping(): boolean;
  /** GET /metrics (Prometheus text) for requests bearing this token; absent: no /metrics route. */
  metrics?: { token: string; contentType: string; text(): Promise<string> };
}

/** A probe that has not answered within this is a failed probe, not a hung one. */
const PROBE_TIMEOUT_MS = 2_000;

function within<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export async function healthRoutes(app: FastifyInstance, opts: HealthRoutesOptions): Promise<void> {
  const noStore = { 'cache-control': 'no-store' };
  app.get('/healthz', async (_req, reply) => reply.headers(noStore).send({ status: 'ok' }));

  app.get('/readyz', async (req, reply) => {
    reply.headers(noStore);
    const notReady = (message: string) => reply.status(503).send({ error: { code: ErrorCode.NotReady, message } });
    if (opts.stopping()) return notReady('Stopping');
    try {
      await within(opts.databaseWritable(), 'database');
    } catch (err) {
      req.log.warn({ err }, 'readyz: the database does not take writes');
      return notReady('The database is not writable');
    }
    if (opts.redisReachable) {
      try {
        await within(opts.redisReachable(), 'redis');
      } catch (err) {
        req.log.warn({ err }, 'readyz: Redis does not answer');
        return notReady('Redis is unreachable');
      }
    }
    return reply.send({ status: 'ready' });
  });

  const metrics = opts.metrics;
  if (metrics) {
    const expected = crypto.createHash('sha256').update(metrics.token).digest();
    app.get('/metrics', async (req, reply) => {
      const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      const digest = crypto.createHash('sha256').update(given).digest();
      if (!crypto.timingSafeEqual(digest, expected)) {
        return reply.status(401).headers(noStore).send({ error: { code: ErrorCode.Unauthenticated, message: 'Metrics need the bearer token of METRICS_TOKEN' } });
      }
      return reply.headers(noStore).type(metrics.contentType).send(await metrics.text());
    });
  }
}
