/**
 * The columnar result against the object-per-member assembly it replaced
 * (reference/object-assembly.ts, the code of commit 9e8fba7): same partition and
 * centralities in, the objects result-view.ts builds from the columns must equal the
 * reference's, number for number, on graphs with types, timestamps, signs, broadcasters,
 * bridges and an unassigned group. Then the invariants of the columns themselves.
 */
import t from 'tap';
import { assembleResult, sortByScoreDescending } from '../../src/analysis/assemble.js';
import { createRng } from '../../src/analysis/random.js';
import { rankByScore } from '../../src/analysis/trust.js';
import { findNiches } from '../../src/analysis/niches.js';
import { computeCentralities, type CentralityName } from '../../src/analysis/centrality/select.js';
import { buildCompactGraph } from '../../src/analysis/compact-graph.js';
import { pairTableFromProjection } from '../../src/analysis/pair-table.js';
import { communityPagerank, globalPagerank } from '../../src/analysis/pagerank.js';
import { accountRoles } from '../../src/analysis/roles.js';
import { tieWeights, tieWeightsInput } from '../../src/analysis/tie-strength.js';
import { communityView, nicheResults } from '../../src/analysis/result-view.js';
import type { AnalysisResult, Projection, ProjectedPair } from '../../src/analysis/types.js';
import { generateConversationGraph } from '../../src/synthetic/conversation-graph.js';
import { loadBitcoinOtc, loadEmailEuCore, loadKarateClub, toProjection } from '../helpers/datasets.js';
import { referenceNiches } from './reference/object-assembly.js';

/** The synthetic conversation graph aggregated per pair, with types and timestamps. */
function syntheticProjection(accounts: number, interactions: number): Projection {
  const g = generateConversationGraph({ accounts, interactions, niches: Math.max(2, Math.round(accounts / 75)) });
  const pairs = new Map<string, ProjectedPair & { types: Record<string, number> }>();
  for (const i of g.interactions) {
    if (i.source === i.target) continue;
    const key = `${i.source}\u0000${i.target}`;
    let p = pairs.get(key);
    if (!p) {
      p = { source: i.source, target: i.target, positive: 0, negative: 0, count: 0, types: {}, firstTs: null, lastTs: null };
      pairs.set(key, p);
    }
    if (i.weight >= 0) p.positive += i.weight;
    else p.negative -= i.weight;
    p.count++;
    p.types[i.type] = (p.types[i.type] ?? 0) + 1;
    const ts = Date.parse(i.timestamp);
    p.firstTs = p.firstTs === null || p.firstTs === undefined ? ts : Math.min(p.firstTs, ts);
    p.lastTs = p.lastTs === null || p.lastTs === undefined ? ts : Math.max(p.lastTs, ts);
  }
  const sorted = [...pairs.values()].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
  return { accounts: g.accounts.map((a) => a.id), pairs: sorted };
}

function bitcoinProjection(): Projection {
  return toProjection(loadBitcoinOtc().map((r) => ({ source: r.source, target: r.target, weight: r.rating })));
}

interface Case {
  name: string;
  projection: () => Projection;
  runs: number;
  topK: number;
  minNicheSize: number;
  centralities?: CentralityName[];
}

const cases: Case[] = [
  { name: 'karate, minNicheSize 5, extra centralities', projection: () => toProjection(loadKarateClub().edges, { undirected: true }), runs: 3, topK: 2, minNicheSize: 5, centralities: ['coreNumber', 'hubs'] },
  { name: 'email-eu-core', projection: () => { const e = loadEmailEuCore(); return toProjection(e.edges, { accounts: e.departments.keys() }); }, runs: 3, topK: 5, minNicheSize: 3 },
  { name: 'bitcoin-otc (signed)', projection: bitcoinProjection, runs: 2, topK: 10, minNicheSize: 3 },
  { name: 'synthetic conversations (types, timestamps)', projection: () => syntheticProjection(1500, 30_000), runs: 2, topK: 10, minNicheSize: 10 },
];

function run(c: Case): { columns: AnalysisResult; reference: ReturnType<typeof referenceNiches> } {
  const table = pairTableFromProjection(c.projection());
  const graph = buildCompactGraph(table);
  const partition = findNiches(graph, { seed: 5, runs: c.runs, resolution: null, nicheSize: null });
  const summary = { modularity: partition.summary.communityModularity, nicheModularity: partition.summary.nicheModularity, resolution: partition.summary.nicheResolution, runs: c.runs, consensusRounds: partition.summary.consensusRounds, louvainDisconnected: partition.summary.louvainDisconnected };
  const global = globalPagerank(graph);
  const within = communityPagerank(graph, partition.niche, partition.nicheCount);
  const extra = c.centralities ? computeCentralities(graph, c.centralities, 5) : null;
  // Two of the cases give within-niche PageRank and the roles as functions, and the
  // partition's figures as getters (as analyse.ts does, to compute them meanwhile on a
  // helper thread): each must be read only after within-niche PageRank is asked for, once.
  let asked = 0;
  let rolesAsked = 0;
  const late = <T>(name: string, value: T): T => {
    if (asked === 0) throw new Error(`${name} read before the steps that do not need it were done`);
    return value;
  };
  const lazy = c.runs === 2;
  const withinPagerank = lazy ? () => (asked++, within) : within;
  const roles = lazy ? () => (rolesAsked++, late('roles', accountRoles(graph, partition.niche, partition.nicheCount, tieWeights(tieWeightsInput(graph)).reciprocalWeight))) : undefined;
  // The same object with some fields as getters that fail when read too early.
  const lateFields = <T extends object>(value: T, keys: ReadonlyArray<keyof T & string>): T => {
    const out = { ...value };
    for (const key of keys) Object.defineProperty(out, key, { get: () => late(key, value[key]), enumerable: true });
    return out;
  };
  const given = lazy ? lateFields(partition, ['confidence', 'nicheStability']) : partition;
  const givenSummary = lazy ? lateFields(summary, ['modularity', 'nicheModularity']) : summary;
  const columns = assembleResult({ graph, table, partition: given, globalPagerank: global, withinPagerank, ...(roles === undefined ? {} : { roles }), centralities: extra, topK: c.topK, minNicheSize: c.minNicheSize, summary: givenSummary });
  if (lazy && (asked !== 1 || rolesAsked !== 1)) throw new Error(`withinPagerank asked ${asked} times, roles ${rolesAsked}, expected once each`);
  const reference = referenceNiches({ graph, table, community: partition.niche, count: partition.nicheCount, outer: partition.community, outerCount: partition.communityCount, nicheCommunity: partition.nicheCommunity, confidence: partition.confidence, stability: partition.nicheStability, within, global, extra, topK: c.topK, minNicheSize: c.minNicheSize });
  return { columns, reference };
}

for (const c of cases) {
  t.test(`columns = the object assembly: ${c.name}`, async (t) => {
    const { columns, reference: ref } = run(c);
    const reference = ref.niches;
    const objects = nicheResults(columns);
    t.same(Array.from({ length: columns.communities.count }, (_, k) => communityView(columns, k)), ref.communities, 'communities');
    t.equal(objects.length, reference.length, 'same niches');
    // Niche by niche, so that a difference names its niche rather than dumping everything.
    let same = 0;
    for (let r = 0; r < reference.length; r++) {
      if (t.same(objects[r], reference[r], `niche ${reference[r]?.id}`)) same++;
      else break;
    }
    t.equal(same, reference.length);
    t.comment(`${c.name}: ${columns.niches.count} rows (unassigned row ${columns.niches.unassignedRow}), ${columns.communities.count} communities, ${reference.reduce((s, n) => s + n.bridges.length, 0)} bridges, ${columns.ties.count} ties`);
  });
}

t.test('column invariants', async (t) => {
  const { columns: r } = run(cases[3] as Case);
  const { accounts: a, niches: n, ties } = r;
  const seen = new Uint8Array(a.count);
  for (let row = 0; row < n.count; row++) {
    for (let p = n.memberStarts[row] as number; p < (n.memberStarts[row + 1] as number); p++) {
      const i = n.members[p] as number;
      seen[i] = (seen[i] as number) + 1;
      if (a.niche[i] !== row || a.rank[i] !== p - (n.memberStarts[row] as number)) t.fail(`account ${i}: niche/rank columns disagree with the member order`);
    }
    t.equal((n.memberStarts[row + 1] as number) - (n.memberStarts[row] as number), n.size[row], `row ${row}: size = members`);
  }
  t.ok(seen.every((x) => x === 1), 'every account in exactly one row');
  t.equal(n.memberStarts[n.count], a.count);
  t.equal(ties.count, r.summary.edges);
  t.equal(ties.nicheStarts.length, n.count + 1);
  for (let row = 0; row <= n.count; row++) {
    const to = row < n.count ? (ties.nicheStarts[row + 1] as number) : ties.count;
    for (let k = ties.nicheStarts[row] as number; k < to; k++) {
      const s = ties.source[k] as number;
      const d = ties.target[k] as number;
      if (!(s < d)) t.fail(`tie ${k}: source < target`);
      const inside = a.niche[s] === a.niche[d];
      if (row < n.count ? !(inside && a.niche[s] === row) : inside) t.fail(`tie ${k} is in the wrong group`);
    }
  }
  const weight = ties.weight.reduce((s, w) => s + w, 0);
  const degrees = a.weightedDegree.reduce((s, w) => s + w, 0);
  t.ok(Math.abs(weight * 2 - degrees) < 1e-6 * degrees, 'tie weights add up to half the weighted degrees');
});

t.test('sortByScoreDescending orders like rankByScore: score descending, index ascending', async (t) => {
  const rng = createRng(9);
  for (const n of [0, 1, 2, 17, 5000]) {
    // Many equal scores (0, 1, a few repeated values), -0, tiny and huge ones.
    const pool = [0, -0, 1, 1, 2.5, 1e-300, 5e-324, 1e300, 0.1 + 0.2, 0.3];
    const score = Float64Array.from({ length: n }, () => (rng() < 0.5 ? (pool[Math.floor(rng() * pool.length)] as number) : rng() * 10));
    t.same(Array.from(sortByScoreDescending(score)), Array.from(rankByScore(Array.from({ length: n }, (_, i) => i), score)), `n = ${n}`);
  }
  t.throws(() => sortByScoreDescending(Float64Array.of(1, Number.NaN)), /scores must be >= 0/);
});
