/**
 * Betweenness centrality of every account on the undirected positive projection,
 * unweighted (every positive tie has length 1): the sum, over pairs of other accounts
 * {s, t}, of the share of shortest s-t paths that pass through the account.
 *
 * [Reference]: U. Brandes, "A faster algorithm for betweenness centrality", Journal of
 * Mathematical Sociology 25(2):163-177 (2001). One breadth-first search per source s
 * counts shortest paths (sigma) and records predecessors; the dependencies
 * delta_s(v) = sum over successors w of sigma(v) / sigma(w) * (1 + delta_s(w)) are then
 * accumulated in reverse BFS order. O(n m) time, O(n + m) memory. Summing delta_s over
 * every source counts each unordered pair twice (once from each end).
 *
 * Scale of the result: with `normalized` (the default) the ordered-pair sum is divided by
 * (n - 1)(n - 2), the number of ordered pairs of other accounts, so values lie in [0, 1];
 * without it the unordered-pair count is returned (the ordered sum / 2). Both match
 * graphology-metrics' `betweenness` on an undirected graph with the same `normalized`.
 *
 * Sampled estimate, for large graphs: [Reference] U. Brandes, C. Pich, "Centrality
 * estimation in large networks", International Journal of Bifurcation and Chaos
 * 17(7):2303-2318 (2007). Only k pivot sources, drawn uniformly at random without
 * replacement by the seeded rng, are searched, and the sum of their dependencies is
 * scaled by n / k, which makes it an unbiased estimate of the ordered-pair sum.
 *
 * Error bound relied upon (per account). For one pivot s, X = delta_s(v) / (n - 2) lies
 * in [0, 1] (at most n - 2 targets t != s, v, each contributing at most 1), and its mean
 * over a uniform pivot is B(v) / (n (n - 2)), B the ordered-pair sum. Hoeffding's
 * inequality (W. Hoeffding, "Probability inequalities for sums of bounded random
 * variables", JASA 58(301):13-30, 1963, Theorem 2, which Section 6 extends to sampling
 * without replacement from a finite population) gives, for the mean of k pivots,
 * P(|mean - B(v) / (n (n - 2))| >= eps) <= 2 exp(-2 k eps^2). In the normalised scale
 * b = B / ((n - 1)(n - 2)) this reads: with probability at least 1 - delta,
 *
 *     |estimate(v) - b(v)| <= n / (n - 1) * sqrt(ln(2 / delta) / (2 k)),
 *
 * for each account v separately (`samplingErrorBound`); for all n accounts at once,
 * replace delta by delta / n (union bound). This is the Brandes-Pich / Eppstein-Wang
 * style bound; it is additive, so it says little about accounts with tiny betweenness.
 * (Riondato and Kornaropoulos, Data Mining and Knowledge Discovery 30:438-475, 2016,
 * sample shortest paths between random pairs instead and bound all accounts at once
 * through the VC dimension; that scheme is not the one implemented here.)
 *
 * The exact computation is used when n <= `exactThreshold`, or when `samples` >= n.
 */
import type { CompactGraph } from '../compact-graph.js';
import { createRng, type Rng } from '../random.js';

export const DEFAULTS = {
  normalized: true,
  /** Graphs with at most this many accounts are always computed exactly. */
  exactThreshold: 2000,
  /** Pivots of the sampled estimate (bound of about 0.068 at delta = 0.05, per account). */
  samples: 400,
  seed: 1,
};

export interface BetweennessOptions {
  normalized?: boolean;
  exactThreshold?: number;
  /** Number of pivot sources k of the sampled estimate. */
  samples?: number;
  /** Seed of the pivot draw (ignored when `rng` is given). */
  seed?: number;
  rng?: Rng;
}

export interface BetweennessResult {
  values: Float64Array;
  /** True when every account was a source (no sampling). */
  exact: boolean;
  /** Number of sources searched (n when exact). */
  sources: number;
}

const PREFIX = 'nichegraph/analysis/centrality/betweenness';

/**
 * Additive bound eps on |estimate(v) - exact(v)| in the normalised scale that holds for
 * one given account with probability at least 1 - delta, for k pivots among n accounts.
 */
export function samplingErrorBound(n: number, samples: number, delta: number): number {
  if (!Number.isSafeInteger(n) || n < 3) throw new RangeError(`${PREFIX}: n must be an integer >= 3.`);
  if (!Number.isSafeInteger(samples) || samples < 1) throw new RangeError(`${PREFIX}: samples must be an integer >= 1.`);
  if (!(delta > 0 && delta < 1)) throw new RangeError(`${PREFIX}: delta must be in (0, 1).`);
  return (n / (n - 1)) * Math.sqrt(Math.log(2 / delta) / (2 * samples));
}

export function betweenness(graph: CompactGraph, options: BetweennessOptions = {}): BetweennessResult {
  if (graph === null || typeof graph !== 'object' || graph.undirected === undefined) {
    throw new TypeError(`${PREFIX}: the graph must be a compact graph.`);
  }
  const normalized = options.normalized ?? DEFAULTS.normalized;
  const exactThreshold = options.exactThreshold ?? DEFAULTS.exactThreshold;
  const samples = options.samples ?? DEFAULTS.samples;
  const seed = options.seed ?? DEFAULTS.seed;
  if (typeof normalized !== 'boolean') throw new TypeError(`${PREFIX}: normalized must be a boolean.`);
  if (!Number.isSafeInteger(exactThreshold) || exactThreshold < 0) throw new RangeError(`${PREFIX}: exactThreshold must be an integer >= 0.`);
  if (!Number.isSafeInteger(samples) || samples < 1) throw new RangeError(`${PREFIX}: samples must be an integer >= 1.`);
  if (options.rng !== undefined && typeof options.rng !== 'function') throw new TypeError(`${PREFIX}: rng must be a function.`);

  const n = graph.order;
  const exact = n <= exactThreshold || samples >= n;
  let sources: Int32Array;
  if (exact) {
    sources = new Int32Array(n);
    for (let i = 0; i < n; i++) sources[i] = i;
  } else {
    // Partial Fisher-Yates: the first `samples` entries are a uniform draw without replacement.
    const rng = options.rng ?? createRng(seed);
    const pool = new Int32Array(n);
    for (let i = 0; i < n; i++) pool[i] = i;
    for (let i = 0; i < samples; i++) {
      const j = i + Math.floor(rng() * (n - i));
      const tmp = pool[i] as number;
      pool[i] = pool[j] as number;
      pool[j] = tmp;
    }
    sources = pool.slice(0, samples);
  }

  const sum = accumulate(graph, sources);
  // `sum` is the ordered-pair sum over the chosen sources; scale to all n sources.
  let scale = exact ? 1 : n / samples;
  if (normalized) scale = n > 2 ? scale / ((n - 1) * (n - 2)) : 0;
  else scale /= 2;
  for (let i = 0; i < n; i++) sum[i] = (sum[i] as number) * scale;
  return { values: sum, exact, sources: sources.length };
}

/** Sum of Brandes dependencies delta_s(v) over the given sources, on the undirected CSR. */
function accumulate(graph: CompactGraph, sources: Int32Array): Float64Array {
  const n = graph.order;
  const { offsets, targets } = graph.undirected;
  const total = new Float64Array(n);
  const sigma = new Float64Array(n);
  const delta = new Float64Array(n);
  const dist = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n); // BFS order; read backwards for the accumulation

  for (let q = 0; q < sources.length; q++) {
    const s = sources[q] as number;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    dist[s] = 0;
    sigma[s] = 1;
    while (head < tail) {
      const v = queue[head++] as number;
      const dv = dist[v] as number;
      const sv = sigma[v] as number;
      for (let k = offsets[v] as number, end = offsets[v + 1] as number; k < end; k++) {
        const w = targets[k] as number;
        if (dist[w] === -1) {
          dist[w] = dv + 1;
          queue[tail++] = w;
        }
        if (dist[w] === dv + 1) sigma[w] = (sigma[w] as number) + sv;
      }
    }
    // Predecessors of w are its neighbours one step closer to s: no list needed.
    for (let p = tail - 1; p > 0; p--) {
      const w = queue[p] as number;
      const dw = dist[w] as number;
      const coefficient = (1 + (delta[w] as number)) / (sigma[w] as number);
      for (let k = offsets[w] as number, end = offsets[w + 1] as number; k < end; k++) {
        const v = targets[k] as number;
        if (dist[v] === dw - 1) delta[v] = (delta[v] as number) + (sigma[v] as number) * coefficient;
      }
      total[w] = (total[w] as number) + (delta[w] as number);
    }
    for (let p = 0; p < tail; p++) {
      const v = queue[p] as number;
      dist[v] = -1;
      sigma[v] = 0;
      delta[v] = 0;
    }
  }
  return total;
}
