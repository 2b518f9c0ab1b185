/**
 * The maximum duration of an analysis (AnalysisRunnerOptions.maxRunMs, ANALYSIS_MAX_SECONDS):
 * a real analysis worker thread that cannot finish is stopped at the limit, the analysis
 * fails with TIMED_OUT and leaves no result row behind, and the runner's slot is free again
 * for the next analysis, which succeeds.
 *
 * Deterministic, not timed: as in cancel-mid-write.test.ts, the test holds, in an open
 * transaction of its own, the key of the catalogue block the worker writes last, so the
 * analysis cannot succeed before the limit whatever the machine's speed; only the limit ends it.
 */
import t from 'tap';
import pino from 'pino';
import { AnalysisRunner, TIMED_OUT } from '../../src/jobs/analysis-runner.js';
import { connection, countOf, defaultParams, holdCatalogueBlock, newGraph, openStore, ringInteractions, uid } from '../store/helpers.js';

const { store, driver } = await openStore(t);
const count = (query: string, params: Record<string, unknown>) => countOf(driver, query, params);

t.test('an analysis past its maximum duration fails as timed out, keeps nothing, and frees its slot', async (t) => {
  const graphId = await newGraph(t, store, 'deadline');
  await store.ingest(graphId, { interactions: ringInteractions(600, 30), accounts: [] });
  const record = (id: string) => ({ id, graphId, status: 'queued' as const, params: { ...defaultParams, runs: 1 }, createdAt: new Date().toISOString(), startedAt: null, finishedAt: null, error: null, summary: null });

  const first = record(uid('an'));
  const lock = await holdCatalogueBlock(driver, first.id);

  // Long enough for the second analysis below on any machine the suite runs on; one slot.
  const maxRunMs = 30_000;
  const runner = new AnalysisRunner(store, pino({ level: 'silent' }), { connection, concurrency: 1, queueLimit: 2, maxRunMs });
  t.teardown(() => runner.close());
  await store.createAnalysis(first, runner.newLease());
  runner.enqueue(first);
  t.ok(await runner.waitFor(first.id, 10 * maxRunMs), 'the first analysis ended');
  await lock.release();

  const stored = await store.getAnalysis(first.id);
  t.match(stored, { status: 'failed', summary: null });
  t.ok(stored?.error?.startsWith(`${TIMED_OUT}:`), `its error says it timed out: ${String(stored?.error)}`);
  t.match(stored?.error, /30 s \(ANALYSIS_MAX_SECONDS\)/, 'and names the limit');
  t.equal(await count('MATCH (b:ResultBlock {analysisId: $analysisId}) RETURN count(b)', { analysisId: first.id }), 0, 'no block');
  t.equal(await count('MATCH (n:Niche {analysisId: $analysisId}) RETURN count(n)', { analysisId: first.id }), 0, 'no niche');
  t.equal(await count('MATCH ()-[m:IN_NICHE {analysisId: $analysisId}]->() RETURN count(m)', { analysisId: first.id }), 0, 'no membership');

  // The slot is free: the next analysis on the same runner runs and succeeds.
  const second = record(uid('an'));
  await store.createAnalysis(second, runner.newLease());
  runner.enqueue(second);
  t.ok(await runner.waitFor(second.id, 10 * maxRunMs), 'the second analysis ended');
  t.match(await store.getAnalysis(second.id), { status: 'succeeded', error: null });
});
