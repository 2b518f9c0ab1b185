/**
 * `npm run worker`: a fleet worker process (REDIS_URL required). It only runs analyses: it
 * takes them from the shared Redis queue, runs each in a worker thread of its own (at most
 * ANALYSIS_CONCURRENCY at once, with its own projection cache) and writes results to Neo4j.
 * Start any number of them, on any machines, next to any number of `npm start` API instances.
 * SIGTERM: no new analyses; running ones get SHUTDOWN_GRACE_MS to finish, then go back to the
 * queue for another worker (src/jobs/fleet/fleet-worker.ts).
 */
import closeWithGrace from 'close-with-grace';
import { exitWith, loadConfigOr, neo4jConnection } from './startup.js';
import { FleetWorker } from './jobs/fleet/fleet-worker.js';
import { createLogger } from './logger.js';
import { createDriver } from './store/driver.js';
import { Neo4jGraphStore } from './store/neo4j-store.js';
import { isLoopbackHost } from './http/api-keys.js';
import { erasureKeysFor, type ErasureKeys } from './store/erasure-keys.js';

// Typed here so that the compiler knows a call to it does not return.
const fail: (message: string) => never = exitWith('nichegraph worker');

async function main(): Promise<void> {
  const config = loadConfigOr(fail);
  if (!config.REDIS_URL) fail('REDIS_URL is not set: a worker takes analyses from the Redis queue (without it, `npm start` runs them itself)');
  const logger = createLogger(config.LOG_LEVEL, process.stdout.isTTY ? { pretty: true } : {});
  // The same erasure ledger keys as the API (a result computed while an account was erased is
  // redacted of it when written): ERASURE_SECRET, or the development secret when HOST is a loopback address.
  let erasureKeys: ErasureKeys;
  try {
    erasureKeys = erasureKeysFor(config, isLoopbackHost).keys;
  } catch (err) {
    fail((err as Error).message);
  }
  const connection = neo4jConnection(config);
  let driver;
  try {
    driver = await createDriver({ ...connection, maxRetryTimeMs: config.NEO4J_MAX_RETRY_MS });
  } catch (err) {
    fail((err as Error).message);
  }
  const store = new Neo4jGraphStore({ driver, database: config.NEO4J_DATABASE, logger, erasureKeys });
  try {
    await store.init();
  } catch (err) {
    await store.close().catch(() => {});
    fail(`cannot prepare the Neo4j schema in database '${config.NEO4J_DATABASE}': ${(err as Error).message}`);
  }
  const worker = new FleetWorker(store, logger, {
    url: config.REDIS_URL,
    prefix: config.REDIS_PREFIX,
    connection,
    concurrency: config.ANALYSIS_CONCURRENCY,
    warmUp: config.ANALYSIS_WARM_UP,
    leaseMs: config.ANALYSIS_LEASE_MS,
    maxRunMs: config.ANALYSIS_MAX_SECONDS * 1000,
    projectionCacheBytes: config.PROJECTION_CACHE_MB * 1024 * 1024,
    graceMs: config.SHUTDOWN_GRACE_MS,
    erasureKeys,
  });
  // The grace period of close-with-grace is longer: the worker's own grace ends first.
  closeWithGrace({ delay: config.SHUTDOWN_GRACE_MS + 10_000, logger }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'worker shutting down after an error');
    else logger.info({ signal }, 'worker shutting down');
    await worker.close();
    await store.close();
  });
  try {
    await worker.ready();
  } catch (err) {
    fail(`cannot reach Redis at REDIS_URL: ${(err as Error).message}`);
  }
  logger.info({ owner: worker.owner, concurrency: config.ANALYSIS_CONCURRENCY, prefix: config.REDIS_PREFIX }, 'worker taking analyses');
}

await main();
