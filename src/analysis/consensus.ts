/**
 * Stable niches: consensus clustering over several seeded Louvain runs.
 *
 * [Reference]: A. Lancichinetti & S. Fortunato, "Consensus clustering in complex
 * networks", Sci. Rep. 2:336 (2012). Their procedure:
 * 1. run the (randomised) algorithm `runs` times on the graph;
 * 2. consensus matrix D_ij = share of runs that put i and j together; drop entries
 *    below a threshold tau;
 * 3. run the algorithm `runs` times on D; repeat until D is made of 0s and 1s only
 *    (every run agrees), which is then the consensus partition.
 * As the paper suggests for large graphs, D is only computed on the pairs that are
 * tied in the graph (sparse, O(runs * m) per round). A node whose every entry falls
 * below tau keeps its strongest one, as in the paper, so no node is cut off by the
 * threshold alone. Our one addition to the paper's stopping rule: on large graphs a
 * handful of borderline nodes can keep the runs from ever agreeing (higgs-retweet: every
 * round after the first differs by one community of ~16,000), so the procedure also stops
 * when the majority partition (connected components of D > 1/2) is the same in two
 * consecutive rounds, and returns it; when `maxRounds` pass without either, the partition
 * is the majority partition of the last round.
 *
 * The per-account membership confidence and per-niche stability are measured on the
 * runs over the original graph (round 1), against the final niches:
 * - confidence(i) = share of runs in which i sits in the run's counterpart of its niche
 *   (the run community with the largest overlap with that niche): 1 - the per-node
 *   ambiguity of DOMAIN.md;
 * - stability(c)  = mean over runs of the Jaccard index between c and its counterpart.
 *
 * Cost: about runs * rounds Louvain runs (rounds is 1-3 in practice).
 */
import { louvainLabels, renumber } from './communities.js';
import type { Csr } from './compact-graph.js';
import { createRng } from './random.js';

/**
 * Chosen on the stability/time trade-off, not on accuracy: on email-eu-core, over seeds
 * 1-6, runs 10-40 with tau 0.5-0.8 gave a run-to-run ARI of 0.91-0.97 (plain Louvain:
 * 0.77); runs 30 with tau 0.8 reached 0.96 and converged in 2 rounds for every seed (a
 * high tau drops ambiguous pairs early, so fewer rounds). Reproduce with
 * `node --import=tsx scripts/quality/consensus-sweep.ts`; `npm run quality` prints the
 * resulting stability and the time on the 3,000-account demo graph. Lancichinetti &
 * Fortunato report that the procedure works over a broad range of tau for Louvain.
 */
export const DEFAULTS = {
  /** Louvain runs per round. */
  runs: 30,
  /** tau: consensus entries below it are dropped. */
  threshold: 0.8,
  maxRounds: 5,
};

export interface ConsensusOptions {
  resolution: number;
  seed: number;
  runs?: number;
  threshold?: number;
  maxRounds?: number;
  /** Warm start: every run of every round starts from this partition (-1 = alone); see louvain.ts. */
  initial?: Int32Array;
}

export interface Consensus {
  community: Int32Array;
  count: number;
  /** The partitions of round 1 (runs on the original graph); [0] is what plain Louvain with this seed returns. */
  runs: Int32Array[];
  runCounts: number[];
  /** Rounds run, and whether every run of the last one agreed. */
  rounds: number;
  converged: boolean;
}

const PREFIX = 'nichegraph/analysis/consensus';

export function consensusCommunities(order: number, undirected: Csr, options: ConsensusOptions): Consensus {
  const runs = options.runs ?? DEFAULTS.runs;
  const threshold = options.threshold ?? DEFAULTS.threshold;
  const maxRounds = options.maxRounds ?? DEFAULTS.maxRounds;
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`${PREFIX}: runs must be an integer >= 1, got ${String(runs)}.`);
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`${PREFIX}: threshold must be in (0, 1], got ${String(threshold)}.`);
  if (!Number.isInteger(maxRounds) || maxRounds < 1) throw new RangeError(`${PREFIX}: maxRounds must be an integer >= 1, got ${String(maxRounds)}.`);

  const master = createRng(options.seed);
  const nextSeed = (): number => Math.floor(master() * 0x1_0000_0000);
  let csr = undirected;
  let firstRuns: Int32Array[] = [];
  let firstCounts: number[] = [];
  let previousMajority: { community: Int32Array; count: number } | null = null;

  for (let round = 1; ; round++) {
    const partitions: Int32Array[] = [];
    const counts: number[] = [];
    for (let k = 0; k < runs; k++) {
      const { community, count } = louvainLabels(order, csr, options.resolution, createRng(round === 1 && k === 0 ? options.seed : nextSeed()), options.initial);
      partitions.push(community);
      counts.push(count);
    }
    if (round === 1) {
      firstRuns = partitions;
      firstCounts = counts;
    }

    const m2 = csr.targets.length;
    const agreement = new Float64Array(m2);
    let unanimous = true;
    for (let i = 0; i < order; i++) {
      for (let e = csr.offsets[i] as number, end = csr.offsets[i + 1] as number; e < end; e++) {
        const j = csr.targets[e] as number;
        let together = 0;
        for (const p of partitions) if (p[i] === p[j]) together++;
        const d = together / runs;
        agreement[e] = d;
        if (d > 0 && d < 1) unanimous = false;
      }
    }
    if (unanimous) {
      return { community: partitions[0] as Int32Array, count: counts[0] as number, runs: firstRuns, runCounts: firstCounts, rounds: round, converged: true };
    }
    const majority = majorityComponents(order, csr, agreement);
    if (round >= maxRounds || (previousMajority !== null && samePartition(previousMajority, majority))) {
      return { community: majority.community, count: majority.count, runs: firstRuns, runCounts: firstCounts, rounds: round, converged: false };
    }
    previousMajority = majority;
    csr = thresholded(order, csr, agreement, threshold);
  }
}

/** Entries with agreement >= threshold, weighted by agreement; each node keeps at least its strongest entry. */
function thresholded(order: number, csr: Csr, agreement: Float64Array, threshold: number): Csr {
  const keep = new Uint8Array(agreement.length);
  for (let e = 0; e < agreement.length; e++) if ((agreement[e] as number) >= threshold) keep[e] = 1;
  for (let i = 0; i < order; i++) {
    const start = csr.offsets[i] as number;
    const end = csr.offsets[i + 1] as number;
    if (start === end) continue;
    let best = -1;
    let any = false;
    for (let e = start; e < end; e++) {
      if (keep[e] === 1) any = true;
      if (best < 0 || (agreement[e] as number) > (agreement[best] as number)) best = e;
    }
    if (!any && (agreement[best] as number) > 0) {
      keep[best] = 1;
      // And its twin, so the adjacency stays symmetric.
      const j = csr.targets[best] as number;
      for (let q = csr.offsets[j] as number, qEnd = csr.offsets[j + 1] as number; q < qEnd; q++) {
        if (csr.targets[q] === i) keep[q] = 1;
      }
    }
  }
  const offsets = new Int32Array(order + 1);
  let n = 0;
  for (let i = 0; i < order; i++) {
    for (let e = csr.offsets[i] as number, end = csr.offsets[i + 1] as number; e < end; e++) if (keep[e] === 1) n++;
    offsets[i + 1] = n;
  }
  const targets = new Int32Array(n);
  const weights = new Float64Array(n);
  let w = 0;
  for (let e = 0; e < keep.length; e++) {
    if (keep[e] !== 1) continue;
    targets[w] = csr.targets[e] as number;
    weights[w++] = agreement[e] as number;
  }
  return { offsets, targets, weights };
}

/** Labels are renumbered by first appearance, so equal partitions have equal label arrays. */
function samePartition(a: { community: Int32Array; count: number }, b: { community: Int32Array; count: number }): boolean {
  if (a.count !== b.count) return false;
  for (let i = 0; i < a.community.length; i++) if (a.community[i] !== b.community[i]) return false;
  return true;
}

/** Connected components of the entries with agreement > 1/2. */
function majorityComponents(order: number, csr: Csr, agreement: Float64Array): { community: Int32Array; count: number } {
  const label = new Int32Array(order).fill(-1);
  const stack = new Int32Array(order);
  let next = 0;
  for (let s = 0; s < order; s++) {
    if (label[s] !== -1) continue;
    label[s] = next;
    let top = 0;
    stack[top++] = s;
    while (top > 0) {
      const i = stack[--top] as number;
      for (let e = csr.offsets[i] as number, end = csr.offsets[i + 1] as number; e < end; e++) {
        const j = csr.targets[e] as number;
        if (label[j] === -1 && (agreement[e] as number) > 0.5) {
          label[j] = next;
          stack[top++] = j;
        }
      }
    }
    next++;
  }
  return renumber(label);
}

export interface MembershipFigures {
  /** Per account, in [0, 1]. */
  confidence: Float64Array;
  /** Per final community, in [0, 1]. */
  stability: Float64Array;
}

/**
 * Confidence of each account and stability of each final community against a set of
 * run partitions (see the module doc).
 */
export function membershipFigures(community: Int32Array, count: number, runs: readonly Int32Array[], runCounts: readonly number[]): MembershipFigures {
  const order = community.length;
  const confidence = new Float64Array(order);
  const stability = new Float64Array(count);
  const size = new Int32Array(count);
  for (let i = 0; i < order; i++) size[community[i] as number] = (size[community[i] as number] as number) + 1;
  if (runs.length === 0) {
    confidence.fill(1);
    stability.fill(1);
    return { confidence, stability };
  }
  const keys = new Float64Array(order);
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k] as Int32Array;
    const width = runCounts[k] as number;
    const runSize = new Int32Array(width);
    for (let i = 0; i < order; i++) runSize[run[i] as number] = (runSize[run[i] as number] as number) + 1;
    // Overlaps of (final c, run l): the sorted keys c * width + l, counted in runs.
    for (let i = 0; i < order; i++) keys[i] = (community[i] as number) * width + (run[i] as number);
    keys.sort();
    const best = new Int32Array(count).fill(-1);
    const bestOverlap = new Int32Array(count);
    for (let p = 0; p < order; ) {
      const key = keys[p] as number;
      let q = p + 1;
      while (q < order && keys[q] === key) q++;
      const o = q - p;
      const c = Math.floor(key / width);
      const l = key - c * width;
      // Keys ascend, so for equal overlaps the smallest run label is met first and kept.
      if (o > (bestOverlap[c] as number)) {
        best[c] = l;
        bestOverlap[c] = o;
      }
      p = q;
    }
    for (let i = 0; i < order; i++) if (run[i] === best[community[i] as number]) confidence[i] = (confidence[i] as number) + 1;
    for (let c = 0; c < count; c++) {
      const o = bestOverlap[c] as number;
      const union = (size[c] as number) + (runSize[best[c] as number] as number) - o;
      stability[c] = (stability[c] as number) + (union > 0 ? o / union : 1);
    }
  }
  for (let i = 0; i < order; i++) confidence[i] = (confidence[i] as number) / runs.length;
  for (let c = 0; c < count; c++) stability[c] = (stability[c] as number) / runs.length;
  return { confidence, stability };
}
