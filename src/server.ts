/**
 * Starts the service: validates the configuration, connects to Neo4j, prepares the
 * schema, marks analyses a previous process left unfinished, then listens. Any failure
 * before listening exits at once with a message naming the problem.
 */
import closeWithGrace from 'close-with-grace';
import pino from 'pino';
import { buildApp } from './app.js';
import { loadConfig, type Config } from './config.js';
import { AnalysisRunner } from './jobs/analysis-runner.js';
import { createDriver } from './store/driver.js';
import { Neo4jGraphStore } from './store/neo4j-store.js';

function fail(message: string): never {
  process.stderr.write(`nichegraph: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    fail(`invalid configuration: ${(err as Error).message}`);
  }

  const logger = pino({
    level: config.LOG_LEVEL,
    redact: ['req.headers.authorization'],
    ...(process.stdout.isTTY ? { transport: { target: 'pino-pretty' } } : {}),
  });

  let driver;
  try {
    driver = await createDriver({
      uri: config.NEO4J_URI,
      user: config.NEO4J_USER,
      password: config.NEO4J_PASSWORD,
      database: config.NEO4J_DATABASE,
      connectTimeoutMs: config.NEO4J_CONNECT_TIMEOUT_MS,
    });
  } catch (err) {
    fail((err as Error).message);
  }

  const store = new Neo4jGraphStore({ driver, database: config.NEO4J_DATABASE, logger });
  try {
    await store.init();
  } catch (err) {
    await store.close().catch(() => {});
    fail(`cannot prepare the Neo4j schema in database '${config.NEO4J_DATABASE}': ${(err as Error).message}`);
  }
  const interrupted = await store.failUnfinished('interrupted: the service restarted before the analysis finished', new Date().toISOString());
  if (interrupted > 0) logger.warn({ interrupted }, 'marked analyses left unfinished by a previous run as failed');

  const jobs = new AnalysisRunner(store, logger, {
    concurrency: config.ANALYSIS_CONCURRENCY,
    queueLimit: config.ANALYSIS_QUEUE_LIMIT,
    connection: {
      uri: config.NEO4J_URI,
      user: config.NEO4J_USER,
      password: config.NEO4J_PASSWORD,
      database: config.NEO4J_DATABASE,
      connectTimeoutMs: config.NEO4J_CONNECT_TIMEOUT_MS,
    },
  });
  const app = await buildApp({ store, jobs, config, logger });

  closeWithGrace({ delay: 30_000, logger }, async ({ signal, err }) => {
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
