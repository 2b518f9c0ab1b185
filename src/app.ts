/**
 * Builds the Fastify app from its dependencies. Nothing here opens a connection or a
 * port: src/server.ts does, and tests and the spec generator build the app with the
 * dependencies they choose.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import type { AnalysisJobs } from './jobs/port.js';
import type { GraphStore } from './store/port.js';
import { analysisRoutes } from './http/analyses.js';
import { analysisCancelRoutes } from './http/analysis-cancel.js';
import { registerOpenApi } from './http/docs.js';
import { graphRoutes } from './http/graphs.js';
import { healthRoutes } from './http/health.js';
import { interactionRoutes } from './http/interactions.js';
import { nicheRoutes } from './http/niches.js';
import { registerProblemHandlers } from './http/problem.js';
import { Problem } from './http/schemas.js';

export interface AppDependencies {
  store: GraphStore;
  jobs: AnalysisJobs;
  config: Pick<Config, 'MAX_BATCH_ITEMS' | 'INGEST_BODY_LIMIT' | 'BODY_LIMIT'> &
    Partial<Pick<Config, 'INGEST_STREAM_BATCH_ROWS' | 'INGEST_STREAM_MAX_ROWS' | 'INGEST_STREAM_BYTE_LIMIT'>>;
  /** A pino logger; none = silent (tests). */
  logger?: FastifyBaseLogger;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    bodyLimit: deps.config.BODY_LIMIT,
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
  await registerOpenApi(app);

  healthRoutes(app, deps.store);
  graphRoutes(app, deps.store);
  interactionRoutes(app, deps.store, {
    maxItems: deps.config.MAX_BATCH_ITEMS,
    bodyLimit: deps.config.INGEST_BODY_LIMIT,
    stream: {
      batchRows: deps.config.INGEST_STREAM_BATCH_ROWS ?? 10_000,
      maxRows: deps.config.INGEST_STREAM_MAX_ROWS ?? 20_000_000,
      maxBytes: deps.config.INGEST_STREAM_BYTE_LIMIT ?? 4 * 1024 * 1024 * 1024,
    },
  });
  analysisRoutes(app, deps.store, deps.jobs);
  analysisCancelRoutes(app, deps.store, deps.jobs);
  nicheRoutes(app, deps.store);

  app.addHook('onClose', async () => {
    await deps.jobs.close();
  });

  return app;
}
