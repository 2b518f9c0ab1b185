/**
 * The analysis pipeline: projection -> stable niches -> trusted members.
 *
 * 1. compact graph (typed arrays, sorted ids)                   compact-graph.ts
 * 2-4. communities (Leiden, modularity at resolution 1) and, niches.ts (Traag et al. 2019;
 *    inside each, niches (Leiden at the niche-level resolution:  Dunbar 1993; Zhou et al. 2005;
 *    given, aimed at a size band, or at Dunbar's band layer),    Lancichinetti & Fortunato 2012)
 *    stable by consensus over the accounts the runs disagree on
 * 5. groups below minNicheSize -> the unassigned group (scored in their own small group)
 * 6. whole-graph and within-niche weighted PageRank             pagerank.ts (Page et al. 1999)
 * 7. tie strength, roles, trust score and its components        tie-strength.ts, roles.ts, trust.ts
 * 8. niche figures, activity, confidence and stability          niche-metrics.ts, niche-profile.ts, consensus.ts
 *
 * Pure and deterministic: same projection + options -> same result. Niches are ordered
 * largest first, ties by smallest member id, and named "n" + rank (n0 = largest); the
 * unassigned group, when there is one, comes last with id "unassigned". Communities are
 * ordered the same way and named "c" + rank; every niche names its community.
 */
import { groupByCommunity } from './communities.js';
import { buildCompactGraph } from './compact-graph.js';
import { nicheMetrics } from './niche-metrics.js';
import { findNiches, DEFAULTS as NICHE_DEFAULTS } from './niches.js';
import { isPairTable, pairTableFromProjection, type PairTable } from './pair-table.js';
import { eventsPerDay, nicheActivity, nicheProfiles } from './niche-profile.js';
import { computeCentralities } from './centrality/select.js';
import { communityPagerank, globalPagerank } from './pagerank.js';
import { accountRoles } from './roles.js';
import { tieStrength } from './tie-strength.js';
import { rankByScore, trustScores } from './trust.js';
import type { AnalysisHooks } from './phases.js';
import type { AnalysisOptions, AnalysisResult, CommunityResult, MemberScore, NicheResult, Projection, ReciprocalTie } from './types.js';

const PREFIX = 'nichegraph/analysis/analyse';

export const DEFAULTS = {
  runs: NICHE_DEFAULTS.runs,
  /** A group of two is a dyad, not a group: the triad is the smallest one (G. Simmel, 1908; cf. Krackhardt 1999). */
  minNicheSize: 3,
  /** Strongest reciprocal ties reported per account. */
  topTies: 3,
};

export const UNASSIGNED_ID = 'unassigned';

function checkInteger(value: unknown, name: string, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`${PREFIX}: options.${name} must be an integer in ${min}..${max}, got ${String(value)}.`);
  }
}

/** Throws a RangeError naming the first invalid option. */
export function validateAnalysisOptions(options: AnalysisOptions): void {
  if (options === null || typeof options !== 'object') throw new TypeError(`${PREFIX}: options must be an object.`);
  const { resolution, seed, topK } = options;
  if (resolution !== undefined && resolution !== null && (typeof resolution !== 'number' || !Number.isFinite(resolution) || resolution <= 0)) {
    throw new RangeError(`${PREFIX}: options.resolution must be a finite number > 0 or null, got ${String(resolution)}.`);
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

/** Analyses a projection given as a PairTable (the store's form) or as validated row objects. */
export function analyseProjection(projection: Projection | PairTable, options: AnalysisOptions, hooks: AnalysisHooks = {}): AnalysisResult {
  validateAnalysisOptions(options);
  // Warm starts (issue 12) were measured on the Louvain engine; findNiches does not take one yet.
  if (options.initialPartition !== undefined) throw new RangeError(`${PREFIX}: options.initialPartition is not supported by the Leiden engine yet.`);
  const runs = options.runs ?? DEFAULTS.runs;
  const minNicheSize = options.minNicheSize ?? DEFAULTS.minNicheSize;
  const table = isPairTable(projection) ? projection : pairTableFromProjection(projection);
  const graph = buildCompactGraph(table);
  const { order, ids } = graph;

  hooks.onPhase?.('communities');
  const hierarchy = findNiches(graph, {
    seed: options.seed,
    runs,
    resolution: options.resolution ?? null,
    nicheSize: options.nicheSize ?? null,
  });
  // Groups: the niches (each scored as a group of its own; those below minNicheSize form the unassigned group).
  const community = hierarchy.niche;
  const count = hierarchy.nicheCount;
  const { starts, members } = groupByCommunity(community, count);
  const groupSize = (c: number): number => (starts[c + 1] as number) - (starts[c] as number);

  hooks.onPhase?.('centrality');
  const global = globalPagerank(graph);
  const within = communityPagerank(graph, community, count);
  const extra = options.centralities !== undefined && options.centralities.length > 0 ? computeCentralities(graph, options.centralities, options.seed) : null;
  hooks.onPhase?.('scoring');
  const metrics = nicheMetrics(graph, community, count);
  const ties = tieStrength(graph, community);
  const roles = accountRoles(graph, community, count);
  const nicheSize = Int32Array.from(community, (c) => groupSize(c));
  const trust = trustScores({
    withinPagerank: within,
    nicheSize,
    reciprocity: ties.reciprocity,
    repeat: ties.repeat,
    embeddedness: ties.embeddedness,
    positiveInStrength: graph.positiveInStrength,
    negativeInStrength: graph.negativeInStrength,
  });
  const figures = { confidence: hierarchy.confidence, stability: hierarchy.nicheStability };
  const profile = nicheProfiles(graph, community, count, ties.reciprocalWeight);
  const activity = nicheActivity(table, community, count);
  const iso = (ms: number): string | null => (Number.isFinite(ms) ? new Date(ms).toISOString() : null);

  // Niches (groups of at least minNicheSize), largest first, ties by smallest member id.
  const isNiche = (c: number): boolean => groupSize(c) >= minNicheSize;
  const nicheOrder = Array.from({ length: count }, (_, c) => c)
    .filter(isNiche)
    .sort((a, b) => groupSize(b) - groupSize(a) || (members[starts[a] as number] as number) - (members[starts[b] as number] as number));
  const nicheId = new Array<string>(count).fill(UNASSIGNED_ID);
  nicheOrder.forEach((c, rank) => {
    nicheId[c] = `n${rank}`;
  });

  // Communities, largest first, ties by smallest member id; each lists its niches in rank order.
  const outer = groupByCommunity(hierarchy.community, hierarchy.communityCount);
  const outerSize = (k: number): number => (outer.starts[k + 1] as number) - (outer.starts[k] as number);
  const communityOrder = Array.from({ length: hierarchy.communityCount }, (_, k) => k).sort(
    (a, b) => outerSize(b) - outerSize(a) || (outer.members[outer.starts[a] as number] as number) - (outer.members[outer.starts[b] as number] as number),
  );
  const communityId = new Array<string>(hierarchy.communityCount);
  communityOrder.forEach((k, rank) => {
    communityId[k] = `c${rank}`;
  });
  const communityMetrics = nicheMetrics(graph, hierarchy.community, hierarchy.communityCount);
  const nichesOfCommunity = Array.from({ length: hierarchy.communityCount }, () => [] as string[]);
  for (const c of nicheOrder) nichesOfCommunity[hierarchy.nicheCommunity[c] as number]?.push(nicheId[c] as string);
  const unassignedIn = new Int32Array(hierarchy.communityCount);
  for (let c = 0; c < count; c++) if (!isNiche(c)) unassignedIn[hierarchy.nicheCommunity[c] as number] = (unassignedIn[hierarchy.nicheCommunity[c] as number] as number) + groupSize(c);
  const communities: CommunityResult[] = communityOrder.map((k) => ({
    id: communityId[k] as string,
    size: outerSize(k),
    density: communityMetrics.density[k] as number,
    conductance: communityMetrics.conductance[k] as number,
    niches: nichesOfCommunity[k] as string[],
    unassigned: unassignedIn[k] as number,
  }));

  const topTiesOf = (i: number): ReciprocalTie[] => {
    const found: Array<{ k: number; w: number }> = [];
    for (let k = graph.undirected.offsets[i] as number, end = graph.undirected.offsets[i + 1] as number; k < end; k++) {
      const w = ties.reciprocalWeight[k] as number;
      if (w > 0) found.push({ k, w });
    }
    found.sort((a, b) => b.w - a.w || (graph.undirected.targets[a.k] as number) - (graph.undirected.targets[b.k] as number));
    return found.slice(0, DEFAULTS.topTies).map(({ k, w }) => {
      const j = graph.undirected.targets[k] as number;
      return { accountId: ids[j] as string, weight: w, overlap: ties.overlap[k] as number, sameNiche: nicheId[community[j] as number] === nicheId[community[i] as number] && isNiche(community[i] as number) };
    });
  };
  const memberScore = (i: number): MemberScore => ({
    accountId: ids[i] as string,
    score: trust.score[i] as number,
    pagerank: within[i] as number,
    globalPagerank: global[i] as number,
    inStrength: graph.positiveInStrength[i] as number,
    outStrength: graph.positiveOutStrength[i] as number,
    negativeInStrength: graph.negativeInStrength[i] as number,
    weightedDegree: graph.weightedDegree[i] as number,
    internalShare: metrics.internalShare[i] as number,
    centrality: trust.centrality[i] as number,
    ties: trust.ties[i] as number,
    positiveShare: trust.positiveShare[i] as number,
    reciprocity: ties.reciprocity[i] as number,
    repeat: ties.repeat[i] as number,
    embeddedness: ties.embeddedness[i] as number,
    withinDegreeZ: roles.withinDegreeZ[i] as number,
    participation: roles.participation[i] as number,
    role: roles.role[i] as MemberScore['role'],
    confidence: figures.confidence[i] as number,
    topTies: topTiesOf(i),
    ...(extra ? { centralities: Object.fromEntries([...extra].map(([name, values]) => [name, values[i] as number])) } : {}),
  });
  const trustedOf = (list: MemberScore[]) =>
    list.filter((m) => m.role !== 'broadcaster').slice(0, options.topK).map((m) => ({ accountId: m.accountId, score: m.score }));

  const niches: NicheResult[] = [];
  for (const c of nicheOrder) {
    const ranked = rankByScore(members.subarray(starts[c] as number, starts[c + 1] as number), trust.score);
    const memberScores = Array.from(ranked, memberScore);
    niches.push({
      id: nicheId[c] as string,
      communityId: communityId[hierarchy.nicheCommunity[c] as number] as string,
      unassigned: false,
      size: metrics.size[c] as number,
      density: metrics.density[c] as number,
      conductance: metrics.conductance[c] as number,
      stability: figures.stability[c] as number,
      reciprocity: profile.reciprocity[c] as number,
      events: activity.events[c] as number,
      firstActivity: iso(activity.firstTs[c] as number),
      lastActivity: iso(activity.lastTs[c] as number),
      eventsPerDay: eventsPerDay(activity.events[c] as number, activity.firstTs[c] as number, activity.lastTs[c] as number),
      dominantTypes: activity.dominantTypes[c] as Array<{ type: string; share: number }>,
      bridges: memberScores
        .filter((m) => m.role === 'connector-hub' || m.role === 'kinless-hub')
        .map((m) => ({
          accountId: m.accountId,
          participation: m.participation,
          toNiches: (profile.reachedGroups(graph.index.get(m.accountId) as number, 3))
            .map((g) => nicheId[g] as string)
            .filter((id, k, all) => all.indexOf(id) === k),
        })),
      members: memberScores,
      trusted: trustedOf(memberScores),
    });
  }

  // The unassigned group: everyone whose group is below minNicheSize, never dropped.
  const leftover: number[] = [];
  for (let c = 0; c < count; c++) if (!isNiche(c)) for (let p = starts[c] as number; p < (starts[c + 1] as number); p++) leftover.push(members[p] as number);
  if (leftover.length > 0) {
    const ranked = rankByScore(leftover, trust.score);
    const memberScores = Array.from(ranked, memberScore);
    const inGroup = new Uint8Array(order);
    for (const i of leftover) inGroup[i] = 1;
    let pairs = 0;
    for (const i of leftover) {
      for (let k = graph.undirected.offsets[i] as number, end = graph.undirected.offsets[i + 1] as number; k < end; k++) {
        const j = graph.undirected.targets[k] as number;
        if (j > i && inGroup[j] === 1) pairs++;
      }
    }
    const n = leftover.length;
    niches.push({
      id: UNASSIGNED_ID,
      communityId: null,
      unassigned: true,
      size: n,
      density: n > 1 ? pairs / ((n * (n - 1)) / 2) : 0,
      // Not a niche: conductance, stability, reciprocity and activity do not apply and read 0 / null.
      conductance: 0,
      stability: 0,
      reciprocity: 0,
      events: 0,
      firstActivity: null,
      lastActivity: null,
      eventsPerDay: 0,
      dominantTypes: [],
      bridges: [],
      members: memberScores,
      trusted: [],
    });
  }

  let confidenceSum = 0;
  let connected = 0;
  for (let i = 0; i < order; i++) {
    if ((graph.undirected.offsets[i + 1] as number) > (graph.undirected.offsets[i] as number)) {
      confidenceSum += figures.confidence[i] as number;
      connected++;
    }
  }

  return {
    summary: {
      accounts: order,
      edges: graph.undirectedEdges,
      niches: nicheOrder.length,
      communities: hierarchy.communityCount,
      modularity: hierarchy.summary.communityModularity,
      nicheModularity: hierarchy.summary.nicheModularity,
      resolution: hierarchy.summary.nicheResolution,
      runs,
      consensusRounds: hierarchy.summary.consensusRounds,
      louvainDisconnected: hierarchy.summary.louvainDisconnected,
      unassigned: leftover.length,
      meanConfidence: connected > 0 ? confidenceSum / connected : 1,
    },
    communities,
    niches,
  };
}
