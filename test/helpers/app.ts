/**
 * The real app, wired to the real Neo4j named by NEO4J_URI (npm test starts a local one),
 * for tests that go through HTTP. Each call gets its own driver and runner; `uniqueId`
 * keeps the graphs of concurrent test files apart.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import pino from 'pino';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { AnalysisRunner } from '../../src/jobs/analysis-runner.js';
import { createDriver } from '../../src/store/driver.js';
import { Neo4jGraphStore } from '../../src/store/neo4j-store.js';
import { Neo4jIdempotencyStore } from '../../src/store/idempotency-store.js';
import { parseErasureKeys } from '../../src/store/erasure-keys.js';

/** The erasure ledger's secret in tests (a real deployment keeps its own apart from the database). */
export const TEST_ERASURE_SECRET = 'test-erasure-secret-of-at-least-32-bytes';

/**
 * Limits off unless a test sets them: test files make many requests from one address and
 * run analyses in-process (which may delay the event loop past the overload threshold).
 */
const PERMISSIVE_LIMITS: Record<string, string> = {
  RATE_LIMIT_MAX: '1000000',
  RATE_LIMIT_ADDRESS_MAX: '1000000',
  RATE_LIMIT_JOBS_MAX: '1000000',
  MAX_ANALYSES_PER_KEY: '1000',
  MAX_EVENT_LOOP_DELAY_MS: '0',
};

export interface TestApp {
  app: FastifyInstance;
  store: Neo4jGraphStore;
  driver: Driver;
  config: Config;
  close(): Promise<void>;
}

export async function startTestApp(
  env: Record<string, string> = {},
  options: { logLines?: string[]; /** The store's deletion batch (graph deletion, erasure); 1,000 by default. */ deleteBatchSize?: number } = {},
): Promise<TestApp> {
  const config = loadConfig({ ...PERMISSIVE_LIMITS, ...process.env, ...env });
  const driver = await createDriver({
    uri: config.NEO4J_URI,
    user: config.NEO4J_USER,
    password: config.NEO4J_PASSWORD,
    database: config.NEO4J_DATABASE,
    maxRetryTimeMs: config.NEO4J_MAX_RETRY_MS,
  });
  // logLines: every log line of the app at level info and above is kept there (a test reads what was logged).
  const lines = options.logLines;
  const logger = lines
    ? pino({ level: 'info' }, { write: (line: string) => void lines.push(line) })
    : pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const erasureKeys = parseErasureKeys(config.ERASURE_SECRET || TEST_ERASURE_SECRET, config.ERASURE_SECRET_PREVIOUS);
  const store = new Neo4jGraphStore({
    driver,
    database: config.NEO4J_DATABASE,
    logger,
    erasureKeys,
    ...(options.deleteBatchSize ? { deleteBatchSize: options.deleteBatchSize } : {}),
  });
  await store.init();
  const idempotency = new Neo4jIdempotencyStore(driver, config.NEO4J_DATABASE);
  await idempotency.init();
  const jobs = new AnalysisRunner(store, logger, {
    concurrency: config.ANALYSIS_CONCURRENCY,
    queueLimit: config.ANALYSIS_QUEUE_LIMIT,
    projectionCacheBytes: config.PROJECTION_CACHE_MB * 1024 * 1024,
    erasureKeys,
    connection: { uri: config.NEO4J_URI, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD, database: config.NEO4J_DATABASE },
  });
  const app = await buildApp({ store, jobs, config, logger, idempotency, erasureKeys });
  await app.ready();
  return {
    app,
    store,
    driver,
    config,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

export function uniqueId(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

/**
 * Starts an analysis and waits until it has finished, however long a loaded machine takes:
 * the API waits at most 60 s per request, so this asks again (up to `attempts` times) while
 * the analysis is queued or running. Returns the analysis as GET /v1/analyses/{id} has it.
 */
export async function finishedAnalysis(app: FastifyInstance, graphId: string, payload: Record<string, unknown>, attempts = 20): Promise<any> {
  let analysis = (await app.inject({ method: 'POST', url: `/v1/graphs/${graphId}/analyses?wait=60`, payload })).json();
  for (let i = 0; i < attempts && (analysis.status === 'queued' || analysis.status === 'running'); i++) {
    analysis = (await app.inject(`/v1/analyses/${analysis.id}?wait=60`)).json();
  }
  return analysis;
}
