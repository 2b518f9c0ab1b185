/**
 * Ambassadors: whom to equip. An order of accounts such that the first K of it, for
 * every K, reach as many niches' circles as one greedy choice can through trusted,
 * reciprocal ties, spread over niches rather than piled into the largest one.
 *
 * [References]:
 * - Objective: weighted maximum coverage with a concave reward per niche, the "diversity
 *   reward" of H. Lin & J. Bilmes, "A class of submodular functions for document
 *   summarization", ACL 2011 (sum over the parts of a partition of the square root of the
 *   covered value inside the part): a second ambassador in an already reached niche is
 *   worth less than a first one in a niche nobody reaches yet.
 * - Greedy on a monotone submodular function keeps at least 1 - 1/e of the best value for
 *   every budget (G. L. Nemhauser, L. A. Wolsey & M. L. Fisher, Math. Programming 14,
 *   1978), which no polynomial method beats for coverage (U. Feige, J. ACM 45, 1998). Being
 *   greedy, the order is prefix-consistent: one order serves every budget.
 * - Lazy evaluation of the greedy gains ("CELF": J. Leskovec et al., "Cost-effective
 *   outbreak detection in networks", KDD 2007; M. Minoux 1978): a stale gain is an upper
 *   bound of the current one, so only the top of a heap is re-evaluated.
 * - Reciprocated weight min(w_uv, w_vu) as the strong, two-way part of a tie
 *   (Garlaschelli & Loffredo, PRL 93, 2004; Granovetter, AJS 1973).
 * Why not VoteRank (Zhang et al., Sci. Rep. 6:27823, 2016): it spreads seeds apart by
 * lowering the voting ability of a seed's neighbours, but it optimises no stated
 * objective, votes with every tie (a broadcaster's one-way audience included) and knows
 * nothing of niches or trust; here the objective says what a brand wants, and each pick's
 * marginal gain is its explanation ("what it adds").
 *
 * The model. u reaches v when u and v have a reciprocal positive tie (both wrote to the
 * other): v is in u's circle. v is reached to the degree tau(u) = s_u / (1 + s_u) that it
 * trusts u, s_u being u's trust score in its niche (1 = an average member -> 1/2; the
 * odds-to-probability map, so that no constant is tuned). With S the chosen accounts,
 * cover(v) = max over u in S reaching v of tau(u) (facility location), cover(u) = 1 for
 * an ambassador u itself (equipped, so reached in full), and
 *
 *   f(S) = sum over niches k of sqrt( sum over members v of k of cover(v) ).
 *
 * f is monotone submodular (a non-decreasing concave function of a monotone submodular
 * one, per niche, summed). Only members of niches count as reached (the unassigned group
 * is no niche). Candidates: members of a niche, not broadcasters, with a trust score > 0
 * and at least one reciprocal tie; so a broadcaster is never chosen. Ties of gains are
 * broken by the higher trust score, then the lower account index (deterministic: no
 * randomness at all).
 *
 * Besides the whole-graph order, orders restricted to the candidates of each niche and of
 * each community (same objective) answer "whom to equip in this niche / community".
 */
import type { Csr } from './compact-graph.js';

const PREFIX = 'nichegraph/analysis/ambassadors';

export const DEFAULTS = {
  /** Length of the whole-graph order (the API's largest budget). */
  maxAll: 1000,
  /** Length of each niche's order. */
  maxPerNiche: 100,
  /** Length of each community's order. */
  maxPerCommunity: 1000,
};

export interface AmbassadorInput {
  /** Undirected positive adjacency (CSR, rows sorted; both twins of each pair present). */
  undirected: Csr;
  /** Reciprocated weight min(w_uv, w_vu) of each entry of `undirected` (0: not reciprocal). */
  reciprocalWeight: Float64Array;
  /** Account -> niche index 0..nicheCount-1, or -1 when the account is in no niche. */
  niche: Int32Array;
  nicheCount: number;
  /** Niche -> community index 0..communityCount-1. */
  nicheCommunity: Int32Array;
  communityCount: number;
  /** Trust score of each account (score of trust.ts; 1 = an average member). */
  score: Float64Array;
  /** 1 for broadcasters (never chosen). */
  broadcaster: Uint8Array;
}

export interface AmbassadorOptions {
  maxAll?: number;
  maxPerNiche?: number;
  maxPerCommunity?: number;
}

/** A greedy order: parallel columns, one entry per pick, first pick first. */
export interface AmbassadorOrder {
  /** Account index of the pick. */
  account: Int32Array;
  /** Increase of f (the marginal gain) when it was picked. */
  gain: Float64Array;
  /** Accounts reached by no earlier pick of this order that it reaches (itself included): prefix sums give the accounts reached. */
  newlyReached: Int32Array;
  /** Niches (its own included) in which it reaches someone, none of whose members an earlier pick reached: prefix sums give the niches reached. */
  newNiches: Int32Array;
  /** Its circle: accounts in niches it has a reciprocal tie with (itself not counted). */
  circle: Int32Array;
}

/** Orders of several groups in one set of columns: group g is entries offsets[g] .. offsets[g + 1]. */
export interface GroupedAmbassadorOrders {
  offsets: Int32Array;
  order: AmbassadorOrder;
}

export interface AmbassadorOrders {
  all: AmbassadorOrder;
  byNiche: GroupedAmbassadorOrders;
  byCommunity: GroupedAmbassadorOrders;
  /** Candidates (accounts that could be picked at all). */
  candidates: number;
}

/** tau: how much a circle trusts an account with this score (odds -> probability). */
export function trustWeight(score: number): number {
  return score > 0 && Number.isFinite(score) ? score / (1 + score) : 0;
}

function checkLimit(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${PREFIX}: options.${name} must be an integer >= 0, got ${String(value)}.`);
  return value;
}

function validate(input: AmbassadorInput): number {
  const { undirected, reciprocalWeight, niche, nicheCount, nicheCommunity, communityCount, score, broadcaster } = input;
  const order = undirected.offsets.length - 1;
  if (order < 0) throw new TypeError(`${PREFIX}: undirected.offsets must have order + 1 entries.`);
  if (reciprocalWeight.length !== undirected.targets.length) {
    throw new RangeError(`${PREFIX}: reciprocalWeight must be aligned with undirected.targets (${undirected.targets.length} entries), got ${reciprocalWeight.length}.`);
  }
  for (const [name, arr] of [['niche', niche], ['score', score], ['broadcaster', broadcaster]] as const) {
    if (arr.length !== order) throw new RangeError(`${PREFIX}: ${name} must have one entry per account (${order}), got ${arr.length}.`);
  }
  if (nicheCommunity.length !== nicheCount) throw new RangeError(`${PREFIX}: nicheCommunity must have nicheCount (${nicheCount}) entries, got ${nicheCommunity.length}.`);
  for (let i = 0; i < order; i++) {
    const k = niche[i] as number;
    if (k < -1 || k >= nicheCount) throw new RangeError(`${PREFIX}: niche[${i}] = ${k} is outside -1..${nicheCount - 1}.`);
  }
  for (let k = 0; k < nicheCount; k++) {
    const c = nicheCommunity[k] as number;
    if (c < 0 || c >= communityCount) throw new RangeError(`${PREFIX}: nicheCommunity[${k}] = ${c} is outside 0..${communityCount - 1}.`);
  }
  return order;
}

/** A max-heap of candidates keyed by (gain, trust, -index), in typed arrays. */
class GainHeap {
  private readonly items: Int32Array;
  private size = 0;
  constructor(
    capacity: number,
    private readonly gain: Float64Array,
    private readonly score: Float64Array,
  ) {
    this.items = new Int32Array(Math.max(1, capacity));
  }
  get length(): number {
    return this.size;
  }
  clear(): void {
    this.size = 0;
  }
  /** a above b. */
  private above(a: number, b: number): boolean {
    const ga = this.gain[a] as number;
    const gb = this.gain[b] as number;
    if (ga !== gb) return ga > gb;
    const sa = this.score[a] as number;
    const sb = this.score[b] as number;
    if (sa !== sb) return sa > sb;
    return a < b;
  }
  push(u: number): void {
    let i = this.size++;
    const items = this.items;
    items[i] = u;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.above(items[i] as number, items[p] as number)) break;
      const t = items[p] as number;
      items[p] = items[i] as number;
      items[i] = t;
      i = p;
    }
  }
  peek(): number {
    return this.items[0] as number;
  }
  pop(): number {
    const items = this.items;
    const top = items[0] as number;
    const last = items[--this.size] as number;
    if (this.size > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < this.size && this.above(items[l] as number, items[best] as number)) best = l;
        if (r < this.size && this.above(items[r] as number, items[best] as number)) best = r;
        if (best === i) break;
        const t = items[best] as number;
        items[best] = items[i] as number;
        items[i] = t;
        i = best;
      }
    }
    return top;
  }
}

/** Growable parallel columns of one order. */
class OrderColumns {
  account: number[] = [];
  gain: number[] = [];
  newlyReached: number[] = [];
  newNiches: number[] = [];
  circle: number[] = [];
  get length(): number {
    return this.account.length;
  }
  build(): AmbassadorOrder {
    return {
      account: Int32Array.from(this.account),
      gain: Float64Array.from(this.gain),
      newlyReached: Int32Array.from(this.newlyReached),
      newNiches: Int32Array.from(this.newNiches),
      circle: Int32Array.from(this.circle),
    };
  }
}

/**
 * The greedy state of one order; reset between orders by undoing only what it touched,
 * so that the per-niche orders cost what their niches hold, not the whole graph each.
 */
class Greedy {
  readonly cover: Float64Array;
  readonly nicheCover: Float64Array;
  private readonly touchedAccounts: number[] = [];
  private readonly touchedNiches: number[] = [];
  private readonly nicheTouched: Uint8Array;
  private readonly accountTouched: Uint8Array;
  // Scratch of one gain evaluation: per-niche increases.
  private readonly delta: Float64Array;
  private readonly deltaNiches: number[] = [];
  private readonly gainOf: Float64Array;
  private readonly stamp: Int32Array;
  private readonly heap: GainHeap;

  constructor(
    private readonly input: AmbassadorInput,
    private readonly tau: Float64Array,
    order: number,
  ) {
    this.cover = new Float64Array(order);
    this.accountTouched = new Uint8Array(order);
    this.nicheCover = new Float64Array(input.nicheCount);
    this.nicheTouched = new Uint8Array(input.nicheCount);
    this.delta = new Float64Array(input.nicheCount);
    this.gainOf = new Float64Array(order);
    this.stamp = new Int32Array(order);
    this.heap = new GainHeap(order, this.gainOf, input.score);
  }

  /** Marginal gain of u against the current cover. */
  private evaluate(u: number): number {
    const { undirected, reciprocalWeight, niche } = this.input;
    const t = this.tau[u] as number;
    const delta = this.delta;
    const touched = this.deltaNiches;
    // The ambassador itself is reached fully once equipped.
    const own = niche[u] as number;
    const self = 1 - (this.cover[u] as number);
    if (self > 0) {
      touched.push(own);
      delta[own] = self;
    }
    for (let e = undirected.offsets[u] as number, end = undirected.offsets[u + 1] as number; e < end; e++) {
      if ((reciprocalWeight[e] as number) <= 0) continue;
      const v = undirected.targets[e] as number;
      const k = niche[v] as number;
      if (k < 0) continue;
      const improve = t - (this.cover[v] as number);
      if (improve <= 0) continue;
      if (delta[k] === 0) touched.push(k);
      delta[k] = (delta[k] as number) + improve;
    }
    let gain = 0;
    for (const k of touched) {
      const before = this.nicheCover[k] as number;
      gain += Math.sqrt(before + (delta[k] as number)) - Math.sqrt(before);
      delta[k] = 0;
    }
    touched.length = 0;
    return gain;
  }

  /** Applies pick u; returns [newlyReached, newNiches, circle]. */
  private apply(u: number): [number, number, number] {
    const { undirected, reciprocalWeight, niche } = this.input;
    const t = this.tau[u] as number;
    let newlyReached = 0;
    let newNiches = 0;
    let circle = 0;
    const own = niche[u] as number;
    if (this.nicheCover[own] === 0) newNiches++;
    if (this.cover[u] === 0) newlyReached++;
    this.raise(u, own, 1);
    for (let e = undirected.offsets[u] as number, end = undirected.offsets[u + 1] as number; e < end; e++) {
      if ((reciprocalWeight[e] as number) <= 0) continue;
      const v = undirected.targets[e] as number;
      const k = niche[v] as number;
      if (k < 0) continue;
      circle++;
      const before = this.cover[v] as number;
      if (before === 0) {
        newlyReached++;
        if (this.nicheCover[k] === 0) newNiches++;
      }
      this.raise(v, k, t);
    }
    // newNiches counts niches whose cover was 0 when their first member was met; members
    // met later in the same row see a positive niche cover, so each niche counts once.
    return [newlyReached, newNiches, circle];
  }

  /** cover[v] = max(cover[v], value), v in niche k. */
  private raise(v: number, k: number, value: number): void {
    const before = this.cover[v] as number;
    if (value <= before) return;
    this.cover[v] = value;
    this.nicheCover[k] = (this.nicheCover[k] as number) + (value - before);
    if (this.accountTouched[v] === 0) {
      this.accountTouched[v] = 1;
      this.touchedAccounts.push(v);
    }
    if (this.nicheTouched[k] === 0) {
      this.nicheTouched[k] = 1;
      this.touchedNiches.push(k);
    }
  }

  private reset(): void {
    for (const v of this.touchedAccounts) {
      this.cover[v] = 0;
      this.accountTouched[v] = 0;
    }
    for (const k of this.touchedNiches) {
      this.nicheCover[k] = 0;
      this.nicheTouched[k] = 0;
    }
    this.touchedAccounts.length = 0;
    this.touchedNiches.length = 0;
  }

  /** Lazy greedy over `candidates`, at most `limit` picks, appended to `out`. */
  run(candidates: ArrayLike<number>, limit: number, out: OrderColumns): void {
    if (limit <= 0 || candidates.length === 0) return;
    const heap = this.heap;
    heap.clear();
    for (let c = 0; c < candidates.length; c++) {
      const u = candidates[c] as number;
      this.gainOf[u] = this.evaluate(u);
      this.stamp[u] = 0;
      if ((this.gainOf[u] as number) > 0) heap.push(u);
    }
    let picks = 0;
    while (picks < limit && heap.length > 0) {
      const u = heap.pop();
      if (this.stamp[u] !== picks) {
        // Stale: re-evaluate against the current cover (never larger: submodularity).
        this.gainOf[u] = this.evaluate(u);
        this.stamp[u] = picks;
        if ((this.gainOf[u] as number) > 0) heap.push(u);
        continue;
      }
      const gain = this.gainOf[u] as number;
      const [newlyReached, newNiches, circle] = this.apply(u);
      out.account.push(u);
      out.gain.push(gain);
      out.newlyReached.push(newlyReached);
      out.newNiches.push(newNiches);
      out.circle.push(circle);
      picks++;
    }
    this.reset();
  }
}

/** The whole-graph order, one per niche and one per community (see the module doc). */
export function ambassadorOrders(input: AmbassadorInput, options: AmbassadorOptions = {}): AmbassadorOrders {
  const order = validate(input);
  const maxAll = checkLimit(options.maxAll ?? DEFAULTS.maxAll, 'maxAll');
  const maxPerNiche = checkLimit(options.maxPerNiche ?? DEFAULTS.maxPerNiche, 'maxPerNiche');
  const maxPerCommunity = checkLimit(options.maxPerCommunity ?? DEFAULTS.maxPerCommunity, 'maxPerCommunity');
  const { undirected, reciprocalWeight, niche, nicheCount, nicheCommunity, communityCount, score, broadcaster } = input;

  const tau = new Float64Array(order);
  const candidates: number[] = [];
  for (let u = 0; u < order; u++) {
    tau[u] = trustWeight(score[u] as number);
    if ((niche[u] as number) < 0 || broadcaster[u] === 1 || (tau[u] as number) <= 0) continue;
    let reciprocal = false;
    for (let e = undirected.offsets[u] as number, end = undirected.offsets[u + 1] as number; e < end && !reciprocal; e++) {
      reciprocal = (reciprocalWeight[e] as number) > 0 && (niche[undirected.targets[e] as number] as number) >= 0;
    }
    if (reciprocal) candidates.push(u);
  }

  const greedy = new Greedy(input, tau, order);
  const all = new OrderColumns();
  greedy.run(candidates, maxAll, all);

  // Candidates grouped by niche and by community (counting sort keeps index order).
  const group = (count: number, groupOf: (u: number) => number, limit: number): GroupedAmbassadorOrders => {
    const starts = new Int32Array(count + 1);
    for (const u of candidates) starts[groupOf(u) + 1] = (starts[groupOf(u) + 1] as number) + 1;
    for (let g = 0; g < count; g++) starts[g + 1] = (starts[g + 1] as number) + (starts[g] as number);
    const cursor = starts.slice(0, count);
    const sorted = new Int32Array(candidates.length);
    for (const u of candidates) {
      const g = groupOf(u);
      sorted[cursor[g] as number] = u;
      cursor[g] = (cursor[g] as number) + 1;
    }
    const offsets = new Int32Array(count + 1);
    const columns = new OrderColumns();
    for (let g = 0; g < count; g++) {
      greedy.run(sorted.subarray(starts[g] as number, starts[g + 1] as number), limit, columns);
      offsets[g + 1] = columns.length;
    }
    return { offsets, order: columns.build() };
  };

  return {
    all: all.build(),
    byNiche: group(nicheCount, (u) => niche[u] as number, maxPerNiche),
    byCommunity: group(communityCount, (u) => nicheCommunity[niche[u] as number] as number, maxPerCommunity),
    candidates: candidates.length,
  };
}

/** f(S) of a set of picks (for tests and explanations): sum over niches of sqrt(covered value). */
export function coverageValue(input: AmbassadorInput, picks: ArrayLike<number>): number {
  const order = input.undirected.offsets.length - 1;
  const cover = new Float64Array(order);
  for (let p = 0; p < picks.length; p++) {
    const u = picks[p] as number;
    const t = trustWeight(input.score[u] as number);
    cover[u] = 1;
    for (let e = input.undirected.offsets[u] as number, end = input.undirected.offsets[u + 1] as number; e < end; e++) {
      if ((input.reciprocalWeight[e] as number) <= 0) continue;
      const v = input.undirected.targets[e] as number;
      if ((input.niche[v] as number) >= 0 && t > (cover[v] as number)) cover[v] = t;
    }
  }
  const nicheCover = new Float64Array(input.nicheCount);
  for (let v = 0; v < order; v++) {
    const k = input.niche[v] as number;
    if (k >= 0) nicheCover[k] = (nicheCover[k] as number) + (cover[v] as number);
  }
  let f = 0;
  for (let k = 0; k < input.nicheCount; k++) f += Math.sqrt(nicheCover[k] as number);
  return f;
}
