/**
 * Nothing partial lingers (issue 10 item 4): a real analysis worker thread, cancelled while
 * it writes its result to the real Neo4j, leaves no result row behind, and no
 * explore.cypher query shows the cancelled analysis.
 *
 * Deterministic, not timed: the test holds, in an open transaction of its own, the key of
 * the catalogue block the worker will write last (an uncommitted node under the unique
 * constraint on (analysisId, kind, seq)); the worker commits its other result blocks, then
 * waits on that lock in the catalogue's transaction, before the analysis could succeed. The test sees the committed blocks, cancels (the worker thread is
 * terminated), then lets its own transaction go.
 */
import t from 'tap';
import pino from 'pino';
import { AnalysisRunner } from '../../src/jobs/analysis-runner.js';
import { CypherFiles } from '../../src/store/cypher-files.js';
import { connection, countOf, database, defaultParams, holdCatalogueBlock, newGraph, openStore, ringInteractions, uid } from '../store/helpers.js';

const { store, driver } = await openStore(t);
const count = (query: string, params: Record<string, unknown>) => countOf(driver, query, params);

t.test('an analysis cancelled mid-write leaves no niche, block or membership', async (t) => {
  const graphId = await newGraph(t, store, 'midwrite');
  // Rings of 30 accounts, 3,000 accounts: two members blocks, 100 niches.
  await store.ingest(graphId, { interactions: ringInteractions(3000, 30), accounts: [] });

  const analysisId = uid('an');
  const analysis = { id: analysisId, graphId, status: 'queued' as const, params: { ...defaultParams, runs: 1 }, createdAt: new Date().toISOString(), startedAt: null, finishedAt: null, error: null, summary: null };

  // The lock: the catalogue block of this analysis, created and not committed.
  const lock = await holdCatalogueBlock(driver, analysisId);

  const runner = new AnalysisRunner(store, pino({ level: 'silent' }), { connection, concurrency: 1, queueLimit: 1 });
  t.teardown(() => runner.close());
  // Stored under the runner's lease, as the analyses route does.
  await store.createAnalysis(analysis, runner.newLease());
  runner.enqueue(analysis);
  // Wait (bounded) until the worker has committed blocks: it is then inside its write.
  let blocks = 0;
  for (let i = 0; i < 1200 && blocks === 0; i++) {
    blocks = await count('MATCH (b:ResultBlock {analysisId: $analysisId}) RETURN count(b)', { analysisId });
    if (blocks === 0) await new Promise((r) => setTimeout(r, 100));
  }
  t.ok(blocks > 0, `the worker committed ${blocks} result blocks before it was stopped`);
  t.equal((await runner.progress(analysisId))?.phase, 'persistence', 'it is writing its result');

  t.ok(await runner.cancel(analysisId), 'cancelled');
  await lock.release();

  t.match(await store.getAnalysis(analysisId), { status: 'failed', error: 'cancelled', summary: null });
  t.equal(await count('MATCH (b:ResultBlock {analysisId: $analysisId}) RETURN count(b)', { analysisId }), 0, 'no block');
  t.equal(await count('MATCH (n:Niche {analysisId: $analysisId}) RETURN count(n)', { analysisId }), 0, 'no niche');
  t.equal(await count('MATCH ()-[m:IN_NICHE {analysisId: $analysisId}]->() RETURN count(m)', { analysisId }), 0, 'no membership');
  const explore = new CypherFiles().statements('explore');
  for (const [k, q] of explore.entries()) {
    const params = q.includes('$account') ? { account: { graphId, id: 'u0' } } : q.includes('$niche') ? { niche: { analysisId, id: 'n0' } } : { analysisId };
    const { records } = await driver.executeQuery(q, params, { database });
    if (k === 1) t.ok(records.every((r) => r.get('niche') === null), 'explore query 2: no niche from the cancelled analysis');
    else t.equal(records.length, 0, `explore query ${k + 1} shows nothing of it`);
  }
  t.equal(await store.listNiches(analysisId, { limit: 10, offset: 0 }).then((p) => p.total), 0);
});
