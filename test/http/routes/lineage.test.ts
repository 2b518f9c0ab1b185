/**
 * Lineage between analyses, stable niche ids and the time decay through the API and the
 * real Neo4j (issue 12 items 2-4, 7): a planted niche that splits between two windows, a
 * circle that stays, the default and explicit baselines, ids never reused, the CONTINUES
 * relationships and a niche's history (explore.cypher), the time decay and the request
 * errors that name their field.
 */
import t from 'tap';
import { CypherFiles } from '../../../src/store/cypher-files.js';
import { generateEvolvingNiche } from '../../../src/synthetic/evolving-niche.js';
import { startTestApp, uniqueId } from '../../helpers/app.js';

const ctx = await startTestApp();
t.teardown(() => ctx.close());
const { app, driver, config } = ctx;

const evo = generateEvolvingNiche({ size: 24 });
/** A circle of 8 that talks in both windows (a niche that continues). */
function circle(from: string, days: number, tag: string) {
  const members = Array.from({ length: 8 }, (_, i) => `stay-${i}`);
  const out = [];
  let k = 0;
  for (const s of members) for (const tg of members) if (s !== tg) out.push({ id: `${tag}-${k}`, source: s, target: tg, type: 'reply', timestamp: new Date(Date.parse(from) + ((k++ * 3_600_000) % (days * 86_400_000))).toISOString() });
  return out;
}

async function newGraph(): Promise<string> {
  const id = uniqueId('lin');
  // No assertion out of a subtest: tap would end the root test (and run its teardown) before the awaits below.
  const created = await app.inject({ method: 'POST', url: '/v1/graphs', payload: { id, name: id } });
  if (created.statusCode !== 201) throw new Error(created.body);
  const interactions = [...evo.before.interactions, ...evo.after.interactions, ...circle(evo.before.from, 30, 'c1'), ...circle(evo.after.from, 30, 'c2')];
  const res = await app.inject({ method: 'POST', url: `/v1/graphs/${id}/interactions`, payload: { interactions } });
  if (res.statusCode !== 200) throw new Error(res.body);
  t.teardown(async () => {
    await app.inject({ method: 'DELETE', url: `/v1/graphs/${id}` });
  });
  return id;
}

async function analyse(graphId: string, body: object) {
  const res = await app.inject({ method: 'POST', url: `/v1/graphs/${graphId}/analyses?wait=60`, payload: body });
  const a = res.json();
  if (a.status !== 'succeeded') throw new Error(`analysis did not succeed: ${res.body}`);
  return a;
}

type Niche = { id: string; size: number; unassigned: boolean; lineage?: { baselineAnalysisId: string; event: string; from: Array<{ nicheId: string; jaccard: number }> } | null };
async function niches(analysisId: string): Promise<Niche[]> {
  return (await app.inject({ url: `/v1/analyses/${analysisId}/niches?limit=100` })).json().items;
}
async function membersOf(analysisId: string, nicheId: string): Promise<string[]> {
  return (await app.inject({ url: `/v1/analyses/${analysisId}/niches/${nicheId}/members?limit=100` })).json().items.map((m: { accountId: string }) => m.accountId).sort();
}

const g = await newGraph();
const first = await analyse(g, { to: evo.before.to });
const second = await analyse(g, { from: evo.after.from });

t.test('the first analysis of a graph has no baseline; its niches get the first ids', async (t) => {
  t.notOk(first.lineage, 'no lineage');
  const found = await niches(first.id);
  t.same(found.filter((n) => !n.unassigned).map((n) => [n.id, n.size]), [['n0', 24], ['n1', 8]], 'the planted niche and the circle');
  t.ok(found.every((n) => n.lineage === undefined), 'no niche carries lineage');
});

t.test('the second window: by default the first is the baseline; the planted niche split, the circle continued', async (t) => {
  t.equal(second.lineage?.baselineAnalysisId, first.id, 'default baseline: the latest earlier succeeded analysis with the same projection params but the window');
  t.same(second.lineage.events, { continued: 1, grown: 0, shrunk: 0, split: 2, merged: 0, born: 0, dissolved: 0 });
  t.same(second.lineage.dissolved, []);
  const found = (await niches(second.id)).filter((n) => !n.unassigned);
  t.equal(found.length, 3);
  const halves = found.filter((n) => n.lineage?.event === 'split');
  t.equal(halves.length, 2);
  t.same(halves.map((n) => n.size), [12, 12]);
  t.ok(halves.every((n) => n.lineage?.from.length === 1 && n.lineage.from[0]?.nicheId === 'n0' && n.lineage.from[0].jaccard === 0.5), 'each half relates to n0 with Jaccard 12/24');
  t.same(halves.map((n) => n.id).sort(), ['n0', 'n2'], 'one half keeps the id; the other gets the next id never used in the graph');
  const halfMembers = [await membersOf(second.id, 'n0'), await membersOf(second.id, 'n2')].sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
  t.same(halfMembers, [...evo.halves].map((h) => [...h].sort()), 'the halves are the planted ones');
  const stay = found.find((n) => n.size === 8);
  t.same(stay, { ...stay, id: 'n1', lineage: { baselineAnalysisId: first.id, event: 'continued', from: [{ nicheId: 'n1', jaccard: 1 }] } }, 'the circle keeps its id');
});

t.test('a re-run of the same window with another seed keeps every id', async (t) => {
  const again = await analyse(g, { from: evo.after.from, seed: 7 });
  t.equal(again.lineage.baselineAnalysisId, second.id);
  t.same(again.lineage.events, { continued: 3, grown: 0, shrunk: 0, split: 0, merged: 0, born: 0, dissolved: 0 });
  t.same((await niches(again.id)).filter((n) => !n.unassigned).map((n) => n.id).sort(), ['n0', 'n1', 'n2']);
});

t.test('an explicit baseline, or none; other projection params find no default baseline', async (t) => {
  const explicit = await analyse(g, { from: evo.after.from, baseline: first.id, warmStart: false });
  t.equal(explicit.lineage.baselineAnalysisId, first.id);
  t.match(explicit.params, { baseline: first.id, warmStart: false });
  const none = await analyse(g, { to: evo.before.to, baseline: null });
  t.notOk(none.lineage);
  const ids = (await niches(none.id)).filter((n) => !n.unassigned).map((n) => Number(n.id.slice(1)));
  t.ok(ids.every((k) => k >= 3), `without a baseline every niche is new: ${ids.join(', ')} (n0..n2 were used)`);
  const otherWeights = await analyse(g, { typeWeights: { reply: 2 } });
  t.notOk(otherWeights.lineage, 'other typeWeights: no default baseline');
});

t.test('lineage in Neo4j: (:Niche)-[:CONTINUES {jaccard, event, keepsId}]->(:Niche) of the baseline', async (t) => {
  const res = await driver.executeQuery(
    `MATCH (n:Niche {analysisId: $a})-[c:CONTINUES]->(b:Niche) RETURN n.id AS niche, b.analysisId AS baseline, b.id AS from, c.jaccard AS jaccard, c.event AS event, c.keepsId AS keepsId ORDER BY niche`,
    { a: second.id },
    { database: config.NEO4J_DATABASE },
  );
  t.same(
    res.records.map((r) => r.toObject()),
    [
      { niche: 'n0', baseline: first.id, from: 'n0', jaccard: 0.5, event: 'split', keepsId: true },
      { niche: 'n1', baseline: first.id, from: 'n1', jaccard: 1, event: 'continued', keepsId: true },
      { niche: 'n2', baseline: first.id, from: 'n0', jaccard: 0.5, event: 'split', keepsId: false },
    ],
  );
  // explore.cypher query 6, a niche's history, from the first analysis' n0: itself, then both halves.
  const history = new CypherFiles().statements('explore')[5] as string;
  const rows = await driver.executeQuery(history, { niche: { analysisId: first.id, id: 'n0' } }, { database: config.NEO4J_DATABASE });
  t.same(
    rows.records
      .filter((r) => r.get('analysis') === first.id || r.get('analysis') === second.id)
      .map((r) => [r.get('analysis'), r.get('niche'), Number(r.get('size')), r.get('event'), r.get('from'), r.get('jaccard'), r.get('keptId')]),
    [
      [first.id, 'n0', 24, null, null, null, null],
      [second.id, 'n0', 12, 'split', 'n0', 0.5, true],
      [second.id, 'n2', 12, 'split', 'n0', 0.5, false],
    ],
  );
  t.ok(rows.records.slice(3).every((r) => r.get('analysedAt') >= second.createdAt), 'the later analyses that continue the halves follow, oldest first');
});

t.test("a baseline's view written after its successor's: its CONTINUES links are made then", async (t) => {
  const continues = async () =>
    (
      await driver.executeQuery(
        'MATCH (n:Niche {analysisId: $a})-[c:CONTINUES]->(b:Niche {analysisId: $b}) RETURN n.id AS niche, b.id AS from, c.jaccard AS jaccard, c.event AS event, c.keepsId AS keepsId ORDER BY niche',
        { a: second.id, b: first.id },
        { database: config.NEO4J_DATABASE },
      )
    ).records.map((r) => r.toObject());
  const before = await continues();
  t.equal(before.length, 3, 'the second analysis continues the first');
  // Both views written; then the first's as if its materialization had given up: a later one
  // removes its nodes (and with them the links into them) and writes them again, after the
  // second analysis' view, whose own lineage transactions are long done.
  for (let i = 0; i < 600 && (await ctx.store.getAnalysis(first.id))?.browserView !== 'written'; i++) await new Promise((r) => setTimeout(r, 50));
  await driver.executeQuery("MATCH (a:Analysis {id: $id}) SET a.browserView = 'failed'", { id: first.id }, { database: config.NEO4J_DATABASE });
  t.equal(await ctx.store.materializeBrowserView(first.id, 'lineage-test'), 'written');
  t.same(await continues(), before, 'the same links, made from the later niches');
});

t.test('request errors name their field', async (t) => {
  const bad = async (body: object) => {
    const res = await app.inject({ method: 'POST', url: `/v1/graphs/${g}/analyses`, payload: body });
    t.equal(res.statusCode, 400, `400 for ${JSON.stringify(body)}`);
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    return res.json();
  };
  t.match(await bad({ baseline: 'no-such-analysis' }), { code: 'NG_VALIDATION', errors: [{ field: 'baseline', message: /does not exist/ }] });
  const other = await newGraph();
  const elsewhere = await analyse(other, { topK: 1 });
  t.match(await bad({ baseline: elsewhere.id }), { errors: [{ field: 'baseline', pointer: '/baseline', message: new RegExp(`is of graph '${other}'`) }] });
  const queued = uniqueId('queued');
  await ctx.store.createAnalysis({ id: queued, graphId: g, status: 'queued', params: first.params, createdAt: new Date().toISOString(), startedAt: null, finishedAt: null, error: null, summary: null }, { owner: 'timeline-test', until: null });
  t.match(await bad({ baseline: queued }), { errors: [{ field: 'baseline', message: /is queued/ }] });
  await ctx.store.markFailed(queued, 'test', new Date().toISOString(), 'timeline-test');
  t.match(await bad({ baseline: 'not an id!' }), { errors: [{ field: 'baseline' }] });
  t.match(await bad({ halfLife: '30 days' }), { errors: [{ field: 'halfLife', pointer: '/halfLife', message: /ISO 8601 duration/ }] });
  t.match(await bad({ halfLife: 'P0D' }), { errors: [{ field: 'halfLife' }] });
});

t.test('halfLife: recorded in params, part of the projection (and of the default-baseline match)', async (t) => {
  const decayed = await analyse(g, { halfLife: 'P7D' });
  t.equal(decayed.params.halfLife, 'P7D');
  t.notOk(decayed.lineage, 'no earlier analysis with halfLife P7D');
  // With a one-week half-life from the latest interaction (end of the second window), the
  // first window weighs about 2^-4 of the second: the planted niche reads as its two halves.
  const found = (await niches(decayed.id)).filter((n) => !n.unassigned);
  t.same(found.map((n) => n.size).sort((a, b) => a - b), [8, 12, 12]);
  const again = await analyse(g, { halfLife: 'P1W' });
  t.equal(again.lineage?.baselineAnalysisId, decayed.id, 'P1W is P7D');
  t.equal(again.projection.cached, true, 'the same projection, from the cache');
});
