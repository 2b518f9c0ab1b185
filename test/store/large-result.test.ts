/**
 * writeResult above resultTransactionRows memberships: several transactions (niches,
 * membership chunks, then the status), with the same read-back as the one-transaction path.
 * The threshold is lowered to 4 so that 10 members take that path.
 */
import t from 'tap';
import { StoreNotFoundError } from '../../src/store/neo4j-store.js';
import { fiveNicheResult as result, newGraph, openStore, queuedAnalysis, uid } from './helpers.js';

t.test('a result above the threshold is written in several transactions and reads back whole', async (t) => {
  const { store, driver } = await openStore(t, { chunkSize: 3, resultTransactionRows: 4 });
  const g = await newGraph(t, store, 'large');
  await store.ingest(g, { interactions: [], accounts: Array.from({ length: 10 }, (_, i) => ({ id: `m${i}`, properties: {} })) });
  const a = queuedAnalysis(g);
  await store.createAnalysis(a);
  await store.writeResult(a.id, result(1), '2026-11-27T11:00:00.000Z');
  const done = await store.getAnalysis(a.id);
  t.match(done, { status: 'succeeded', finishedAt: '2026-11-27T11:00:00.000Z', summary: { accounts: 10, niches: 5, modularity: 0.25 } });
  t.same((await store.listMembers(a.id, 'n4', { limit: 10, offset: 0 }))?.items.map((m) => m.accountId), ['m8', 'm9']);

  await store.writeResult(a.id, result(2), new Date().toISOString());
  const { records } = await driver.executeQuery(
    'MATCH (:Account {graphId: $g})-[m:IN_NICHE {analysisId: $a}]->() RETURN count(m) AS n, max(m.score) AS top',
    { g, a: a.id },
  );
  t.equal(Number(records[0]?.get('n')), 10, 'a second write replaces the first, no duplicates');
  t.equal(records[0]?.get('top'), 2);

  await t.rejects(store.writeResult(uid('nope'), result(1), 'x'), StoreNotFoundError);
});
