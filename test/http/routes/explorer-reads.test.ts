/**
 * The reads the explorer and bulk readers use, through HTTP on the real Neo4j: exports in
 * four formats (parsed back; GEXF and GraphML by Debian's NetworkX), the niche-level graph,
 * a niche's ties, the account graph and the ambassadors, on a seeded synthetic conversation
 * graph with planted niches and broadcasters; all of them read the result as it was stored,
 * so they still show what the analysis saw after more interactions arrive, and a result
 * stored before ties carried their reciprocated weight still exports and draws (the
 * ambassadors answer 409 NG_TIES_UNAVAILABLE for it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import createClient from 'openapi-fetch';
import t from 'tap';
import type { paths } from '../../../src/client/openapi-types.js';
import { generateConversationGraph } from '../../../src/synthetic/conversation-graph.js';
import { DEBIAN_PYTHON, ensureDebianPython } from '../../../scripts/debian-python.js';
import { decodeTieBlock } from '../../../src/store/result-blocks.js';
import { versionOneTieBlock } from '../../helpers/tie-blocks.js';
import { finishedAnalysis, startTestApp, uniqueId } from '../../helpers/app.js';

ensureDebianPython('tests', ['networkx'], ['python3-networkx']);
const READER = fileURLToPath(new URL('../../exports/read_exports.py', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'nichegraph-reads-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const ctx = await startTestApp();
t.teardown(() => ctx.close());
const { app, driver, config } = ctx;

const synthetic = generateConversationGraph({ seed: 3, accounts: 400, niches: 8, minNicheSize: 20, maxNicheSize: 80, interactions: 9000, broadcasters: 2, trolls: 2 });
const graphId = uniqueId('reads');
t.teardown(async () => {
  await app.inject({ method: 'DELETE', url: `/v1/graphs/${graphId}` });
});
// Set-up outside any test: a failure throws (and fails the file) rather than asserting.
function expect(ok: boolean, what: string): void {
  if (!ok) throw new Error(`set-up failed: ${what}`);
}
expect((await app.inject({ method: 'POST', url: '/v1/graphs', payload: { id: graphId, name: 'reads' } })).statusCode === 201, 'create graph');
const ingest = await app.inject({
  method: 'POST',
  url: `/v1/graphs/${graphId}/interactions`,
  payload: { interactions: synthetic.interactions, accounts: synthetic.accounts },
});
expect(ingest.statusCode === 200, ingest.body.slice(0, 300));
const analysis = await finishedAnalysis(app, graphId, { seed: 42 });
expect(analysis.status === 'succeeded', `analysis: ${analysis.error ?? analysis.status}`);
const base = `/v1/analyses/${analysis.id}`;
const niches = (await app.inject(`${base}/niches?limit=1000`)).json();

function readBack(format: string, body: string): any {
  const path = join(dir, `export.${format}`);
  writeFileSync(path, body);
  const run = spawnSync(DEBIAN_PYTHON, [READER, format, path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

t.test('NDJSON and CSV exports: one row per account, niche by niche in rank order', async (t) => {
  const nd = await app.inject(`${base}/export?format=ndjson`);
  t.equal(nd.statusCode, 200);
  t.match(nd.headers['content-type'], /application\/x-ndjson/);
  t.match(nd.headers['content-disposition'], new RegExp(`attachment; filename="nichegraph-${analysis.id}.ndjson"`));
  const rows = readBack('ndjson', nd.body).rows;
  t.equal(rows.length, analysis.summary.accounts);
  t.same(Object.keys(rows[0]), ['accountId', 'nicheId', 'communityId', 'rank', 'score', 'role', 'confidence', 'centrality', 'ties', 'positiveShare', 'reciprocity', 'repeat', 'embeddedness', 'withinDegreeZ', 'participation', 'unassigned']);
  // The first niche's rows are its members in rank order, as the members route says.
  const n0 = (await app.inject(`${base}/niches/n0/members?limit=1000`)).json();
  t.same(rows.slice(0, n0.total).map((r: any) => r.accountId), n0.items.map((m: any) => m.accountId));
  t.same(rows.slice(0, n0.total).map((r: any) => r.rank), n0.items.map((m: any) => m.rank));
  t.ok(rows.slice(0, n0.total).every((r: any) => r.nicheId === 'n0'));
  const csv = await app.inject(`${base}/export?format=csv`);
  t.match(csv.headers['content-type'], /text\/csv/);
  const csvRows = readBack('csv', csv.body).rows;
  t.equal(csvRows.length, rows.length);
  t.equal(Number(csvRows[5].score), rows[5].score, 'numbers exact in CSV');
});

for (const format of ['gexf', 'graphml']) {
  t.test(`${format} export: NetworkX reads every account and every analysed tie`, async (t) => {
    const res = await app.inject(`${base}/export?format=${format}`);
    t.equal(res.statusCode, 200);
    const g = readBack(format, res.body);
    t.equal(Object.keys(g.nodes).length, analysis.summary.accounts);
    t.equal(g.edges.length, analysis.summary.edges, 'one edge per undirected positive pair the analysis saw');
    const top = niches.items[0].trusted[0];
    t.equal(g.nodes[top.accountId].nicheId, 'n0');
    t.ok(Math.abs(g.nodes[top.accountId].score - top.score) < 1e-9);
  });
}

t.test('export problems: bad format names the field; unknown analysis 404', async (t) => {
  const bad = await app.inject(`${base}/export?format=xlsx`);
  t.equal(bad.statusCode, 400);
  t.match(bad.json().errors[0].field, /format/);
  const missing = await app.inject('/v1/analyses/no-such-analysis/export?format=csv');
  t.equal(missing.statusCode, 404);
  t.equal(missing.json().code, 'NG_ANALYSIS_NOT_FOUND');
});

t.test('niche-level graph: every niche once, links between distinct niches, communities cover the niches', async (t) => {
  const res = await app.inject(`${base}/niche-graph`);
  t.equal(res.statusCode, 200);
  const g = res.json();
  t.same(g.niches.map((n: any) => n.id), niches.items.map((n: any) => n.id));
  t.same(g.niches.map((n: any) => n.size), niches.items.map((n: any) => n.size));
  const ids = new Set(g.niches.map((n: any) => n.id));
  for (const l of g.links) {
    t.ok(ids.has(l.source) && ids.has(l.target) && l.source !== l.target);
    t.ok(l.weight > 0 && l.ties >= 1);
  }
  for (let i = 1; i < g.links.length; i++) t.ok(g.links[i].weight <= g.links[i - 1].weight, 'strongest first');
  const inCommunities = g.communities.reduce((s: number, c: any) => s + c.niches, 0);
  t.equal(inCommunities, niches.items.filter((n: any) => !n.unassigned).length);
  t.equal((await app.inject(`${base}/niche-graph?maxLinks=2`)).json().links.length, Math.min(2, g.totalLinks));
});

t.test("a niche's ties join two of its members, strongest first; the account graph holds every account and tie", async (t) => {
  const members = new Set((await app.inject(`${base}/niches/n1/members?limit=1000`)).json().items.map((m: any) => m.accountId));
  const ties = (await app.inject(`${base}/niches/n1/ties?limit=10000`)).json();
  t.ok(ties.total > members.size / 2, `${ties.total} ties in a niche of ${members.size}`);
  for (const tie of ties.items) t.ok(members.has(tie.source) && members.has(tie.target));
  for (let i = 1; i < ties.items.length; i++) t.ok(ties.items[i].weight <= ties.items[i - 1].weight);
  t.equal((await app.inject(`${base}/niches/nope/ties`)).json().code, 'NG_NICHE_NOT_FOUND');
  const whole = (await app.inject(`${base}/graph`)).json();
  t.equal(whole.accounts.id.length, analysis.summary.accounts);
  t.equal(whole.ties.source.length, analysis.summary.edges);
  const tooSmall = await app.inject(`${base}/graph?maxAccounts=10`);
  t.equal(tooSmall.statusCode, 422);
  t.equal(tooSmall.json().code, 'NG_GRAPH_TOO_LARGE');
});

t.test('ambassadors: prefix-consistent, spread over niches, no broadcaster, each with why', async (t) => {
  const ten = (await app.inject(`${base}/ambassadors?budget=10`)).json();
  const three = (await app.inject(`${base}/ambassadors?budget=3`)).json();
  t.equal(ten.items.length, 10);
  t.same(three.items.map((a: any) => a.accountId), ten.items.slice(0, 3).map((a: any) => a.accountId), 'budget 3 = the first 3 of budget 10');
  const broadcasters = new Set(synthetic.planted.broadcasters);
  t.ok(ten.items.every((a: any) => !broadcasters.has(a.accountId) && a.role !== 'broadcaster'), 'no broadcaster');
  const plantedNiches = synthetic.planted.niches.length;
  const first = ten.items.slice(0, plantedNiches);
  const spread = new Set(first.map((a: any) => a.nicheId)).size;
  t.ok(spread >= plantedNiches - 2, `the first ${plantedNiches} picks sit in ${spread} distinct niches`);
  t.equal(ten.items.at(-1).reached, ten.reached);
  for (const a of ten.items) t.match(a.why, /by trust in n\d+/);
  t.equal(ten.items[0].position, 1);

  const inNiche = (await app.inject(`${base}/ambassadors?budget=5&niche=n0`)).json();
  const n0 = new Set((await app.inject(`${base}/niches/n0/members?limit=1000`)).json().items.map((m: any) => m.accountId));
  t.equal(inNiche.scope.kind, 'niche');
  t.ok(inNiche.items.length > 0 && inNiche.items.every((a: any) => n0.has(a.accountId)), 'chosen among the niche only');
  const community = niches.items[0] && (await app.inject(`${base}/niche-graph`)).json().communities[0].id;
  const inCommunity = (await app.inject(`${base}/ambassadors?budget=5&community=${community}`)).json();
  t.equal(inCommunity.scope.kind, 'community');
  t.ok(inCommunity.items.every((a: any) => a.communityId === community));

  const both = await app.inject(`${base}/ambassadors?niche=n0&community=${community}`);
  t.equal(both.statusCode, 400);
  t.equal(both.json().errors[0].field, 'community');
  t.equal((await app.inject(`${base}/ambassadors?niche=n999`)).json().code, 'NG_NICHE_NOT_FOUND');
  t.equal((await app.inject(`${base}/ambassadors?budget=0`)).statusCode, 400);
});

t.test('the generated client (openapi-fetch + openapi-types.ts) reads an export and the ambassadors', async (t) => {
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const client = createClient<paths>({ baseUrl: address });
  const exported = await client.GET('/v1/analyses/{analysisId}/export', {
    params: { path: { analysisId: analysis.id }, query: { format: 'ndjson' } },
    parseAs: 'text',
  });
  t.equal(exported.response.status, 200);
  const lines = (exported.data as string).trim().split('\n');
  t.equal(lines.length, analysis.summary.accounts);
  t.equal(JSON.parse(lines[0]!).nicheId, 'n0');
  const ambassadors = await client.GET('/v1/analyses/{analysisId}/ambassadors', { params: { path: { analysisId: analysis.id }, query: { budget: 2 } } });
  t.equal(ambassadors.data?.items.length, 2);
  const bad = await client.GET('/v1/analyses/{analysisId}/export', { params: { path: { analysisId: 'missing' }, query: { format: 'csv' } } });
  t.equal(bad.response.status, 404);
  t.equal(bad.error?.code, 'NG_ANALYSIS_NOT_FOUND');
});

t.test('after more interactions arrive, every read still shows exactly what the analysis saw', async (t) => {
  const before = {
    ndjson: (await app.inject(`${base}/export?format=ndjson`)).body,
    graphml: (await app.inject(`${base}/export?format=graphml`)).body,
    nicheGraph: (await app.inject(`${base}/niche-graph`)).json(),
    ties: (await app.inject(`${base}/niches/n0/ties?limit=10000`)).json(),
    graph: (await app.inject(`${base}/graph`)).json(),
    ambassadors: (await app.inject(`${base}/ambassadors?budget=20`)).json(),
  };
  // New accounts, and new ties between the members of n0 and everyone.
  const n0 = (await app.inject(`${base}/niches/n0/members?limit=1000`)).json().items.map((m: any) => m.accountId);
  const more = [];
  for (let i = 0; i < 300; i++) more.push({ source: `late-${i}`, target: n0[i % n0.length], type: 'reply', weight: 3 });
  for (let i = 0; i + 1 < n0.length; i++) more.push({ source: n0[i], target: synthetic.accounts[(i * 7) % synthetic.accounts.length]!.id, type: 'reply', weight: 5 });
  const ingested = await app.inject({ method: 'POST', url: `/v1/graphs/${graphId}/interactions`, payload: { interactions: more.filter((x) => x.source !== x.target) } });
  t.equal(ingested.statusCode, 200);
  t.equal((await app.inject(`${base}/export?format=ndjson`)).body, before.ndjson, 'NDJSON export unchanged');
  const graphml = await app.inject(`${base}/export?format=graphml`);
  t.equal(graphml.statusCode, 200, 'GraphML still served (the ties are stored with the result)');
  t.equal(graphml.body, before.graphml, 'GraphML export unchanged');
  t.same((await app.inject(`${base}/niche-graph`)).json(), before.nicheGraph, 'niche graph unchanged');
  t.same((await app.inject(`${base}/niches/n0/ties?limit=10000`)).json(), before.ties, "n0's ties unchanged");
  t.same((await app.inject(`${base}/graph`)).json(), before.graph, 'account graph unchanged');
  t.same((await app.inject(`${base}/ambassadors?budget=20`)).json(), before.ambassadors, 'ambassadors unchanged');
});

t.test('a result stored before ties carried their reciprocated weight: exports and maps read, ambassadors answer 409', async (t) => {
  const older = await finishedAnalysis(app, graphId, { seed: 7 });
  t.equal(older.status, 'succeeded');
  const at = `/v1/analyses/${older.id}`;
  // Rewrite its ties blocks as version 1 wrote them, and drop what this process cached of it.
  const blocks = await driver.executeQuery("MATCH (b:ResultBlock {analysisId: $id, kind: 'ties'}) RETURN b.seq AS seq, b.data AS data", { id: older.id }, { database: config.NEO4J_DATABASE });
  t.ok(blocks.records.length > 0);
  for (const r of blocks.records) {
    const block = decodeTieBlock(Number(r.get('seq')), r.get('data'));
    t.not(block.reciprocated, null, 'written with reciprocated weights');
    await driver.executeQuery(
      "MATCH (b:ResultBlock {analysisId: $id, kind: 'ties', seq: $seq}) SET b.data = $data",
      { id: older.id, seq: r.get('seq'), data: versionOneTieBlock(block.source, block.target, block.weight) },
      { database: config.NEO4J_DATABASE },
    );
  }
  ctx.store.forgetResult(older.id);
  const ties = (await app.inject(`${at}/niches/n0/ties?limit=10000`)).json();
  t.ok(ties.total > 0 && ties.items.every((x: any) => x.reciprocated === null), 'niche ties without reciprocated weight');
  const whole = (await app.inject(`${at}/graph`)).json();
  t.equal(whole.ties.source.length, older.summary.edges);
  t.notOk('reciprocated' in whole.ties, 'no reciprocated column');
  const gexf = readBack('gexf', (await app.inject(`${at}/export?format=gexf`)).body);
  t.equal(gexf.edges.length, older.summary.edges, 'GEXF export with every tie');
  const ambassadors = await app.inject(`${at}/ambassadors?budget=5`);
  t.equal(ambassadors.statusCode, 409);
  t.equal(ambassadors.json().code, 'NG_TIES_UNAVAILABLE');
  t.match(ambassadors.json().detail, /run the analysis again/);
});
