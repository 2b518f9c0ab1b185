/**
 * Reads from the compact form (contract 3): a real analysis of a 9,000-account graph
 * (five members blocks, two index blocks) written to the real Neo4j and read back through
 * every read of the port, against the columnar result in memory: pages across block
 * boundaries, single accounts, the stream of every account, the analysed ties, a niche's
 * internal ties and the niche-level graph.
 */
import t from 'tap';
import { analyseProjection } from '../../src/analysis/analyse.js';
import { memberScore, nicheView } from '../../src/analysis/result-view.js';
import type { AnalysisResult } from '../../src/analysis/types.js';
import type { StoredTie } from '../../src/store/port.js';
import { INDEX_BLOCK, MEMBER_BLOCK } from '../../src/store/result-blocks.js';
import { createRunning, defaultParams, newGraph, openStore, TEST_OWNER, uid } from './helpers.js';

const { store } = await openStore(t);
const graphId = await newGraph(t, store, 'reads');
const N = 9000;
{
  const interactions = [];
  for (let i = 0; i < N; i++) {
    // Rings of 40 with chords to the next ring: niches of ~40 and ties between them; some
    // accounts isolated (the unassigned group).
    if (i % 97 === 0) continue;
    const ring = Math.floor(i / 40) * 40;
    const next = (i + 1) % 40;
    interactions.push({ id: null, source: `a${i}`, target: `a${ring + next}`, type: i % 3 === 0 ? 'reply' : 'mention', weight: 1 + (i % 4), timestamp: 1_700_000_000_000 + i * 1000 });
    interactions.push({ id: null, source: `a${ring + next}`, target: `a${i}`, type: 'reply', weight: 1, timestamp: null });
    if (i % 10 === 0) interactions.push({ id: null, source: `a${i}`, target: `a${(i + 45) % N}`, type: 'share', weight: 1, timestamp: null });
  }
  // And 50 accounts without any interaction: the unassigned group.
  const accounts = [...Array.from({ length: N }, (_, i) => ({ id: `a${i}`, properties: {} })), ...Array.from({ length: 50 }, (_, i) => ({ id: `z${i}`, properties: {} }))];
  await store.ingest(graphId, { interactions: interactions.filter((x) => x.source !== x.target), accounts });
}
const projected = await store.project(graphId, { typeWeights: {}, from: null, to: null, minWeight: 0 });
const result: AnalysisResult = analyseProjection(projected!.table, { resolution: 1, seed: 3, topK: 5, runs: 1, centralities: ['coreNumber'] });
const analysisId = uid('an');
await createRunning(store, { id: analysisId, graphId, status: 'queued', params: defaultParams, createdAt: new Date().toISOString(), startedAt: null, finishedAt: null, error: null, summary: null });
await store.writeResult(analysisId, result, new Date().toISOString(), TEST_OWNER);
const { niches, accounts } = result;

t.test('the fixture spans several blocks of each kind', async (t) => {
  t.ok(accounts.count > 4 * MEMBER_BLOCK && accounts.count > INDEX_BLOCK, `${accounts.count} accounts`);
  t.ok(niches.unassignedRow >= 0, 'an unassigned group');
  t.ok(result.ties.count > result.ties.nicheStarts[niches.count]!, 'ties between niches');
});

t.test('niche pages', async (t) => {
  const all = [];
  for (let offset = 0; offset < niches.count; offset += 50) all.push(...(await store.listNiches(analysisId, { limit: 50, offset })).items);
  t.same(all, Array.from({ length: niches.count }, (_, r) => nicheView(result, r)));
});

t.test('member pages across block boundaries, every niche', async (t) => {
  let checked = 0;
  for (let r = 0; r < niches.count; r++) {
    const size = niches.size[r] as number;
    const expected = Array.from(niches.members.subarray(niches.memberStarts[r], niches.memberStarts[r + 1]), (i, rank) => ({ ...memberScore(result, i), rank }));
    const limit = r === niches.unassignedRow ? 37 : 17;
    for (let offset = 0; offset < size; offset += limit) {
      const page = await store.listMembers(analysisId, niches.ids[r] as string, { limit, offset });
      if (!t.same(page, { total: size, items: expected.slice(offset, offset + limit) }, `${niches.ids[r]} @${offset}`)) return;
      checked += page?.items.length ?? 0;
    }
  }
  t.equal(checked, accounts.count, 'every member read once');
  t.same(await store.listMembers(analysisId, 'n99999', { limit: 5, offset: 0 }), null);
});

t.test('single accounts, first and last of each index block', async (t) => {
  for (const i of [0, 1, INDEX_BLOCK - 1, INDEX_BLOCK, accounts.count - 1, 4242]) {
    const row = niches.ids[accounts.niche[i] as number] as string;
    t.same(await store.getAccountResult(analysisId, accounts.ids[i] as string), {
      accountId: accounts.ids[i],
      nicheId: row,
      nicheSize: niches.size[accounts.niche[i] as number],
      unassigned: accounts.niche[i] === niches.unassignedRow,
      member: { ...memberScore(result, i), rank: accounts.rank[i] },
    });
  }
  t.equal(await store.getAccountResult(analysisId, 'nobody'), null);
  t.equal(await store.getAccountResult(analysisId, '0'), null, 'before the first id');
  t.equal(await store.getAccountResult(uid('nope'), 'a1'), null);
});

t.test('every account, niche by niche in rank order', async (t) => {
  const stream = await store.accountResults(analysisId);
  let p = 0;
  let same = true;
  for await (const row of stream!) {
    const i = niches.members[p] as number;
    if (row.accountId !== accounts.ids[i] || row.member.rank !== accounts.rank[i] || row.member.score !== accounts.score[i] || row.nicheId !== niches.ids[accounts.niche[i] as number]) same = false;
    p++;
  }
  t.ok(same, 'same order and values');
  t.equal(p, accounts.count);
  t.equal(await store.accountResults(uid('nope')), null);
});

const tie = (k: number): StoredTie => ({
  source: accounts.ids[result.ties.source[k] as number] as string,
  target: accounts.ids[result.ties.target[k] as number] as string,
  sourceIndex: result.ties.source[k] as number,
  targetIndex: result.ties.target[k] as number,
  weight: result.ties.weight[k] as number,
  reciprocated: result.ties.reciprocated[k] as number,
});

t.test('the analysed ties', async (t) => {
  const read: StoredTie[] = [];
  for await (const batch of (await store.ties(analysisId))!) read.push(...batch);
  t.equal(read.length, result.summary.edges);
  t.same(read, Array.from({ length: result.ties.count }, (_, k) => tie(k)));
  const n0 = await store.nicheTies(analysisId, 'n0');
  t.same(n0, Array.from({ length: (result.ties.nicheStarts[1] as number) - (result.ties.nicheStarts[0] as number) }, (_, k) => tie(k)));
  t.ok(n0!.length >= (niches.size[0] as number) - 1, 'a niche is connected');
  t.equal(await store.nicheTies(analysisId, 'n99999'), null);
});

t.test('the niche-level graph', async (t) => {
  const graph = await store.nicheGraph(analysisId);
  t.same(graph?.niches, Array.from({ length: niches.count }, (_, r) => ({ id: niches.ids[r], size: niches.size[r], unassigned: r === niches.unassignedRow })));
  const expected = new Map<string, { weight: number; ties: number }>();
  for (let k = result.ties.nicheStarts[niches.count] as number; k < result.ties.count; k++) {
    const rows = [accounts.niche[result.ties.source[k] as number] as number, accounts.niche[result.ties.target[k] as number] as number].sort((x, y) => x - y);
    const key = `${niches.ids[rows[0]!]}-${niches.ids[rows[1]!]}`;
    const link = expected.get(key) ?? { weight: 0, ties: 0 };
    link.weight += result.ties.weight[k] as number;
    link.ties++;
    expected.set(key, link);
  }
  t.equal(graph?.links.length, expected.size);
  t.ok(graph?.links.every((l) => { const e = expected.get(`${l.source}-${l.target}`); return e !== undefined && e.ties === l.ties && Math.abs(e.weight - l.weight) < 1e-9; }), 'every link, weight and count');
});
