/**
 * Shapes shared by the projection (store) and the analysis (pure functions).
 *
 * A projection is the interaction graph of one nichegraph graph, aggregated per
 * ordered pair (source -> target) after type weights, time window and minWeight are
 * applied. Positive and negative weight are kept apart: negative interactions
 * (disputes, complaints, distrust) must never make an account look more central.
 */
import type { CentralityName } from './centrality/names.js';
import type { LineageEvent } from './lineage.js';

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
   * the baseline analysis, as GDS's seedProperty (findNiches' `initial`). Undefined: cold start.
   */
  initialPartition?: Int32Array;
  /** With initialPartition: a starting community label per account index (-1 = none). */
  initialCommunities?: Int32Array;
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

export interface AnalysisSummary {
  accounts: number;
  /** Undirected pairs with positive weight (the edges Louvain saw). */
  edges: number;
  /** Niches, the unassigned group not counted. */
  niches: number;
  /** Communities (every account is in one). */
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

/**
 * The result of an analysis, columnar (issue 10): typed arrays per account and per niche,
 * ids once, the member order of each niche as index arrays, top ties as CSR. No object per
 * account or per member: the store writes these columns as they are, and the JSON routes
 * build objects (result-view.ts) only for the page they answer.
 *
 * Rows. Accounts are indexed like the compact graph (ascending ids). Niches are indexed by
 * rank (row 0 = largest); assembly names row r "n" + r, and the service then renames them by
 * lineage (result-lineage.ts: a niche that continues a baseline niche keeps its id, a new one
 * gets an id never used in its graph), so an id is not a rank. The unassigned group, when
 * there is one, is the last row (id "unassigned", `unassignedRow`).
 */
export interface AnalysisResult {
  summary: AnalysisSummary;
  accounts: AccountColumns;
  niches: NicheColumns;
  /** The coarse communities the niches lie in, largest first. */
  communities: CommunityColumns;
  /** The undirected positive ties the analysis saw. */
  ties: TieColumns;
  /** The niches' lineage from a baseline analysis (result-lineage.ts); absent without a baseline. */
  lineage?: LineageColumns;
}

/** Lineage of each niche row from the niches of a baseline analysis (lineage.ts). */
export interface LineageColumns {
  baselineAnalysisId: string;
  /** Per niche row: its event; null for the unassigned group. */
  event: Array<LineageEvent | null>;
  /** The baseline niches row r relates to (Jaccard >= 0.3), best first: fromIds / fromJaccard[fromStarts[r] .. fromStarts[r + 1]). */
  fromStarts: Int32Array;
  fromIds: readonly string[];
  fromJaccard: Float64Array;
  /** Baseline niches related to no niche of this analysis, with their size. */
  dissolved: Array<{ nicheId: string; size: number }>;
  /** Niches per event, and the dissolved baseline niches. */
  counts: Record<LineageEvent | 'dissolved', number>;
}

/** A niche's lineage as the API reports it. */
export interface NicheLineageView {
  baselineAnalysisId: string;
  event: LineageEvent;
  /** The baseline niches it relates to (Jaccard >= 0.3), highest Jaccard first. */
  from: Array<{ nicheId: string; jaccard: number }>;
}

export interface AccountColumns {
  /** Number of accounts (= summary.accounts). */
  count: number;
  /** index -> account id, ascending. */
  ids: readonly string[];
  /** Niche row of each account (its niche, or the unassigned group's row). */
  niche: Int32Array;
  /** Position of each account in its niche's member list (0 = most trusted). */
  rank: Int32Array;
  score: Float64Array;
  pagerank: Float64Array;
  globalPagerank: Float64Array;
  inStrength: Float64Array;
  outStrength: Float64Array;
  negativeInStrength: Float64Array;
  weightedDegree: Float64Array;
  internalShare: Float64Array;
  centrality: Float64Array;
  ties: Float64Array;
  positiveShare: Float64Array;
  reciprocity: Float64Array;
  repeat: Float64Array;
  embeddedness: Float64Array;
  withinDegreeZ: Float64Array;
  participation: Float64Array;
  confidence: Float64Array;
  /** Index into ROLES (roles.ts). */
  role: Uint8Array;
  /** Strongest reciprocal ties of account i: entries topTies.offsets[i] .. offsets[i + 1], strongest first. */
  topTies: {
    offsets: Int32Array;
    /** Account index of the other end. */
    account: Int32Array;
    weight: Float64Array;
    overlap: Float64Array;
    /** 1 when both ends are in the same niche (never for the unassigned group). */
    sameNiche: Uint8Array;
  };
  /** The extra centralities asked for (`centralities` option), one column each; empty when none. */
  centralities: Array<{ name: CentralityName; values: Float64Array }>;
}

export interface NicheColumns {
  /** Rows: the niches, then the unassigned group when there is one. */
  count: number;
  /** The niche ids ("n" + rank from assembly, then stable ids by lineage), and "unassigned" for the unassigned group. */
  ids: readonly string[];
  /** Row of the unassigned group, -1 when every account is in a niche. */
  unassignedRow: number;
  size: Int32Array;
  density: Float64Array;
  conductance: Float64Array;
  stability: Float64Array;
  reciprocity: Float64Array;
  events: Float64Array;
  /** Epoch ms of the first / last internal event with a timestamp, NaN when none. */
  firstActivity: Float64Array;
  lastActivity: Float64Array;
  eventsPerDay: Float64Array;
  /** Members of row r, in rank order: members[memberStarts[r] .. memberStarts[r + 1]) (account indices). */
  memberStarts: Int32Array;
  members: Int32Array;
  /** The topK trusted members of row r (broadcasters never), in rank order: account indices, CSR. */
  trusted: { starts: Int32Array; account: Int32Array };
  /** Connector and kinless hubs of row r by rank (CSR), each with the niche rows it reaches most (CSR over bridges). */
  bridges: { starts: Int32Array; account: Int32Array; toStarts: Int32Array; toNiche: Int32Array };
  /** Up to 3 interaction types of row r (CSR): index into typeNames, share of the internal events. */
  dominantTypes: { starts: Int32Array; type: Int32Array; share: Float64Array; typeNames: readonly string[] };
  /** Community row of each niche row; -1 for the unassigned group. */
  community: Int32Array;
}

/** The communities (modularity at resolution 1), largest first, ties by smallest member; row k is "c" + k. */
export interface CommunityColumns {
  count: number;
  ids: readonly string[];
  size: Int32Array;
  density: Float64Array;
  conductance: Float64Array;
  /** Niche rows of community k, in rank order: niches[nicheStarts[k] .. nicheStarts[k + 1]). */
  nicheStarts: Int32Array;
  niches: Int32Array;
  /** Accounts of community k in the unassigned group. */
  unassigned: Int32Array;
}

/**
 * The undirected positive ties (pairs {i, j} with positive weight either way, i < j),
 * weight = w_ij + w_ji, grouped by niche: the internal ties of niche row r are rows
 * nicheStarts[r] .. nicheStarts[r + 1] (the unassigned row included: ties between two of
 * its accounts), then the ties between two rows, from nicheStarts[niches.count] to the end.
 * Inside each group, ascending (source, target).
 */
export interface TieColumns {
  count: number;
  source: Int32Array;
  target: Int32Array;
  weight: Float64Array;
  /**
   * The reciprocated part min(w_ij, w_ji) on positive interactions (0 for a one-way tie):
   * the two-way strength the ambassadors reach circles through (ambassadors.ts).
   */
  reciprocated: Float64Array;
  nicheStarts: Int32Array;
}

/** One of an account's strongest reciprocal ties. */
export interface ReciprocalTie {
  accountId: string;
  /** min(weight i -> j, weight j -> i) on positive interactions. */
  weight: number;
  /** Neighbourhood overlap of the tie (Onnela et al. 2007), in [0, 1]. */
  overlap: number;
  sameNiche: boolean;
}

/** One member's scores as an object: a view of one account of the columnar result (result-view.ts). */
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

/**
 * One niche as an object: a view of one row of the columnar result (result-view.ts builds it
 * for the page being answered, never for the whole result).
 */
export interface NicheResult {
  /** The niche's id, stable across analyses of its graph (not a rank); "unassigned" for the group of accounts in no niche. */
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
  /** Its lineage from the baseline analysis: present when the analysis has a baseline; null for the unassigned group. */
  lineage?: NicheLineageView | null;
}

/** A coarse community: niches and unassigned accounts that modularity at resolution 1 groups together (a view of one CommunityColumns row). */
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
  /** Present (true) once an account of one of its niches was erased (the store's redaction). */
  redacted?: boolean;
}
