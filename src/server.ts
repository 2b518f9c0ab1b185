/**
 * Starts the service: validates the configuration, connects to Neo4j, prepares the
 * schema, then listens. Embedded (REDIS_URL unset): this process also runs the analyses, and
 * first marks failed those whose holder's lease expired (a previous run cut them off; live
 * instances' analyses are left alone). Fleet (REDIS_URL set): it serves HTTP only, queueing
 * analyses in Redis for `npm run worker` processes. Any failure before listening exits at once
 * with a message naming the problem.
 */
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { exitWith, loadConfigOr, neo4jConnection } from './startup.js';
import { authMode, isLoopbackHost, type AuthMode } from './http/api-keys.js';
import { erasureKeysFor, type ErasureKeys } from './store/erasure-keys.js';
import { createLogger } from './logger.js';
import { Neo4jIdempotencyStore } from './store/idempotency-store.js';
import { AnalysisRunner } from './jobs/analysis-runner.js';
import { QueueJobs } from './jobs/fleet/queue-jobs.js';
import { connected } from './jobs/fleet/redis.js';
import { instanceId } from './jobs/instance-id.js';
import { writePendingBrowserViews } from './jobs/pending-browser-views.js';
import type { AnalysisJobs } from './jobs/port.js';
import { createDriver } from './store/driver.js';
import { Neo4jGraphStore } from './store/neo4j-store.js';

// Typed here so that the compiler knows a call to it does not return.
const fail: (message: string) => never = exitWith('nichegraph');

async function main(): Promise<void> {
  const config = loadConfigOr(fail);
  let auth: AuthMode;
  try {
    auth = authMode(config);
  } catch (err) {
    fail(`refusing to start: ${(err as Error).message}`);
  }

  let erasure: { keys: ErasureKeys; development: boolean };
  try {
    erasure = erasureKeysFor(config, isLoopbackHost);
  } catch (err) {
    fail(`refusing to start: ${(err as Error).message}`);
  }

  const logger = createLogger(config.LOG_LEVEL, process.stdout.isTTY ? { pretty: true } : {});
  if (auth.enabled) logger.info({ keys: auth.keys }, 'API keys required (Authorization: Bearer)');
  else logger.warn({ authentication: 'disabled' }, auth.reason);
  if (erasure.development) {
    logger.warn({ erasureKey: erasure.keys.current.id }, `ERASURE_SECRET is unset and HOST ${config.HOST} is a loopback address: the erasure ledger uses the public development secret`);
  }

  let driver;
  try {
    driver = await createDriver({ ...neo4jConnection(config), maxRetryTimeMs: config.NEO4J_MAX_RETRY_MS });
  } catch (err) {
    fail((err as Error).message);
  }

  const store = new Neo4jGraphStore({ driver, database: config.NEO4J_DATABASE, logger, erasureKeys: erasure.keys });
  const idempotency = new Neo4jIdempotencyStore(driver, config.NEO4J_DATABASE);
  try {
    await store.init();
    await idempotency.init();
  } catch (err) {
    await store.close().catch(() => {});
    fail(`cannot prepare the Neo4j schema in database '${config.NEO4J_DATABASE}': ${(err as Error).message}`);
  }
  try {
    const ledger = await store.checkErasureLedger();
    if (ledger.pending > 0) {
      logger.warn({ pending: ledger.pending }, 'erasures were cut off before they completed: their accounts stay suppressed; repeat each DELETE to complete it');
    }
  } catch (err) {
    // With the public development secret (loopback, ERASURE_SECRET unset) the ledger protects
    // nothing anyway, and a developer's database holds the entries of test runs (their own
    // secret): a warning, so that `npm start` and the demo still start there.
    if (erasure.development) {
      logger.warn(`erasure ledger: ${(err as Error).message} (starting anyway: development secret on a loopback address)`);
    } else {
      await store.close().catch(() => {});
      fail(`refusing to start: ${(err as Error).message}`);
    }
  }
  let jobs: AnalysisJobs;
  let redis: { client: QueueJobs['redis']; prefix: string } | undefined;
  if (config.REDIS_URL) {
    const queue = new QueueJobs(store, logger, { url: config.REDIS_URL, prefix: config.REDIS_PREFIX, queueLimit: config.ANALYSIS_QUEUE_LIMIT });
    try {
      await connected(queue.redis, config.NEO4J_CONNECT_TIMEOUT_MS);
    } catch (err) {
      await queue.close();
      await store.close().catch(() => {});
      fail(`cannot reach Redis at REDIS_URL: ${(err as Error).message}`);
    }
    logger.info({ prefix: config.REDIS_PREFIX }, 'fleet mode: analyses go on the Redis queue; run them with `npm run worker`');
    jobs = queue;
    redis = { client: queue.redis, prefix: config.REDIS_PREFIX };
    // Views a fleet worker died writing or gave up on (the workers do it too when they start).
    void writePendingBrowserViews(store, instanceId('api'), Date.now(), logger);
  } else {
    const runner = new AnalysisRunner(store, logger, {
      concurrency: config.ANALYSIS_CONCURRENCY,
      warmUp: config.ANALYSIS_WARM_UP,
      queueLimit: config.ANALYSIS_QUEUE_LIMIT,
      projectionCacheBytes: config.PROJECTION_CACHE_MB * 1024 * 1024,
      leaseMs: config.ANALYSIS_LEASE_MS,
      maxRunMs: config.ANALYSIS_MAX_SECONDS * 1000,
      erasureKeys: erasure.keys,
      connection: neo4jConnection(config),
    });
    const now = Date.now();
    const interrupted = await store.reclaimExpired('interrupted: its runner stopped before the analysis finished', new Date(now).toISOString(), now);
    if (interrupted > 0) logger.warn({ interrupted }, 'marked failed the analyses whose runner stopped renewing its lease');
    // Browser views that a runner died writing, or gave up on: written again from the stored
    // results, in the background (the results routes do not need them).
    void writePendingBrowserViews(store, runner.owner, now, logger);
    jobs = runner;
  }
  const app = await buildApp({ store, jobs, config, logger, idempotency, erasureKeys: erasure.keys, ...(redis ? { redis } : {}) });

  // app.close(): stop accepting, answer the requests in flight (an acknowledged batch is
  // committed), mark running analyses interrupted; then the driver closes.
  closeWithGrace({ delay: config.SHUTDOWN_GRACE_MS, logger }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'shutting down after an error');
    else logger.info({ signal }, 'shutting down');
    await app.close();
    await store.close();
  });

  try {
    await app.listen({ host: config.HOST, port: config.PORT });
  } catch (err) {
    await store.close().catch(() => {});
    fail(`cannot listen on ${config.HOST}:${config.PORT}: ${(err as Error).message}`);
  }
}

await main();
