/**
 * writeResult in many transactions (one per block, memberships in chunks of 3, several at a
 * time, then the status) with writeBack 'full' (an IN_NICHE relationship per member): the
 * same read-back, every membership exactly once, and every transaction safe to run twice.
 */
import t from 'tap';
import type { Driver } from 'neo4j-driver';
import type { ObjectResult as AnalysisResult } from '../helpers/columnar.js';
import { Neo4jGraphStore, StoreNotFoundError } from '../../src/store/neo4j-store.js';
import { database, fiveNicheResult, member, newGraph, openStore, queuedAnalysis, uid, createRunning, TEST_OWNER, toColumnar } from './helpers.js';

const result = fiveNicheResult;

t.test('a result above the threshold is written in several transactions and reads back whole', async (t) => {
  const { store, driver } = await openStore(t, { chunkSize: 3, resultChunkSize: 3, blockBytesPerTransaction: 1, writeBack: 'full' });
  const g = await newGraph(t, store, 'large');
  await store.ingest(g, { interactions: [], accounts: Array.from({ length: 10 }, (_, i) => ({ id: `m${i}`, properties: {} })) });
  const a = queuedAnalysis(g);
  await createRunning(store, a);
  await store.writeResult(a.id, toColumnar(result(1)), '2026-11-27T11:00:00.000Z', TEST_OWNER);
  const done = await store.getAnalysis(a.id);
  t.match(done, { status: 'succeeded', finishedAt: '2026-11-27T11:00:00.000Z', summary: { accounts: 10, niches: 5, modularity: 0.25 } });
  t.same((await store.listMembers(a.id, 'n4', { limit: 10, offset: 0 }))?.items.map((m) => m.accountId), ['m8', 'm9']);

  await store.writeResult(a.id, toColumnar(result(2)), new Date().toISOString(), TEST_OWNER);
  const { records } = await driver.executeQuery(
    'MATCH (:Account {graphId: $g})-[m:IN_NICHE {analysisId: $a}]->() RETURN count(m) AS n, max(m.score) AS top',
    { g, a: a.id },
  );
  t.equal(Number(records[0]?.get('n')), 10, 'a second write replaces the first, no duplicates');
  t.equal(records[0]?.get('top'), 2);

  await t.rejects(store.writeResult(uid('nope'), toColumnar(result(1)), 'x', TEST_OWNER), StoreNotFoundError);
});

/**
 * Twenty members in niches of 7, 1, 2, 5, 1 and 4 (resultChunkSize 3): niches larger than a chunk
 * are split over consecutive chunks, small ones share a chunk.
 */
function unevenResult(scale: number): AnalysisResult {
  const sizes = [7, 1, 2, 5, 1, 4];
  let next = 0;
  const niches = sizes.map((size, k) => {
    const members = Array.from({ length: size }, (_, r) => {
      const m = member(`u${next++}`, scale * (1 - r / 10));
      // A few members without ties.
      if (k === 5) m.topTies = [];
      return m;
    });
    return {
      ...fiveNicheResult(scale).niches[0]!,
      id: `n${k}`,
      communityId: `c${k}`,
      size,
      members,
      trusted: members.slice(0, 1).map((m) => ({ accountId: m.accountId, score: m.score })),
    };
  });
  return { summary: { ...fiveNicheResult(scale).summary, accounts: 20, niches: sizes.length }, niches };
}

const unevenIds = Array.from({ length: 20 }, (_, i) => `u${i}`);

async function membershipCounts(driver: Driver, graphId: string, analysisId: string) {
  const { records } = await driver.executeQuery(
    `MATCH (a:Account {graphId: $graphId})-[m:IN_NICHE]->(n:Niche {analysisId: $analysisId})
     RETURN count(m) AS memberships, count(DISTINCT a) AS accounts,
            count(DISTINCT n.id + '/' + toString(m.rank)) AS ranks`,
    { graphId, analysisId },
    { database },
  );
  const r = records[0]!;
  return { memberships: Number(r.get('memberships')), accounts: Number(r.get('accounts')), ranks: Number(r.get('ranks')) };
}

t.test('concurrent chunk transactions write every membership exactly once, in rank order', async (t) => {
  const { store, driver } = await openStore(t, { chunkSize: 3, resultChunkSize: 3, blockBytesPerTransaction: 1, writeBack: 'full', resultConcurrency: 3 });
  const g = await newGraph(t, store, 'parallel');
  await store.ingest(g, { interactions: [], accounts: unevenIds.map((id) => ({ id, properties: {} })) });
  const a = queuedAnalysis(g);
  await createRunning(store, a);
  const result = unevenResult(1);
  await store.writeResult(a.id, toColumnar(result), new Date().toISOString(), TEST_OWNER);
  t.equal((await store.getAnalysis(a.id))?.status, 'succeeded');
  t.same(await membershipCounts(driver, g, a.id), { memberships: 20, accounts: 20, ranks: 20 });
  for (const niche of result.niches) {
    const page = await store.listMembers(a.id, niche.id, { limit: 100, offset: 0 });
    t.equal(page?.total, niche.members.length, `${niche.id}: member count`);
    // Scores fall with the rank, so the score order is the rank order.
    t.same(
      page?.items,
      niche.members.map((m, rank) => ({ ...m, rank })),
      `${niche.id}: every field reads back, rank = position in the niche`,
    );
  }
  const { records } = await driver.executeQuery(
    `MATCH (:Account {graphId: $graphId, id: 'u0'})-[m:IN_NICHE]->() RETURN m.centralityNames AS names`,
    { graphId: g },
    { database },
  );
  t.equal(records[0]?.get('names'), null, 'no centralities asked: no empty lists stored');
});

t.test('every transaction of a large write can run twice (a driver retry after a lost commit answer)', async (t) => {
  const { driver } = await openStore(t);
  // A driver whose write transactions run their work twice, each attempt committed: what a
  // retry does when the connection breaks after the server committed.
  const twice = Object.create(driver) as Driver;
  twice.session = (config) => {
    const session = driver.session(config);
    const executeWrite = session.executeWrite.bind(session);
    session.executeWrite = (async (work: Parameters<typeof executeWrite>[0]) => {
      await executeWrite(work);
      return executeWrite(work);
    }) as typeof session.executeWrite;
    return session;
  };
  const store = new Neo4jGraphStore({ driver: twice, database, chunkSize: 3, resultChunkSize: 3, blockBytesPerTransaction: 1, writeBack: 'full', resultConcurrency: 2 });
  const g = await newGraph(t, store, 'retried');
  await store.ingest(g, { interactions: [], accounts: unevenIds.map((id) => ({ id, properties: {} })) });
  const a = queuedAnalysis(g);
  await createRunning(store, a);
  await store.writeResult(a.id, toColumnar(unevenResult(1)), new Date().toISOString(), TEST_OWNER);
  t.equal((await store.getAnalysis(a.id))?.status, 'succeeded');
  t.same(await membershipCounts(driver, g, a.id), { memberships: 20, accounts: 20, ranks: 20 }, 'no duplicates');
  t.equal((await store.listNiches(a.id, { limit: 100, offset: 0 })).total, 6);
});

t.test('a membership whose account is missing fails the Browser view, not the result; written again later, exactly once', async (t) => {
  for (const [label, options] of [
    ['writeBack full, defaults', { writeBack: 'full' }],
    ['several transactions', { chunkSize: 3, resultChunkSize: 3, blockBytesPerTransaction: 1, writeBack: 'full', resultConcurrency: 2 }],
  ] as const) {
    const { store, driver } = await openStore(t, options);
    const g = await newGraph(t, store, 'missing');
    // u13 (in niche n3, the fourth chunk) is not in the graph.
    await store.ingest(g, { interactions: [], accounts: unevenIds.filter((id) => id !== 'u13').map((id) => ({ id, properties: {} })) });
    const a = queuedAnalysis(g);
    await createRunning(store, a);
    t.same(await store.writeResult(a.id, toColumnar(unevenResult(1)), new Date().toISOString(), TEST_OWNER), { browserView: 'failed' }, label);
    t.match(await store.getAnalysis(a.id), { status: 'succeeded', browserView: 'failed' }, `${label}: the result is stored, its view failed`);
    t.equal((await store.listNiches(a.id, { limit: 100, offset: 0 })).total, 6, `${label}: the routes read the stored result`);
    const left = await driver.executeQuery(`MATCH (n:Niche {analysisId: $id}) RETURN count(n) AS n`, { id: a.id }, { database });
    t.equal(Number(left.records[0]?.get('n')), 0, `${label}: nothing of the view staged is left`);
    t.same(await membershipCounts(driver, g, a.id), { memberships: 0, accounts: 0, ranks: 0 });
    t.ok((await store.browserViewsToWrite(Date.now())).includes(a.id), `${label}: to be written again`);

    await store.ingest(g, { interactions: [], accounts: [{ id: 'u13', properties: {} }] });
    t.equal(await store.materializeBrowserView(a.id, 'another-process'), 'written', `${label}: written again from the stored result`);
    t.match(await store.getAnalysis(a.id), { status: 'succeeded', browserView: 'written' });
    t.same(await membershipCounts(driver, g, a.id), { memberships: 20, accounts: 20, ranks: 20 }, `${label}: exactly once`);
    t.equal(await store.materializeBrowserView(a.id, 'another-process'), 'held', `${label}: a written view is not written twice`);
    t.notOk((await store.browserViewsToWrite(Date.now())).includes(a.id));
  }
});
