import t from 'tap';
import { startTestApp, uniqueId } from '../helpers/app.js';

const ctx = await startTestApp();
t.teardown(() => ctx.close());
const { app } = ctx;

/** Two dense groups joined by one weak tie, with one account no one interacts with positively. */
function twoGroups() {
  const interactions: Array<Record<string, unknown>> = [];
  const group = (prefix: string) => ['1', '2', '3', '4', '5'].map((n) => `${prefix}${n}`);
  for (const members of [group('a'), group('b')]) {
    for (const s of members) for (const tg of members) if (s !== tg) interactions.push({ source: s, target: tg, type: 'reply' });
    // The first member is the one everyone comes back to.
    for (const s of members.slice(1)) interactions.push({ source: s, target: members[0], type: 'mention', weight: 3 });
  }
  interactions.push({ source: 'a5', target: 'b5', type: 'share', timestamp: '2026-01-01T00:00:00Z' });
  interactions.push({ source: 'a2', target: 'b2', type: 'rating', weight: -5 });
  return { interactions, accounts: [{ id: 'loner' }] };
}

async function graphWith(batch: object): Promise<string> {
  const id = uniqueId('a');
  await app.inject({ method: 'POST', url: '/v1/graphs', payload: { id, name: id } });
  const res = await app.inject({ method: 'POST', url: `/v1/graphs/${id}/interactions`, payload: batch });
  if (res.statusCode !== 200) throw new Error(res.body);
  t.teardown(async () => {
    await app.inject({ method: 'DELETE', url: `/v1/graphs/${id}` });
  });
  return id;
}

const g = await graphWith(twoGroups());

t.test('an analysis runs off the request path and is polled to success', async (t) => {
  const res = await app.inject({ method: 'POST', url: `/v1/graphs/${g}/analyses`, payload: { seed: 3 } });
  t.equal(res.statusCode, 202);
  const created = res.json();
  t.equal(res.headers.location, `/v1/analyses/${created.id}`);
  t.match(created, { graphId: g, status: /queued|running|succeeded/, params: { resolution: 1, seed: 3, topK: 10, minWeight: 0, from: null, to: null } });
  const done = (await app.inject({ url: `/v1/analyses/${created.id}?wait=30` })).json();
  t.equal(done.status, 'succeeded');
  t.match(done, { summary: { accounts: 11, niches: 3 }, finishedAt: String });
  t.ok(done.summary.modularity > 0.3, `modularity ${done.summary.modularity}`);
});

t.test('?wait=N answers 200 with the finished analysis; results read back', async (t) => {
  const res = await app.inject({ method: 'POST', url: `/v1/graphs/${g}/analyses?wait=30`, payload: { topK: 2 } });
  t.equal(res.statusCode, 200);
  const analysis = res.json();
  t.equal(analysis.status, 'succeeded');

  const niches = (await app.inject({ url: `/v1/analyses/${analysis.id}/niches` })).json();
  t.equal(niches.total, 3);
  t.same(niches.items.map((n: { size: number }) => n.size), [5, 5, 1], 'largest first, the loner alone');
  const [first] = niches.items;
  t.equal(first.trusted.length, 2, 'topK trusted');
  t.equal(first.density, 1);
  t.ok(first.conductance > 0 && first.conductance < 0.1, `conductance ${first.conductance}`);
  const hubs = niches.items.slice(0, 2).map((n: { trusted: Array<{ accountId: string }> }) => n.trusted[0]?.accountId).sort();
  t.same(hubs, ['a1', 'b1'], 'the member everyone comes back to is the most trusted');

  const members = (await app.inject({ url: `/v1/analyses/${analysis.id}/niches/${first.id}/members?limit=2&offset=1` })).json();
  t.equal(members.total, 5);
  t.equal(members.items.length, 2);
  t.equal(members.items[0].rank, 1, 'ranks are 0-based: offset 1 is rank 1');
  t.ok(members.items[0].score >= members.items[1].score, 'highest score first');

  const account = (await app.inject({ url: `/v1/analyses/${analysis.id}/accounts/b2` })).json();
  t.match(account, { accountId: 'b2', niche: { size: 5 }, scores: { negativeInStrength: 5 } });
  const rated = (await app.inject({ url: `/v1/analyses/${analysis.id}/accounts/b2` })).json();
  t.ok(rated.scores.score <= rated.scores.pagerank, 'a negative rating never raises the score');
  const loner = (await app.inject({ url: `/v1/analyses/${analysis.id}/accounts/loner` })).json();
  t.equal(loner.niche.size, 1, 'every account is in a niche, possibly of one');

  t.equal((await app.inject({ url: `/v1/analyses/${analysis.id}/accounts/nobody` })).statusCode, 404);
  t.equal((await app.inject({ url: `/v1/analyses/${analysis.id}/niches/n99/members` })).statusCode, 404);
  t.match((await app.inject({ url: `/v1/analyses/${analysis.id}/niches/n99/members` })).json(), { code: 'NG_NICHE_NOT_FOUND' });
});

t.test('same data, params and seed give the same niches', async (t) => {
  const run = async (seed: number) => {
    const a = (await app.inject({ method: 'POST', url: `/v1/graphs/${g}/analyses?wait=30`, payload: { seed } })).json();
    const niches = (await app.inject({ url: `/v1/analyses/${a.id}/niches` })).json().items;
    const members = [];
    for (const n of niches) {
      const page = (await app.inject({ url: `/v1/analyses/${a.id}/niches/${n.id}/members?limit=1000` })).json();
      members.push({ id: n.id, members: page.items.map((m: { accountId: string; score: number }) => [m.accountId, m.score]) });
    }
    return members;
  };
  t.same(await run(11), await run(11));
});

t.test('projection parameters: time window, type weights, minWeight', async (t) => {
  const analyse = async (payload: object) =>
    (await app.inject({ method: 'POST', url: `/v1/graphs/${g}/analyses?wait=30`, payload })).json();
  const windowed = await analyse({ from: '2025-12-31T00:00:00Z', to: 1767312000000 });
  t.equal(windowed.status, 'succeeded');
  t.match(windowed.summary, { accounts: 11, edges: 1 }, 'only the timestamped share is inside the window');
  const noReplies = await analyse({ typeWeights: { reply: 0 } });
  t.equal(noReplies.summary.edges, 9, 'replies dropped: 8 mention ties + 1 share');
  const heavy = await analyse({ minWeight: 2 });
  t.equal(heavy.summary.edges, 8, 'only the weight-3 mentions remain');
  t.same(heavy.params.typeWeights, {});
});

t.test('write-back is visible with Cypher', async (t) => {
  const a = (await app.inject({ method: 'POST', url: `/v1/graphs/${g}/analyses?wait=30`, payload: {} })).json();
  const { records } = await ctx.driver.executeQuery(
    `MATCH (acc:Account {graphId: $g})-[m:IN_NICHE {analysisId: $a}]->(n:Niche {analysisId: $a})
     RETURN n.id AS niche, count(acc) AS size ORDER BY size DESC, niche`,
    { g, a: a.id },
  );
  t.same(records.map((r) => Number(r.get('size'))), [5, 5, 1]);
});

t.test('analysis errors', async (t) => {
  const unknownGraph = await app.inject({ method: 'POST', url: '/v1/graphs/nope-nope/analyses', payload: {} });
  t.equal(unknownGraph.statusCode, 404);
  t.match(unknownGraph.json(), { code: 'NG_GRAPH_NOT_FOUND' });
  const bad = await app.inject({ method: 'POST', url: `/v1/graphs/${g}/analyses`, payload: { resolution: 0, topK: 0, seed: -1, typeWeights: { 'Bad Type': 1 } } });
  t.equal(bad.statusCode, 400);
  const fields = new Set(bad.json().errors.map((e: { field: string }) => e.field.split('.')[0]));
  for (const f of ['resolution', 'topK', 'seed', 'typeWeights']) t.ok(fields.has(f), `names ${f}`);
  const window = await app.inject({ method: 'POST', url: `/v1/graphs/${g}/analyses`, payload: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } });
  t.equal(window.statusCode, 400);
  t.match(window.json().errors, [{ field: 'to', message: 'must be later than from' }]);
  const wait = await app.inject({ method: 'POST', url: `/v1/graphs/${g}/analyses?wait=61`, payload: {} });
  t.equal(wait.statusCode, 400);
  t.match(wait.json().errors, [{ in: 'querystring', field: 'wait' }]);
  t.equal((await app.inject({ url: '/v1/analyses/unknown-analysis' })).statusCode, 404);
  t.match((await app.inject({ url: '/v1/analyses/unknown-analysis/niches' })).json(), { code: 'NG_ANALYSIS_NOT_FOUND' });
  const noBody = await app.inject({ method: 'POST', url: `/v1/graphs/${g}/analyses?wait=30` });
  t.equal(noBody.statusCode, 200, 'no body means all defaults');
});

t.test('deleting a graph removes its analyses and niches', async (t) => {
  const id = await graphWith(twoGroups());
  const a = (await app.inject({ method: 'POST', url: `/v1/graphs/${id}/analyses?wait=30`, payload: {} })).json();
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/graphs/${id}` })).statusCode, 204);
  t.equal((await app.inject({ url: `/v1/analyses/${a.id}` })).statusCode, 404);
  const { records } = await ctx.driver.executeQuery(
    'OPTIONAL MATCH (n:Niche {analysisId: $a}) WITH count(n) AS niches OPTIONAL MATCH (acc:Account {graphId: $g}) RETURN niches, count(acc) AS accounts',
    { a: a.id, g: id },
  );
  t.equal(Number(records[0]?.get('niches')), 0);
  t.equal(Number(records[0]?.get('accounts')), 0);
});
