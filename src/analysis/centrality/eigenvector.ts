/**
 * Eigenvector centrality on the undirected positive projection of a compact graph
 * (weight of {i, j} = positive(i -> j) + positive(j -> i)).
 *
 * [Reference]: P. Bonacich, "Factoring and weighting approaches to status scores and
 * clique identification", Journal of Mathematical Sociology 2(1):113-120 (1972).
 *
 * Power iteration on I + W (the shift keeps bipartite graphs from oscillating), the vector
 * rescaled to unit Euclidean length after every step, stopped when the L1 change drops
 * below order * tolerance: the conventions of graphology-metrics' `eigenvectorCentrality`,
 * which the tests compare against, run on the CSR typed arrays.
 */
import type { CompactGraph } from '../compact-graph.js';

export const DEFAULTS = {
  maxIterations: 100,
  tolerance: 1e-6,
};

export interface EigenvectorOptions {
  maxIterations?: number;
  tolerance?: number;
}

export interface EigenvectorResult {
  centrality: Float64Array;
  iterations: number;
  converged: boolean;
}

const PREFIX = 'nichegraph/analysis/centrality/eigenvector';

export function eigenvectorCentrality(graph: CompactGraph, options: EigenvectorOptions = {}): EigenvectorResult {
  const maxIterations = options.maxIterations ?? DEFAULTS.maxIterations;
  const tolerance = options.tolerance ?? DEFAULTS.tolerance;
  if (!Number.isSafeInteger(maxIterations) || maxIterations < 1) throw new RangeError(`${PREFIX}: maxIterations must be an integer >= 1.`);
  if (!(tolerance > 0)) throw new RangeError(`${PREFIX}: tolerance must be > 0.`);

  const n = graph.order;
  const { offsets, targets, weights } = graph.undirected;
  let x = new Float64Array(n).fill(n === 0 ? 0 : 1 / n);
  let next = new Float64Array(n);
  let iterations = 0;
  let converged = n === 0;
  while (!converged && iterations < maxIterations) {
    iterations++;
    next.set(x);
    for (let i = 0; i < n; i++) {
      const xi = x[i] as number;
      for (let k = offsets[i] as number, end = offsets[i + 1] as number; k < end; k++) {
        const j = targets[k] as number;
        next[j] = (next[j] as number) + xi * (weights[k] as number);
      }
    }
    const norm = euclidean(next);
    let error = 0;
    for (let i = 0; i < n; i++) {
      const v = (next[i] as number) / norm;
      next[i] = v;
      error += Math.abs(v - (x[i] as number));
    }
    [x, next] = [next, x];
    if (error < n * tolerance) converged = true;
  }
  return { centrality: x, iterations, converged };
}

/** Euclidean norm, scaled so that large weights cannot overflow. */
function euclidean(values: Float64Array): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i] as number));
  if (max === 0) return 1;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const r = (values[i] as number) / max;
    sum += r * r;
  }
  return max * Math.sqrt(sum);
}
