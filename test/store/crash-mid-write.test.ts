/**
 * Nothing partial lingers after a crash (issue 10 item 4): a process killed (SIGKILL) while
 * it writes a result leaves staged rows that no query shows, and the sweep the service
 * runs at boot (reclaimExpired) marks the analysis failed and removes them once the dead
 * writer's lease has expired; before that, a booting process leaves them alone (for all it
 * knows, the holder is another live process still writing: issue 13).
 *
 * Deterministic, not timed: the test holds, in an open transaction, the key of the
 * catalogue block the writer creates last (under the unique constraint), so the writer
 * commits its other blocks and then waits; the test sees the blocks, kills the process, and lets its lock go.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { CypherFiles } from '../../src/store/cypher-files.js';
import { countOf, database, defaultParams, holdCatalogueBlock, newGraph, openStore, ringInteractions, uid } from './helpers.js';

const { store, driver } = await openStore(t);
const count = (query: string, params: Record<string, unknown>) => countOf(driver, query, params);

t.test('a writer killed mid-write: staged rows stay invisible, the boot sweep removes them', async (t) => {
  const graphId = await newGraph(t, store, 'crash');
  await store.ingest(graphId, { interactions: ringInteractions(2500, 25), accounts: [] });
  const analysisId = uid('an');
  const owner = uid('crash-writer');
  const leaseUntil = Date.now() + 3_600_000;
  await store.createAnalysis({ id: analysisId, graphId, status: 'queued', params: defaultParams, createdAt: new Date().toISOString(), startedAt: null, finishedAt: null, error: null, summary: null }, { owner, until: leaseUntil });

  const lock = await holdCatalogueBlock(driver, analysisId);

  const child = spawn(process.execPath, ['--import=tsx', fileURLToPath(new URL('./fixtures/write-result.ts', import.meta.url))], {
    env: { ...process.env, GRAPH_ID: graphId, ANALYSIS_ID: analysisId, OWNER: owner, LEASE_UNTIL: String(leaseUntil) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  let blocks = 0;
  for (let i = 0; i < 1200 && blocks === 0; i++) {
    blocks = await count('MATCH (b:ResultBlock {analysisId: $analysisId}) RETURN count(b)', { analysisId });
    if (blocks === 0) await new Promise((r) => setTimeout(r, 100));
  }
  t.ok(blocks > 0, `the writer committed ${blocks} blocks`);
  child.kill('SIGKILL');
  const [code, signal] = await exited;
  t.equal(signal, 'SIGKILL', `killed (exit ${code})`);
  await lock.release();

  t.match(await store.getAnalysis(analysisId), { status: 'running', summary: null }, 'cut off while running');
  t.ok((await count('MATCH (b:ResultBlock {analysisId: $analysisId}) RETURN count(b)', { analysisId })) > 0, 'its staged blocks are still there');
  for (const q of new CypherFiles().statements('explore')) {
    if (q.includes('$account')) continue;
    t.equal((await driver.executeQuery(q, { analysisId, niche: { analysisId, id: 'n0' } }, { database })).records.length, 0, 'explore.cypher shows none of it');
  }
  t.same(await store.listNiches(analysisId, { limit: 5, offset: 0 }), { total: 0, items: [] }, 'nor does the store');

  // What a process booting while the lease is live does: for all it knows the writer is
  // alive (another process), so nothing of it is touched.
  t.same(await store.renewLeases([analysisId], owner, Date.now() + 60_000), [analysisId], 'its lease, live');
  const staged = await count('MATCH (b:ResultBlock {analysisId: $analysisId}) RETURN count(b)', { analysisId });
  await store.reclaimExpired('interrupted: the service restarted', new Date().toISOString(), Date.now());
  t.match(await store.getAnalysis(analysisId), { status: 'running' }, 'a live lease is not reclaimed');
  t.equal(await count('MATCH (b:ResultBlock {analysisId: $analysisId}) RETURN count(b)', { analysisId }), staged, 'nor are its staged rows swept');

  // What a process booting after the lease expired does (released here, as it runs out
  // when nobody renews it).
  await store.renewLeases([analysisId], owner, Date.now() - 1);
  await store.reclaimExpired('interrupted: the service restarted', new Date().toISOString(), Date.now());
  t.match(await store.getAnalysis(analysisId), { status: 'failed', error: 'interrupted: the service restarted' });
  t.equal(await count('MATCH (b:ResultBlock {analysisId: $analysisId}) RETURN count(b)', { analysisId }), 0, 'blocks swept');
  t.equal(await count('MATCH (n:Niche {analysisId: $analysisId}) RETURN count(n)', { analysisId }), 0, 'niches swept');
});
