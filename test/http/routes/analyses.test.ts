import t from 'tap';
import { startTestApp, uniqueId } from '../../helpers/app.js';

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
  t.match(created, { graphId: g, status: /queued|running|succeeded/, params: { resolution: null, seed: 3, topK: 10, minWeight: 0, from: null, to: null, runs: 2, minNicheSize: 3, nicheSize: null } });
  const done = (await app.inject({ url: `/v1/analyses/${created.id}?wait=30` })).json();
  t.equal(done.status, 'succeeded');
  t.match(done, { summary: { accounts: 11, niches: 2, unassigned: 1, runs: 2, resolution: 1, louvainDisconnected: 0 }, finishedAt: String });
  t.ok(done.summary.modularity > 0.3, `modularity ${done.summary.modularity}`);
});

t.test('?wait=N answers 200 with the finished analysis; results read back', async (t) => {
  const res = await app.inject({ method: 'POST', url: `/v1/graphs/${g}/analyses?wait=30`, payload: { topK: 2 } });
  t.equal(res.statusCode, 200);
  const analysis = res.json();
  t.equal(analysis.status, 'succeeded');

  const niches = (await app.inject({ url: `/v1/analyses/${analysis.id}/niches` })).json();
  t.equal(niches.total, 3);
  t.same(niches.items.map((n: { size: number }) => n.size), [5, 5, 1], 'largest first, the loner last');
  t.same(niches.items.map((n: { id: string; unassigned: boolean }) => [n.id, n.unassigned]), [['n0', false], ['n1', false], ['unassigned', true]]);
  t.equal(niches.items[0].stability, 1, 'two dense groups: every run finds them');
  t.same(niches.items[0].dominantTypes, [
    { type: 'reply', share: 20 / 24 },
    { type: 'mention', share: 4 / 24 },
  ], '20 replies and 4 mentions inside each group');
  t.equal(niches.items[0].events, 24);
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
  t.ok(members.items.every((m: { topTies: unknown[] }) => m.topTies.every((x) => typeof x === 'string')), 'compact ties: ids only');
  t.ok(members.items.every((m: { role: string }) => typeof m.role === 'string'));

  const account = (await app.inject({ url: `/v1/analyses/${analysis.id}/accounts/b2` })).json();
  t.match(account, { accountId: 'b2', niche: { size: 5 }, scores: { negativeInStrength: 5 } });
  const rated = (await app.inject({ url: `/v1/analyses/${analysis.id}/accounts/b2` })).json();
  t.ok(rated.scores.positiveShare < 1, 'a negative rating lowers the positive share');
  t.ok(Math.abs(rated.scores.score - rated.scores.centrality * rated.scores.ties * rated.scores.positiveShare) < 1e-12, 'score = product of its components');
  t.equal(rated.scores.topTies.length, 3, 'its three strongest reciprocal ties');
  t.match(rated.scores.topTies[0], { accountId: 'b1', sameNiche: true }, 'b1: the mutual tie with the extra mentions');
  t.match(rated.explanation, /^score [0-9.]+ = centrality .* positive share 0\.[0-9]+; .*strongest reciprocal ties: b1, /);
  const loner = (await app.inject({ url: `/v1/analyses/${analysis.id}/accounts/loner` })).json();
  t.match(loner.niche, { id: 'unassigned', size: 1, unassigned: true }, 'every account is listed, in the unassigned group if needed');
  t.match(loner.explanation, /^in no niche/);

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
  const first = await run(11);
  t.same(await run(11), first);
  t.same(await run(12), first, 'consensus: another seed, the same niche ids, members and scores here');
});

t.test('runs, minNicheSize and a niche-size band are honoured', async (t) => {
  const plain = (await app.inject({ method: 'POST', url: `/v1/graphs/${g}/analyses?wait=30`, payload: { runs: 1, minNicheSize: 1 } })).json();
  t.match(plain.summary, { runs: 1, consensusRounds: 0, niches: 3, unassigned: 0 }, 'the loner is a niche of one when minNicheSize is 1');
  t.match(plain.params, { runs: 1, minNicheSize: 1, nicheSize: null });
  const band = (await app.inject({ method: 'POST', url: `/v1/graphs/${g}/analyses?wait=30`, payload: { nicheSize: { min: 4, max: 6 } } })).json();
  t.equal(band.status, 'succeeded');
  t.match(band.params, { nicheSize: { min: 4, max: 6 } });
  t.match(band.summary, { niches: 2 }, 'the two groups of 5');
  t.ok(band.summary.resolution > 0);
  const badBand = await app.inject({ method: 'POST', url: `/v1/graphs/${g}/analyses`, payload: { nicheSize: { min: 10, max: 5 } } });
  t.equal(badBand.statusCode, 400);
  t.match(badBand.json(), { code: 'NG_VALIDATION', errors: [{ field: 'nicheSize.max', message: 'must be >= nicheSize.min' }] });
  const badRuns = await app.inject({ method: 'POST', url: `/v1/graphs/${g}/analyses`, payload: { runs: 0 } });
  t.equal(badRuns.statusCode, 400);
  t.match(badRuns.json().errors, [{ field: 'runs' }]);
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
  const decayed = await analyse({ halfLife: 'P1D' });
  t.equal(decayed.params.halfLife, 'P1D');
  t.match(decayed.summary, { edges: 1 }, 'a time decay leaves out the interactions without a timestamp');
});

t.test('write-back is visible with Cypher', async (t) => {
  const a = (await app.inject({ method: 'POST', url: `/v1/graphs/${g}/analyses?wait=30`, payload: {} })).json();
  const { records } = await ctx.driver.executeQuery(
    `MATCH (acc:Account {graphId: $g})-[m:IN_NICHE {analysisId: $a}]->(n:Niche {analysisId: $a})
     RETURN n.id AS niche, count(acc) AS size ORDER BY size DESC, niche`,
    { g, a: a.id },
  );
  // writeBack 'compact': IN_NICHE for the first three trusted members of each niche (topK 10
  // trusts all five; no member is a bridge here), none for the unassigned group, whose member
  // is in the blocks only (its node has no memberIds list: it is not a niche).
  t.same(records.map((r) => Number(r.get('size'))), [3, 3]);
  const niches = await ctx.driver.executeQuery(
    'MATCH (n:Niche {analysisId: $a}) RETURN n.id AS niche, coalesce(size(n.memberIds), 0) AS size ORDER BY n.rank',
    { a: a.id },
  );
  // Niche ids are stable across the graph's analyses, not ranks (issue 12): whichever ids, in rank order.
  t.same(niches.records.map((r) => Number(r.get('size'))), [5, 5, 0]);
  t.match(niches.records.map((r) => r.get('niche')), [/^n\d+$/, /^n\d+$/, 'unassigned']);
  t.not(niches.records[0]?.get('niche'), niches.records[1]?.get('niche'));
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
  for (const halfLife of ['30 days', 'P0D', 'PT', 'P1001Y']) {
    const decay = await app.inject({ method: 'POST', url: `/v1/graphs/${g}/analyses`, payload: { halfLife } });
    t.equal(decay.statusCode, 400, `halfLife ${halfLife}`);
    t.match(decay.json().errors, [{ field: 'halfLife', pointer: '/halfLife', message: /ISO 8601 duration/ }]);
  }
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

t.test('extra centralities are reported per member and per account when asked', async (t) => {
  const res = await app.inject({
    method: 'POST',
    url: `/v1/graphs/${g}/analyses?wait=30`,
    payload: { runs: 1, centralities: ['coreNumber', 'betweenness', 'inDegree'] },
  });
  t.equal(res.statusCode, 200);
  const a = res.json();
  t.same(a.params.centralities, ['coreNumber', 'betweenness', 'inDegree']);
  const largest = (await app.inject({ url: `/v1/analyses/${a.id}/niches?limit=1` })).json().items[0].id;
  const members = (await app.inject({ url: `/v1/analyses/${a.id}/niches/${largest}/members` })).json();
  for (const m of members.items) t.same(Object.keys(m.centralities).sort(), ['betweenness', 'coreNumber', 'inDegree']);
  const hub = (await app.inject({ url: `/v1/analyses/${a.id}/accounts/a1` })).json();
  // a1 receives from its 4 group mates; a5 -> b5 is the only bridge, so a1 lies on no shortest path to b.
  t.equal(hub.scores.centralities.inDegree, 4);
  t.equal(hub.scores.centralities.coreNumber, 4);
  const bridge = (await app.inject({ url: `/v1/analyses/${a.id}/accounts/a5` })).json();
  t.ok(bridge.scores.centralities.betweenness > hub.scores.centralities.betweenness, 'the bridge end has the highest betweenness');

  const plain = (await app.inject({ method: 'POST', url: `/v1/graphs/${g}/analyses?wait=30`, payload: { runs: 1 } })).json();
  const plainMember = (await app.inject({ url: `/v1/analyses/${plain.id}/accounts/a1` })).json();
  t.notOk('centralities' in plainMember.scores, 'absent when not asked');

  const bad = await app.inject({ method: 'POST', url: `/v1/graphs/${g}/analyses`, payload: { centralities: ['closeness'] } });
  t.equal(bad.statusCode, 400);
  t.match(bad.json().errors, [{ field: 'centralities[0]' }]);
});
