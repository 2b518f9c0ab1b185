/**
 * The analysis pipeline: projection -> stable niches -> trusted members.
 *
 * 1. compact graph (typed arrays, sorted ids)                   compact-graph.ts
 * 2. resolution: given, or aimed at a niche-size band           resolution-band.ts
 * 3. niches = consensus of `runs` seeded Louvain runs on the    consensus.ts (Blondel et al. 2008;
 *    undirected positive ties                                    Lancichinetti & Fortunato 2012)
 * 4. split niches into connected parts                          connectivity.ts (Traag et al. 2019)
 * 5. groups below minNicheSize -> the unassigned group (scored in their own small group)
 * 6. whole-graph and within-niche weighted PageRank             pagerank.ts (Page et al. 1999)
 * 7. tie strength, roles, trust score and its components,       assemble.ts (tie-strength.ts, roles.ts,
 *    niche figures and activity, laid out as typed columns        trust.ts, niche-metrics.ts, niche-profile.ts)
 *
 * Steps 3-5 produce a partition of the NicheHierarchy shape (the team's contract 1:
 * per-account group labels, confidence, per-group stability, summary figures); step 7
 * only reads that shape, so another communities phase swaps in at its call site.
 *
 * Pure and deterministic: same projection + options -> same result. The result is columnar
 * (types.ts AnalysisResult; result-view.ts builds objects). Niches are ordered largest
 * first, ties by smallest member id, and named "n" + rank (n0 = largest); the unassigned
 * group, when there is one, comes last with id "unassigned".
 */
import { modularity } from './communities.js';
import { assembleResult, TOP_TIES, UNASSIGNED_ID, type NichePartition } from './assemble.js';
import { buildCompactGraph, type CompactGraph } from './compact-graph.js';
import { countDisconnected, splitDisconnected } from './connectivity.js';
import { consensusCommunities, membershipFigures, DEFAULTS as CONSENSUS_DEFAULTS } from './consensus.js';
import { isPairTable, pairTableFromProjection, type PairTable } from './pair-table.js';
import { computeCentralities } from './centrality/select.js';
import { communityPagerank, globalPagerank } from './pagerank.js';
import { resolutionForBand } from './resolution-band.js';
import type { AnalysisHooks } from './phases.js';
import type { AnalysisOptions, AnalysisResult, AnalysisSummary, Projection } from './types.js';

const PREFIX = 'nichegraph/analysis/analyse';

export const DEFAULTS = {
  runs: CONSENSUS_DEFAULTS.runs,
  /** A group of two is a dyad, not a group: the triad is the smallest one (G. Simmel, 1908; cf. Krackhardt 1999). */
  minNicheSize: 3,
  /** Strongest reciprocal ties reported per account. */
  topTies: TOP_TIES,
};

export { UNASSIGNED_ID };

function checkInteger(value: unknown, name: string, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`${PREFIX}: options.${name} must be an integer in ${min}..${max}, got ${String(value)}.`);
  }
}

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
  if (options.runs !== undefined) checkInteger(options.runs, 'runs', 1, 1000);
  if (options.minNicheSize !== undefined) checkInteger(options.minNicheSize, 'minNicheSize', 1, 1_000_000);
  const band = options.nicheSize;
  if (band !== undefined && band !== null) {
    if (typeof band !== 'object') throw new TypeError(`${PREFIX}: options.nicheSize must be {min, max} or null.`);
    checkInteger(band.min, 'nicheSize.min', 1, 1_000_000);
    checkInteger(band.max, 'nicheSize.max', band.min, 1_000_000);
  }
}

/** 3 significant digits, so that a chosen resolution reads well and re-runs reuse the same value. */
function roundResolution(gamma: number): number {
  return Number(gamma.toPrecision(3));
}

/** A partition of the NicheHierarchy shape, with the summary figures of the communities phase. */
export interface ConsensusNiches extends NichePartition {
  summary: Omit<AnalysisSummary, 'accounts' | 'edges' | 'niches' | 'unassigned' | 'meanConfidence'>;
}

/**
 * Today's communities phase in the NicheHierarchy shape: consensus of `runs` Louvain runs,
 * split into connected parts; each part is a group (one community per niche).
 */
export function consensusNiches(graph: CompactGraph, options: { resolution: number; seed: number; runs: number }): ConsensusNiches {
  const consensus = consensusCommunities(graph.order, graph.undirected, options);
  const louvainDisconnected = countDisconnected(graph.undirected, consensus.runs[0] as Int32Array, consensus.runCounts[0] as number);
  const { community, count } = splitDisconnected(graph.undirected, consensus.community, consensus.count);
  const figures = membershipFigures(community, count, consensus.runs, consensus.runCounts);
  return {
    niche: community,
    nicheCount: count,
    confidence: figures.confidence,
    nicheStability: figures.stability,
    summary: {
      modularity: modularity(graph, community, count),
      resolution: options.resolution,
      runs: options.runs,
      consensusRounds: consensus.rounds,
      louvainDisconnected,
    },
  };
}

/** Analyses a projection given as a PairTable (the store's form) or as validated row objects. */
export function analyseProjection(projection: Projection | PairTable, options: AnalysisOptions, hooks: AnalysisHooks = {}): AnalysisResult {
  validateAnalysisOptions(options);
  const runs = options.runs ?? DEFAULTS.runs;
  const minNicheSize = options.minNicheSize ?? DEFAULTS.minNicheSize;
  const table = isPairTable(projection) ? projection : pairTableFromProjection(projection);
  const graph = buildCompactGraph(table);

  hooks.onPhase?.('communities');
  const resolution =
    options.nicheSize !== undefined && options.nicheSize !== null
      ? roundResolution(resolutionForBand(graph.order, graph.undirected, options.nicheSize, options.seed).resolution)
      : options.resolution;
  const partition = consensusNiches(graph, { resolution, seed: options.seed, runs });

  hooks.onPhase?.('centrality');
  const global = globalPagerank(graph);
  const within = communityPagerank(graph, partition.niche, partition.nicheCount);
  const extra = options.centralities !== undefined && options.centralities.length > 0 ? computeCentralities(graph, options.centralities, options.seed) : null;

  hooks.onPhase?.('scoring');
  return assembleResult({
    graph,
    table,
    partition,
    globalPagerank: global,
    withinPagerank: within,
    centralities: extra,
    topK: options.topK,
    minNicheSize,
    summary: partition.summary,
  });
}
