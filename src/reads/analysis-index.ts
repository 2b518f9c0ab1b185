/**
 * A finished analysis held compactly in memory for the reads that need the whole of it at
 * once: the niche-level graph, a niche's ties, the account-level map and the ambassador
 * orders. Built in one pass over AnalysisReads (accounts, then ties) into typed arrays
 * (accounts by index in read order, ties as an undirected CSR); derived answers are
 * computed on first use and kept with it. A finished analysis never changes, so an index
 * stays valid; AnalysisIndexCache bounds how many bytes of them are kept.
 */
import { LRUCache } from 'lru-cache';
import { ambassadorOrders, type AmbassadorOrders } from '../analysis/ambassadors.js';
import type { AnalysisRecord } from '../store/port.js';
import type { AnalysisReads } from './analysis-reads.js';

export interface NicheNode {
  id: string;
  /** Rank of the niche (n0 = 0), -1 for the unassigned group. */
  rank: number;
  size: number;
  /** Null for the unassigned group. */
  communityId: string | null;
  unassigned: boolean;
}

export interface NicheLink {
  source: string;
  target: string;
  /** Sum of the positive weight of the ties between the two niches. */
  weight: number;
  /** Number of such ties. */
  ties: number;
}

export interface NicheGraph {
  niches: NicheNode[];
  links: NicheLink[];
  communities: Array<{ id: string; niches: number; size: number }>;
}

export class AnalysisIndex {
  readonly order: number;
  readonly ids: string[];
  readonly index: Map<string, number>;
  /** Account -> group index (position in `groups`), the unassigned group included. */
  readonly group: Int32Array;
  readonly groups: NicheNode[];
  readonly score: Float64Array;
  readonly rank: Int32Array;
  readonly broadcaster: Uint8Array;
  readonly roles: string[];
  /** Undirected ties as CSR rows sorted by neighbour; weight and reciprocated weight per entry. */
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  readonly weights: Float64Array;
  readonly reciprocated: Float64Array;
  readonly tieCount: number;
  private nicheGraphMemo: NicheGraph | null = null;
  private ambassadorMemo: AmbassadorOrders | null = null;
  private membersMemo: { starts: Int32Array; members: Int32Array } | null = null;

  private constructor(parts: {
    ids: string[];
    group: Int32Array;
    groups: NicheNode[];
    score: Float64Array;
    rank: Int32Array;
    roles: string[];
    offsets: Int32Array;
    targets: Int32Array;
    weights: Float64Array;
    reciprocated: Float64Array;
  }) {
    this.ids = parts.ids;
    this.order = parts.ids.length;
    this.index = new Map(parts.ids.map((id, i) => [id, i]));
    this.group = parts.group;
    this.groups = parts.groups;
    this.score = parts.score;
    this.rank = parts.rank;
    this.roles = parts.roles;
    this.broadcaster = Uint8Array.from(parts.roles, (r) => (r === 'broadcaster' ? 1 : 0));
    this.offsets = parts.offsets;
    this.targets = parts.targets;
    this.weights = parts.weights;
    this.reciprocated = parts.reciprocated;
    this.tieCount = parts.targets.length / 2;
  }

  static async build(reads: AnalysisReads, analysis: AnalysisRecord, expectedAccounts = 0): Promise<AnalysisIndex> {
    const ids: string[] = [];
    const groupOf: number[] = [];
    const groups: NicheNode[] = [];
    const groupIndex = new Map<string, number>();
    let score = new Float64Array(Math.max(16, expectedAccounts));
    let rank = new Int32Array(score.length);
    const roles: string[] = [];
    for await (const a of reads.accounts(analysis)) {
      let g = groupIndex.get(a.nicheId);
      if (g === undefined) {
        g = groups.length;
        groupIndex.set(a.nicheId, g);
        const m = /^n(\d+)$/.exec(a.nicheId);
        groups.push({ id: a.nicheId, rank: m ? Number(m[1]) : -1, size: 0, communityId: a.communityId, unassigned: a.unassigned });
      }
      (groups[g] as NicheNode).size++;
      const i = ids.length;
      if (i === score.length) {
        const s = new Float64Array(2 * i);
        s.set(score);
        score = s;
        const r = new Int32Array(2 * i);
        r.set(rank);
        rank = r;
      }
      ids.push(a.accountId);
      groupOf.push(g);
      score[i] = a.score;
      rank[i] = a.rank;
      roles.push(a.role);
    }
    const order = ids.length;
    const index = new Map(ids.map((id, i) => [id, i]));

    // Ties: collected as pairs, then laid out as a symmetric CSR.
    let src = new Int32Array(1024);
    let dst = new Int32Array(1024);
    let w = new Float64Array(1024);
    let rw = new Float64Array(1024);
    let m = 0;
    for await (const tie of reads.ties(analysis)) {
      const a = index.get(tie.source);
      const b = index.get(tie.target);
      if (a === undefined || b === undefined || a === b) continue;
      if (m === src.length) {
        const grow = <T extends Int32Array | Float64Array>(x: T): T => {
          const y = new (x.constructor as { new (n: number): T })(2 * m);
          y.set(x);
          return y;
        };
        src = grow(src);
        dst = grow(dst);
        w = grow(w);
        rw = grow(rw);
      }
      src[m] = a;
      dst[m] = b;
      w[m] = tie.weight;
      rw[m] = tie.reciprocated;
      m++;
    }
    const offsets = new Int32Array(order + 1);
    for (let e = 0; e < m; e++) {
      offsets[(src[e] as number) + 1] = (offsets[(src[e] as number) + 1] as number) + 1;
      offsets[(dst[e] as number) + 1] = (offsets[(dst[e] as number) + 1] as number) + 1;
    }
    for (let i = 0; i < order; i++) offsets[i + 1] = (offsets[i + 1] as number) + (offsets[i] as number);
    const cursor = offsets.slice(0, order);
    const targets = new Int32Array(2 * m);
    const weights = new Float64Array(2 * m);
    const reciprocated = new Float64Array(2 * m);
    const place = (from: number, to: number, e: number): void => {
      const at = cursor[from] as number;
      targets[at] = to;
      weights[at] = w[e] as number;
      reciprocated[at] = rw[e] as number;
      cursor[from] = at + 1;
    };
    for (let e = 0; e < m; e++) {
      place(src[e] as number, dst[e] as number, e);
      place(dst[e] as number, src[e] as number, e);
    }
    // Rows sorted by neighbour (the ambassadors' CSR contract).
    for (let i = 0; i < order; i++) {
      const from = offsets[i] as number;
      const to = offsets[i + 1] as number;
      if (to - from < 2) continue;
      const perm = Array.from({ length: to - from }, (_, k) => from + k).sort((x, y) => (targets[x] as number) - (targets[y] as number));
      const t2 = perm.map((k) => targets[k] as number);
      const w2 = perm.map((k) => weights[k] as number);
      const r2 = perm.map((k) => reciprocated[k] as number);
      targets.set(t2, from);
      weights.set(w2, from);
      reciprocated.set(r2, from);
    }
    return new AnalysisIndex({
      ids,
      group: Int32Array.from(groupOf),
      groups,
      score: score.slice(0, order),
      rank: rank.slice(0, order),
      roles,
      offsets,
      targets,
      weights,
      reciprocated,
    });
  }

  /** Bytes held, roughly (for the cache budget). */
  get bytes(): number {
    let b = this.targets.byteLength + this.weights.byteLength + this.reciprocated.byteLength + this.offsets.byteLength;
    b += this.group.byteLength + this.score.byteLength + this.rank.byteLength + this.broadcaster.byteLength;
    for (const id of this.ids) b += 48 + id.length * 2; // id string, map entry, roles entry
    return b;
  }

  groupIndexOf(nicheId: string): number {
    return this.groups.findIndex((g) => g.id === nicheId);
  }

  /** Members of each group (index order inside). */
  membersByGroup(): { starts: Int32Array; members: Int32Array } {
    if (this.membersMemo) return this.membersMemo;
    const count = this.groups.length;
    const starts = new Int32Array(count + 1);
    for (let i = 0; i < this.order; i++) starts[(this.group[i] as number) + 1] = (starts[(this.group[i] as number) + 1] as number) + 1;
    for (let g = 0; g < count; g++) starts[g + 1] = (starts[g + 1] as number) + (starts[g] as number);
    const cursor = starts.slice(0, count);
    const members = new Int32Array(this.order);
    for (let i = 0; i < this.order; i++) {
      const g = this.group[i] as number;
      members[cursor[g] as number] = i;
      cursor[g] = (cursor[g] as number) + 1;
    }
    this.membersMemo = { starts, members };
    return this.membersMemo;
  }

  /** One node per niche (the unassigned group included), links by summed tie weight between niches. */
  nicheGraph(): NicheGraph {
    if (this.nicheGraphMemo) return this.nicheGraphMemo;
    const links = new Map<number, { a: number; b: number; weight: number; ties: number }>();
    const count = this.groups.length;
    for (let i = 0; i < this.order; i++) {
      const gi = this.group[i] as number;
      for (let e = this.offsets[i] as number, end = this.offsets[i + 1] as number; e < end; e++) {
        const j = this.targets[e] as number;
        if (j < i) continue;
        const gj = this.group[j] as number;
        if (gi === gj) continue;
        const [a, b] = gi < gj ? [gi, gj] : [gj, gi];
        const key = a * count + b;
        const link = links.get(key) ?? { a, b, weight: 0, ties: 0 };
        link.weight += this.weights[e] as number;
        link.ties++;
        links.set(key, link);
      }
    }
    const communities = new Map<string, { id: string; niches: number; size: number }>();
    for (const g of this.groups) {
      if (g.unassigned) continue;
      const id = g.communityId ?? '';
      const c = communities.get(id) ?? { id, niches: 0, size: 0 };
      c.niches++;
      c.size += g.size;
      communities.set(id, c);
    }
    this.nicheGraphMemo = {
      niches: this.groups,
      links: [...links.values()]
        .sort((x, y) => y.weight - x.weight || x.a - y.a || x.b - y.b)
        .map((l) => ({ source: (this.groups[l.a] as NicheNode).id, target: (this.groups[l.b] as NicheNode).id, weight: l.weight, ties: l.ties })),
      communities: [...communities.values()].sort((x, y) => y.size - x.size || (x.id < y.id ? -1 : 1)),
    };
    return this.nicheGraphMemo;
  }

  /** Ties with both ends in group g, as [i, j, weight, reciprocated] with i < j. */
  *tiesWithin(g: number): Generator<[number, number, number, number]> {
    const { starts, members } = this.membersByGroup();
    for (let p = starts[g] as number; p < (starts[g + 1] as number); p++) {
      const i = members[p] as number;
      for (let e = this.offsets[i] as number, end = this.offsets[i + 1] as number; e < end; e++) {
        const j = this.targets[e] as number;
        if (j > i && this.group[j] === g) yield [i, j, this.weights[e] as number, this.reciprocated[e] as number];
      }
    }
  }

  /** The ambassador orders (src/analysis/ambassadors.ts), computed once. */
  ambassadors(): AmbassadorOrders {
    if (this.ambassadorMemo) return this.ambassadorMemo;
    // Niche indices for the objective: niches only (the unassigned group is none).
    const nicheOfGroup = new Int32Array(this.groups.length).fill(-1);
    const nicheGroups: number[] = [];
    this.groups.forEach((g, k) => {
      if (!g.unassigned) {
        nicheOfGroup[k] = nicheGroups.length;
        nicheGroups.push(k);
      }
    });
    const communityIndex = new Map<string, number>();
    const nicheCommunity = Int32Array.from(nicheGroups, (k) => {
      const id = (this.groups[k] as NicheNode).communityId ?? '';
      let c = communityIndex.get(id);
      if (c === undefined) {
        c = communityIndex.size;
        communityIndex.set(id, c);
      }
      return c;
    });
    this.ambassadorMemo = ambassadorOrders({
      undirected: { offsets: this.offsets, targets: this.targets, weights: this.weights },
      reciprocalWeight: this.reciprocated,
      niche: Int32Array.from(this.group, (g) => nicheOfGroup[g] as number),
      nicheCount: nicheGroups.length,
      nicheCommunity,
      communityCount: communityIndex.size,
      score: this.score,
      broadcaster: this.broadcaster,
    });
    this.ambassadorNiches = nicheGroups;
    this.ambassadorCommunities = [...communityIndex.keys()];
    return this.ambassadorMemo;
  }

  /** Group index of each niche index of the ambassador orders; community ids by their index. */
  ambassadorNiches: number[] = [];
  ambassadorCommunities: string[] = [];
}

/** Indexes of recently read analyses, bounded in bytes; concurrent first reads share one build. */
export class AnalysisIndexCache {
  private readonly cache: LRUCache<string, AnalysisIndex>;
  private readonly building = new Map<string, Promise<AnalysisIndex>>();

  constructor(
    private readonly reads: AnalysisReads,
    maxBytes = 256 * 1024 * 1024,
  ) {
    this.cache = new LRUCache<string, AnalysisIndex>({ maxSize: Math.max(1, maxBytes), sizeCalculation: (index) => Math.max(1, index.bytes) });
  }

  async get(analysis: AnalysisRecord): Promise<AnalysisIndex> {
    const hit = this.cache.get(analysis.id);
    if (hit) return hit;
    let pending = this.building.get(analysis.id);
    if (!pending) {
      pending = AnalysisIndex.build(this.reads, analysis, analysis.summary?.accounts ?? 0).finally(() => this.building.delete(analysis.id));
      this.building.set(analysis.id, pending);
    }
    const index = await pending;
    this.cache.set(analysis.id, index);
    return index;
  }
}
