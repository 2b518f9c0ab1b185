/**
 * The right to erasure against the real Neo4j: DELETE /v1/graphs/{graphId}/accounts/{accountId}
 * removes the account, its interactions and every trace in stored results (checked in Neo4j
 * directly, through the results routes and through the reads exports use), the ETags
 * change, later uploads in each format suppress it, it is idempotent, a graph without
 * results works, and the id reaches no log line.
 */
import t from 'tap';
import { startTestApp, uniqueId } from '../../helpers/app.js';

const logLines: string[] = [];
const ctx = await startTestApp({}, { logLines });
t.teardown(() => ctx.close());
const { app, driver, store } = ctx;

// A distinctive id, new in each run, so that a scan for it cannot match anything else
// (the scan covers every idempotency record and ledger entry of the database).
const ERASED = uniqueId('erase-me');

/** Three reciprocal cliques of 6; ERASED is in the first, the strongest there, and tied to the second. */
function cliques(): Array<{ id: string; source: string; target: string; type: string; weight?: number }> {
  const out: Array<{ id: string; source: string; target: string; type: string; weight?: number }> = [];
  let k = 0;
  for (const p of ['a', 'b', 'c']) {
    const members = Array.from({ length: 6 }, (_, i) => (p === 'a' && i === 0 ? ERASED : `${p}${i}`));
    for (const s of members) for (const d of members) if (s !== d) out.push({ id: `e${k++}`, source: s, target: d, type: 'reply', weight: s === ERASED || d === ERASED ? 3 : 1 });
  }
  out.push({ id: `e${k++}`, source: ERASED, target: 'b0', type: 'mention' });
  out.push({ id: `e${k++}`, source: 'b0', target: ERASED, type: 'mention' });
  out.push({ id: `e${k++}`, source: 'a1', target: 'c0', type: 'mention' });
  return out;
}

async function newGraph(prefix: string): Promise<string> {
  const g = uniqueId(prefix);
  const res = await app.inject({ method: 'POST', url: '/v1/graphs', payload: { id: g, name: g } });
  if (res.statusCode !== 201) throw new Error(res.body);
  t.teardown(() => app.inject({ method: 'DELETE', url: `/v1/graphs/${g}` }).then(() => {}));
  return g;
}

/** Every node of the graph (and every ledger and idempotency record) holding the id in a string or a list of strings. */
async function tracesInNeo4j(g: string, id: string): Promise<string[]> {
  const { records } = await driver.executeQuery(
    `MATCH (n) WHERE n.graphId = $g OR n:Erasure OR n:IdempotencyKey
     WITH n, [k IN keys(n) WHERE (n[k] IS :: STRING AND n[k] CONTAINS $id) OR (n[k] IS :: LIST<STRING> AND any(v IN n[k] WHERE v CONTAINS $id))] AS hits
     WHERE size(hits) > 0
     RETURN labels(n)[0] + '.' + hits[0] AS trace
     UNION
     MATCH ()-[r]->() WHERE r.graphId = $g OR r.analysisId IS NOT NULL
     WITH r, [k IN keys(r) WHERE (r[k] IS :: STRING AND r[k] CONTAINS $id) OR (r[k] IS :: LIST<STRING> AND any(v IN r[k] WHERE v CONTAINS $id))] AS hits
     WHERE size(hits) > 0
     RETURN type(r) + '.' + hits[0] AS trace`,
    { g, id },
  );
  return records.map((r) => String(r.get('trace')));
}

async function interactionsOf(g: string, id: string): Promise<number> {
  const { records } = await driver.executeQuery('MATCH (:Account {graphId: $g, id: $id})-[r:INTERACTED]-() RETURN count(r) AS n', { g, id });
  return Number(records[0]?.get('n'));
}

async function readAll(analysisId: string) {
  const niches = (await app.inject({ url: `/v1/analyses/${analysisId}/niches?limit=1000` })).json() as { items: Array<Record<string, unknown> & { id: string; size: number }> };
  const members: Array<Record<string, unknown>> = [];
  for (const n of niches.items) {
    const page = (await app.inject({ url: `/v1/analyses/${analysisId}/niches/${n.id}/members?limit=1000` })).json() as { items: Array<Record<string, unknown>> };
    members.push(...page.items);
  }
  const exported: unknown[] = [];
  for await (const row of (await store.accountResults(analysisId))!) exported.push(row);
  for await (const batch of (await store.ties(analysisId))!) exported.push(...batch);
  for (const n of niches.items) exported.push(await store.nicheTies(analysisId, n.id));
  exported.push(await store.nicheGraph(analysisId));
  // The explorer's routes: every export format, the niche graph, the account graph, ambassadors.
  const urls = [...['ndjson', 'csv', 'gexf', 'graphml'].map((f) => `export?format=${f}`), 'niche-graph', 'graph', 'ambassadors'];
  for (const url of urls) {
    const res = await app.inject({ url: `/v1/analyses/${analysisId}/${url}` });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    exported.push(res.body);
  }
  return { niches: niches.items, members, exported };
}

t.test('every trace of the account goes; the result stays whole; ETags change', async (t) => {
  const g = await newGraph('erase');
  const batch = cliques();
  t.equal((await app.inject({ method: 'POST', url: `/v1/graphs/${g}/interactions`, payload: { interactions: batch }, headers: { 'idempotency-key': uniqueId('k') } })).statusCode, 200);
  // An idempotency record whose answer names the account (a graph named after it).
  const named = await app.inject({ method: 'POST', url: '/v1/graphs', payload: { id: uniqueId("named"), name: ERASED }, headers: { 'idempotency-key': uniqueId('n') } });
  t.equal(named.statusCode, 201);
  t.teardown(() => app.inject({ method: 'DELETE', url: `/v1/graphs/${named.json().id}` }).then(() => {}));
  const analysis = (await app.inject({ method: 'POST', url: `/v1/graphs/${g}/analyses?wait=60`, payload: { seed: 7, runs: 2, topK: 2 } })).json();
  t.equal(analysis.status, 'succeeded');

  const before = await readAll(analysis.id);
  type CommunityRow = { id: string; size: number; niches: string[]; unassigned: number; redacted?: boolean };
  const communities = async (): Promise<CommunityRow[]> => (await app.inject({ url: `/v1/analyses/${analysis.id}/communities?limit=100` })).json().items as CommunityRow[];
  const communitiesBefore = await communities();
  t.ok(JSON.stringify(before).includes(ERASED), 'the account is in the result before');
  const home = before.niches.find((n) => JSON.stringify(n).includes(ERASED))!;
  t.ok(home, 'its niche lists it (trusted)');
  const tagBefore = (await app.inject({ url: `/v1/analyses/${analysis.id}/niches?limit=1000` })).headers.etag as string;
  t.ok((await tracesInNeo4j(g, ERASED)).length > 0, 'Neo4j holds it before');

  const res = await app.inject({ method: 'DELETE', url: `/v1/graphs/${g}/accounts/${ERASED}` });
  t.equal(res.statusCode, 204);
  t.equal(res.body, '');

  t.same(await tracesInNeo4j(g, ERASED), [], 'no node or relationship of the graph, the ledger or the idempotency records holds the id');
  t.equal(await interactionsOf(g, ERASED), 0);
  const { records } = await driver.executeQuery('MATCH (a:Account {graphId: $g, id: $id}) RETURN count(a) AS n', { g, id: ERASED });
  t.equal(Number(records[0]?.get('n')), 0, 'the account node is gone');
  const ledger = await driver.executeQuery('MATCH (e:Erasure {graphId: $g}) RETURN e.hash AS hash, e.completedAt AS done', { g });
  t.equal(ledger.records.length, 1, 'one ledger entry');
  t.match(String(ledger.records[0]?.get('hash')), /^[0-9a-f]{64}$/, 'named by its HMAC');
  t.ok(ledger.records[0]?.get('done'), 'complete');

  const after = await readAll(analysis.id);
  t.notOk(JSON.stringify(after).includes(ERASED), 'no results page, member page, export (any format), niche ties, niche or account graph or ambassadors list names it');
  t.equal((await app.inject({ url: `/v1/analyses/${analysis.id}/accounts/${ERASED}` })).statusCode, 404, "its account result: 404");
  const sizes = after.niches.reduce((s, n) => s + n.size, 0);
  t.equal(sizes, 17, 'the niches hold the 17 others');
  t.equal(after.members.length, 17, 'and list them');
  const redacted = after.niches.find((n) => n.id === home.id)!;
  t.equal(redacted.redacted, true, 'its niche is marked redacted');
  t.equal(redacted.size, home.size - 1);
  t.equal((redacted.trusted as unknown[]).length, Math.min(2, redacted.size), 'its trusted list is topK again (the next member moved up)');
  // Its community: one member fewer, marked; the others as they were; sizes add up to the niches' and unassigned accounts.
  const communitiesAfter = await communities();
  const homeCommunity = communitiesBefore.find((c) => c.niches.includes(home.id))!;
  t.ok(homeCommunity, 'its niche lies in a community');
  for (const c of communitiesBefore) {
    const now = communitiesAfter.find((x) => x.id === c.id)!;
    if (c.id === homeCommunity.id) t.same(now, { ...c, size: c.size - 1, redacted: true }, `its community ${c.id}: one account fewer, redacted`);
    else t.same(now, c, `community ${c.id} unchanged`);
  }
  t.equal(communitiesAfter.reduce((n, c) => n + c.size, 0), 17, 'the communities hold the 17 others');
  const ranks = after.members.filter((m) => (m as { rank: number }).rank >= 0).length;
  t.equal(ranks, 17);
  const homeMembers = (await app.inject({ url: `/v1/analyses/${analysis.id}/niches/${home.id}/members?limit=100` })).json().items as Array<{ rank: number }>;
  t.same(homeMembers.map((m) => m.rank), homeMembers.map((_, i) => i), 'ranks close up');
  const record = (await app.inject({ url: `/v1/analyses/${analysis.id}` })).json();
  t.equal(record.erasures, 1, 'the analysis counts the erasure');
  t.equal(record.summary.accounts, 17);
  const niche = await app.inject({ url: `/v1/analyses/${analysis.id}/niches?limit=1000`, headers: { 'if-none-match': tagBefore } });
  t.equal(niche.statusCode, 200, 'the old ETag no longer matches');
  t.not(niche.headers.etag, tagBefore);

  // Browser's view: IN_NICHE ranks close up, the first three trusted members have a membership.
  const browser = await driver.executeQuery(
    'MATCH (a:Account)-[m:IN_NICHE]->(n:Niche {analysisId: $id}) WHERE a.id IN n.trustedIds RETURN n.id AS niche, collect(m.rank) AS ranks',
    { id: analysis.id },
  );
  for (const r of browser.records) {
    const trusted = after.niches.find((n) => n.id === r.get('niche'))!;
    t.equal((r.get('ranks') as unknown[]).length, Math.min(3, (trusted.trusted as unknown[]).length), `niche ${String(r.get('niche'))}: the first three trusted members have their IN_NICHE`);
  }

  t.notOk(logLines.some((l) => l.includes(ERASED)), 'no log line names the account');
  t.ok(logLines.some((l) => l.includes('account erased') && /"erasure":"[0-9a-f]{16}"/.test(l)), 'the erasure is logged by its HMAC');

  // A new analysis sees a graph without it.
  const again = (await app.inject({ method: 'POST', url: `/v1/graphs/${g}/analyses?wait=60`, payload: { seed: 7, runs: 2, topK: 2 } })).json();
  t.equal(again.summary.accounts, 17);
  t.notOk(again.erasures, 'a fresh analysis has nothing redacted');
});

t.test('later uploads naming it store none of its interactions, in every format, and say so', async (t) => {
  const g = await newGraph('suppress');
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/graphs/${g}/accounts/${ERASED}` })).statusCode, 204, 'an account not (yet) in the graph: 204, and erased from then on');
  const json = await app.inject({
    method: 'POST',
    url: `/v1/graphs/${g}/interactions`,
    payload: {
      interactions: [
        { source: 'p', target: 'q' },
        { id: 'x1', source: ERASED, target: 'q' },
        { id: 'x1', source: ERASED, target: 'q' },
        { source: 'q', target: ERASED },
      ],
      accounts: [{ id: ERASED, properties: { handle: 'secret' } }, { id: 'p' }],
    },
  });
  t.same(json.json(), { received: 4, stored: 1, duplicates: 0, suppressed: 3 });
  const ndjson = await app.inject({
    method: 'POST',
    url: `/v1/graphs/${g}/interactions`,
    headers: { 'content-type': 'application/x-ndjson' },
    payload: `{"source":"p","target":"r"}\n{"source":"${ERASED}","target":"r"}\n`,
  });
  t.match(ndjson.json(), { received: 2, stored: 1, suppressed: 1 });
  const csv = await app.inject({ method: 'POST', url: `/v1/graphs/${g}/interactions`, headers: { 'content-type': 'text/csv' }, payload: `source,target\nr,${ERASED}\nr,p\n` });
  t.match(csv.json(), { received: 2, stored: 1, suppressed: 1 });
  const graph = (await app.inject({ url: `/v1/graphs/${g}` })).json();
  t.match(graph, { accounts: 3, interactions: 3 }, 'p, q, r and their three interactions only');
  t.same(await tracesInNeo4j(g, ERASED), []);
});

t.test('idempotent: again, unknown account, unknown graph; a graph without results', async (t) => {
  const g = await newGraph('idem');
  await app.inject({ method: 'POST', url: `/v1/graphs/${g}/interactions`, payload: { interactions: [{ source: 'u', target: 'v' }, { source: 'v', target: 'u' }, { source: 'v', target: 'w' }] } });
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/graphs/${g}/accounts/v` })).statusCode, 204, 'a graph without results');
  t.match((await app.inject({ url: `/v1/graphs/${g}` })).json(), { accounts: 2, interactions: 0 });
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/graphs/${g}/accounts/v` })).statusCode, 204, 'already erased: 204');
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/graphs/${g}/accounts/nobody` })).statusCode, 204, 'unknown account: 204');
  const { records } = await driver.executeQuery('MATCH (e:Erasure {graphId: $g}) RETURN count(e) AS n', { g });
  t.equal(Number(records[0]?.get('n')), 2, 'one ledger entry per account, however often erased');
  const unknown = await app.inject({ method: 'DELETE', url: `/v1/graphs/${uniqueId('nope')}/accounts/v` });
  t.equal(unknown.statusCode, 404);
  t.equal(unknown.json().code, 'NG_GRAPH_NOT_FOUND');
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/graphs/${g}/accounts/${'x'.repeat(257)}` })).statusCode, 400, 'an id longer than any account id: 400');
});
