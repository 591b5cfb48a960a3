// Prometheus metrics (prom-client), one registry per app: what an operator watches on a live
// install. Served at GET /metrics only when METRICS_TOKEN is set, to a request that carries it
// (`Authorization: Bearer <token>`); never labelled with anything a visitor wrote. Without
// METRICS_TOKEN nothing could read them: the app then counts nothing (`noMetrics`), and
// prom-client is not even loaded.
import type * as PromClient from 'prom-client';
import type { Counter, Histogram, Registry } from 'prom-client';

/** What the storage reports (db/ calls these; it does not know Prometheus). */
export interface StorageObserver {
  /** SQLite's group commit committed `size` writes in one transaction. */
  batchCommitted(size: number): void;
  /** A write failed (not a refused duplicate: an error). */
  writeFailed(): void;
}

export interface TimerObserver {
  fired(kind: string): void;
  failed(kind: string): void;
}

/** What the app reports to, whether metrics are on or not. */
export interface AppMetrics extends StorageObserver, TimerObserver {
  /** Gauges read when scraped: connected clients, timers due. */
  watch(read: { visitors(): number; agents(): number; timersDue(): Promise<number> }): void;
  acked(event: string, seconds: number, ok: boolean): void;
  redisError(): void;
}

/** Metrics off (no METRICS_TOKEN): nothing is counted. */
export const noMetrics: AppMetrics = {
  watch() {},
  acked() {},
  batchCommitted() {},
  writeFailed() {},
  redisError() {},
  fired() {},
  failed() {},
};

/** The Prometheus metrics of one app, prom-client loaded now. */
export async function createMetrics(): Promise<Metrics> {
  return new Metrics(await import('prom-client'));
}

export class Metrics implements AppMetrics {
  readonly registry: Registry;
  private readonly acks: Histogram<'event' | 'outcome'>;
  private readonly messages: Counter;
  private readonly batches: Histogram;
  private readonly storageErrors: Counter;
  private readonly redisErrors: Counter;
  private readonly timersFired: Counter<'kind'>;
  private readonly timersFailed: Counter<'kind'>;

  constructor(private readonly prom: typeof PromClient) {
    const { collectDefaultMetrics, Counter, Histogram, Registry } = prom;
    this.registry = new Registry();
    // Event-loop lag, heap, CPU, handles, … (nodejs_eventloop_lag_seconds and friends).
    collectDefaultMetrics({ register: this.registry, prefix: 'palique_' });
    const registers = [this.registry];
    this.acks = new Histogram({
      name: 'palique_socket_ack_seconds',
      help: 'Time from receiving an acknowledged socket event to sending its ack',
      labelNames: ['event', 'outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.messages = new Counter({ name: 'palique_messages_acknowledged_total', help: 'Messages stored and acknowledged to their sender', registers });
    this.batches = new Histogram({
      name: 'palique_group_commit_batch_size',
      help: 'Writes committed together by one SQLite transaction (group commit)',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
      registers,
    });
    this.storageErrors = new Counter({ name: 'palique_storage_errors_total', help: 'Database writes that failed', registers });
    this.redisErrors = new Counter({ name: 'palique_redis_errors_total', help: 'Errors reported by the Redis connections', registers });
    this.timersFired = new Counter({ name: 'palique_timers_fired_total', help: 'Durable timers fired', labelNames: ['kind'], registers });
    this.timersFailed = new Counter({ name: 'palique_timers_failed_total', help: 'Durable timer handlers that failed (retried after their lease)', labelNames: ['kind'], registers });
  }

  /** Gauges read when scraped: connected clients, timers due. */
  watch(read: { visitors(): number; agents(): number; timersDue(): Promise<number> }): void {
    const { Gauge } = this.prom;
    const registers = [this.registry];
    new Gauge({ name: 'palique_connected_visitors', help: 'Visitor sockets connected to this process', registers, collect() {
      this.set(read.visitors());
    } });
    new Gauge({ name: 'palique_connected_agents', help: 'Agent sockets connected to this process', registers, collect() {
      this.set(read.agents());
    } });
    new Gauge({ name: 'palique_timers_due', help: 'Durable timers due and not fired yet (all processes)', registers, async collect() {
      this.set(await read.timersDue().catch(() => -1));
    } });
  }

  acked(event: string, seconds: number, ok: boolean): void {
    this.acks.observe({ event, outcome: ok ? 'ok' : 'error' }, seconds);
    if (ok && event === 'message:send') this.messages.inc();
  }

  batchCommitted(size: number): void {
    this.batches.observe(size);
  }

  writeFailed(): void {
    this.storageErrors.inc();
  }

  redisError(): void {
    this.redisErrors.inc();
  }

  fired(kind: string): void {
    this.timersFired.inc({ kind });
  }

  failed(kind: string): void {
    this.timersFailed.inc({ kind });
  }
}
