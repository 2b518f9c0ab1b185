/**
 * Metrics for GET /metrics (routes/metrics), in the Prometheus text format (admin scope):
 *   http_request_duration_seconds{method,route,status_code}   histogram, every request
 *   nichegraph_interactions_ingested_total                     interactions newly stored
 *   nichegraph_analyses{status}                                analyses per status, read from Neo4j at scrape time
 *   nichegraph_store_operation_duration_seconds{operation,outcome}  latency of each Neo4j store call made by the API
 *   nichegraph_projection_cache_bytes, _entries, _lookups{outcome}   the runner's projection cache (hit/miss counts since start)
 *   plus prom-client's default process metrics (nichegraph_process_*, nichegraph_nodejs_*).
 * Each app has its own registry, so several apps in one process (tests) do not collide.
 */
import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AnalysisJobs } from '../../../jobs/port.js';
import type { GraphStore } from '../../../store/port.js';

const INGEST_ROUTE = '/v1/graphs/:graphId/interactions';
const STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;

export class Metrics {
  readonly registry = new Registry();
  readonly requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration in seconds, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly interactionsIngested = new Counter({
    name: 'nichegraph_interactions_ingested_total',
    help: 'Interactions newly stored by the ingestion route (duplicates and replays excluded).',
    registers: [this.registry],
  });
  readonly storeLatency = new Histogram({
    name: 'nichegraph_store_operation_duration_seconds',
    help: 'Duration of Neo4j store operations made by the API, by operation and outcome (ok or error).',
    labelNames: ['operation', 'outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [this.registry],
  });

  constructor(store: GraphStore, jobs?: Pick<AnalysisJobs, 'projectionCacheStats'>) {
    if (jobs) {
      new Gauge({
        name: 'nichegraph_projection_cache_bytes',
        help: 'Memory held by projected graphs cached between analyses (estimate).',
        registers: [this.registry],
        collect() {
          this.set(jobs.projectionCacheStats().bytes);
        },
      });
      new Gauge({
        name: 'nichegraph_projection_cache_entries',
        help: 'Projected graphs cached between analyses.',
        registers: [this.registry],
        collect() {
          this.set(jobs.projectionCacheStats().entries);
        },
      });
      new Gauge({
        name: 'nichegraph_projection_cache_lookups',
        help: 'Projection cache lookups since the process started, by outcome (hit or miss).',
        labelNames: ['outcome'] as const,
        registers: [this.registry],
        collect() {
          const stats = jobs.projectionCacheStats();
          this.set({ outcome: 'hit' }, stats.hits);
          this.set({ outcome: 'miss' }, stats.misses);
        },
      });
    }
    new Gauge({
      name: 'nichegraph_analyses',
      help: 'Analyses per status, as stored in Neo4j (read at scrape time).',
      labelNames: ['status'] as const,
      registers: [this.registry],
      async collect() {
        const counts = await store.countAnalysesByStatus();
        for (const status of STATUSES) this.set({ status }, counts[status] ?? 0);
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'nichegraph_' });
  }
}

/** Wraps every method of the store to time it into `metrics.storeLatency`. */
export function instrumentStore(store: GraphStore, metrics: Metrics): GraphStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      return async (...args: unknown[]) => {
        const end = metrics.storeLatency.startTimer({ operation: prop });
        try {
          const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          end({ outcome: 'ok' });
          return result;
        } catch (err) {
          end({ outcome: 'error' });
          throw err;
        }
      };
    },
  });
}

export interface MetricsOptions {
  metrics: Metrics;
}

/** Times every request and counts ingested interactions into `metrics`. */
export default fp<MetricsOptions>(
  async function requestMetrics(app, { metrics }) {
    app.addHook('onResponse', async (req, reply) => {
      metrics.requestDuration.observe(
        { method: req.method, route: req.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });

    app.addHook('onSend', async (req, reply, payload) => {
      if (req.routeOptions.url === INGEST_ROUTE && req.method === 'POST' && reply.statusCode === 200 && typeof payload === 'string') {
        if (reply.getHeader('idempotent-replayed') === undefined) {
          try {
            const stored = (JSON.parse(payload) as { stored?: unknown }).stored;
            if (typeof stored === 'number') metrics.interactionsIngested.inc(stored);
          } catch {
            // not JSON: nothing to count
          }
        }
      }
      return payload;
    });
  },
  // Counts replays apart, by the header the idempotency plugin sets.
  { name: 'metrics', fastify: '5.x', dependencies: ['idempotency'] },
);
