/**
 * Builds the Fastify app from its dependencies. Nothing here opens a connection or a
 * port: src/server.ts does, and tests and the spec generator build the app with the
 * dependencies they choose.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import type { AnalysisJobs } from './jobs/port.js';
import { notifyGraphChanges } from './store/graph-changes.js';
import type { GraphStore } from './store/port.js';
import type { IdempotencyStore } from './store/idempotency-store.js';
import { analysisRoutes } from './http/analyses.js';
import { analysisCancelRoutes } from './http/analysis-cancel.js';
import { registerAuth } from './http/auth.js';
import { registerIdempotency } from './http/idempotency.js';
import { registerAnalysisQuota, registerLimits } from './http/limits.js';
import { registerLogContext } from './http/log-context.js';
import { Metrics, instrumentStore, registerMetrics } from './http/metrics.js';
import { registerRouteDefaults } from './http/route-defaults.js';
import { registerShutdownGuard } from './http/shutdown.js';
import { registerOpenApi } from './http/docs.js';
import { graphRoutes } from './http/graphs.js';
import { healthRoutes } from './http/health.js';
import { interactionRoutes } from './http/interactions.js';
import { nicheRoutes } from './http/niches.js';
import { ambassadorRoutes } from './http/ambassadors.js';
import { analysisGraphRoutes } from './http/analysis-graph.js';
import { explorerRoutes } from './http/explorer.js';
import { exportRoutes } from './http/exports.js';
import { AnalysisIndexCache } from './reads/analysis-index.js';
import { PortAnalysisReads } from './reads/analysis-reads.js';
import { MAX_PARAM_LENGTH, frameworkErrors, registerProblemHandlers } from './http/problem.js';
import { Problem } from './http/schemas.js';

export interface AppDependencies {
  store: GraphStore;
  jobs: AnalysisJobs;
  config: Pick<Config, 'MAX_BATCH_ITEMS' | 'INGEST_BODY_LIMIT' | 'BODY_LIMIT'> &
    Partial<Pick<Config, 'INGEST_STREAM_BATCH_ROWS' | 'INGEST_STREAM_MAX_ROWS' | 'INGEST_STREAM_BYTE_LIMIT' | 'RESULT_INDEX_CACHE_MB' | 'EXPLORER_DIR'>> &
    ApiHardeningConfig;
  /** Where Idempotency-Key answers are kept (Neo4j in production). */
  idempotency: IdempotencyStore;
  /** A pino logger; none = silent (tests). */
  logger?: FastifyBaseLogger;
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

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    bodyLimit: deps.config.BODY_LIMIT,
    // Fastify's own 503 while closing is not problem+json: src/http/shutdown.ts answers instead.
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

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  // JSON only: a text/plain body would otherwise reach validation and get a confusing 400.
  app.removeContentTypeParser('text/plain');
  app.addSchema(Problem);
  registerProblemHandlers(app);

  // Production hardening (issue #5). Hook order matters: shutdown guard, overload guard,
  // API key, log context (onRequest); rate limit (per route, after them); graph
  // allow-list, Idempotency-Key, analyses per key (preHandler).
  const metrics = new Metrics(deps.store, deps.jobs);
  // Ingests and deletes made through the API drop the graph's cached projections.
  const store = notifyGraphChanges(instrumentStore(deps.store, metrics), (graphId) => deps.jobs.graphChanged(graphId));
  registerShutdownGuard(app);
  registerRouteDefaults(app);
  await registerLimits(app, deps.config);
  registerAuth(app, { apiKeys: deps.config.API_KEYS, store });
  registerLogContext(app);
  registerIdempotency(app, {
    store: deps.idempotency,
    ttlSeconds: deps.config.IDEMPOTENCY_TTL_SECONDS,
    lockSeconds: deps.config.IDEMPOTENCY_LOCK_SECONDS,
  });
  registerAnalysisQuota(app, deps.config, deps.jobs);
  registerMetrics(app, metrics);
  await registerOpenApi(app);

  healthRoutes(app, store);
  graphRoutes(app, store);
  interactionRoutes(app, store, {
    maxItems: deps.config.MAX_BATCH_ITEMS,
    bodyLimit: deps.config.INGEST_BODY_LIMIT,
    stream: {
      batchRows: deps.config.INGEST_STREAM_BATCH_ROWS ?? 10_000,
      maxRows: deps.config.INGEST_STREAM_MAX_ROWS ?? 20_000_000,
      maxBytes: deps.config.INGEST_STREAM_BYTE_LIMIT ?? 4 * 1024 * 1024 * 1024,
    },
  });
  analysisRoutes(app, store, deps.jobs);
  analysisCancelRoutes(app, store, deps.jobs);
  nicheRoutes(app, store);
  // Exports, the analysis's graph and ambassadors read whole analyses (src/reads).
  const reads = new PortAnalysisReads(store);
  const indexes = new AnalysisIndexCache(reads, (deps.config.RESULT_INDEX_CACHE_MB ?? 256) * 1024 * 1024);
  exportRoutes(app, { store, reads });
  analysisGraphRoutes(app, { store, indexes });
  ambassadorRoutes(app, { store, indexes });
  await explorerRoutes(app, { dir: deps.config.EXPLORER_DIR ?? '', authRequired: deps.config.API_KEYS.trim() !== '' });

  // Analyses stop when shutdown begins (queued and running ones are marked interrupted),
  // not after the requests in flight are answered; the runner is awaited in onClose.
  let jobsClosed: Promise<void> | undefined;
  app.addHook('preClose', async () => {
    jobsClosed = deps.jobs.close();
  });
  app.addHook('onClose', async () => {
    await (jobsClosed ?? deps.jobs.close());
  });

  return app;
}
