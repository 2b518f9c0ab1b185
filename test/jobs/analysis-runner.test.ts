/**
 * The worker-thread runner against the real Neo4j: timings, progress, the bounded queue
 * (503 + Retry-After) and cancellation of queued and running analyses. A gate in front of
 * the real store's markRunning holds an analysis at the start of its run, so queue states
 * are reached deterministically rather than by racing the clock.
 */
import t from 'tap';
import pino from 'pino';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { AnalysisRunner } from '../../src/jobs/analysis-runner.js';
import { QueueFullError } from '../../src/jobs/port.js';
import { createDriver } from '../../src/store/driver.js';
import { Neo4jGraphStore } from '../../src/store/neo4j-store.js';
import { Neo4jIdempotencyStore } from '../../src/store/idempotency-store.js';
import type { AnalysisRecord, GraphStore } from '../../src/store/port.js';
import { uniqueId } from '../helpers/app.js';

// The per-key analysis quota and the overload guard would answer before the queue does.
const config = loadConfig({ MAX_ANALYSES_PER_KEY: '1000', MAX_EVENT_LOOP_DELAY_MS: '0', ...process.env });
const connection = { uri: config.NEO4J_URI, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD, database: config.NEO4J_DATABASE };
const driver = await createDriver(connection);
const store = new Neo4jGraphStore({ driver, database: config.NEO4J_DATABASE });
await store.init();
const idempotency = new Neo4jIdempotencyStore(driver, config.NEO4J_DATABASE);
await idempotency.init();

/** The real store, except that claimAnalysis (the start of a run) waits until `open()` is called. */
function gatedStore() {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const gated: GraphStore = Object.create(store);
  gated.claimAnalysis = async (...args) => {
    await gate;
    return store.claimAnalysis(...args);
  };
  return { gated, open };
}

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

function record(): AnalysisRecord {
  return {
    id: uniqueId('an'),
    graphId,
    status: 'queued',
    params: { resolution: 1, seed: 1, topK: 3, typeWeights: {}, from: null, to: null, minWeight: 0 },
    createdAt: new Date().toISOString(),
    startedAt: null,
    finishedAt: null,
    error: null,
    summary: null,
  };
}

t.test('a finished analysis reports and stores its phase timings', async (t) => {
  const { app } = await appWith(store, 4);
  t.teardown(() => app.close());
  const res = await app.inject({ method: 'POST', url: `/v1/graphs/${graphId}/analyses?wait=60`, payload: {} });
  t.equal(res.statusCode, 200);
  const done = res.json();
  t.equal(done.status, 'succeeded');
  t.equal(done.summary.accounts, 400);
  const phases = ['projection', 'communities', 'centrality', 'scoring', 'persistence'];
  for (const key of [...phases, 'queued', 'total']) t.type(done.timings[key], 'number', `timings.${key}`);
  const sum = phases.reduce((s, p) => s + (done.timings[p] as number), 0);
  t.ok(done.timings.total >= sum, `total ${done.timings.total} >= sum of phases ${sum}`);
  t.notOk('progress' in done, 'no progress once finished');
  const stored = await store.getAnalysis(done.id);
  t.same(stored?.timings, done.timings, 'persisted in Neo4j');
});

t.test('a full queue answers 503 with Retry-After as problem+json', async (t) => {
  const { gated, open } = gatedStore();
  const { app, jobs } = await appWith(gated, 1);
  t.teardown(async () => {
    open();
    await app.close();
  });
  const first = record();
  const second = record();
  for (const a of [first, second]) await store.createAnalysis(a, jobs.newLease());
  await jobs.submit(first); // running (held at its claim)
  await jobs.submit(second); // waiting: the queue holds one
  await t.rejects(jobs.submit(record()), QueueFullError);
  t.notOk(await jobs.canAccept());

  const res = await app.inject({ method: 'POST', url: `/v1/graphs/${graphId}/analyses`, payload: {} });
  t.equal(res.statusCode, 503);
  t.equal(res.headers['retry-after'], '7');
  t.match(res.headers['content-type'], /application\/problem\+json/);
  t.match(res.json(), { code: 'NG_QUEUE_FULL', status: 503 });

  const waiting = (await app.inject({ url: `/v1/analyses/${second.id}` })).json();
  t.same(waiting.progress, { phase: 'queued', fraction: 0 }, 'a waiting analysis shows its progress');
  open();
  t.ok(await jobs.waitFor(second.id, 60_000));
  t.equal((await store.getAnalysis(second.id))?.status, 'succeeded', 'the queue drains once the gate opens');
});

t.test('DELETE cancels a queued analysis and a running one', async (t) => {
  const { gated, open } = gatedStore();
  const { app, jobs } = await appWith(gated, 4);
  t.teardown(async () => {
    open();
    await app.close();
  });
  const running = record();
  const queued = record();
  for (const a of [running, queued]) await store.createAnalysis(a, jobs.newLease());
  await jobs.submit(running);
  await jobs.submit(queued);

  const q = await app.inject({ method: 'DELETE', url: `/v1/analyses/${queued.id}` });
  t.equal(q.statusCode, 200);
  t.match(q.json(), { status: 'failed', error: 'cancelled' });
  t.notOk(jobs.holds(queued.id));
  t.type(q.json().timings?.queued, 'number', 'a cancelled analysis keeps its timings');

  // Let the held one start its worker, then cancel it while it reads the projection.
  open();
  const deadline = Date.now() + 30_000;
  while ((await jobs.progress(running.id))?.phase !== 'projection' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  const progress = (await app.inject({ url: `/v1/analyses/${running.id}` })).json().progress;
  t.match(progress, { phase: /projection|communities|centrality|scoring|persistence/ }, 'a running analysis shows its phase');
  const r = await app.inject({ method: 'DELETE', url: `/v1/analyses/${running.id}` });
  t.equal(r.statusCode, 200);
  t.match(r.json(), { status: 'failed', error: 'cancelled' });
  const { records } = await driver.executeQuery('MATCH (n:Niche {analysisId: $id}) RETURN count(n) AS n', { id: running.id });
  t.equal(Number(records[0]?.get('n')), 0, 'nothing of a cancelled run is stored');

  const again = await app.inject({ method: 'DELETE', url: `/v1/analyses/${running.id}` });
  t.equal(again.statusCode, 409);
  t.match(again.json(), { code: 'NG_ANALYSIS_FINISHED' });
  t.equal((await app.inject({ method: 'DELETE', url: '/v1/analyses/nope' })).statusCode, 404);
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
