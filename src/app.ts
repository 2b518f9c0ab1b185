/**
 * Builds the Fastify app from its dependencies. Nothing here opens a connection or a
 * port: src/server.ts does, and tests and the spec generator build the app with the
 * dependencies they choose.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import type { Redis } from 'ioredis';
import type { AnalysisJobs } from './jobs/port.js';
import { RedisQuota } from './jobs/fleet/redis-quota.js';
import { MemoryQuota, unfinishedUnlessKnown, type AnalysisQuota } from './jobs/quota.js';
import { notifyGraphChanges } from './store/graph-changes.js';
import type { GraphStore } from './store/port.js';
import type { IdempotencyStore } from './store/idempotency-store.js';
import type { ErasureKeys } from './store/erasure-keys.js';
// Third-party plugins, one file each.
import overloadGuard from './http/plugins/external/under-pressure.js';
import rateLimit from './http/plugins/external/rate-limit.js';
import swagger from './http/plugins/external/swagger.js';
// The app's own hooks and services, as named plugins that declare what they depend on.
import analysisJobs from './http/plugins/app/analysis-jobs.js';
import analysisQuota from './http/plugins/app/analysis-quota.js';
import auth from './http/plugins/app/auth.js';
import idempotency from './http/plugins/app/idempotency.js';
import logContext from './http/plugins/app/log-context.js';
import requestMetrics, { Metrics, instrumentStore } from './http/plugins/app/metrics.js';
import problems, { MAX_PARAM_LENGTH, frameworkErrors } from './http/plugins/app/problems.js';
import requestId from './http/plugins/app/request-id.js';
import routeDefaults from './http/plugins/app/route-defaults.js';
import shutdownGuard from './http/plugins/app/shutdown-guard.js';
// Routes, one plugin per resource, each with its schemas.
import accountRoutes from './http/routes/accounts/index.js';
import analysisRoutes from './http/routes/analyses/index.js';
import graphRoutes from './http/routes/graphs/index.js';
import healthRoutes from './http/routes/health/index.js';
import interactionRoutes from './http/routes/interactions/index.js';
import uploadRoutes from './http/routes/uploads/index.js';
import metricsRoutes from './http/routes/metrics/index.js';
import resultRoutes from './http/routes/results/index.js';
import nicheActivityRoutes from './http/routes/results/activity.js';
import exportRoutes from './http/routes/exports/index.js';
import analysisGraphRoutes from './http/routes/analysis-graph/index.js';
import ambassadorRoutes from './http/routes/ambassadors/index.js';
import explorerRoutes from './http/routes/explorer/index.js';
import { AmbassadorCache } from './reads/ambassador-orders.js';

export interface AppDependencies {
  store: GraphStore;
  jobs: AnalysisJobs;
  config: Pick<Config, 'MAX_BATCH_ITEMS' | 'INGEST_BODY_LIMIT' | 'BODY_LIMIT'> &
    Partial<Pick<Config, 'INGEST_STREAM_BATCH_ROWS' | 'INGEST_STREAM_MAX_ROWS' | 'INGEST_STREAM_BYTE_LIMIT' | 'INGEST_STREAM_MAX_LINE_LENGTH' | 'AMBASSADOR_CACHE_MB' | 'EXPLORER_DIR'>> &
    ApiHardeningConfig &
    Partial<ServerConfig>;
  /** Where Idempotency-Key answers are kept (Neo4j in production). */
  idempotency: IdempotencyStore;
  /** The erasure ledger's keys: the erasure route names an erasure in logs by its HMAC. */
  erasureKeys?: ErasureKeys | null;
  /** A pino logger; none = silent (tests). */
  logger?: FastifyBaseLogger;
  /**
   * The fleet's Redis (REDIS_URL): rate limits and analysis quotas are counted there, shared by
   * every instance. None: counted in this process.
   */
  redis?: { client: Redis; prefix: string };
}

type ApiHardeningConfig = Pick<
  Config,
  | 'API_KEYS'
  | 'RATE_LIMIT_MAX'
  | 'RATE_LIMIT_JOBS_MAX'
  | 'RATE_LIMIT_WINDOW_MS'
  | 'MAX_ANALYSES_PER_KEY'
  | 'MAX_EVENT_LOOP_DELAY_MS'
  | 'MAX_HEAP_USED_BYTES'
  | 'IDEMPOTENCY_TTL_SECONDS'
  | 'IDEMPOTENCY_LOCK_SECONDS'
>;

type ServerConfig = Pick<
  Config,
  'HEADERS_TIMEOUT_MS' | 'REQUEST_TIMEOUT_MS' | 'CONNECTION_TIMEOUT_MS' | 'KEEP_ALIVE_TIMEOUT_MS' | 'TRUST_PROXY' | 'RATE_LIMIT_ADDRESS_MAX'
>;

/** TRUST_PROXY as Fastify's trustProxy: none, any, a hop count, or addresses/CIDRs. */
export function trustProxy(value: string | undefined): boolean | number | string[] {
  const v = (value ?? '').trim();
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v.split(',').map((a) => a.trim()).filter((a) => a !== '');
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    bodyLimit: deps.config.BODY_LIMIT,
    // Server timeouts (src/config.ts): slow headers, a whole request, a silent connection,
    // an idle keep-alive connection. Expired ones are found by a sweep every second.
    requestTimeout: deps.config.REQUEST_TIMEOUT_MS ?? 3_600_000,
    connectionTimeout: deps.config.CONNECTION_TIMEOUT_MS ?? 120_000,
    keepAliveTimeout: deps.config.KEEP_ALIVE_TIMEOUT_MS ?? 72_000,
    http: { headersTimeout: deps.config.HEADERS_TIMEOUT_MS ?? 10_000, connectionsCheckingInterval: 1000 },
    // A hop count is valid at run time (proxy-addr), though Fastify's types list no number.
    trustProxy: trustProxy(deps.config.TRUST_PROXY) as boolean | string[],
    // Fastify's own 503 while closing is not problem+json: src/http/plugins/app/shutdown-guard.ts answers instead.
    return503OnClosing: false,
    // Account ids in paths may be 256 characters (the router's default cap is 100).
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors,
    // Take a caller's request id when it is sane, so one id follows a call across services.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    ajv: {
      customOptions: {
        // Report every offending field, and reject unknown ones rather than dropping them silently.
        allErrors: true,
        removeAdditional: false,
        coerceTypes: 'array',
        useDefaults: true,
      },
    },
  });

  // JSON only: a text/plain body would otherwise reach validation and get a confusing 400.
  app.removeContentTypeParser('text/plain');

  const metrics = new Metrics(deps.store, deps.jobs);
  // Ingests and deletes made through the API drop the graph's cached projections.
  const store = notifyGraphChanges(instrumentStore(deps.store, metrics), (graphId) => deps.jobs.graphChanged(graphId));

  // Hooks run in the order their plugins are registered; each plugin names the plugins it
  // must follow (`dependencies`), and Fastify refuses to start when one is missing or later.
  // Request hooks: request id, shutdown guard, overload guard, API key, log context
  // (onRequest); rate limit (per route); graph allow-list, Idempotency-Key, analyses per key
  // (preHandler). The route plugins below declare every one of these too (src/http/route-plugin.ts):
  // route-defaults, rate-limit and swagger act on routes as they are added and would miss earlier ones.
  await app.register(problems);
  await app.register(requestId);
  await app.register(routeDefaults);
  await app.register(shutdownGuard);
  await app.register(overloadGuard, deps.config);
  await app.register(rateLimit, { ...deps.config, ...(deps.redis ? { redis: deps.redis } : {}) });
  await app.register(auth, { apiKeys: deps.config.API_KEYS, store });
  await app.register(logContext);
  await app.register(idempotency, {
    store: deps.idempotency,
    ttlSeconds: deps.config.IDEMPOTENCY_TTL_SECONDS,
    lockSeconds: deps.config.IDEMPOTENCY_LOCK_SECONDS,
  });
  const unfinishedAmong = unfinishedUnlessKnown(
    (ids) => store.unfinishedAnalyses(ids),
    (err, analysisIds) => app.log.warn({ err, analyses: analysisIds.length }, 'analysis quota: could not tell whether analyses finished; they still count'),
  );
  const quota: AnalysisQuota = deps.redis
    ? new RedisQuota(deps.config.MAX_ANALYSES_PER_KEY, deps.redis.client, deps.redis.prefix, unfinishedAmong)
    : new MemoryQuota(deps.config.MAX_ANALYSES_PER_KEY, unfinishedAmong);
  await app.register(analysisQuota, { quota });
  await app.register(requestMetrics, { metrics });
  await app.register(analysisJobs, { jobs: deps.jobs });
  await app.register(swagger);

  await app.register(healthRoutes, { store });
  await app.register(graphRoutes, { store });
  await app.register(interactionRoutes, {
    store,
    maxItems: deps.config.MAX_BATCH_ITEMS,
    bodyLimit: deps.config.INGEST_BODY_LIMIT,
    stream: {
      batchRows: deps.config.INGEST_STREAM_BATCH_ROWS ?? 10_000,
      maxRows: deps.config.INGEST_STREAM_MAX_ROWS ?? 20_000_000,
      maxBytes: deps.config.INGEST_STREAM_BYTE_LIMIT ?? 4 * 1024 * 1024 * 1024,
      maxLineLength: deps.config.INGEST_STREAM_MAX_LINE_LENGTH ?? 65536,
    },
  });
  await app.register(uploadRoutes, { store });
  await app.register(accountRoutes, { store, erasureKeys: deps.erasureKeys ?? null });
  await app.register(analysisRoutes, { store, jobs: deps.jobs });
  await app.register(resultRoutes, { store });
  await app.register(nicheActivityRoutes, { store });
  // Exports, the analysis's graph and ambassadors read whole stored results (src/reads).
  await app.register(exportRoutes, { store });
  await app.register(analysisGraphRoutes, { store });
  await app.register(ambassadorRoutes, { store, ambassadors: new AmbassadorCache(store, (deps.config.AMBASSADOR_CACHE_MB ?? 64) * 1024 * 1024) });
  await app.register(explorerRoutes, { dir: deps.config.EXPLORER_DIR ?? '', authRequired: deps.config.API_KEYS.trim() !== '' });
  await app.register(metricsRoutes, { metrics });

  return app;
}
