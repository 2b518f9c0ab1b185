/**
 * Hand-made results for tests, written as objects (every niche with its members), turned
 * into the columnar AnalysisResult the store takes: the inverse of result-view.ts
 * nicheResults for results whose tie targets are accounts of the result.
 */
import { ROLES } from '../../src/analysis/roles.js';
import type { CentralityName } from '../../src/analysis/centrality/select.js';
import type { AnalysisResult, AnalysisSummary, NicheResult } from '../../src/analysis/types.js';

export interface ObjectResult {
  summary: AnalysisSummary;
  niches: NicheResult[];
}

export function toColumnar(result: ObjectResult): AnalysisResult {
  const ids = [...new Set(result.niches.flatMap((n) => n.members.map((m) => m.accountId)))].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const at = (id: string): number => {
    const i = index.get(id);
    if (i === undefined) throw new Error(`test/helpers/columnar: '${id}' is not a member of the result`);
    return i;
  };
  const n = ids.length;
  const f = () => new Float64Array(n);
  const accounts = {
    count: n,
    ids,
    niche: new Int32Array(n),
    rank: new Int32Array(n),
    score: f(), pagerank: f(), globalPagerank: f(), inStrength: f(), outStrength: f(), negativeInStrength: f(), weightedDegree: f(),
    internalShare: f(), centrality: f(), ties: f(), positiveShare: f(), reciprocity: f(), repeat: f(), embeddedness: f(),
    withinDegreeZ: f(), participation: f(), confidence: f(),
    role: new Uint8Array(n),
    topTies: { offsets: new Int32Array(n + 1), account: new Int32Array(0), weight: new Float64Array(0), overlap: new Float64Array(0), sameNiche: new Uint8Array(0) },
    centralities: [] as Array<{ name: CentralityName; values: Float64Array }>,
  };
  const rows = result.niches.length;
  const memberStarts = new Int32Array(rows + 1);
  const members: number[] = [];
  const tieLists: Array<NicheResult['members'][number]['topTies']> = new Array(n);
  const centralityNames = new Set<CentralityName>();
  result.niches.forEach((niche, r) => {
    niche.members.forEach((m, rank) => {
      const i = at(m.accountId);
      members.push(i);
      accounts.niche[i] = r;
      accounts.rank[i] = rank;
      for (const key of ['score', 'pagerank', 'globalPagerank', 'inStrength', 'outStrength', 'negativeInStrength', 'weightedDegree', 'internalShare', 'centrality', 'ties', 'positiveShare', 'reciprocity', 'repeat', 'embeddedness', 'withinDegreeZ', 'participation', 'confidence'] as const) {
        accounts[key][i] = m[key];
      }
      accounts.role[i] = ROLES.indexOf(m.role);
      tieLists[i] = m.topTies;
      for (const name of Object.keys(m.centralities ?? {})) centralityNames.add(name as CentralityName);
    });
    memberStarts[r + 1] = members.length;
  });
  const flat = Array.from({ length: n }, (_, i) => tieLists[i] ?? []);
  const total = flat.reduce((s, l) => s + l.length, 0);
  accounts.topTies = { offsets: new Int32Array(n + 1), account: new Int32Array(total), weight: new Float64Array(total), overlap: new Float64Array(total), sameNiche: new Uint8Array(total) };
  let k = 0;
  flat.forEach((list, i) => {
    for (const tie of list) {
      accounts.topTies.account[k] = at(tie.accountId);
      accounts.topTies.weight[k] = tie.weight;
      accounts.topTies.overlap[k] = tie.overlap;
      accounts.topTies.sameNiche[k] = tie.sameNiche ? 1 : 0;
      k++;
    }
    accounts.topTies.offsets[i + 1] = k;
  });
  accounts.centralities = [...centralityNames].map((name) => {
    const values = f();
    result.niches.forEach((niche) => niche.members.forEach((m) => (values[at(m.accountId)] = m.centralities?.[name] ?? Number.NaN)));
    return { name, values };
  });
  const typeNames = [...new Set(result.niches.flatMap((x) => x.dominantTypes.map((d) => d.type)))].sort();
  const nicheRow = new Map(result.niches.map((x, r) => [x.id, r]));
  const csr = <T>(lists: T[][]) => {
    const starts = new Int32Array(rows + 1);
    const flatList: T[] = [];
    lists.forEach((l, r) => {
      flatList.push(...l);
      starts[r + 1] = flatList.length;
    });
    return { starts, flat: flatList };
  };
  const trusted = csr(result.niches.map((x) => x.trusted.map((m) => at(m.accountId))));
  const bridges = csr(result.niches.map((x) => x.bridges));
  const toStarts = [0];
  const toNiche: number[] = [];
  for (const b of bridges.flat) {
    for (const id of b.toNiches) toNiche.push(nicheRow.get(id) as number);
    toStarts.push(toNiche.length);
  }
  const types = csr(result.niches.map((x) => x.dominantTypes));
  const col = (get: (x: NicheResult) => number) => Float64Array.from(result.niches, get);
  const unassignedRow = result.niches.findIndex((x) => x.unassigned);
  return {
    summary: result.summary,
    accounts,
    niches: {
      count: rows,
      ids: result.niches.map((x) => x.id),
      unassignedRow,
      size: Int32Array.from(result.niches, (x) => x.size),
      density: col((x) => x.density),
      conductance: col((x) => x.conductance),
      stability: col((x) => x.stability),
      reciprocity: col((x) => x.reciprocity),
      events: col((x) => x.events),
      firstActivity: col((x) => (x.firstActivity === null ? Number.NaN : Date.parse(x.firstActivity))),
      lastActivity: col((x) => (x.lastActivity === null ? Number.NaN : Date.parse(x.lastActivity))),
      eventsPerDay: col((x) => x.eventsPerDay),
      memberStarts,
      members: Int32Array.from(members),
      trusted: { starts: trusted.starts, account: Int32Array.from(trusted.flat) },
      bridges: {
        starts: bridges.starts,
        account: Int32Array.from(bridges.flat, (b) => at(b.accountId)),
        toStarts: Int32Array.from(toStarts),
        toNiche: Int32Array.from(toNiche),
      },
      dominantTypes: {
        starts: types.starts,
        type: Int32Array.from(types.flat, (d) => typeNames.indexOf(d.type)),
        share: Float64Array.from(types.flat, (d) => d.share),
        typeNames,
      },
      // The fixtures name no communities: one per niche, "c" + rank, the unassigned group in none.
      community: Int32Array.from(result.niches, (x, r) => (x.unassigned ? -1 : r - (unassignedRow >= 0 && r > unassignedRow ? 1 : 0))),
    },
    communities: (() => {
      const rows = result.niches.map((x, r) => ({ x, r })).filter(({ x }) => !x.unassigned);
      return {
        count: rows.length,
        ids: rows.map((_, k) => `c${k}`),
        size: Int32Array.from(rows, ({ x }) => x.size),
        density: Float64Array.from(rows, ({ x }) => x.density),
        conductance: Float64Array.from(rows, ({ x }) => x.conductance),
        nicheStarts: Int32Array.from({ length: rows.length + 1 }, (_, k) => k),
        niches: Int32Array.from(rows, ({ r }) => r),
        unassigned: new Int32Array(rows.length),
      };
    })(),
    ties: { count: 0, source: new Int32Array(0), target: new Int32Array(0), weight: new Float64Array(0), reciprocated: new Float64Array(0), nicheStarts: new Int32Array(rows + 1) },
  };
}
