/**
 * Objects from the columnar result, for the rows a caller asks for: one member
 * (MemberScore), one niche (NicheResult without or with its members). The JSON routes and
 * the exports build exactly the objects of the page they answer; `nicheResults` builds the
 * whole object form (tests, small results).
 */
import { ROLES } from './roles.js';
import type { AnalysisResult, CommunityResult, MemberScore, NicheLineageView, NicheResult, ReciprocalTie } from './types.js';

export type NicheView = Omit<NicheResult, 'members'>;

function iso(ms: number): string | null {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** Account i's scores, as the API reports them. */
export function memberScore(result: AnalysisResult, i: number): MemberScore {
  const a = result.accounts;
  const topTies: ReciprocalTie[] = [];
  for (let k = a.topTies.offsets[i] as number, end = a.topTies.offsets[i + 1] as number; k < end; k++) {
    topTies.push({
      accountId: a.ids[a.topTies.account[k] as number] as string,
      weight: a.topTies.weight[k] as number,
      overlap: a.topTies.overlap[k] as number,
      sameNiche: a.topTies.sameNiche[k] === 1,
    });
  }
  const member: MemberScore = {
    accountId: a.ids[i] as string,
    score: a.score[i] as number,
    pagerank: a.pagerank[i] as number,
    globalPagerank: a.globalPagerank[i] as number,
    inStrength: a.inStrength[i] as number,
    outStrength: a.outStrength[i] as number,
    negativeInStrength: a.negativeInStrength[i] as number,
    weightedDegree: a.weightedDegree[i] as number,
    internalShare: a.internalShare[i] as number,
    centrality: a.centrality[i] as number,
    ties: a.ties[i] as number,
    positiveShare: a.positiveShare[i] as number,
    reciprocity: a.reciprocity[i] as number,
    repeat: a.repeat[i] as number,
    embeddedness: a.embeddedness[i] as number,
    withinDegreeZ: a.withinDegreeZ[i] as number,
    participation: a.participation[i] as number,
    role: ROLES[a.role[i] as number] as MemberScore['role'],
    confidence: a.confidence[i] as number,
    topTies,
  };
  if (a.centralities.length > 0) member.centralities = Object.fromEntries(a.centralities.map((c) => [c.name, c.values[i] as number]));
  return member;
}

/** Niche row r without its member list. */
export function nicheView(result: AnalysisResult, r: number): NicheView {
  const n = result.niches;
  const a = result.accounts;
  const trusted = [];
  for (let k = n.trusted.starts[r] as number, end = n.trusted.starts[r + 1] as number; k < end; k++) {
    const i = n.trusted.account[k] as number;
    trusted.push({ accountId: a.ids[i] as string, score: a.score[i] as number });
  }
  const bridges = [];
  for (let k = n.bridges.starts[r] as number, end = n.bridges.starts[r + 1] as number; k < end; k++) {
    const i = n.bridges.account[k] as number;
    const toNiches: string[] = [];
    for (let q = n.bridges.toStarts[k] as number, qEnd = n.bridges.toStarts[k + 1] as number; q < qEnd; q++) toNiches.push(n.ids[n.bridges.toNiche[q] as number] as string);
    bridges.push({ accountId: a.ids[i] as string, participation: a.participation[i] as number, toNiches });
  }
  const dominantTypes = [];
  for (let k = n.dominantTypes.starts[r] as number, end = n.dominantTypes.starts[r + 1] as number; k < end; k++) {
    dominantTypes.push({ type: n.dominantTypes.typeNames[n.dominantTypes.type[k] as number] as string, share: n.dominantTypes.share[k] as number });
  }
  const community = n.community[r] as number;
  const view: NicheView = {
    id: n.ids[r] as string,
    communityId: community < 0 ? null : (result.communities.ids[community] as string),
    unassigned: r === n.unassignedRow,
    size: n.size[r] as number,
    density: n.density[r] as number,
    conductance: n.conductance[r] as number,
    stability: n.stability[r] as number,
    reciprocity: n.reciprocity[r] as number,
    events: n.events[r] as number,
    firstActivity: iso(n.firstActivity[r] as number),
    lastActivity: iso(n.lastActivity[r] as number),
    eventsPerDay: n.eventsPerDay[r] as number,
    dominantTypes,
    bridges,
    trusted,
  };
  if (result.lineage !== undefined) view.lineage = nicheLineageView(result, r);
  return view;
}

/** Row r's lineage (null for the unassigned group); the result must carry lineage. */
export function nicheLineageView(result: AnalysisResult, r: number): NicheLineageView | null {
  const l = result.lineage;
  const event = l?.event[r] ?? null;
  if (l === undefined || event === null) return null;
  const from = [];
  for (let k = l.fromStarts[r] as number, end = l.fromStarts[r + 1] as number; k < end; k++) from.push({ nicheId: l.fromIds[k] as string, jaccard: l.fromJaccard[k] as number });
  return { baselineAnalysisId: l.baselineAnalysisId, event, from };
}

/** Community row k. */
export function communityView(result: AnalysisResult, k: number): CommunityResult {
  const c = result.communities;
  return {
    id: c.ids[k] as string,
    size: c.size[k] as number,
    density: c.density[k] as number,
    conductance: c.conductance[k] as number,
    niches: Array.from(c.niches.subarray(c.nicheStarts[k] as number, c.nicheStarts[k + 1] as number), (r) => result.niches.ids[r] as string),
    unassigned: c.unassigned[k] as number,
  };
}

/** Account indices of row r's members from `offset`, at most `limit`, in rank order. */
export function memberPage(result: AnalysisResult, r: number, offset: number, limit: number): Int32Array {
  const from = (result.niches.memberStarts[r] as number) + offset;
  const to = Math.min(result.niches.memberStarts[r + 1] as number, from + limit);
  return result.niches.members.subarray(Math.min(from, to), to);
}

/** The whole object form: every niche with every member (tests and small results only). */
export function nicheResults(result: AnalysisResult): NicheResult[] {
  const out: NicheResult[] = [];
  for (let r = 0; r < result.niches.count; r++) {
    const view = nicheView(result, r);
    const members = Array.from(memberPage(result, r, 0, Number.MAX_SAFE_INTEGER), (i) => memberScore(result, i));
    // Key order of the object form: id, unassigned, size, ... members, trusted (, lineage).
    const { trusted, lineage, ...rest } = view;
    out.push({ ...rest, members, trusted, ...(lineage === undefined ? {} : { lineage }) });
  }
  return out;
}
