/**
 * The cancel race (issue 14): a DELETE, or a shutdown, that arrives while the runner is
 * checking the projection cache (reading the graph's version, before any worker exists)
 * must still stop the analysis: no worker starts, nothing is stored, the analysis ends
 * failed. A gate in front of the real store's graphVersion holds the runner exactly there.
 */
import t from 'tap';
import pino from 'pino';
import { AnalysisRunner } from '../../src/jobs/analysis-runner.js';
import { loadConfig } from '../../src/config.js';
import { createDriver } from '../../src/store/driver.js';
import { Neo4jGraphStore } from '../../src/store/neo4j-store.js';
import type { AnalysisRecord, GraphStore } from '../../src/store/port.js';
import { uniqueId } from '../helpers/app.js';

const config = loadConfig(process.env);
const connection = { uri: config.NEO4J_URI, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD, database: config.NEO4J_DATABASE };
const driver = await createDriver(connection);
const store = new Neo4jGraphStore({ driver, database: config.NEO4J_DATABASE });
await store.init();
const graphId = uniqueId('race');
await store.createGraph({ id: graphId, name: graphId, description: null });
await store.ingest(graphId, {
  interactions: Array.from({ length: 300 }, (_, i) => ({ id: null, source: `u${i}`, target: `u${(i + 1) % 300}`, type: 'reply', weight: 1, timestamp: null })),
  accounts: [],
});
t.teardown(async () => {
  await store.deleteGraph(graphId);
  await store.close();
});

/** The real store, but graphVersion (the cache check) waits until `open()`; `reached` resolves when it is called. */
function gatedAtCacheCheck() {
  let open!: () => void;
  let reached!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const arrived = new Promise<void>((resolve) => (reached = resolve));
  const gated: GraphStore = Object.create(store);
  gated.graphVersion = async (id) => {
    reached();
    await gate;
    return store.graphVersion(id);
  };
  return { gated, open, arrived };
}

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

async function niches(analysisId: string): Promise<number> {
  const { records } = await driver.executeQuery('MATCH (n:Niche {analysisId: $id}) RETURN count(n) AS n', { id: analysisId });
  return Number(records[0]?.get('n'));
}

t.test('a cancel during the projection-cache check stops the analysis', async (t) => {
  const { gated, open, arrived } = gatedAtCacheCheck();
  const jobs = new AnalysisRunner(gated, pino({ level: 'silent' }), { concurrency: 1, connection, projectionCacheBytes: 64 * 1024 * 1024 });
  t.teardown(() => jobs.close());
  const a = record();
  await store.createAnalysis(a, jobs.newLease());
  await jobs.submit(a);
  await arrived;
  const cancelled = jobs.cancel(a.id);
  open();
  t.ok(await cancelled, 'the runner held the analysis');
  const after = await store.getAnalysis(a.id);
  t.match(after, { status: 'failed', error: 'cancelled' }, 'it ends cancelled, not succeeded');
  t.equal(await niches(a.id), 0, 'no result was written');
});

t.test('a shutdown during the projection-cache check interrupts the analysis at once', async (t) => {
  const { gated, open, arrived } = gatedAtCacheCheck();
  const jobs = new AnalysisRunner(gated, pino({ level: 'silent' }), { concurrency: 1, connection, projectionCacheBytes: 64 * 1024 * 1024 });
  const a = record();
  await store.createAnalysis(a, jobs.newLease());
  await jobs.submit(a);
  await arrived;
  const closed = jobs.close();
  open();
  await closed;
  const after = await store.getAnalysis(a.id);
  t.match(after, { status: 'failed', error: /^interrupted: the service shut down/ }, 'interrupted, not run to the end');
  t.equal(await niches(a.id), 0, 'no result was written');
});
