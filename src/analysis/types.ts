/**
 * Shapes shared by the projection (store) and the analysis (pure functions).
 *
 * A projection is the interaction graph of one nichegraph graph, aggregated per
 * ordered pair (source -> target) after type weights, time window and minWeight are
 * applied. Positive and negative weight are kept apart: negative interactions
 * (disputes, complaints, distrust) must never make an account look more central.
 */
import type { CentralityName } from './centrality/select.js';

export interface ProjectedPair {
  source: string;
  target: string;
  /** Sum of the weighted positive interactions source -> target (>= 0). */
  positive: number;
  /** Sum of the absolute weighted negative interactions source -> target (>= 0). */
  negative: number;
  /** Number of interaction events aggregated into this pair. */
  count: number;
  /** Events per interaction type (optional: projections built elsewhere may lack it). */
  types?: Record<string, number>;
  /** Epoch ms of the first and last event of the pair; null when none has a timestamp. */
  firstTs?: number | null;
  lastTs?: number | null;
}

export interface Projection {
  /** Every account of the graph, sorted by id (isolated accounts included). */
  accounts: string[];
  /** One row per ordered pair, sorted by (source, target). */
  pairs: ProjectedPair[];
}

export interface AnalysisOptions {
  /**
   * Niche-level resolution (gamma of modularity on the whole graph, inside each community), > 0.
   * Absent or null: chosen by the default rule (niches.ts). Ignored when `nicheSize` is given.
   */
  resolution?: number | null;
  /** Seed of the pseudo-random generator; same projection + options + seed -> same result. */
  seed: number;
  /** How many trusted members to report per niche. */
  topK: number;
  /** Seeded Leiden runs on the whole graph, combined by consensus where they disagree (1 = one run). Default: DEFAULTS.runs of analyse.ts. */
  runs?: number;
  /** Groups smaller than this are not niches: their members go to the unassigned group. Default 3. */
  minNicheSize?: number;
  /** Aim the niche-level resolution at this typical niche size band (accounts) instead of the default rule. */
  nicheSize?: { min: number; max: number } | null;
  /** Extra whole-graph centralities to report per account (centrality/select.ts). */
  centralities?: readonly CentralityName[];
  /**
   * Warm start: a starting niche label per account index (-1 = none), e.g. the niches of
   * the baseline analysis, as GDS's seedProperty (louvain.ts). Undefined: cold start.
   */
  initialPartition?: Int32Array;
}

/** Guimera-Amaral role, or "broadcaster" (huge audience, few reciprocal ties). */
export type AccountRole =
  | 'isolated'
  | 'ultra-peripheral'
  | 'peripheral'
  | 'connector'
  | 'kinless'
  | 'provincial-hub'
  | 'connector-hub'
  | 'kinless-hub'
  | 'broadcaster';

/** One of an account's strongest reciprocal ties. */
export interface ReciprocalTie {
  accountId: string;
  /** min(weight i -> j, weight j -> i) on positive interactions. */
  weight: number;
  /** Neighbourhood overlap of the tie (Onnela et al. 2007), in [0, 1]. */
  overlap: number;
  sameNiche: boolean;
}

export interface MemberScore {
  accountId: string;
  /** Trust score inside the niche: centrality x ties x positive share (trust.ts); 1 = an average member. */
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
  /** Score components (score = centrality * ties * positiveShare; positiveShare is the net positive share of trust.ts). */
  centrality: number;
  ties: number;
  positiveShare: number;
  /** Tie measures inside the niche, each in [0, 1]. */
  reciprocity: number;
  repeat: number;
  embeddedness: number;
  /** Guimera-Amaral within-niche degree z-score and participation coefficient. */
  withinDegreeZ: number;
  participation: number;
  role: AccountRole;
  /** Share of the runs that put the account in (the counterpart of) its niche. */
  confidence: number;
  /** Up to 3 strongest reciprocal ties, strongest first. */
  topTies: ReciprocalTie[];
  /** The requested extra centralities (`centralities` option), by name; absent when none was asked. */
  centralities?: Partial<Record<CentralityName, number>>;
}

export interface NicheResult {
  /** "n" + rank, rank 0 = largest niche; "unassigned" for the group of accounts in no niche. */
  id: string;
  /** The community the niche lies in ("c" + rank); null for the unassigned group. */
  communityId?: string | null;
  /** True for the group of accounts whose group was smaller than minNicheSize (not a niche). */
  unassigned: boolean;
  /** Mean Jaccard agreement of the niche with its counterpart in each run (0..1). */
  stability: number;
  /** Share of the internal positive weight that is reciprocated: sum 2 min(w_ij, w_ji) / sum (w_ij + w_ji). */
  reciprocity: number;
  /** Interaction events between members (both ends in the niche) over the analysed window. */
  events: number;
  /** ISO 8601 of the first and last internal event with a timestamp, null when none. */
  firstActivity: string | null;
  lastActivity: string | null;
  /** Internal events per day between the first and last one (at least one day); 0 without timestamps. */
  eventsPerDay: number;
  /** Up to 3 interaction types by share of the internal events. */
  dominantTypes: Array<{ type: string; share: number }>;
  /** Connector hubs (and kinless hubs) of the niche, by score, with the niches they reach most. */
  bridges: Array<{ accountId: string; participation: number; toNiches: string[] }>;
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
  /** Niches, the unassigned group not counted. */
  niches: number;
  /** Communities (every account is in one). Optional until the store persists it. */
  communities?: number;
  /** Newman-Girvan modularity (resolution 1) of the communities: what igraph, NetworKit and leidenalg report. */
  modularity: number;
  /** The same figure for the niches (each group below minNicheSize counted as its own group). */
  nicheModularity?: number;
  /** The niche-level resolution used (given, chosen from nicheSize, or by the default rule). */
  resolution: number;
  /** Leiden runs on the whole graph, and consensus rounds over the accounts they disagreed on (0: they agreed). */
  runs: number;
  consensusRounds: number;
  /** Disconnected communities in the plain Louvain partition (first run), before refinement. */
  louvainDisconnected: number;
  /** Accounts in the unassigned group (their group was smaller than minNicheSize). */
  unassigned: number;
  /** Mean membership confidence over accounts with at least one tie (0..1). */
  meanConfidence: number;
}

/** A coarse community: niches and unassigned accounts that modularity at resolution 1 groups together. */
export interface CommunityResult {
  /** "c" + rank, rank 0 = largest community. */
  id: string;
  size: number;
  density: number;
  conductance: number;
  /** Its niches' ids, largest first. */
  niches: string[];
  /** Its accounts in the unassigned group. */
  unassigned: number;
}

export interface AnalysisResult {
  summary: AnalysisSummary;
  /** Largest first; ties broken by the smallest member id. Optional until the store persists it. */
  communities?: CommunityResult[];
  /** Largest first; ties broken by the smallest member id. */
  niches: NicheResult[];
}
