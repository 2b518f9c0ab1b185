/**
 * The spare analysis worker's warm-up (AnalysisRunnerOptions.warmUp, analysis/warm-up.ts):
 * an analysis submitted while the spare warms up stops the warm-up and succeeds; one handed to
 * a spare that warmed up to its end too; both give the result a runner without warm-up gives.
 */
import t from 'tap';
import pino from 'pino';
import { buildApp } from '../../src/app.js';
import { AnalysisRunner } from '../../src/jobs/analysis-runner.js';
import { uniqueId } from '../helpers/app.js';
import { openStores } from '../helpers/stores.js';

const { config, connection, store, idempotency } = await openStores();

// Planted circles of 12 with a few ties between them, some negative.
const graphId = uniqueId('warm');
{
  await store.createGraph({ id: graphId, name: graphId, description: null });
  const interactions = [];
  for (let i = 0; i < 600; i++) {
    const circle = Math.floor(i / 12) * 12;
    interactions.push({ id: null, source: `u${i}`, target: `u${circle + ((i + 1) % 12)}`, type: 'reply', weight: 1, timestamp: null });
    interactions.push({ id: null, source: `u${i}`, target: `u${circle + ((i + 5) % 12)}`, type: 'mention', weight: i % 17 === 0 ? -1 : 2, timestamp: null });
    if (i % 10 === 0) interactions.push({ id: null, source: `u${i}`, target: `u${(i * 37 + 11) % 600}`, type: 'share', weight: 1, timestamp: null });
  }
  await store.ingest(graphId, { interactions: interactions.filter((x) => x.source !== x.target), accounts: [] });
}
t.teardown(async () => {
  await store.deleteGraph(graphId);
  await store.close();
});

async function appWith(warmUp: boolean) {
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const jobs = new AnalysisRunner(store, logger, { concurrency: 1, queueLimit: 4, connection, warmUp });
  const app = await buildApp({ store, jobs, config, logger, idempotency });
  await app.ready();
  return { app, jobs };
}

async function analyse(app: Awaited<ReturnType<typeof appWith>>['app']) {
  const res = await app.inject({ method: 'POST', url: `/v1/graphs/${graphId}/analyses?wait=60`, payload: { seed: 3 } });
  const done = res.json();
  const niches = (await app.inject({ url: `/v1/analyses/${done.id}/niches?limit=100` })).json();
  return { status: done.status, summary: done.summary, niches: niches.items.map((n: { size: number; trusted: unknown }) => [n.size, n.trusted]) };
}

const reference = await (async () => {
  const { app } = await appWith(false);
  try {
    return await analyse(app);
  } finally {
    await app.close();
  }
})();

t.test('an analysis that arrives while the spare warms up stops the warm-up, and gives the same result', async (t) => {
  const { app, jobs } = await appWith(true);
  t.teardown(() => app.close());
  const got = await analyse(app);
  t.equal(got.status, 'succeeded');
  t.same(got, reference, 'same summary and niches as without warm-up');
  t.equal(jobs.warmUps.stopped + jobs.warmUps.completed, 1, `the spare's warm-up ended (${JSON.stringify(jobs.warmUps)})`);
});

t.test('an analysis handed to a spare that warmed up to its end gives the same result', async (t) => {
  const { app, jobs } = await appWith(true);
  t.teardown(() => app.close());
  for (const until = Date.now() + 120_000; jobs.warmUps.completed === 0 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 50));
  t.equal(jobs.warmUps.completed, 1, 'the warm-up ran to its end');
  const got = await analyse(app);
  t.equal(got.status, 'succeeded');
  t.same(got, reference, 'same summary and niches as without warm-up');
  // After the analysis the runner prepares the next spare, which warms up again while idle.
  for (const until = Date.now() + 120_000; jobs.warmUps.completed < 2 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 50));
  t.equal(jobs.warmUps.completed, 2, 'the next spare warmed up too');
});
