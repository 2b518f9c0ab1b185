/**
 * The scoring phase: from a partition and the centralities to the columnar AnalysisResult.
 *
 * Once the niches are known (a partition of the NicheHierarchy shape, contract 1 of the
 * team brief: any object with `niche`, `nicheCount`, `confidence` and `nicheStability`),
 * this computes tie strength, roles, the trust score and the niche profiles
 * (tie-strength.ts, roles.ts, trust.ts, niche-metrics.ts, niche-profile.ts), ranks each
 * niche's members and lays everything out as typed columns (types.ts): one pass per
 * measure over typed arrays, no object per account or per member, so the phase costs a
 * few linear passes over the graph and one sort of the accounts.
 *
 * Layout rules (unchanged from the object form): niches are the partition's groups of at
 * least minNicheSize accounts, largest first, ties broken by the smallest member index,
 * named "n" + rank; the smaller groups make up the unassigned group, the last row. Members
 * are ranked by score descending, then index ascending (trust.ts rankByScore). Every
 * account is scored inside its own group, the unassigned ones included.
 */
import { groupByCommunity } from './communities.js';
import type { CompactGraph } from './compact-graph.js';
import type { CentralityName } from './centrality/select.js';
import { nicheMetrics, type NicheMetrics } from './niche-metrics.js';
import { eventsPerDay, nicheActivity, nicheProfiles, type NicheActivity, type NicheProfiles } from './niche-profile.js';
import type { ActivityTable } from './pair-table.js';
import { accountRoles, ROLES, type RoleColumns } from './roles.js';
import { tieStrength, type TieWeights } from './tie-strength.js';
import { trustScores } from './trust.js';
import type { AccountColumns, AnalysisResult, AnalysisSummary, CommunityColumns, NicheColumns, TieColumns } from './types.js';

const PREFIX = 'nichegraph/analysis/assemble';

export const UNASSIGNED_ID = 'unassigned';

/** Strongest reciprocal ties reported per account. */
export const TOP_TIES = 3;

/** Niches a bridge is reported to lead to, at most. */
export const BRIDGE_TARGETS = 3;

/** The part of the NicheHierarchy (findNiches) the scoring phase reads. */
export interface NichePartition {
  /** Account -> community 0..communityCount-1. */
  community: Int32Array;
  communityCount: number;
  /** Account -> group label 0..nicheCount-1 (groups below minNicheSize included). */
  niche: Int32Array;
  nicheCount: number;
  /** Group -> community. */
  nicheCommunity: Int32Array;
  /** Per account: share of the runs that agreed with its niche. */
  confidence: Float64Array;
  /** Per group. */
  nicheStability: Float64Array;
}

/**
 * What the scoring phase reads. Some inputs may be computed on another thread meanwhile
 * (analyse.ts, side-tasks.ts), so they are read only after every step that does not need
 * them: `withinPagerank` and `roles` (values or functions that give them), and the
 * partition's `confidence` and `nicheStability` and the summary's `modularity` and
 * `nicheModularity`, which may be getters that wait for them.
 */
export interface ScoringInputs {
  graph: CompactGraph;
  /**
   * The projection's columns the niche activity reads, or a function that hands them over:
   * called once, first, and not kept, so that a table nobody else holds can be reclaimed
   * during the rest of the scoring (0.7 GB on a 1M-account graph; analyse.ts).
   */
  table: ActivityTable | (() => ActivityTable);
  partition: NichePartition;
  /** Whole-graph and within-group PageRank (centrality phase). */
  globalPagerank: Float64Array;
  /**
   * Within-group PageRank, or a function that gives it: called once the steps that do not
   * need it are done (niche figures, tie strength, roles, niche profiles and activity), so
   * that it can be computed meanwhile on another thread (side-tasks.ts).
   */
  withinPagerank: Float64Array | (() => Float64Array);
  /** The roles of the accounts in the partition's groups (roles.ts roleColumns, or accountRoles with tieWeights' reciprocalWeight), or a function that gives them; computed here when absent. */
  roles?: RoleColumns | (() => RoleColumns);
  /** The partition-free part of tie strength (tie-strength.ts tieWeights), when already computed. */
  tieWeights?: TieWeights;
  /** Extra centralities by name, in the order they are reported. */
  centralities: ReadonlyMap<CentralityName, ArrayLike<number>> | null;
  topK: number;
  minNicheSize: number;
  /** The summary figures of the communities phase (accounts, edges, counts, unassigned and meanConfidence are filled in here). */
  summary: Omit<AnalysisSummary, 'accounts' | 'edges' | 'niches' | 'communities' | 'unassigned' | 'meanConfidence'>;
}

const BROADCASTER = ROLES.indexOf('broadcaster');
const CONNECTOR_HUB = ROLES.indexOf('connector-hub');
const KINLESS_HUB = ROLES.indexOf('kinless-hub');

export function assembleResult(input: ScoringInputs): AnalysisResult {
  const { graph, partition, topK, minNicheSize } = input;
  const { order } = graph;
  const group = partition.niche;
  const groups = partition.nicheCount;
  if (group.length !== order) throw new RangeError(`${PREFIX}: the partition has ${group.length} labels for ${order} accounts.`);

  // Everything that does not read the scores first, while the within-group PageRank may
  // still be running on another thread; the scores, the ranking and the lists in rank
  // order after.
  const { activity, typeNames } = activityOf(input.table, group, groups);
  const { starts, members } = groupByCommunity(group, groups);
  const metrics = nicheMetrics(graph, group, groups);
  const ties = input.tieWeights === undefined ? tieStrength(graph, group) : tieStrength(graph, group, input.tieWeights);
  const groupSize = new Int32Array(order);
  for (let i = 0; i < order; i++) {
    const c = group[i] as number;
    groupSize[i] = (starts[c + 1] as number) - (starts[c] as number);
  }
  const profile = nicheProfiles(graph, group, groups, ties.reciprocalWeight);
  const layout = nicheRows(group, groups, starts, members, minNicheSize);
  const { nicheGroups, nicheCount, rows, unassignedRow, rowOfGroup, accountRow } = layout;
  const topTies = topReciprocalTies(graph, ties.reciprocalWeight, ties.overlap, group, rowOfGroup, unassignedRow);
  const analysed = analysedTies(graph, ties.reciprocalWeight, accountRow, rows);
  const communities = communityColumns(graph, partition, nicheGroups, groups, starts, unassignedRow >= 0);
  const nicheCommunityRow = new Int32Array(rows).fill(-1);
  for (let r = 0; r < nicheCount; r++) nicheCommunityRow[r] = communities.rowOf[partition.nicheCommunity[nicheGroups[r] as number] as number] as number;
  const ids = new Array<string>(rows);
  for (let r = 0; r < nicheCount; r++) ids[r] = `n${r}`;
  if (unassignedRow >= 0) ids[unassignedRow] = UNASSIGNED_ID;
  const centralities = input.centralities ? [...input.centralities].map(([name, values]) => ({ name, values: Float64Array.from(values) })) : [];

  // What may come from another thread (see ScoringInputs), now.
  const withinPagerank = typeof input.withinPagerank === 'function' ? input.withinPagerank() : input.withinPagerank;
  if (withinPagerank.length !== order) throw new RangeError(`${PREFIX}: withinPagerank has ${withinPagerank.length} values for ${order} accounts.`);
  const roles = input.roles === undefined ? accountRoles(graph, group, groups, ties.reciprocalWeight) : typeof input.roles === 'function' ? input.roles() : input.roles;
  if (roles.roleIndex.length !== order) throw new RangeError(`${PREFIX}: roles has ${roles.roleIndex.length} values for ${order} accounts.`);
  if (partition.confidence.length !== order) throw new RangeError(`${PREFIX}: confidence has ${partition.confidence.length} values for ${order} accounts.`);
  if (partition.nicheStability.length !== groups) throw new RangeError(`${PREFIX}: nicheStability has ${partition.nicheStability.length} values for ${groups} groups.`);
  const figures = nicheFigures(graph, typeNames, partition, layout, metrics, profile.reciprocity, activity);
  const summary = summaryOf(input, nicheCount, layout.leftover);
  const leads = bridgeLeads(roles.roleIndex, layout, profile);
  const trust = trustScores({
    withinPagerank,
    nicheSize: groupSize,
    reciprocity: ties.reciprocity,
    repeat: ties.repeat,
    embeddedness: ties.embeddedness,
    positiveInStrength: graph.positiveInStrength,
    negativeInStrength: graph.negativeInStrength,
  });
  const score = trust.score;

  // Member order: every account sorted once by score descending, index ascending (an
  // exact radix sort on the scores' bits, no comparator), then bucketed by row with a
  // stable counting sort, so each row comes out in rank order.
  const byScore = sortByScoreDescending(score);
  const { memberStarts } = layout;
  const ranked = new Int32Array(order);
  const cursor = memberStarts.slice(0, rows);
  for (let q = 0; q < order; q++) {
    const i = byScore[q] as number;
    const r = accountRow[i] as number;
    ranked[cursor[r] as number] = i;
    cursor[r] = (cursor[r] as number) + 1;
  }
  const rank = new Int32Array(order);
  for (let r = 0; r < rows; r++) {
    const from = memberStarts[r] as number;
    for (let p = from, end = memberStarts[r + 1] as number; p < end; p++) rank[ranked[p] as number] = p - from;
  }

  const role = roles.roleIndex;

  const accounts: AccountColumns = {
    count: order,
    ids: graph.ids,
    niche: accountRow,
    rank,
    score,
    pagerank: withinPagerank,
    globalPagerank: input.globalPagerank,
    inStrength: graph.positiveInStrength,
    outStrength: graph.positiveOutStrength,
    negativeInStrength: graph.negativeInStrength,
    weightedDegree: graph.weightedDegree,
    internalShare: metrics.internalShare,
    centrality: trust.centrality,
    ties: trust.ties,
    positiveShare: trust.positiveShare,
    reciprocity: ties.reciprocity,
    repeat: ties.repeat,
    embeddedness: ties.embeddedness,
    withinDegreeZ: roles.withinDegreeZ,
    participation: roles.participation,
    confidence: partition.confidence,
    role,
    topTies,
    centralities,
  };

  // Trusted members (topK non-broadcasters in rank order) and bridges (connector and
  // kinless hubs in rank order, with the niches their ties reach most).
  const trustedStarts = new Int32Array(rows + 1);
  const trustedAccounts: number[] = [];
  const bridgeStarts = new Int32Array(rows + 1);
  const bridgeAccounts: number[] = [];
  const bridgeToStarts: number[] = [0];
  const bridgeTo: number[] = [];
  for (let r = 0; r < nicheCount; r++) {
    let listed = 0;
    for (let p = memberStarts[r] as number, end = memberStarts[r + 1] as number; p < end; p++) {
      const i = ranked[p] as number;
      const ri = role[i] as number;
      if (listed < topK && ri !== BROADCASTER) {
        trustedAccounts.push(i);
        listed++;
      }
      if (ri === CONNECTOR_HUB || ri === KINLESS_HUB) {
        bridgeAccounts.push(i);
        for (let q = leads.starts[i] as number, end = leads.starts[i + 1] as number; q < end; q++) bridgeTo.push(leads.rows[q] as number);
        bridgeToStarts.push(bridgeTo.length);
      }
    }
    trustedStarts[r + 1] = trustedAccounts.length;
    bridgeStarts[r + 1] = bridgeAccounts.length;
  }
  if (unassignedRow >= 0) {
    trustedStarts[unassignedRow + 1] = trustedAccounts.length;
    bridgeStarts[unassignedRow + 1] = bridgeAccounts.length;
  }

  const niches: NicheColumns = {
    count: rows,
    ids,
    unassignedRow,
    size: figures.size,
    density: figures.density,
    conductance: figures.conductance,
    stability: figures.stability,
    reciprocity: figures.reciprocity,
    events: figures.events,
    firstActivity: figures.firstActivity,
    lastActivity: figures.lastActivity,
    eventsPerDay: figures.eventsPerDay,
    memberStarts,
    members: ranked,
    trusted: { starts: trustedStarts, account: Int32Array.from(trustedAccounts) },
    bridges: { starts: bridgeStarts, account: Int32Array.from(bridgeAccounts), toStarts: Int32Array.from(bridgeToStarts), toNiche: Int32Array.from(bridgeTo) },
    dominantTypes: figures.dominantTypes,
    community: nicheCommunityRow,
  };

  return { summary, accounts, niches, communities: communities.columns, ties: analysed };
}

/** The row layout of the niches (see the header): which group is which row, and how many members each row has. */
interface NicheRows {
  /** Row -> group, for the niche rows (the unassigned row, when there is one, is the last). */
  nicheGroups: number[];
  nicheCount: number;
  rows: number;
  /** -1 without an unassigned group. */
  unassignedRow: number;
  /** Accounts in the groups below minNicheSize. */
  leftover: number;
  rowOfGroup: Int32Array;
  accountRow: Int32Array;
  /** Row -> first position of its members (rows + 1 entries). */
  memberStarts: Int32Array;
}

function nicheRows(group: Int32Array, groups: number, starts: Int32Array, members: Int32Array, minNicheSize: number): NicheRows {
  const order = group.length;
  // Rows: niches (groups of at least minNicheSize) largest first, ties by smallest member
  // (groupByCommunity lists each group in index order, so members[starts[c]] is its smallest).
  const nicheGroups: number[] = [];
  let leftover = 0;
  for (let c = 0; c < groups; c++) {
    const size = (starts[c + 1] as number) - (starts[c] as number);
    if (size >= minNicheSize) nicheGroups.push(c);
    else leftover += size;
  }
  nicheGroups.sort((a, b) => {
    const sa = (starts[a + 1] as number) - (starts[a] as number);
    const sb = (starts[b + 1] as number) - (starts[b] as number);
    return sb - sa || (members[starts[a] as number] as number) - (members[starts[b] as number] as number);
  });
  const nicheCount = nicheGroups.length;
  const rows = nicheCount + (leftover > 0 ? 1 : 0);
  const unassignedRow = leftover > 0 ? nicheCount : -1;
  const rowOfGroup = new Int32Array(groups).fill(unassignedRow);
  for (let r = 0; r < nicheCount; r++) rowOfGroup[nicheGroups[r] as number] = r;
  const accountRow = new Int32Array(order);
  for (let i = 0; i < order; i++) accountRow[i] = rowOfGroup[group[i] as number] as number;
  const memberStarts = new Int32Array(rows + 1);
  for (let r = 0; r < nicheCount; r++) {
    const c = nicheGroups[r] as number;
    memberStarts[r + 1] = (starts[c + 1] as number) - (starts[c] as number);
  }
  if (unassignedRow >= 0) memberStarts[unassignedRow + 1] = leftover;
  for (let r = 0; r < rows; r++) memberStarts[r + 1] = (memberStarts[r + 1] as number) + (memberStarts[r] as number);
  return { nicheGroups, nicheCount, rows, unassignedRow, leftover, rowOfGroup, accountRow, memberStarts };
}

/**
 * The rows each bridge of a niche (a connector or kinless hub) leads to: the rows of the
 * BRIDGE_TARGETS groups its ties reach most, each row once, in that order; starts: per
 * account (order + 1 entries, an empty range for the other accounts).
 */
function bridgeLeads(role: Uint8Array, layout: NicheRows, profile: NicheProfiles): { starts: Int32Array; rows: Int32Array } {
  const { accountRow, nicheCount, rowOfGroup } = layout;
  const order = accountRow.length;
  const starts = new Int32Array(order + 1);
  const rows: number[] = [];
  for (let i = 0; i < order; i++) {
    const ri = role[i] as number;
    if ((ri === CONNECTOR_HUB || ri === KINLESS_HUB) && (accountRow[i] as number) < nicheCount) {
      const first = rows.length;
      for (const g of profile.reachedGroups(i, BRIDGE_TARGETS)) {
        const to = rowOfGroup[g] as number;
        let seen = false;
        for (let q = first; q < rows.length; q++) if (rows[q] === to) seen = true;
        if (!seen) rows.push(to);
      }
    }
    starts[i + 1] = rows.length;
  }
  return { starts, rows: Int32Array.from(rows) };
}

type NicheFigures = Pick<NicheColumns, 'size' | 'density' | 'conductance' | 'stability' | 'reciprocity' | 'events' | 'firstActivity' | 'lastActivity' | 'eventsPerDay' | 'dominantTypes'>;

/** The niche activity and the type names, from a table held only for the call. */
function activityOf(given: ScoringInputs['table'], group: Int32Array, groups: number): { activity: NicheActivity; typeNames: readonly string[] } {
  const table = typeof given === 'function' ? given() : given;
  return { activity: nicheActivity(table, group, groups), typeNames: table.typeNames };
}

/** The figures of each row; the unassigned row is not a niche: conductance, stability, reciprocity and activity do not apply (0 / NaN). */
function nicheFigures(
  graph: CompactGraph,
  typeNames: readonly string[],
  partition: NichePartition,
  layout: NicheRows,
  metrics: NicheMetrics,
  groupReciprocity: Float64Array,
  activity: NicheActivity,
): NicheFigures {
  const { order, undirected } = graph;
  const { nicheGroups, nicheCount, rows, unassignedRow, accountRow } = layout;
  const size = new Int32Array(rows);
  const density = new Float64Array(rows);
  const conductance = new Float64Array(rows);
  const stability = new Float64Array(rows);
  const reciprocity = new Float64Array(rows);
  const events = new Float64Array(rows);
  const firstActivity = new Float64Array(rows).fill(Number.NaN);
  const lastActivity = new Float64Array(rows).fill(Number.NaN);
  const perDay = new Float64Array(rows);
  const typeIndex = new Map(typeNames.map((name, k) => [name, k]));
  const typeStarts = new Int32Array(rows + 1);
  const typeIds: number[] = [];
  const typeShares: number[] = [];
  for (let r = 0; r < nicheCount; r++) {
    const c = nicheGroups[r] as number;
    size[r] = metrics.size[c] as number;
    density[r] = metrics.density[c] as number;
    conductance[r] = metrics.conductance[c] as number;
    stability[r] = partition.nicheStability[c] as number;
    reciprocity[r] = groupReciprocity[c] as number;
    events[r] = activity.events[c] as number;
    firstActivity[r] = activity.firstTs[c] as number;
    lastActivity[r] = activity.lastTs[c] as number;
    perDay[r] = eventsPerDay(activity.events[c] as number, activity.firstTs[c] as number, activity.lastTs[c] as number);
    for (const d of activity.dominantTypes[c] ?? []) {
      typeIds.push(typeIndex.get(d.type) as number);
      typeShares.push(d.share);
    }
    typeStarts[r + 1] = typeIds.length;
  }
  if (unassignedRow >= 0) {
    const n = layout.leftover;
    let pairs = 0;
    for (let i = 0; i < order; i++) {
      if (accountRow[i] !== unassignedRow) continue;
      for (let k = undirected.offsets[i] as number, end = undirected.offsets[i + 1] as number; k < end; k++) {
        const j = undirected.targets[k] as number;
        if (j > i && accountRow[j] === unassignedRow) pairs++;
      }
    }
    size[unassignedRow] = n;
    density[unassignedRow] = n > 1 ? pairs / ((n * (n - 1)) / 2) : 0;
    typeStarts[unassignedRow + 1] = typeIds.length;
  }
  return {
    size,
    density,
    conductance,
    stability,
    reciprocity,
    events,
    firstActivity,
    lastActivity,
    eventsPerDay: perDay,
    dominantTypes: { starts: typeStarts, type: Int32Array.from(typeIds), share: Float64Array.from(typeShares), typeNames },
  };
}

function summaryOf(input: ScoringInputs, nicheCount: number, leftover: number): AnalysisSummary {
  const { graph, partition } = input;
  const { order, undirected } = graph;
  let confidenceSum = 0;
  let connected = 0;
  for (let i = 0; i < order; i++) {
    if ((undirected.offsets[i + 1] as number) > (undirected.offsets[i] as number)) {
      confidenceSum += partition.confidence[i] as number;
      connected++;
    }
  }
  return {
    accounts: order,
    edges: graph.undirectedEdges,
    niches: nicheCount,
    communities: partition.communityCount,
    modularity: input.summary.modularity,
    ...(input.summary.nicheModularity === undefined ? {} : { nicheModularity: input.summary.nicheModularity }),
    resolution: input.summary.resolution,
    runs: input.summary.runs,
    consensusRounds: input.summary.consensusRounds,
    louvainDisconnected: input.summary.louvainDisconnected,
    unassigned: leftover,
    meanConfidence: connected > 0 ? confidenceSum / connected : 1,
  };
}

/**
 * The communities, largest first, ties by smallest member index, each with its niche rows
 * in rank order and its accounts in the unassigned group; rowOf: community label -> row.
 */
function communityColumns(
  graph: CompactGraph,
  partition: NichePartition,
  nicheGroups: readonly number[],
  groups: number,
  groupStarts: Int32Array,
  hasUnassigned: boolean,
): { columns: CommunityColumns; rowOf: Int32Array } {
  const count = partition.communityCount;
  const outer = groupByCommunity(partition.community, count);
  const sizeOf = (k: number): number => (outer.starts[k + 1] as number) - (outer.starts[k] as number);
  const order = Array.from({ length: count }, (_, k) => k).sort(
    (a, b) => sizeOf(b) - sizeOf(a) || (outer.members[outer.starts[a] as number] as number) - (outer.members[outer.starts[b] as number] as number),
  );
  const rowOf = new Int32Array(count);
  order.forEach((k, row) => (rowOf[k] = row));
  const metrics = nicheMetrics(graph, partition.community, count);
  const nicheStarts = new Int32Array(count + 1);
  for (const c of nicheGroups) nicheStarts[(rowOf[partition.nicheCommunity[c] as number] as number) + 1]! += 1;
  for (let k = 0; k < count; k++) nicheStarts[k + 1] = (nicheStarts[k + 1] as number) + (nicheStarts[k] as number);
  const niches = new Int32Array(nicheGroups.length);
  const cursor = nicheStarts.slice(0, count);
  nicheGroups.forEach((c, r) => {
    const k = rowOf[partition.nicheCommunity[c] as number] as number;
    niches[cursor[k] as number] = r;
    cursor[k] = (cursor[k] as number) + 1;
  });
  const unassigned = new Int32Array(count);
  if (hasUnassigned) {
    const isNiche = new Uint8Array(groups);
    for (const c of nicheGroups) isNiche[c] = 1;
    for (let c = 0; c < groups; c++) {
      if (isNiche[c] === 1) continue;
      const k = rowOf[partition.nicheCommunity[c] as number] as number;
      unassigned[k] = (unassigned[k] as number) + (groupStarts[c + 1] as number) - (groupStarts[c] as number);
    }
  }
  return {
    rowOf,
    columns: {
      count,
      ids: order.map((_, row) => `c${row}`),
      size: Int32Array.from(order, sizeOf),
      density: Float64Array.from(order, (k) => metrics.density[k] as number),
      conductance: Float64Array.from(order, (k) => metrics.conductance[k] as number),
      nicheStarts,
      niches,
      unassigned,
    },
  };
}

/**
 * Account indices ordered by score descending, then index ascending: trust.ts rankByScore's
 * order, by an LSD radix sort (stable passes of 16 bits) on the scores' IEEE 754 bits,
 * which order like the values for scores >= 0 (every trust score is: a product of
 * non-negative factors). Exact, and linear in the number of accounts. The four digits'
 * counts are taken in one pass over the keys; a pass whose digit is the same for every
 * account would leave the order as it is, and is skipped.
 */
export function sortByScoreDescending(score: Float64Array): Int32Array {
  const n = score.length;
  // A copy with -0 as 0 (its sign bit would sort it above every positive score).
  const keys = new Float64Array(n);
  let from = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = score[i] as number;
    if (!(v >= 0)) throw new RangeError(`${PREFIX}: scores must be >= 0, got ${v} for account ${i}.`);
    keys[i] = v === 0 ? 0 : v;
    from[i] = i;
  }
  const bits = new Uint32Array(keys.buffer, 0, 2 * n);
  let to = new Int32Array(n);
  // counts[pass * 65537 + b + 1]: accounts whose digit of that pass falls in bucket b
  // (buckets in descending digit order). Little-endian: word 2i is the low half, 2i + 1
  // the high half. Passes: low 16 bits of the low word first, high 16 bits of the high word last.
  const counts = new Int32Array(4 * 65537);
  for (let i = 0; i < n; i++) {
    const low = bits[2 * i] as number;
    const high = bits[2 * i + 1] as number;
    const b0 = 65536 - (low & 0xffff);
    const b1 = 2 * 65537 - (low >>> 16) - 1;
    const b2 = 3 * 65537 - (high & 0xffff) - 1;
    const b3 = 4 * 65537 - (high >>> 16) - 1;
    counts[b0] = (counts[b0] as number) + 1;
    counts[b1] = (counts[b1] as number) + 1;
    counts[b2] = (counts[b2] as number) + 1;
    counts[b3] = (counts[b3] as number) + 1;
  }
  for (let pass = 0; pass < 4; pass++) {
    const base = pass * 65537;
    let constant = false;
    for (let b = 1; b <= 65536; b++) {
      const c = counts[base + b] as number;
      if (c === n) constant = true;
      if (c !== 0) break;
    }
    if (constant) continue;
    for (let b = 0; b < 65536; b++) counts[base + b + 1] = (counts[base + b + 1] as number) + (counts[base + b] as number);
    const word = pass < 2 ? 0 : 1;
    const shift = pass % 2 === 0 ? 0 : 16;
    for (let q = 0; q < n; q++) {
      const i = from[q] as number;
      const b = base + 65535 - (((bits[2 * i + word] as number) >>> shift) & 0xffff);
      to[counts[b] as number] = i;
      counts[b] = (counts[b] as number) + 1;
    }
    [from, to] = [to, from];
  }
  return from;
}

/**
 * The TOP_TIES strongest reciprocal ties of every account (weight min(w_ij, w_ji) > 0),
 * strongest first, ties by smaller account index: one pass over the undirected rows, which
 * are sorted by index, so a strict comparison keeps the smaller index on equal weights.
 */
function topReciprocalTies(
  graph: CompactGraph,
  reciprocalWeight: Float64Array,
  overlap: Float64Array,
  group: Int32Array,
  rowOfGroup: Int32Array,
  unassignedRow: number,
): AccountColumns['topTies'] {
  const { order, undirected } = graph;
  const offsets = new Int32Array(order + 1);
  const best = new Int32Array(TOP_TIES);
  // Upper bound first (min(TOP_TIES, reciprocal entries) per account), then trimmed.
  let total = 0;
  for (let i = 0; i < order; i++) {
    let n = 0;
    for (let k = undirected.offsets[i] as number, end = undirected.offsets[i + 1] as number; k < end && n < TOP_TIES; k++) if ((reciprocalWeight[k] as number) > 0) n++;
    total += n;
  }
  const account = new Int32Array(total);
  const weight = new Float64Array(total);
  const overlaps = new Float64Array(total);
  const sameNiche = new Uint8Array(total);
  let at = 0;
  for (let i = 0; i < order; i++) {
    let n = 0;
    for (let k = undirected.offsets[i] as number, end = undirected.offsets[i + 1] as number; k < end; k++) {
      const w = reciprocalWeight[k] as number;
      if (!(w > 0)) continue;
      // Insert k into best[0..n) kept by weight descending (earlier = smaller index on ties).
      let p = n < TOP_TIES ? n++ : TOP_TIES;
      if (p === TOP_TIES) {
        if (!(w > (reciprocalWeight[best[TOP_TIES - 1] as number] as number))) continue;
        p = TOP_TIES - 1;
      }
      while (p > 0 && w > (reciprocalWeight[best[p - 1] as number] as number)) {
        best[p] = best[p - 1] as number;
        p--;
      }
      best[p] = k;
    }
    const gi = group[i] as number;
    const own = rowOfGroup[gi] as number;
    for (let q = 0; q < n; q++) {
      const k = best[q] as number;
      const j = undirected.targets[k] as number;
      account[at] = j;
      weight[at] = reciprocalWeight[k] as number;
      overlaps[at] = overlap[k] as number;
      sameNiche[at] = group[j] === gi && own !== unassignedRow ? 1 : 0;
      at++;
    }
    offsets[i + 1] = at;
  }
  return { offsets, account, weight, overlap: overlaps, sameNiche };
}

/**
 * The undirected positive pairs i < j with their weight and reciprocated weight
 * (`reciprocalWeight`: min(w_ij, w_ji) per undirected entry, tie-strength.ts), grouped by
 * niche row (types.ts TieColumns).
 */
export function analysedTies(graph: CompactGraph, reciprocalWeight: Float64Array, accountRow: Int32Array, rows: number): TieColumns {
  const { order, undirected } = graph;
  const count = graph.undirectedEdges;
  const nicheStarts = new Int32Array(rows + 2);
  for (let i = 0; i < order; i++) {
    const ri = accountRow[i] as number;
    for (let k = undirected.offsets[i] as number, end = undirected.offsets[i + 1] as number; k < end; k++) {
      const j = undirected.targets[k] as number;
      if (j <= i) continue;
      const key = accountRow[j] === ri ? ri : rows;
      nicheStarts[key + 1] = (nicheStarts[key + 1] as number) + 1;
    }
  }
  for (let r = 0; r <= rows; r++) nicheStarts[r + 1] = (nicheStarts[r + 1] as number) + (nicheStarts[r] as number);
  const source = new Int32Array(count);
  const target = new Int32Array(count);
  const weight = new Float64Array(count);
  const reciprocated = new Float64Array(count);
  const cursor = nicheStarts.slice(0, rows + 1);
  for (let i = 0; i < order; i++) {
    const ri = accountRow[i] as number;
    for (let k = undirected.offsets[i] as number, end = undirected.offsets[i + 1] as number; k < end; k++) {
      const j = undirected.targets[k] as number;
      if (j <= i) continue;
      const key = accountRow[j] === ri ? ri : rows;
      const at = cursor[key] as number;
      source[at] = i;
      target[at] = j;
      weight[at] = undirected.weights[k] as number;
      reciprocated[at] = reciprocalWeight[k] as number;
      cursor[key] = at + 1;
    }
  }
  return { count, source, target, weight, reciprocated, nicheStarts: nicheStarts.slice(0, rows + 1) };
}
