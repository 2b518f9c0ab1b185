/**
 * The analysis pipeline, v0: projection -> niches -> trusted members.
 *
 * 1. compact graph (typed arrays, sorted ids)            compact-graph.ts
 * 2. niches = Louvain on the undirected positive ties    communities.ts (Blondel et al. 2008)
 * 3. whole-graph and within-niche weighted PageRank      pagerank.ts (Page et al. 1999)
 * 4. size, density, conductance, internal share          niche-metrics.ts
 * 5. trust = within-niche PageRank * positive in-share   trust.ts
 *
 * Pure and deterministic: same projection + options -> same result. Niches are ordered
 * largest first, ties by smallest member id, and named "n" + rank (n0 = largest).
 */
import { detectCommunities, groupByCommunity } from './communities.js';
import { buildCompactGraph } from './compact-graph.js';
import { nicheMetrics } from './niche-metrics.js';
import { communityPagerank, globalPagerank } from './pagerank.js';
import { createRng } from './random.js';
import { rankByScore, trustScores } from './trust.js';
import type { AnalysisOptions, AnalysisResult, MemberScore, NicheResult, Projection } from './types.js';
import type { AnalysisHooks } from './phases.js';

const PREFIX = 'nichegraph/analysis/analyse';

/** Throws a RangeError naming the first invalid option. */
export function validateAnalysisOptions(options: AnalysisOptions): void {
  if (options === null || typeof options !== 'object') throw new TypeError(`${PREFIX}: options must be an object.`);
  const { resolution, seed, topK } = options;
  if (typeof resolution !== 'number' || !Number.isFinite(resolution) || resolution <= 0) {
    throw new RangeError(`${PREFIX}: options.resolution must be a finite number > 0, got ${String(resolution)}.`);
  }
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    throw new RangeError(`${PREFIX}: options.seed must be a safe integer, got ${String(seed)}.`);
  }
  if (typeof topK !== 'number' || !Number.isSafeInteger(topK) || topK < 1) {
    throw new RangeError(`${PREFIX}: options.topK must be an integer >= 1, got ${String(topK)}.`);
  }
}

export function analyseProjection(projection: Projection, options: AnalysisOptions, hooks: AnalysisHooks = {}): AnalysisResult {
  validateAnalysisOptions(options);
  const graph = buildCompactGraph(projection);
  const { order, ids } = graph;

  hooks.onPhase?.('communities');
  const { community, count, modularity } = detectCommunities(graph, {
    resolution: options.resolution,
    rng: createRng(options.seed),
  });
  hooks.onPhase?.('centrality');
  const global = globalPagerank(graph);
  const within = communityPagerank(graph, community, count);
  hooks.onPhase?.('scoring');
  const metrics = nicheMetrics(graph, community, count);
  const scores = trustScores(within, graph.positiveInStrength, graph.negativeInStrength);

  // Members of each community in index order; the first one is the smallest id.
  const { starts, members } = groupByCommunity(community, count);

  const nicheOrder = Int32Array.from({ length: count }, (_, c) => c);
  nicheOrder.sort(
    (a, b) =>
      (metrics.size[b] as number) - (metrics.size[a] as number) ||
      (members[starts[a] as number] as number) - (members[starts[b] as number] as number),
  );

  const niches: NicheResult[] = [];
  for (let rank = 0; rank < count; rank++) {
    const c = nicheOrder[rank] as number;
    const ranked = rankByScore(members.subarray(starts[c] as number, starts[c + 1] as number), scores);
    const memberScores: MemberScore[] = [];
    for (const i of ranked) {
      memberScores.push({
        accountId: ids[i] as string,
        score: scores[i] as number,
        pagerank: within[i] as number,
        globalPagerank: global[i] as number,
        inStrength: graph.positiveInStrength[i] as number,
        outStrength: graph.positiveOutStrength[i] as number,
        negativeInStrength: graph.negativeInStrength[i] as number,
        weightedDegree: graph.weightedDegree[i] as number,
        internalShare: metrics.internalShare[i] as number,
      });
    }
    niches.push({
      id: `n${rank}`,
      size: metrics.size[c] as number,
      density: metrics.density[c] as number,
      conductance: metrics.conductance[c] as number,
      members: memberScores,
      trusted: memberScores.slice(0, options.topK).map((m) => ({ accountId: m.accountId, score: m.score })),
    });
  }

  return {
    summary: { accounts: order, edges: graph.undirectedEdges, niches: count, modularity },
    niches,
  };
}
