/**
 * One behavioural suite for both implementations of the analysis queue (src/jobs/port.ts),
 * against the real Neo4j and (fleet) the real Redis:
 *   embedded  AnalysisRunner: this process queues and runs;
 *   fleet     QueueJobs (the API side, BullMQ on Redis) + a FleetWorker (the worker side),
 *             here in one process, each with its own store, queue prefix and Redis clients.
 * The same tests: timings of a finished analysis, the bounded queue (503 + Retry-After),
 * progress of a waiting and a running analysis, cancellation of both. A gate in front of
 * the runner's claim (the start of a run) holds an analysis there, so queue states are
 * reached deterministically rather than by racing the clock.
 */
import t from 'tap';
import pino from 'pino';
import { randomBytes } from 'node:crypto';
import { buildApp } from '../../src/app.js';
import { AnalysisRunner } from '../../src/jobs/analysis-runner.js';
import { FleetWorker } from '../../src/jobs/fleet/fleet-worker.js';
import { QueueJobs } from '../../src/jobs/fleet/queue-jobs.js';
import { QueueFullError, type AnalysisJobs } from '../../src/jobs/port.js';
import type { AnalysisRecord, GraphStore } from '../../src/store/port.js';
import { uniqueId } from '../helpers/app.js';
import { openStores } from '../helpers/stores.js';
import { REDIS_URL, waitUntil } from '../helpers/fleet.js';

// The per-key analysis quota and the overload guard would answer before the queue does.
const { config, connection, driver, store, idempotency } = await openStores({ RATE_LIMIT_MAX: '1000000', RATE_LIMIT_JOBS_MAX: '1000000' });
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

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

interface Harness {
  jobs: AnalysisJobs;
  app: Awaited<ReturnType<typeof buildApp>>;
  /** Resolves once a runner holds the analysis (it left the wait queue). */
  taken(analysisId: string): Promise<void>;
  close(): Promise<void>;
}

type Mode = 'embedded' | 'fleet';

async function harness(mode: Mode, runStore: GraphStore, queueLimit: number): Promise<Harness> {
  if (mode === 'embedded') {
    const jobs = new AnalysisRunner(runStore, logger, { concurrency: 1, queueLimit, retryAfterSeconds: 7, connection });
    const app = await buildApp({ store, jobs, config, logger, idempotency });
    await app.ready();
    return { jobs, app, taken: async () => {}, close: () => app.close() };
  }
  const prefix = `ngbeh-${randomBytes(4).toString('hex')}`;
  const jobs = new QueueJobs(store, logger, { url: REDIS_URL, prefix, queueLimit, retryAfterSeconds: 7 });
  const worker = new FleetWorker(runStore, logger, { url: REDIS_URL, prefix, connection, concurrency: 1, leaseMs: 5000, graceMs: 1000 });
  await worker.ready();
  const app = await buildApp({ store, jobs, config, logger, idempotency, redis: { client: jobs.redis, prefix } });
  await app.ready();
  return {
    jobs,
    app,
    taken: (id) => waitUntil(`the worker to take ${id}`, async () => worker.runner.holds(id), 60_000, 5).then(() => {}),
    async close() {
      await app.close();
      await worker.close();
    },
  };
}

// A chain of 400 accounts with a few chords: big enough that a run lasts a little while.
const graphId = uniqueId('queue');
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

async function queue(jobs: AnalysisJobs, a: AnalysisRecord): Promise<void> {
  t.ok(await store.createAnalysis(a, jobs.newLease()));
  await jobs.submit(a);
}

for (const mode of ['embedded', 'fleet'] as const) {
  t.test(`${mode}: a finished analysis reports and stores its phase timings`, async (t) => {
    const h = await harness(mode, store, 4);
    t.teardown(() => h.close());
    const res = await h.app.inject({ method: 'POST', url: `/v1/graphs/${graphId}/analyses?wait=60`, payload: {} });
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

  t.test(`${mode}: a full queue answers 503 with Retry-After as problem+json`, async (t) => {
    const { gated, open } = gatedStore();
    const h = await harness(mode, gated, 1);
    t.teardown(async () => {
      open();
      await h.close();
    });
    const first = record();
    const second = record();
    await queue(h.jobs, first); // running (held at its claim)
    await h.taken(first.id);
    await queue(h.jobs, second); // waiting: the queue holds one
    await t.rejects(queue(h.jobs, record()), QueueFullError);
    t.notOk(await h.jobs.canAccept());

    const res = await h.app.inject({ method: 'POST', url: `/v1/graphs/${graphId}/analyses`, payload: {} });
    t.equal(res.statusCode, 503);
    t.equal(res.headers['retry-after'], '7');
    t.match(res.headers['content-type'], /application\/problem\+json/);
    t.match(res.json(), { code: 'NG_QUEUE_FULL', status: 503 });

    const waiting = (await h.app.inject({ url: `/v1/analyses/${second.id}` })).json();
    t.same(waiting.progress, { phase: 'queued', fraction: 0 }, 'a waiting analysis shows its progress');
    open();
    t.ok(await h.jobs.waitFor(second.id, 60_000));
    t.equal((await store.getAnalysis(second.id))?.status, 'succeeded', 'the queue drains once the gate opens');
  });

  t.test(`${mode}: DELETE cancels a queued analysis and a running one`, async (t) => {
    const { gated, open } = gatedStore();
    const h = await harness(mode, gated, 4);
    t.teardown(async () => {
      open();
      await h.close();
    });
    const running = record();
    const queued = record();
    await queue(h.jobs, running);
    await h.taken(running.id);
    await queue(h.jobs, queued);

    const q = await h.app.inject({ method: 'DELETE', url: `/v1/analyses/${queued.id}` });
    t.equal(q.statusCode, 200);
    t.match(q.json(), { status: 'failed', error: 'cancelled' });
    t.type(q.json().timings?.queued, 'number', 'a cancelled analysis keeps its timings');

    // Let the held one start its worker, then cancel it while it runs.
    open();
    await waitUntil('the analysis to run', async () => {
      const p = await h.jobs.progress(running.id);
      return p !== null && p.phase !== 'queued';
    }, 60_000, 2);
    const progress = (await h.app.inject({ url: `/v1/analyses/${running.id}` })).json().progress;
    t.match(progress, { phase: /projection|communities|centrality|scoring|persistence/ }, 'a running analysis shows its phase');
    const r = await h.app.inject({ method: 'DELETE', url: `/v1/analyses/${running.id}` });
    t.equal(r.statusCode, 200);
    const after = r.json();
    if (after.status === 'succeeded') {
      // The run committed before the cancel reached it: a finished analysis stays as it is.
      t.pass('finished before the cancel arrived');
    } else {
      t.match(after, { status: 'failed', error: 'cancelled' });
      const { records } = await driver.executeQuery('MATCH (n:Niche {analysisId: $id}) RETURN count(n) AS n', { id: running.id });
      t.equal(Number(records[0]?.get('n')), 0, 'nothing of a cancelled run is stored');
    }
    const again = await h.app.inject({ method: 'DELETE', url: `/v1/analyses/${running.id}` });
    t.equal(again.statusCode, 409);
    t.match(again.json(), { code: 'NG_ANALYSIS_FINISHED' });
    t.equal((await h.app.inject({ method: 'DELETE', url: '/v1/analyses/nope' })).statusCode, 404);
  });
}
