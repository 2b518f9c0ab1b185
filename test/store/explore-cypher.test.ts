/**
 * Every query of cypher/explore.cypher runs as-is against the real server after a
 * writeResult, with its one parameter (as `:param` would set it in Neo4j Browser).
 */
import t from 'tap';
import { CypherFiles } from '../../src/store/cypher-files.js';
import { newGraph, openStore, queuedAnalysis, smallGraphInteractions, smallResult, createRunning, TEST_OWNER, toColumnar } from './helpers.js';

const { store, driver } = await openStore(t);
const db = { database: process.env.NEO4J_DATABASE ?? 'neo4j' };
const queries = new CypherFiles().statements('explore');

t.test('explore.cypher holds five queries, each with exactly one parameter', async (t) => {
  t.equal(queries.length, 5);
  for (const q of queries) {
    const code = q
      .split('\n')
      .filter((l) => !l.trim().startsWith('//'))
      .join('\n');
    const params = new Set([...code.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]));
    t.equal(params.size, 1, `one parameter: ${[...params].join(', ')}`);
  }
});

t.test('each query returns rows after a writeResult', async (t) => {
  const g = await newGraph(t, store, 'explore');
  await store.ingest(g, { interactions: smallGraphInteractions(), accounts: [] });
  const a = queuedAnalysis(g);
  await createRunning(store, a);
  await store.writeResult(a.id, toColumnar(smallResult()), new Date().toISOString(), TEST_OWNER);

  const [top, circle, bridges, profiles, communities] = queries as [string, string, string, string, string];

  const topRows = await driver.executeQuery(top, { analysisId: a.id }, db);
  t.equal(topRows.records.length, 4, 'two trusted members in each of the two niches');
  t.same(
    topRows.records.map((r) => `${r.get('n').properties.id}:${r.get('a').properties.id}`),
    ['n0:a', 'n0:b', 'n1:d', 'n1:e'],
  );

  const circleRows = await driver.executeQuery(circle, { account: { graphId: g, id: 'c' } }, db);
  const contacts = circleRows.records.map((r) => r.toObject());
  t.same(
    contacts.map((c) => [c.contact, Number(c.events), c.reciprocal, c.sameNiche, c.niche]),
    [
      ['a', 1, false, true, 'n0'],
      ['b', 1, false, true, 'n0'],
      ['d', 1, false, false, 'n0'],
    ],
  );

  const bridgeRows = await driver.executeQuery(bridges, { analysisId: a.id }, db);
  t.same(
    bridgeRows.records.map((r) => [r.get('bridge'), r.get('fromNiche'), r.get('toNiche'), Number(r.get('events'))]),
    [['c', 'n0', 'n1', 1]],
    'c -> d links n0 to n1',
  );

  const profileRows = (await driver.executeQuery(profiles, { analysisId: a.id }, db)).records.map((r) => r.toObject());
  t.same(
    profileRows.map((r) => [r.niche, Number(r.size), r.stability, Number(r.events), r.dominantTypes, r.trusted, r.bridges]),
    [
      ['n0', 3, 0.95, 4, ['reply 75.0%', 'like 25.0%'], ['a', 'b'], ['c -> n1']],
      ['n1', 2, 1, 2, ['reply 100.0%'], ['d', 'e'], []],
    ],
  );

  const communityRows = (await driver.executeQuery(communities, { analysisId: a.id }, db)).records.map((r) => r.toObject());
  t.same(
    communityRows.map((r) => [r.community, Number(r.size), Number(r.nicheCount), Number(r.unassigned), r.largestNiches]),
    [
      ['c0', 3, 1, 0, ['n0 (3: a, b)']],
      ['c1', 2, 1, 0, ['n1 (2: d, e)']],
    ],
    'each community with its niches and their trusted members',
  );
});
