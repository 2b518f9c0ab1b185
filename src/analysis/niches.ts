/**
 * The partition of an analysis: coarse communities and, inside each, niches.
 *
 * [References]:
 * - Leiden (V. A. Traag, L. Waltman & N. J. van Eck, Sci. Rep. 9:5233, 2019), leiden.ts.
 * - Communities: modularity at resolution 1 (M. E. J. Newman & M. Girvan, PRE 69, 026113,
 *   2004), what igraph, NetworKit and leidenalg report, so the Q figures compare.
 * - Niches: modularity has a resolution limit (S. Fortunato & M. Barthelemy, PNAS 104:36,
 *   2007): it cannot resolve modules smaller than about sqrt(2m) ties, so the human-scale
 *   circles of a large graph merge into its communities. Fortunato & Barthelemy advise to
 *   analyse each module as a network of its own; a niche is therefore a module of its
 *   community by the community's own modularity (null model: the community's own ties and
 *   strengths, resolution 1), a rule with no constant and no dependence on the graph's size.
 *   A community with no internal modular structure (best split at Q <= 0) is one niche.
 * - Human scale: R. I. M. Dunbar (Behav. Brain Sci. 16:681, 1993) puts the number of
 *   people one can keep stable relationships with near 150, the outer of the layers 5, 15,
 *   50, 150 (W.-X. Zhou, D. Sornette, R. A. Hill & R. I. M. Dunbar, Proc. R. Soc. B 272:439,
 *   2005). A niche larger than `dunbar` is split again by its own modularity, as long as a
 *   split exists (at most `maxDepth` times). One that still exceeds it has no structure left
 *   that modularity can see: typically the audience of a broadcast account, a star. Its
 *   members with a single tie inside it are in a dyad with it, not in a circle (the triad
 *   is the smallest group: G. Simmel, 1908, the rule behind minNicheSize): they leave it and
 *   each becomes a niche of one (the unassigned group of the result, when minNicheSize > 1).
 * - Overrides: `resolution` makes the niche level modularity at that resolution on the whole
 *   graph's null model, restricted to each community; `nicheSize` aims that resolution at a
 *   band of typical niche sizes (resolution-band.ts).
 *
 * Stability without brute force (consensus only where the runs disagree):
 * 1. `runs` seeded runs of the two levels on the whole graph;
 * 2. the accounts every run puts in one niche together, joined along their ties, form
 *    cores; the graph is contracted to one node per core (weights kept: the contraction
 *    changes no quality of the partitions made of cores);
 * 3. consensus clustering (A. Lancichinetti & S. Fortunato, Sci. Rep. 2:336, 2012) on the
 *    contracted graph only, where a run costs a fraction of one on the whole graph:
 *    `consensusRuns` runs, ties weighted by the share of runs that put their ends in one
 *    niche, those below `threshold` dropped, again until every run agrees or the
 *    majority partition repeats (at most `maxRounds`);
 * 4. communities: Leiden at resolution 1 on the graph of niches (niches as nodes, weights
 *    kept), in the same way (runs, consensus), so each niche lies in exactly one community.
 * Membership confidence (per account) and niche stability (per niche) are measured on the
 * real runs of steps 1 and 3 (the contracted runs mapped back to the accounts), as in
 * consensus.ts.
 */
import type { CompactGraph, Csr } from './compact-graph.js';
import { membershipFigures } from './consensus.js';
import { leiden, renumberLabels } from './leiden.js';
import { countDisconnected, splitDisconnected } from './connectivity.js';
import { csrModularity, louvain } from './louvain.js';
import { createRng, type Rng } from './random.js';
import { typicalNicheSize } from './resolution-band.js';
import { accountGraph, contract, strengths, withinGroups, type WeightedGraph } from './weighted-graph.js';

export const DEFAULTS = {
  /** Dunbar's number (Dunbar 1993): the bound beyond which a niche is an audience, not a circle. */
  dunbar: 150,
  /** The typical niche aimed at by default: Dunbar's band layer (Zhou et al. 2005: layers of about 5, 15, 50, 150). */
  band: 50,
  /** Runs of the two levels on the whole graph (step 1). */
  runs: 3,
  /** Runs per consensus round on the contracted graph (step 3). */
  consensusRuns: 20,
  /** tau of the consensus rounds: Lancichinetti & Fortunato report a broad working range; the majority. */
  threshold: 0.5,
  maxRounds: 4,
};

export interface NicheOptions {
  seed: number;
  /** Niche-level resolution on the whole graph's null model (overrides the default rule). */
  resolution?: number | null;
  runs?: number;
  consensusRuns?: number;
  threshold?: number;
  maxRounds?: number;
  dunbar?: number;
  /** Aim the niche level at this band of typical niche sizes instead (accounts). */
  nicheSize?: { min: number; max: number } | null;
  /**
   * Warm start (issue 12): a niche label per account (-1: none, a singleton), e.g. the niches
   * of a baseline analysis mapped onto this graph's accounts. The niche-level runs on the
   * whole graph (step 1) start from it instead of singletons, as GDS's seedProperty does.
   */
  initial?: Int32Array | null;
  /**
   * A community label per account (-1: none), e.g. the baseline's communities: the community
   * level (step 4) starts each niche in the community most of its accounts started in.
   */
  initialCommunity?: Int32Array | null;
}

export interface NicheSummary {
  /** Newman-Girvan modularity (resolution 1) of the communities and of the niches, on the undirected positive ties. */
  communityModularity: number;
  nicheModularity: number;
  /** The niche-level resolution: given, chosen from nicheSize, or by the default rule. */
  nicheResolution: number;
  runs: number;
  consensusRuns: number;
  consensusRounds: number;
  /** Nodes of the contracted graph the consensus ran on (the cores), vs accounts. */
  consensusNodes: number;
  /** Disconnected communities one plain Louvain run (this seed) leaves, before any refinement. */
  louvainDisconnected: number;
  /** Accounts taken out of oversized, structureless niches (audience members with one tie). */
  audience: number;
}

export interface NicheHierarchy {
  /** account -> community 0 .. communityCount - 1 */
  community: Int32Array;
  communityCount: number;
  /** account -> niche 0 .. nicheCount - 1; each niche lies in one community. */
  niche: Int32Array;
  nicheCount: number;
  /** niche -> community */
  nicheCommunity: Int32Array;
  /** Per account: share of the runs that put it in (the counterpart of) its niche. */
  confidence: Float64Array;
  /** Per niche: mean Jaccard agreement with its counterpart in each run. */
  nicheStability: Float64Array;
  summary: NicheSummary;
}

const PREFIX = 'nichegraph/analysis/niches';

/** A partition of a (possibly contracted) graph whose nodes carry `groups` labels (or null). */
type Partitioner = (g: WeightedGraph, groups: Int32Array | null, rng: Rng, initial?: Int32Array) => Int32Array;

/** Communities: Leiden, modularity at resolution 1, on a (possibly contracted) graph. */
const communitiesOf: Partitioner = (g, _groups, rng, initial) =>
  leiden(g.csr, { quality: 'modularity', resolution: 1, nodeWeights: strengths(g), rng, ...(initial === undefined ? {} : { initial }) }).community;

/** Per group of `groups`: the most frequent label >= 0 of `labels` among its members (ties: the smaller), or a fresh one. */
function majorityLabels(groups: Int32Array, count: number, labels: Int32Array): Int32Array {
  const votes = new Map<number, number>();
  const out = new Int32Array(count).fill(-1);
  const best = new Float64Array(count);
  let fresh = 0;
  for (let i = 0; i < labels.length; i++) if ((labels[i] as number) + 1 > fresh) fresh = (labels[i] as number) + 1;
  for (let i = 0; i < groups.length; i++) {
    const c = labels[i] as number;
    if (c < 0) continue;
    const key = (groups[i] as number) * fresh + c;
    votes.set(key, (votes.get(key) ?? 0) + 1);
  }
  for (const [key, v] of votes) {
    const grp = Math.floor(key / fresh);
    const c = key - grp * fresh;
    if (v > (best[grp] as number) || (v === best[grp] && c < (out[grp] as number))) {
      best[grp] = v;
      out[grp] = c;
    }
  }
  for (let k = 0; k < count; k++) if ((out[k] as number) < 0) out[k] = fresh + k;
  return out;
}

/**
 * Splits every group of `groups` by modularity at `resolution` on the whole graph's null
 * model, restricted to the ties inside groups. One Leiden run does all groups at once: CPM
 * at resolution 1 with node weights s_i = k_i sqrt(gamma / 2m) makes its gain
 * w(i, C) - s_i S_C exactly modularity's, and no tie crosses a group.
 */
function splitGroups(g: WeightedGraph, groups: Int32Array, resolution: number, rng: Rng, iterations?: number): Int32Array {
  const inside = withinGroups(g.csr, groups);
  const whole = strengths(g);
  let twoM = 0;
  for (let i = 0; i < whole.length; i++) twoM += whole[i] as number;
  const scale = twoM > 0 ? Math.sqrt(resolution / twoM) : 0;
  const weight = Float64Array.from(whole, (k) => k * scale);
  const parts = leiden(inside, { quality: 'cpm', resolution: 1, nodeWeights: weight, rng, ...(iterations === undefined ? {} : { iterations }) }).community;
  return renumberLabels(nested(groups, parts)).community;
}

/** Labels of the pairs (outer, inner), 0 .. count - 1 by first appearance. */
function nested(outer: Int32Array, inner: Int32Array): Int32Array {
  const n = outer.length;
  const key = new Map<number, number>();
  const out = new Int32Array(n);
  let width = 0;
  for (let i = 0; i < n; i++) if ((inner[i] as number) + 1 > width) width = (inner[i] as number) + 1;
  for (let i = 0; i < n; i++) {
    const k = (outer[i] as number) * width + (inner[i] as number);
    let label = key.get(k);
    if (label === undefined) {
      label = key.size;
      key.set(k, label);
    }
    out[i] = label;
  }
  return out;
}

/**
 * The niche-level resolution: the smallest gamma = step^k (k >= 0: niches are never coarser
 * than communities) whose typical niche (resolution-band.ts: the size of the niche of the
 * median account, over accounts with at least two ties) is at most `band.max` (or the rung
 * before, when that one's typical niche is closer to the band's middle). Each probe is
 * one Leiden iteration on the ties inside the groups of `community` larger than the target
 * (the others cannot change the median's side).
 */
export function nicheResolution(
  csr: Csr,
  community: Int32Array,
  count: number,
  band: { min: number; max: number },
  seed: number,
  step = 4,
): { resolution: number; typicalSize: number; probes: number } {
  const n = community.length;
  const size = new Int32Array(count);
  for (let i = 0; i < n; i++) size[community[i] as number] = (size[community[i] as number] as number) + 1;
  const g = accountGraph(csr);
  const target = band.max;
  const groups = Int32Array.from(community, (c, i) => ((size[c] as number) > target ? c : count + i));
  let probes = 0;
  const typical = (gamma: number): number => {
    probes++;
    const parts = splitGroups(g, groups, gamma, createRng(seed), 1);
    const merged = Int32Array.from(parts, (p, i) => ((size[community[i] as number] as number) > target ? p : -1));
    // Communities at most the target keep their own (smaller) size.
    const labels = renumberLabels(Int32Array.from(merged, (p, i) => (p >= 0 ? p : n + (community[i] as number)))).community;
    // Accounts with two ties or more: one with a single tie can be in no triad, so no circle's size is its own.
    return typicalNicheSize(labels, countOf(labels), csr, 2);
  };
  // Rungs gamma = step^k. With the default step 4: modularity's scale goes as 1 / sqrt(gamma)
  // (Fortunato & Barthelemy 2007), so each rung halves the size of the groups it can resolve.
  // A fixed ladder keeps nearby seeds (and slightly different data) on the same rung.
  let previous: { resolution: number; typicalSize: number } | null = null;
  for (let k = 0; ; k++) {
    const gamma = Number((step ** k).toPrecision(3));
    const typicalSize = typical(gamma);
    if (typicalSize <= target || gamma >= MAX_RESOLUTION) {
      // Below the band's lower end: the rung before may be closer to the band's middle.
      const middle = Math.sqrt(band.min * band.max);
      const gap = (t: number): number => Math.abs(Math.log(Math.max(t, 1) / middle));
      if (typicalSize < band.min && previous !== null && gap(previous.typicalSize) < gap(typicalSize)) return { ...previous, probes };
      return { resolution: gamma, typicalSize, probes };
    }
    previous = { resolution: gamma, typicalSize };
  }
}

const MAX_RESOLUTION = 1 << 20;

/** Share of the partitions that put both ends of each entry of `csr` together. */
function agreementOf(csr: Csr, partitions: readonly Int32Array[]): { agreement: Float64Array; unanimous: boolean } {
  const n = csr.offsets.length - 1;
  const agreement = new Float64Array(csr.targets.length);
  let unanimous = true;
  for (let i = 0; i < n; i++) {
    for (let e = csr.offsets[i] as number, end = csr.offsets[i + 1] as number; e < end; e++) {
      const j = csr.targets[e] as number;
      let together = 0;
      for (const p of partitions) if (p[i] === p[j]) together++;
      const a = together / partitions.length;
      agreement[e] = a;
      if (a > 0 && a < 1) unanimous = false;
    }
  }
  return { agreement, unanimous };
}

/** Connected components of the entries whose agreement passes `keep`. */
function componentsWhere(csr: Csr, agreement: Float64Array, keep: (a: number) => boolean): { community: Int32Array; count: number } {
  const n = csr.offsets.length - 1;
  const label = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  let next = 0;
  for (let s = 0; s < n; s++) {
    if (label[s] !== -1) continue;
    label[s] = next;
    let top = 0;
    stack[top++] = s;
    while (top > 0) {
      const i = stack[--top] as number;
      for (let e = csr.offsets[i] as number, end = csr.offsets[i + 1] as number; e < end; e++) {
        const j = csr.targets[e] as number;
        if (label[j] === -1 && keep(agreement[e] as number)) {
          label[j] = next;
          stack[top++] = j;
        }
      }
    }
    next++;
  }
  return { community: label, count: next };
}

/** The consensus graph of a round: entries with agreement >= threshold, weighted by it (each node keeps its strongest). */
function thresholded(g: WeightedGraph, agreement: Float64Array, threshold: number): WeightedGraph {
  const { offsets, targets } = g.csr;
  const n = offsets.length - 1;
  const keep = new Uint8Array(agreement.length);
  for (let e = 0; e < agreement.length; e++) if ((agreement[e] as number) >= threshold) keep[e] = 1;
  for (let i = 0; i < n; i++) {
    let best = -1;
    let any = false;
    for (let e = offsets[i] as number, end = offsets[i + 1] as number; e < end; e++) {
      if (keep[e] === 1) any = true;
      if (best < 0 || (agreement[e] as number) > (agreement[best] as number)) best = e;
    }
    if (!any && best >= 0 && (agreement[best] as number) > 0) {
      keep[best] = 1;
      const j = targets[best] as number;
      for (let q = offsets[j] as number, end = offsets[j + 1] as number; q < end; q++) if (targets[q] === i) keep[q] = 1;
    }
  }
  const newOffsets = new Int32Array(n + 1);
  let m = 0;
  for (let i = 0; i < n; i++) {
    for (let e = offsets[i] as number, end = offsets[i + 1] as number; e < end; e++) if (keep[e] === 1) m++;
    newOffsets[i + 1] = m;
  }
  const newTargets = new Int32Array(m);
  const newWeights = new Float64Array(m);
  let w = 0;
  for (let e = 0; e < keep.length; e++) {
    if (keep[e] !== 1) continue;
    newTargets[w] = targets[e] as number;
    newWeights[w++] = agreement[e] as number;
  }
  return { csr: { offsets: newOffsets, targets: newTargets, weights: newWeights }, loops: new Float64Array(n), size: g.size };
}

interface ConsensusOutcome {
  labels: Int32Array;
  count: number;
  /** Real runs, mapped to the nodes of the input graph. */
  runs: Int32Array[];
  rounds: number;
  nodes: number;
  /** Runs on the core graph. */
  consensusRuns: number;
}

/** Steps 1-3 of the module doc for one partitioner (its parts never cross `groups`). */
function consensusOf(g: WeightedGraph, groups: Int32Array | null, partition: Partitioner, nextSeed: () => number, o: ResolvedOptions, start: Int32Array | null = null): ConsensusOutcome {
  const n = g.csr.offsets.length - 1;
  const first = Array.from({ length: o.runs }, () => partition(g, groups, createRng(nextSeed()), start ?? undefined));
  const { agreement, unanimous } = agreementOf(g.csr, first);
  if (unanimous || o.runs === 1) {
    const { community, count } = renumberLabels(first[0] as Int32Array);
    return { labels: community, count, runs: first, rounds: 0, nodes: n, consensusRuns: 0 };
  }
  const cores = componentsWhere(g.csr, agreement, (a) => a === 1);
  const coreGraph = contract(g, cores.community, cores.count);
  const coreGroups = groups === null ? null : new Int32Array(cores.count);
  if (coreGroups !== null && groups !== null) for (let i = 0; i < n; i++) coreGroups[cores.community[i] as number] = groups[i] as number;
  const expand = (labels: Int32Array): Int32Array => Int32Array.from(cores.community, (c) => labels[c] as number);

  // About one whole-graph run's worth of work: a run on the core graph costs about its share of the nodes.
  const budget = Math.max(3, Math.min(o.consensusRuns, Math.floor(n / Math.max(1, cores.count))));
  // A warm start carries over to the cores: each starts in the niche of its first account.
  let coreStart: Int32Array | undefined;
  if (start !== null) {
    coreStart = new Int32Array(cores.count).fill(-1);
    for (let i = n - 1; i >= 0; i--) coreStart[cores.community[i] as number] = start[i] as number;
  }
  const parts = Array.from({ length: budget }, () => partition(coreGraph, coreGroups, createRng(nextSeed()), coreStart));
  const measured = parts.map(expand);
  const a = agreementOf(coreGraph.csr, parts);
  const result = a.unanimous ? (parts[0] as Int32Array) : closestToConsensus(coreGraph.csr, parts, a.agreement);
  const rounds = 1;
  const { community, count } = renumberLabels(expand(result as Int32Array));
  return { labels: community, count, runs: [...first, ...measured], rounds, nodes: cores.count, consensusRuns: budget };
}

/**
 * The run that best matches the consensus: the largest sum over ties of (agreement - 1/2)
 * for the ties it keeps together (so it keeps what most runs keep, and cuts what most cut).
 * Unlike the components of the majority ties, it is a partition some run found, so it
 * cannot chain two groups through a node that half the runs put in each.
 */
function closestToConsensus(csr: Csr, parts: readonly Int32Array[], agreement: Float64Array): Int32Array {
  const n = csr.offsets.length - 1;
  let best = parts[0] as Int32Array;
  let bestScore = -Infinity;
  for (const p of parts) {
    let score = 0;
    for (let i = 0; i < n; i++) {
      for (let e = csr.offsets[i] as number, end = csr.offsets[i + 1] as number; e < end; e++) {
        if (p[i] === p[csr.targets[e] as number]) score += (agreement[e] as number) - 0.5;
      }
    }
    if (score > bestScore) {
      bestScore = score;
      best = p;
    }
  }
  return best;
}

function sameLabels(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Audience members of oversized niches (see the module doc) become niches of one; returns how many. */
function releaseAudiences(csr: Csr, niche: Int32Array, count: number, dunbar: number): { niche: Int32Array; count: number; released: number } {
  const n = niche.length;
  const size = new Int32Array(count);
  for (let i = 0; i < n; i++) size[niche[i] as number] = (size[niche[i] as number] as number) + 1;
  const out = Int32Array.from(niche);
  let next = count;
  let released = 0;
  for (let i = 0; i < n; i++) {
    const c = niche[i] as number;
    if ((size[c] as number) <= dunbar) continue;
    let inside = 0;
    for (let e = csr.offsets[i] as number, end = csr.offsets[i + 1] as number; e < end && inside < 2; e++) if (niche[csr.targets[e] as number] === c) inside++;
    if (inside <= 1) {
      out[i] = next++;
      released++;
    }
  }
  const { community, count: total } = renumberLabels(out);
  return { niche: community, count: total, released };
}

interface ResolvedOptions {
  seed: number;
  resolution: number | null;
  nicheSize: { min: number; max: number } | null;
  initial: Int32Array | null;
  initialCommunity: Int32Array | null;
  runs: number;
  consensusRuns: number;
  threshold: number;
  maxRounds: number;
  dunbar: number;
  band: number;
}

function checkOptions(options: NicheOptions): ResolvedOptions {
  if (options === null || typeof options !== 'object') throw new TypeError(`${PREFIX}: options must be an object.`);
  const int = (value: unknown, name: string, min: number): number => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) throw new RangeError(`${PREFIX}: ${name} must be an integer >= ${min}, got ${String(value)}.`);
    return value;
  };
  const seed = options.seed;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) throw new RangeError(`${PREFIX}: seed must be a safe integer, got ${String(seed)}.`);
  const resolution = options.resolution ?? null;
  if (resolution !== null && !(typeof resolution === 'number' && Number.isFinite(resolution) && resolution > 0)) throw new RangeError(`${PREFIX}: resolution must be a finite number > 0, got ${String(resolution)}.`);
  const band = options.nicheSize ?? null;
  if (band !== null && !(Number.isFinite(band.min) && Number.isFinite(band.max) && band.min >= 1 && band.max >= band.min)) {
    throw new RangeError(`${PREFIX}: nicheSize must satisfy 1 <= min <= max, got ${String(band.min)}..${String(band.max)}.`);
  }
  const threshold = options.threshold ?? DEFAULTS.threshold;
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`${PREFIX}: threshold must be in (0, 1], got ${String(threshold)}.`);
  const dunbar = options.dunbar ?? DEFAULTS.dunbar;
  if (!(dunbar >= 1)) throw new RangeError(`${PREFIX}: dunbar must be >= 1, got ${String(dunbar)}.`);
  const initial = options.initial ?? null;
  const initialCommunity = options.initialCommunity ?? null;
  if (initial !== null && !(initial instanceof Int32Array)) throw new TypeError(`${PREFIX}: initial must be an Int32Array or null.`);
  if (initialCommunity !== null && !(initialCommunity instanceof Int32Array)) throw new TypeError(`${PREFIX}: initialCommunity must be an Int32Array or null.`);
  return {
    seed,
    resolution,
    nicheSize: band,
    initial,
    initialCommunity,
    runs: int(options.runs ?? DEFAULTS.runs, 'runs', 1),
    consensusRuns: int(options.consensusRuns ?? DEFAULTS.consensusRuns, 'consensusRuns', 1),
    threshold,
    maxRounds: int(options.maxRounds ?? DEFAULTS.maxRounds, 'maxRounds', 1),
    dunbar,
    band: DEFAULTS.band,
  };
}

/** Steps of findNiches, announced as they start (for timing by benchmarks). */
export type NicheStep = 'louvain' | 'resolution' | 'niches' | 'communities' | 'polish' | 'figures';

/** Communities and niches of a compact graph's undirected positive ties (see the module doc). */
export function findNiches(graph: CompactGraph, options: NicheOptions, onStep?: (step: NicheStep) => void): NicheHierarchy {
  const o = checkOptions(options);
  const step = (name: NicheStep): void => onStep?.(name);
  const csr = graph.undirected;
  for (const [name, labels] of [['initial', o.initial], ['initialCommunity', o.initialCommunity]] as const) {
    if (labels !== null && labels.length !== csr.offsets.length - 1) throw new RangeError(`${PREFIX}: ${name} has ${labels.length} labels for ${csr.offsets.length - 1} accounts.`);
  }
  // Accounts without a starting niche start alone.
  const start = o.initial === null ? null : Int32Array.from(o.initial, (c, i) => (c >= 0 ? c : o.initial!.length + i));
  const master = createRng(o.seed);
  const nextSeed = (): number => Math.floor(master() * 0x1_0000_0000);
  const g = accountGraph(csr);

  step('louvain');
  // Plain Louvain with this seed, for the summary: how many of its communities are disconnected.
  const plain = louvain(csr, { rng: createRng(o.seed) });
  const louvainDisconnected = countDisconnected(csr, plain.community, plain.count);

  step('resolution');
  // 1. The niche-level resolution: given, aimed at a size band, or at Dunbar's band layer.
  let resolution = o.nicheSize === null ? o.resolution : null;
  if (resolution === null) {
    const whole = new Int32Array(csr.offsets.length - 1);
    resolution =
      o.nicheSize !== null
        ? nicheResolution(csr, whole, 1, o.nicheSize, o.seed, Math.SQRT2).resolution
        : nicheResolution(csr, whole, 1, { min: 1, max: o.band }, o.seed).resolution;
  }
  const gamma = resolution;

  step('niches');
  // 2. Niches: Leiden at that resolution, consensus where the runs disagree.
  const nicheRun: Partitioner = (h, _groups, rng, initial) =>
    leiden(h.csr, { quality: 'modularity', resolution: gamma, nodeWeights: strengths(h), rng, ...(initial === undefined ? {} : { initial }) }).community;
  const niches = consensusOf(g, null, nicheRun, nextSeed, o, start);
  const defaultRule = o.nicheSize === null && o.resolution === null;
  const released = defaultRule ? releaseAudiences(csr, niches.labels, niches.count, o.dunbar) : { niche: niches.labels, count: niches.count, released: 0 };

  step('communities');
  // 3. Communities: Leiden at resolution 1 on the graph of niches, so each niche lies in one.
  const nicheGraph = contract(g, released.niche, released.count);
  let communityStart: Int32Array | null = null;
  if (o.initialCommunity !== null) {
    // Each niche starts in the community most of its accounts started in.
    communityStart = majorityLabels(released.niche, released.count, o.initialCommunity);
  }
  const communities = consensusOf(nicheGraph, null, communitiesOf, nextSeed, o, communityStart);
  const constrained = renumberLabels(Int32Array.from(released.niche, (c) => communities.labels[c] as number)).community;
  step('polish');
  // 4. Communities are polished on the accounts' graph (Leiden from that partition), which can
  // only raise their modularity; a niche that the polish cuts keeps the part in each community.
  const community = leiden(csr, { rng: createRng(nextSeed()), initial: constrained }).community;
  // ... and a niche cut in two by a community boundary keeps its connected parts apart.
  const cut = renumberLabels(nested(community, released.niche));
  const parts = splitDisconnected(csr, cut.community, cut.count);
  released.niche = parts.community;
  released.count = parts.count;
  step('figures');
  const niche = renumberLabels(released.niche);
  const nicheCommunity = new Int32Array(niche.count);
  for (let i = 0; i < niche.community.length; i++) nicheCommunity[niche.community[i] as number] = community[i] as number;
  const figures = membershipFigures(niche.community, niche.count, niches.runs, niches.runs.map(countOf));

  return {
    community,
    communityCount: countOf(community),
    niche: niche.community,
    nicheCount: niche.count,
    nicheCommunity,
    confidence: figures.confidence,
    nicheStability: figures.stability,
    summary: {
      communityModularity: csrModularity(csr, community, countOf(community)),
      nicheModularity: csrModularity(csr, niche.community, niche.count),
      nicheResolution: gamma,
      runs: o.runs,
      consensusRuns: niches.consensusRuns,
      consensusRounds: niches.rounds,
      consensusNodes: niches.nodes,
      louvainDisconnected,
      audience: released.released,
    },
  };
}
function countOf(labels: Int32Array): number {
  let max = -1;
  for (let i = 0; i < labels.length; i++) if ((labels[i] as number) > max) max = labels[i] as number;
  return max + 1;
}
