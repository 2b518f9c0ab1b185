/**
 * The object-per-member assembly that analyse.ts ran before the result became columnar
 * (commit 9e8fba7), kept verbatim as the reference of the equivalence tests: given the same
 * partition and centralities, result-view.ts's objects built from the columnar result must
 * equal what this builds. Test code only.
 */
import { groupByCommunity } from '../../../src/analysis/communities.js';
import type { CompactGraph } from '../../../src/analysis/compact-graph.js';
import { nicheMetrics } from '../../../src/analysis/niche-metrics.js';
import { eventsPerDay, nicheActivity, nicheProfiles } from '../../../src/analysis/niche-profile.js';
import type { PairTable } from '../../../src/analysis/pair-table.js';
import { roleOf, type Role } from '../../../src/analysis/roles.js';
import { findEntry } from '../../../src/analysis/tie-strength.js';
import { tieStrength } from '../../../src/analysis/tie-strength.js';
import { rankByScore, trustScores } from '../../../src/analysis/trust.js';
import type { CommunityResult, MemberScore, NicheResult, ReciprocalTie } from '../../../src/analysis/types.js';

export interface ReferenceInputs {
  graph: CompactGraph;
  table: PairTable;
  community: Int32Array;
  count: number;
  /** The coarse level: account -> community, and niche (group) -> community. */
  outer: Int32Array;
  outerCount: number;
  nicheCommunity: Int32Array;
  confidence: Float64Array;
  stability: Float64Array;
  within: Float64Array;
  global: Float64Array;
  extra: Map<string, ArrayLike<number>> | null;
  topK: number;
  minNicheSize: number;
}

const UNASSIGNED_ID = 'unassigned';
const TOP_TIES = 3;

export function referenceNiches(input: ReferenceInputs): { niches: NicheResult[]; communities: CommunityResult[] } {
  const { graph, table, community, count, within, global, extra } = input;
  const { order, ids } = graph;
  const { starts, members } = groupByCommunity(community, count);
  const groupSize = (c: number): number => (starts[c + 1] as number) - (starts[c] as number);
  const metrics = nicheMetrics(graph, community, count);
  const ties = tieStrength(graph, community);
  const roles = referenceRoles(graph, community, count);
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
  const figures = { confidence: input.confidence, stability: input.stability };
  const profile = nicheProfiles(graph, community, count, ties.reciprocalWeight);
  const activity = nicheActivity(table, community, count);
  const iso = (ms: number): string | null => (Number.isFinite(ms) ? new Date(ms).toISOString() : null);

  const isNiche = (c: number): boolean => groupSize(c) >= input.minNicheSize;
  const nicheOrder = Array.from({ length: count }, (_, c) => c)
    .filter(isNiche)
    .sort((a, b) => groupSize(b) - groupSize(a) || (members[starts[a] as number] as number) - (members[starts[b] as number] as number));
  const nicheId = new Array<string>(count).fill(UNASSIGNED_ID);
  nicheOrder.forEach((c, rank) => {
    nicheId[c] = `n${rank}`;
  });

  // Communities, largest first, ties by smallest member id; each lists its niches in rank order (main's 216d3a8).
  const outer = groupByCommunity(input.outer, input.outerCount);
  const outerSize = (k: number): number => (outer.starts[k + 1] as number) - (outer.starts[k] as number);
  const communityOrder = Array.from({ length: input.outerCount }, (_, k) => k).sort(
    (a, b) => outerSize(b) - outerSize(a) || (outer.members[outer.starts[a] as number] as number) - (outer.members[outer.starts[b] as number] as number),
  );
  const communityId = new Array<string>(input.outerCount);
  communityOrder.forEach((k, rank) => {
    communityId[k] = `c${rank}`;
  });
  const communityMetrics = nicheMetrics(graph, input.outer, input.outerCount);
  const nichesOfCommunity = Array.from({ length: input.outerCount }, () => [] as string[]);
  for (const c of nicheOrder) nichesOfCommunity[input.nicheCommunity[c] as number]?.push(nicheId[c] as string);
  const unassignedIn = new Int32Array(input.outerCount);
  for (let c = 0; c < count; c++) if (!isNiche(c)) unassignedIn[input.nicheCommunity[c] as number] = (unassignedIn[input.nicheCommunity[c] as number] as number) + groupSize(c);
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
    return found.slice(0, TOP_TIES).map(({ k, w }) => {
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
    list.filter((m) => m.role !== 'broadcaster').slice(0, input.topK).map((m) => ({ accountId: m.accountId, score: m.score }));

  const niches: NicheResult[] = [];
  for (const c of nicheOrder) {
    const ranked = rankByScore(members.subarray(starts[c] as number, starts[c + 1] as number), trust.score);
    const memberScores = Array.from(ranked, memberScore);
    niches.push({
      id: nicheId[c] as string,
      communityId: communityId[input.nicheCommunity[c] as number] as string,
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
          toNiches: profile
            .reachedGroups(graph.index.get(m.accountId) as number, 3)
            .map((g) => nicheId[g] as string)
            .filter((id, k, all) => all.indexOf(id) === k),
        })),
      members: memberScores,
      trusted: trustedOf(memberScores),
    });
  }

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
  return { niches, communities };
}

/** accountRoles as it was at commit 9e8fba7 (a Map per account, a binary search per arc). */
function referenceRoles(graph: CompactGraph, community: Int32Array, count: number): { withinDegreeZ: Float64Array; participation: Float64Array; role: Role[] } {
  const { order, undirected, out } = graph;
  if (community.length !== order) throw new RangeError(`reference roles: community has ${community.length} labels for ${order} accounts.`);

  const kappa = new Float64Array(order);
  const participation = new Float64Array(order);
  const perNiche = new Map<number, number>();
  for (let i = 0; i < order; i++) {
    const start = undirected.offsets[i] as number;
    const end = undirected.offsets[i + 1] as number;
    const k = end - start;
    if (k === 0) continue;
    perNiche.clear();
    for (let e = start; e < end; e++) {
      const s = community[undirected.targets[e] as number] as number;
      perNiche.set(s, (perNiche.get(s) ?? 0) + 1);
    }
    kappa[i] = perNiche.get(community[i] as number) ?? 0;
    let sum = 0;
    for (const kis of perNiche.values()) sum += (kis / k) * (kis / k);
    participation[i] = 1 - sum;
  }

  const mean = new Float64Array(count);
  const sq = new Float64Array(count);
  const size = new Float64Array(count);
  for (let i = 0; i < order; i++) {
    const c = community[i] as number;
    mean[c] = (mean[c] as number) + (kappa[i] as number);
    sq[c] = (sq[c] as number) + (kappa[i] as number) ** 2;
    size[c] = (size[c] as number) + 1;
  }
  const withinDegreeZ = new Float64Array(order);
  for (let i = 0; i < order; i++) {
    const c = community[i] as number;
    const n = size[c] as number;
    const mu = (mean[c] as number) / n;
    const sd = Math.sqrt(Math.max(0, (sq[c] as number) / n - mu * mu));
    withinDegreeZ[i] = sd > 1e-12 ? ((kappa[i] as number) - mu) / sd : 0;
  }

  // Audience: distinct positive in-contacts, and how many of them i wrote back to.
  const inContacts = new Int32Array(order);
  const answered = new Int32Array(order);
  for (let s = 0; s < order; s++) {
    for (let k = out.offsets[s] as number, end = out.offsets[s + 1] as number; k < end; k++) {
      const t = out.targets[k] as number;
      inContacts[t] = (inContacts[t] as number) + 1;
      if (findEntry(out, t, s) >= 0) answered[t] = (answered[t] as number) + 1;
    }
  }
  let inMean = 0;
  let inSq = 0;
  for (let i = 0; i < order; i++) {
    inMean += inContacts[i] as number;
    inSq += (inContacts[i] as number) ** 2;
  }
  inMean = order > 0 ? inMean / order : 0;
  const inSd = order > 0 ? Math.sqrt(Math.max(0, inSq / order - inMean * inMean)) : 0;

  const answeredShare = new Float64Array(order);
  const role: Role[] = new Array<Role>(order);
  for (let i = 0; i < order; i++) {
    const audience = inContacts[i] as number;
    answeredShare[i] = audience > 0 ? (answered[i] as number) / audience : 0;
    const audienceZ = inSd > 1e-12 ? (audience - inMean) / inSd : 0;
    const degree = (undirected.offsets[i + 1] as number) - (undirected.offsets[i] as number);
    role[i] =
      audienceZ >= 2.5 && (answeredShare[i] as number) < 0.1
        ? 'broadcaster'
        : roleOf(withinDegreeZ[i] as number, participation[i] as number, degree);
  }
  return { withinDegreeZ, participation, role };
}
