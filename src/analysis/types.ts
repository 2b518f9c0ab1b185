/**
 * Shapes shared by the projection (store) and the analysis (pure functions).
 *
 * A projection is the interaction graph of one nichegraph graph, aggregated per
 * ordered pair (source -> target) after type weights, time window and minWeight are
 * applied. Positive and negative weight are kept apart: negative interactions
 * (disputes, complaints, distrust) must never make an account look more central.
 */
export interface ProjectedPair {
  source: string;
  target: string;
  /** Sum of the weighted positive interactions source -> target (>= 0). */
  positive: number;
  /** Sum of the absolute weighted negative interactions source -> target (>= 0). */
  negative: number;
  /** Number of interaction events aggregated into this pair. */
  count: number;
}

export interface Projection {
  /** Every account of the graph, sorted by id (isolated accounts included). */
  accounts: string[];
  /** One row per ordered pair, sorted by (source, target). */
  pairs: ProjectedPair[];
}

export interface AnalysisOptions {
  /** Louvain resolution (gamma), > 0. */
  resolution: number;
  /** Seed of the pseudo-random generator; same projection + options + seed -> same result. */
  seed: number;
  /** How many trusted members to report per niche. */
  topK: number;
}

export interface MemberScore {
  accountId: string;
  /** Trust score inside the niche (v0: within-niche positive PageRank, damped by negative in-weight). */
  score: number;
  /** Within-niche weighted PageRank on positive interactions (sums to 1 inside a niche). */
  pagerank: number;
  /** Whole-graph weighted PageRank on positive interactions. */
  globalPagerank: number;
  /** Positive in-strength, out-strength and negative in-strength over the whole graph. */
  inStrength: number;
  outStrength: number;
  negativeInStrength: number;
  /** Undirected positive weighted degree over the whole graph. */
  weightedDegree: number;
  /** Share of the account's undirected positive weight that stays inside its niche (0..1). */
  internalShare: number;
}

export interface NicheResult {
  /** Stable within one analysis: "n" + rank, rank 0 = largest niche. */
  id: string;
  size: number;
  /** Distinct internal undirected pairs / (size * (size - 1) / 2); 0 for a niche of one. */
  density: number;
  /** cut / min(vol(niche), vol(rest)) on undirected positive weights; 0 when undefined. */
  conductance: number;
  /** All members, highest score first. */
  members: MemberScore[];
  /** The topK members by score (a prefix of members). */
  trusted: Array<{ accountId: string; score: number }>;
}

export interface AnalysisSummary {
  accounts: number;
  /** Undirected pairs with positive weight (the edges Louvain saw). */
  edges: number;
  niches: number;
  modularity: number;
}

export interface AnalysisResult {
  summary: AnalysisSummary;
  /** Largest first; ties broken by the smallest member id. */
  niches: NicheResult[];
}
