/**
 * Fleet mode: a Browser view that a fleet worker left 'failed' (or 'pending' with an expired
 * lease) is materialized again when a fleet worker starts (jobs/pending-browser-views.ts,
 * run from FleetWorker.ready()); a 'pending' one whose writer died, by a running worker's
 * sweep every lease period (ANALYSIS_LEASE_MS, 5 s in the fleet tests). The view is made 'failed' as a materialization that gave up
 * leaves it: nothing of it staged. A real worker process (`npm run worker`) against the real
 * Redis and Neo4j; waited for with a generous deadline, nothing timed.
 */
import t from 'tap';
import { randomBytes } from 'node:crypto';
import { REDIS_URL, startWorker, waitUntil } from '../../helpers/fleet.js';
import { createRunning, database, newGraph, openStore, queuedAnalysis, smallGraphInteractions, smallResult, TEST_OWNER, toColumnar } from '../../store/helpers.js';

const NEO4J_URI = process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687';
const env = { REDIS_URL, REDIS_PREFIX: `ngtest-${randomBytes(4).toString('hex')}`, NEO4J_URI, ANALYSIS_CONCURRENCY: '1' };

const { store, driver } = await openStore(t);
const viewNodes = async (id: string) =>
  Number((await driver.executeQuery('MATCH (x {analysisId: $id}) WHERE x:Niche OR x:Community RETURN count(x)', { id }, { database })).records[0]?.get(0));

t.test('a fleet worker materializes at start the views left failed', async (t) => {
  const g = await newGraph(t, store, 'fleet-views');
  await store.ingest(g, { interactions: smallGraphInteractions(), accounts: [] });
  const a = queuedAnalysis(g);
  await createRunning(store, a);
  t.equal((await store.writeResult(a.id, toColumnar(smallResult()), new Date().toISOString(), TEST_OWNER)).browserView, 'written');
  const written = await viewNodes(a.id);
  t.ok(written > 0, 'the view has nodes');
  await driver.executeQuery(
    'MATCH (a:Analysis {id: $id}) SET a.browserView = "failed", a.browserOwner = null, a.browserLeaseUntil = null WITH a MATCH (x {analysisId: $id}) WHERE x:Niche OR x:Community DETACH DELETE x',
    { id: a.id },
    { database },
  );
  t.equal(await viewNodes(a.id), 0);
  t.ok((await store.browserViewsToWrite(Date.now())).includes(a.id), 'the view is to be written again');

  const worker = await startWorker(env);
  t.teardown(() => worker.stop('SIGKILL'));
  const after = await waitUntil('the worker to write the view', async () => ((await store.getAnalysis(a.id))?.browserView === 'written' ? true : undefined));
  t.ok(after);
  t.equal(await viewNodes(a.id), written, 'every node of the view is back');
  t.ok(worker.lines.some((l) => l.includes(a.id) && l.includes('Browser view written again')), 'the worker wrote it');

  // Failed views wait for a start; pending ones whose writer died (as a worker abandoned at
  // shutdown leaves its view: its own lease, run out) are swept every lease period.
  await driver.executeQuery('MATCH (a:Analysis {id: $id}) SET a.browserView = "failed", a.browserOwner = null', { id: a.id }, { database });
  t.ok((await store.browserViewsToWrite(Date.now())).includes(a.id), 'a failed view is written again at a start');
  t.notOk((await store.browserViewsToWrite(Date.now(), { failed: false })).includes(a.id), 'not by the periodic sweep');
  await driver.executeQuery(
    'MATCH (a:Analysis {id: $id}) SET a.browserView = "pending", a.browserOwner = "dead-worker/x", a.browserLeaseUntil = $expired WITH a MATCH (x {analysisId: $id}) WHERE x:Niche OR x:Community DETACH DELETE x',
    { id: a.id, expired: Date.now() - 1 },
    { database },
  );
  await waitUntil('the running worker to write the view again', async () => ((await store.getAnalysis(a.id))?.browserView === 'written' ? true : undefined));
  t.equal(await viewNodes(a.id), written, 'every node of the view is back');
  await worker.stop('SIGTERM');
});
