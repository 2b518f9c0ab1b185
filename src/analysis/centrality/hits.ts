/**
 * HITS hubs and authorities on the directed positive adjacency of a compact graph.
 *
 * [Reference]: J. M. Kleinberg, "Authoritative sources in a hyperlinked environment",
 * Journal of the ACM 46(5):604-632 (1999).
 *
 * Power iteration on the weighted adjacency W: authority = W^T hub, hub = W authority,
 * each rescaled by its maximum after every step; it stops when the L1 change of the hub
 * vector drops below `tolerance`, and both vectors are then normalised to sum 1. These are
 * the conventions of graphology-metrics' `hits`, which the tests compare against, so the
 * two give the same numbers; the loop runs on the CSR typed arrays instead of a Graph.
 */
import type { CompactGraph } from '../compact-graph.js';

export const DEFAULTS = {
  maxIterations: 100,
  tolerance: 1e-8,
};

export interface HitsOptions {
  maxIterations?: number;
  tolerance?: number;
}

export interface HitsResult {
  hubs: Float64Array;
  authorities: Float64Array;
  iterations: number;
  converged: boolean;
}

const PREFIX = 'nichegraph/analysis/centrality/hits';

export function hits(graph: CompactGraph, options: HitsOptions = {}): HitsResult {
  const maxIterations = options.maxIterations ?? DEFAULTS.maxIterations;
  const tolerance = options.tolerance ?? DEFAULTS.tolerance;
  if (!Number.isSafeInteger(maxIterations) || maxIterations < 1) throw new RangeError(`${PREFIX}: maxIterations must be an integer >= 1.`);
  if (!(tolerance > 0)) throw new RangeError(`${PREFIX}: tolerance must be > 0.`);

  const n = graph.order;
  const { offsets, targets, weights } = graph.out;
  let hubs = new Float64Array(n).fill(n === 0 ? 0 : 1 / n);
  let next = new Float64Array(n);
  const authorities = new Float64Array(n);
  let iterations = 0;
  let converged = n === 0;

  while (!converged && iterations < maxIterations) {
    iterations++;
    authorities.fill(0);
    let maxAuthority = 0;
    for (let i = 0; i < n; i++) {
      const h = hubs[i] as number;
      for (let k = offsets[i] as number, end = offsets[i + 1] as number; k < end; k++) {
        const j = targets[k] as number;
        const a = (authorities[j] as number) + h * (weights[k] as number);
        authorities[j] = a;
        if (a > maxAuthority) maxAuthority = a;
      }
    }
    let maxHub = 0;
    for (let i = 0; i < n; i++) {
      let h = 0;
      for (let k = offsets[i] as number, end = offsets[i + 1] as number; k < end; k++) {
        h += (authorities[targets[k] as number] as number) * (weights[k] as number);
      }
      next[i] = h;
      if (h > maxHub) maxHub = h;
    }
    if (maxHub === 0 || maxAuthority === 0) {
      // No arc at all: every score stays 0 (graphology would divide by zero here).
      next.fill(0);
      authorities.fill(0);
      hubs = next;
      converged = true;
      break;
    }
    let error = 0;
    for (let i = 0; i < n; i++) {
      const h = (next[i] as number) / maxHub;
      next[i] = h;
      error += Math.abs(h - (hubs[i] as number));
      authorities[i] = (authorities[i] as number) / maxAuthority;
    }
    [hubs, next] = [next, hubs];
    if (error < tolerance) converged = true;
  }

  normalise(hubs);
  normalise(authorities);
  return { hubs, authorities, iterations, converged };
}

function normalise(values: Float64Array): void {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  if (sum > 0) for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) / sum;
}
