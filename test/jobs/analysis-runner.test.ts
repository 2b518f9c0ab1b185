/**
 * What only the embedded runner has: the projection cache of the process that queues and runs
 * (in the fleet each worker process has its own). The behaviours both queues share (timings,
 * the bounded queue, progress, cancellation) are in queue-behaviour.test.ts.
 */
import t from 'tap';
import pino from 'pino';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { AnalysisRunner } from '../../src/jobs/analysis-runner.js';
import { createDriver } from '../../src/store/driver.js';
import { Neo4jGraphStore } from '../../src/store/neo4j-store.js';
import { Neo4jIdempotencyStore } from '../../src/store/idempotency-store.js';
import type { GraphStore } from '../../src/store/port.js';
import { uniqueId } from '../helpers/app.js';

// The per-key analysis quota and the overload guard would answer before the queue does.
const config = loadConfig({ MAX_ANALYSES_PER_KEY: '1000', MAX_EVENT_LOOP_DELAY_MS: '0', ...process.env });
const connection = { uri: config.NEO4J_URI, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD, database: config.NEO4J_DATABASE };
const driver = await createDriver(connection);
const store = new Neo4jGraphStore({ driver, database: config.NEO4J_DATABASE });
await store.init();
const idempotency = new Neo4jIdempotencyStore(driver, config.NEO4J_DATABASE);
await idempotency.init();

async function appWith(jobStore: GraphStore, queueLimit: number, projectionCacheBytes = 0) {
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const jobs = new AnalysisRunner(jobStore, logger, { concurrency: 1, queueLimit, retryAfterSeconds: 7, connection, projectionCacheBytes });
  const app = await buildApp({ store, jobs, config, logger, idempotency });
  await app.ready();
  return { app, jobs };
}

// A chain of 400 accounts with a few chords: big enough that a run lasts a little while.
const graphId = uniqueId('runner');
{
  await store.createGraph({ id: graphId, name: graphId, description: null });
  const interactions = [];
  for (let i = 0; i < 400; i++) {
    interactions.push({ id: null, source: `u${i}`, target: `u${(i + 1) % 400}`, type: 'reply', weight: 1, timestamp: null });
    interactions.push({ id: null, source: `u${i}`, target: `u${(i * 7 + 3) % 400}`, type: 'mention', weight: 2, timestamp: null });
  }
  await store.ingest(graphId, { interactions: interactions.filter((x) => x.source !== x.target), accounts: [] });
}
t.teardown(async () => {
  await store.deleteGraph(graphId);
  await store.close();
});

t.test('the projection cache: reused while the graph is unchanged, dropped by an ingest, same results', async (t) => {
  const { app, jobs } = await appWith(store, 4, 64 * 1024 * 1024);
  t.teardown(() => app.close());
  const analyse = async (payload: object) => {
    const res = await app.inject({ method: 'POST', url: `/v1/graphs/${graphId}/analyses?wait=60`, payload });
    t.equal(res.statusCode, 200);
    const done = res.json();
    t.equal(done.status, 'succeeded');
    const niches = (await app.inject({ url: `/v1/analyses/${done.id}/niches?limit=100` })).json();
    return { done, niches: niches.items.map((n: { id: string; size: number; trusted: unknown }) => [n.id, n.size, n.trusted]) };
  };

  const first = await analyse({ seed: 3, runs: 2 });
  t.match(jobs.projectionCacheStats(), { entries: 1, hits: 0, misses: 1 }, 'the first analysis projects and caches');
  const second = await analyse({ seed: 3, runs: 2 });
  t.match(jobs.projectionCacheStats(), { entries: 1, hits: 1, misses: 1 }, 'the second one reuses the projection');
  t.same(second.done.summary, first.done.summary, 'same summary from the cached projection');
  const version = (await store.getGraph(graphId))?.version;
  t.same(first.done.projection, { graphVersion: version, cached: false }, 'the analysis says what it read');
  t.same(second.done.projection, { graphVersion: version, cached: true });
  t.same(second.niches, first.niches, 'same niches and trusted members');

  // Other projection params are another entry; type weight order does not matter.
  await analyse({ seed: 3, runs: 2, typeWeights: { reply: 2, mention: 1 } });
  await analyse({ seed: 3, runs: 2, typeWeights: { mention: 1, reply: 2 } });
  t.match(jobs.projectionCacheStats(), { entries: 2, hits: 2, misses: 2 });

  // An ingest through the API drops the graph's projections (and raises its version).
  const ingest = await app.inject({
    method: 'POST',
    url: `/v1/graphs/${graphId}/interactions`,
    payload: { interactions: [{ source: 'u1', target: 'newcomer', type: 'reply' }] },
  });
  t.equal(ingest.statusCode, 200);
  t.match(jobs.projectionCacheStats(), { entries: 0 }, 'ingestion invalidated the cache');
  const after = await analyse({ seed: 3, runs: 2 });
  t.equal(after.done.summary.accounts, 401, 'the new account is analysed');
  t.same(after.done.projection, { graphVersion: (version as number) + 1, cached: false });
  const graph = (await app.inject({ url: `/v1/graphs/${graphId}` })).json();
  t.equal(graph.version, (version as number) + 1, 'GET graph shows the version');
  t.match(jobs.projectionCacheStats(), { entries: 1, hits: 2, misses: 3 });

  // An ingest that bypasses this process (another instance) is seen through the version.
  await store.ingest(graphId, { interactions: [{ id: null, source: 'u2', target: 'elsewhere', type: 'reply', weight: 1, timestamp: null }], accounts: [] });
  t.match(jobs.projectionCacheStats(), { entries: 1 }, 'this process was not told');
  const elsewhere = await analyse({ seed: 3, runs: 2 });
  t.equal(elsewhere.done.summary.accounts, 402, 'a stale projection is never used');
  t.match(jobs.projectionCacheStats(), { entries: 1, hits: 2, misses: 4 }, 'the older version was dropped');

  const metrics = await app.inject({ url: '/metrics' });
  t.match(metrics.body, /nichegraph_projection_cache_lookups\{outcome="hit"\} 2/);
  t.match(metrics.body, /nichegraph_projection_cache_entries 1/);
});
