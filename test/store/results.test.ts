import t from 'tap';
import { parseErasureKeys } from '../../src/store/erasure-keys.js';
import { TEST_ERASURE_SECRET } from '../helpers/app.js';
import {
  fiveNicheResult,
  newGraph,
  openStore,
  queuedAnalysis,
  smallGraphInteractions,
  smallResult,
  uid,
  createRunning,
  TEST_OWNER,
  toColumnar,
} from './helpers.js';

const { store, driver } = await openStore(t);
const db = { database: process.env.NEO4J_DATABASE ?? 'neo4j' };

t.test('writeResult, listNiches, listMembers, getAccountResult', async (t) => {
  const g = await newGraph(t, store, 'result');
  await store.ingest(g, { interactions: smallGraphInteractions(), accounts: [] });
  const a = queuedAnalysis(g);
  await createRunning(store, a);
  const result = smallResult();
  await store.writeResult(a.id, toColumnar(result), '2024-02-02T00:00:00.000Z', TEST_OWNER);

  const got = await store.getAnalysis(a.id);
  t.match(got, { status: 'succeeded', finishedAt: '2024-02-02T00:00:00.000Z', error: null });
  t.same(got?.summary, result.summary);

  // Visible with plain Cypher.
  const res = await driver.executeQuery(
    `MATCH (acc:Account)-[m:IN_NICHE]->(n:Niche)-[:OF_ANALYSIS]->(an:Analysis {id: $id})-[:OF_GRAPH]->(g:Graph)
     RETURN n.id AS niche, acc.id AS account, m.rank AS rank, m.score AS score, g.id AS graph
     ORDER BY niche, rank`,
    { id: a.id },
    db,
  );
  t.same(
    res.records.map((r) => [r.get('niche'), r.get('account'), Number(r.get('rank')), r.get('score'), r.get('graph')]),
    [
      ['n0', 'a', 0, 0.5, g],
      ['n0', 'b', 1, 0.3, g],
      ['n0', 'c', 2, 0.2, g],
      ['n1', 'd', 0, 0.6, g],
      ['n1', 'e', 1, 0.4, g],
    ],
  );

  const niches = await store.listNiches(a.id, { limit: 10, offset: 0 });
  t.same(niches.items.map((n) => n.bridges), [[{ accountId: 'c', participation: 0.44, toNiches: ['n1'] }], []], 'bridges round trip');
  t.same(niches, {
    total: 2,
    items: result.niches.map((n) => ({
      id: n.id,
      communityId: n.communityId,
      size: n.size,
      density: n.density,
      conductance: n.conductance,
      trusted: n.trusted,
      unassigned: n.unassigned,
      stability: n.stability,
      reciprocity: n.reciprocity,
      events: n.events,
      firstActivity: n.firstActivity,
      lastActivity: n.lastActivity,
      eventsPerDay: n.eventsPerDay,
      dominantTypes: n.dominantTypes,
      bridges: n.bridges,
    })),
  });
  const second = await store.listNiches(a.id, { limit: 1, offset: 1 });
  t.same(second.items.map((n) => n.id), ['n1']);
  t.equal(second.total, 2);
  t.same(await store.listNiches(uid('nope'), { limit: 10, offset: 0 }), { total: 0, items: [] });

  const members = await store.listMembers(a.id, 'n0', { limit: 2, offset: 1 });
  t.equal(members?.total, 3);
  t.same(
    members?.items,
    result.niches[0]!.members.slice(1, 3).map((m, i) => ({ ...m, rank: i + 1 })),
    'score desc, page 2..3',
  );
  t.equal(await store.listMembers(a.id, 'n9', { limit: 2, offset: 0 }), null, 'unknown niche');
  t.equal(await store.listMembers(uid('nope'), 'n0', { limit: 2, offset: 0 }), null, 'unknown analysis');
  const beyond = await store.listMembers(a.id, 'n1', { limit: 5, offset: 10 });
  t.same(beyond, { total: 2, items: [] });

  const e = await store.getAccountResult(a.id, 'e');
  t.same(e, { accountId: 'e', nicheId: 'n1', nicheSize: 2, unassigned: false, member: { ...result.niches[1]!.members[1]!, rank: 1 } });
  t.equal(await store.getAccountResult(a.id, 'nobody'), null);
  t.equal(await store.getAccountResult(uid('nope'), 'e'), null);

  // Writing again replaces, never duplicates.
  const again = smallResult();
  again.niches[0]!.density = 0.9;
  await store.writeResult(a.id, toColumnar(again), '2024-02-03T00:00:00.000Z', TEST_OWNER);
  const count = await driver.executeQuery(
    `MATCH (n:Niche {analysisId: $id}) OPTIONAL MATCH (n)<-[m:IN_NICHE]-() RETURN count(DISTINCT n) AS niches, count(m) AS members`,
    { id: a.id },
    db,
  );
  t.equal(Number(count.records[0]?.get('niches')), 2);
  t.equal(Number(count.records[0]?.get('members')), 5);
  t.equal((await store.listNiches(a.id, { limit: 10, offset: 0 })).items[0]?.density, 0.9);

  // A second analysis of the same graph keeps its own results.
  const b = queuedAnalysis(g);
  await createRunning(store, b);
  const other = smallResult();
  other.niches[0]!.members[0]!.score = 0.99;
  await store.writeResult(b.id, toColumnar(other), new Date().toISOString(), TEST_OWNER);
  t.equal((await store.getAccountResult(b.id, 'a'))?.member.score, 0.99);
  t.equal((await store.getAccountResult(a.id, 'a'))?.member.score, 0.5);

  await t.rejects(store.writeResult(uid('nope'), toColumnar(smallResult()), 'x', TEST_OWNER), { name: 'StoreNotFoundError' });
});

t.test('the community level: (:Community) nodes linked from their niches, listCommunities, both modularities', async (t) => {
  const g = await newGraph(t, store, 'communities');
  await store.ingest(g, { interactions: smallGraphInteractions(), accounts: [] });
  const a = queuedAnalysis(g);
  await createRunning(store, a);
  // Both niches in one community (c0), with two accounts of it in no niche.
  const result = toColumnar(smallResult());
  result.summary = { ...result.summary, communities: 1, nicheModularity: 0.125 };
  result.niches.community = Int32Array.from([0, 0]);
  result.communities = {
    count: 1,
    ids: ['c0'],
    size: Int32Array.from([7]),
    density: Float64Array.from([0.5]),
    conductance: Float64Array.from([0]),
    nicheStarts: Int32Array.from([0, 2]),
    niches: Int32Array.from([0, 1]),
    unassigned: Int32Array.from([2]),
  };
  await store.writeResult(a.id, result, new Date().toISOString(), TEST_OWNER);

  t.match((await store.getAnalysis(a.id))?.summary, { communities: 1, nicheModularity: 0.125, modularity: 0.25 }, 'both levels in the summary');
  t.same(await store.listCommunities(a.id, { limit: 10, offset: 0 }), {
    total: 1,
    items: [{ id: 'c0', size: 7, density: 0.5, conductance: 0, niches: ['n0', 'n1'], unassigned: 2 }],
  });
  t.same(await store.listCommunities(a.id, { limit: 10, offset: 1 }), { total: 1, items: [] });
  t.same((await store.listNiches(a.id, { limit: 10, offset: 0 })).items.map((n) => n.communityId), ['c0', 'c0']);
  t.same(await store.listCommunities(uid('nope'), { limit: 10, offset: 0 }), { total: 0, items: [] });

  const linked = await driver.executeQuery(
    `MATCH (n:Niche)-[:IN_COMMUNITY]->(c:Community)-[:OF_ANALYSIS]->(:Analysis {id: $id}) RETURN c.id AS community, n.id AS niche ORDER BY niche`,
    { id: a.id },
    db,
  );
  t.same(linked.records.map((r) => [r.get('community'), r.get('niche')]), [['c0', 'n0'], ['c0', 'n1']], 'each niche linked to its community');

  // Written again with one community per niche: replaced, never doubled.
  await store.writeResult(a.id, toColumnar(smallResult()), new Date().toISOString(), TEST_OWNER);
  const again = await driver.executeQuery(
    `MATCH (c:Community {analysisId: $id}) OPTIONAL MATCH (n:Niche)-[l:IN_COMMUNITY]->(c) RETURN c.id AS community, collect(n.id) AS niches ORDER BY community`,
    { id: a.id },
    db,
  );
  t.same(again.records.map((r) => [r.get('community'), r.get('niches')]), [['c0', ['n0']], ['c1', ['n1']]]);
  t.same((await store.listCommunities(a.id, { limit: 10, offset: 0 })).items.map((c) => c.id), ['c0', 'c1'], 'the cached catalogue was dropped');

  // A failed analysis keeps no community rows (a write cut off before its last transaction:
  // its rows are staged, the analysis is still running).
  const b = queuedAnalysis(g);
  await createRunning(store, b);
  await store.writeResult(b.id, toColumnar(smallResult()), new Date().toISOString(), TEST_OWNER);
  await driver.executeQuery(`MATCH (x:Analysis {id: $id}) SET x.status = 'running'`, { id: b.id }, db);
  t.ok(await store.markFailed(b.id, 'cancelled', new Date().toISOString(), TEST_OWNER));
  const left = await driver.executeQuery(`MATCH (c:Community {analysisId: $id}) RETURN count(c) AS n`, { id: b.id }, db);
  t.equal(Number(left.records[0]?.get('n')), 0, 'markFailed discards the communities');
});

t.test('the catalogue block is the record; a result stored before it is read from its nodes', async (t) => {
  const g = await newGraph(t, store, 'catalogue');
  await store.ingest(g, { interactions: smallGraphInteractions(), accounts: [] });
  const a = queuedAnalysis(g);
  await createRunning(store, a);
  await store.writeResult(a.id, toColumnar(smallResult()), new Date().toISOString(), TEST_OWNER);
  const blocks = await driver.executeQuery(`MATCH (b:ResultBlock {analysisId: $id, kind: 'catalogue'}) RETURN count(b) AS n`, { id: a.id }, db);
  t.equal(Number(blocks.records[0]?.get('n')), 1, 'one catalogue block');
  const page = { limit: 10, offset: 0 };
  const niches = await store.listNiches(a.id, page);
  const communities = await store.listCommunities(a.id, page);
  t.equal(niches.total, 2);

  // The nodes alone (as a result written before the catalogue block): the same rows.
  await driver.executeQuery(`MATCH (b:ResultBlock {analysisId: $id, kind: 'catalogue'}) DELETE b`, { id: a.id }, db);
  store.forgetResult(a.id);
  t.same(await store.listNiches(a.id, page), niches, 'niche rows from the nodes');
  t.same(await store.listCommunities(a.id, page), communities, 'community rows from the nodes');

  // The block alone: the same rows (a node edited meanwhile is not what the routes read).
  await store.writeResult(a.id, toColumnar(smallResult()), new Date().toISOString(), TEST_OWNER);
  await driver.executeQuery(`MATCH (n:Niche {analysisId: $id}) SET n.size = 999`, { id: a.id }, db);
  store.forgetResult(a.id);
  t.same(await store.listNiches(a.id, page), niches, 'niche rows from the block');
});

t.test('a community of unassigned accounts only: no (:Community) node, a row of the communities blocks, listed in rank order', async (t) => {
  const g = await newGraph(t, store, 'nicheless');
  await store.ingest(g, { interactions: smallGraphInteractions(), accounts: [] });
  const a = queuedAnalysis(g);
  await createRunning(store, a);
  // c0 holds n0, c1 only accounts of the unassigned group, c2 holds n1.
  const result = toColumnar(smallResult());
  result.summary = { ...result.summary, communities: 3 };
  result.niches.community = Int32Array.from([0, 2]);
  result.communities = {
    count: 3,
    ids: ['c0', 'c1', 'c2'],
    size: Int32Array.from([4, 3, 2]),
    density: Float64Array.from([0.5, 0.25, 1]),
    conductance: Float64Array.from([0.1, 0.2, 0.3]),
    nicheStarts: Int32Array.from([0, 1, 1, 2]),
    niches: Int32Array.from([0, 1]),
    unassigned: Int32Array.from([1, 3, 0]),
  };
  await store.writeResult(a.id, result, new Date().toISOString(), TEST_OWNER);
  t.equal((await store.getAnalysis(a.id))?.status, 'succeeded', 'the completeness check counts the communities that are nodes');
  const items = [
    { id: 'c0', size: 4, density: 0.5, conductance: 0.1, niches: ['n0'], unassigned: 1 },
    { id: 'c1', size: 3, density: 0.25, conductance: 0.2, niches: [], unassigned: 3 },
    { id: 'c2', size: 2, density: 1, conductance: 0.3, niches: ['n1'], unassigned: 0 },
  ];
  t.same(await store.listCommunities(a.id, { limit: 10, offset: 0 }), { total: 3, items });
  t.same(await store.listCommunities(a.id, { limit: 1, offset: 1 }), { total: 3, items: [items[1]] }, 'paged across nodes and blocks');
  const nodes = await driver.executeQuery(`MATCH (c:Community {analysisId: $id}) RETURN c.id AS id ORDER BY c.rank`, { id: a.id }, db);
  t.same(nodes.records.map((r) => r.get('id')), ['c0', 'c2'], 'nodes only for the communities that hold a niche');
  const blocks = await driver.executeQuery(`MATCH (b:ResultBlock {analysisId: $id, kind: 'communities'}) RETURN b.ids AS ids`, { id: a.id }, db);
  t.same(blocks.records.map((r) => r.get('ids')), [['c1']]);

  // Discarded with the other blocks when the analysis fails after a staged write.
  const b = queuedAnalysis(g);
  await createRunning(store, b);
  await store.writeResult(b.id, result, new Date().toISOString(), TEST_OWNER);
  await driver.executeQuery(`MATCH (x:Analysis {id: $id}) SET x.status = 'running'`, { id: b.id }, db);
  t.ok(await store.markFailed(b.id, 'cancelled', new Date().toISOString(), TEST_OWNER));
  const left = await driver.executeQuery(`MATCH (x:ResultBlock {analysisId: $id}) RETURN count(x) AS n`, { id: b.id }, db);
  t.equal(Number(left.records[0]?.get('n')), 0, 'no communities block left');

  // Erasing a member of n0 redacts c0 (a node); c1, in the blocks, is untouched by the redaction.
  const { store: erasing } = await openStore(t, { erasureKeys: parseErasureKeys(TEST_ERASURE_SECRET) });
  t.same((await erasing.eraseAccount(g, 'a'))?.redactedAnalyses, [a.id]);
  t.same((await erasing.listCommunities(a.id, { limit: 10, offset: 0 })).items, [{ ...items[0], size: 3, redacted: true }, items[1], items[2]]);
});

t.test('writeResult with many members uses several chunks', async (t) => {
  const { store: small } = await openStore(t, { chunkSize: 3, resultChunkSize: 3 });
  const g = await newGraph(t, small, 'chunks');
  const ids = Array.from({ length: 10 }, (_, i) => `m${i}`);
  await small.ingest(g, { interactions: [], accounts: ids.map((id) => ({ id, properties: {} })) });
  const a = queuedAnalysis(g);
  await createRunning(small, a);
  await small.writeResult(a.id, toColumnar(fiveNicheResult(1)), new Date().toISOString(), TEST_OWNER);
  const niches = await small.listNiches(a.id, { limit: 100, offset: 0 });
  t.same(niches.items.map((n) => n.id), ['n0', 'n1', 'n2', 'n3', 'n4']);
  const m4 = await small.listMembers(a.id, 'n4', { limit: 10, offset: 0 });
  t.same(m4?.items.map((m) => m.accountId), ['m8', 'm9']);
});
