import t from 'tap';
import { newGraph, openStore, ix, queuedAnalysis, smallGraphInteractions, smallResult, createRunning, TEST_OWNER, toColumnar } from './helpers.js';

const { store, driver } = await openStore(t, { deleteBatchSize: 7 });
const db = { database: process.env.NEO4J_DATABASE ?? 'neo4j' };

async function leftovers(graphId: string, analysisIds: string[]) {
  const res = await driver.executeQuery(
    `CALL () { MATCH (g:Graph {id: $graphId}) RETURN count(g) AS graphs }
     CALL () { MATCH (a:Account {graphId: $graphId}) RETURN count(a) AS accounts }
     CALL () { MATCH ()-[r:INTERACTED {graphId: $graphId}]->() RETURN count(r) AS interactions }
     CALL () { MATCH (a:Analysis) WHERE a.graphId = $graphId OR a.id IN $analysisIds RETURN count(a) AS analyses }
     CALL () { MATCH (n:Niche) WHERE n.graphId = $graphId OR n.analysisId IN $analysisIds RETURN count(n) AS niches }
     CALL () { MATCH ()-[m:IN_NICHE]->() WHERE m.analysisId IN $analysisIds RETURN count(m) AS memberships }
     CALL () { MATCH (c:Community) WHERE c.graphId = $graphId OR c.analysisId IN $analysisIds RETURN count(c) AS communities }
     RETURN graphs, accounts, interactions, analyses, niches, memberships, communities`,
    { graphId, analysisIds },
    db,
  );
  const r = res.records[0]!.toObject();
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)]));
}

t.test('deleteGraph removes graph, accounts, interactions, analyses, niches, communities', async (t) => {
  const g = await newGraph(t, store, 'del');
  const keep = await newGraph(t, store, 'keep');
  const many = Array.from({ length: 60 }, (_, i) => ix(`x${i % 13}`, `y${i % 11}`, { id: `k${i}` }));
  for (const id of [g, keep]) {
    await store.ingest(id, { interactions: [...smallGraphInteractions(), ...many], accounts: [{ id: 'p', properties: { a: 1 } }] });
  }
  const analyses: string[] = [];
  for (let i = 0; i < 2; i++) {
    const a = queuedAnalysis(g);
    await createRunning(store, a);
    await store.writeResult(a.id, toColumnar(smallResult()), new Date().toISOString(), TEST_OWNER);
    analyses.push(a.id);
  }
  const kept = queuedAnalysis(keep);
  await createRunning(store, kept);
  await store.writeResult(kept.id, toColumnar(smallResult()), new Date().toISOString(), TEST_OWNER);

  const before = await leftovers(g, analyses);
  t.same(before, { graphs: 1, accounts: 30, interactions: 67, analyses: 2, niches: 4, memberships: 10, communities: 4 });

  t.equal(await store.deleteGraph(g), true);
  t.same(await leftovers(g, analyses), {
    graphs: 0,
    accounts: 0,
    interactions: 0,
    analyses: 0,
    niches: 0,
    memberships: 0,
    communities: 0,
  });
  t.equal(await store.getAnalysis(analyses[0]!), null);
  t.same(await store.listNiches(analyses[0]!, { limit: 10, offset: 0 }), { total: 0, items: [] });
  t.equal(await store.ingest(g, { interactions: [ix('a', 'b')], accounts: [] }), null, 'ingest after delete: unknown');

  t.same(await leftovers(keep, [kept.id]), {
    graphs: 1,
    accounts: 30,
    interactions: 67,
    analyses: 1,
    niches: 2,
    memberships: 5,
    communities: 2,
  }, 'the other graph is untouched');
});

t.test('a graph flagged deleting is hidden, keeps its id, and deleteGraph finishes it', async (t) => {
  const g = await newGraph(t, store, 'half');
  await store.ingest(g, { interactions: smallGraphInteractions(), accounts: [] });
  // Simulate a deleteGraph cut off after its first step.
  await driver.executeQuery('MATCH (g:Graph {id: $g}) SET g.deleting = true', { g }, db);
  t.equal(await store.getGraph(g), null, 'hidden from getGraph');
  const list = await store.listGraphs({ limit: 100_000, offset: 0 });
  t.notOk(list.items.some((x) => x.id === g), 'hidden from listGraphs');
  t.equal(await store.ingest(g, { interactions: smallGraphInteractions(), accounts: [] }), null, 'ingest refused');
  t.equal(await store.project(g, { typeWeights: {}, from: null, to: null, minWeight: 0 }), null, 'project refused');
  t.equal(await store.createGraph({ id: g, name: 'x', description: null }), null, 'id still taken');
  t.equal(await store.deleteGraph(g), true, 'deleteGraph resumes');
  t.same(await leftovers(g, []), { graphs: 0, accounts: 0, interactions: 0, analyses: 0, niches: 0, memberships: 0, communities: 0 });
});
