/**
 * Degree centralities on the positive adjacency of a compact graph: in-degree and
 * out-degree (distinct accounts), their weighted forms (strengths) and the undirected
 * degree (distinct neighbours in either direction). Counting only, no normalisation
 * (graphology-metrics' `degree` counts the same way before its optional normalisation).
 */
import type { CompactGraph } from '../compact-graph.js';

export interface Degrees {
  inDegree: Int32Array;
  outDegree: Int32Array;
  /** Distinct neighbours through positive ties in either direction. */
  degree: Int32Array;
  inStrength: Float64Array;
  outStrength: Float64Array;
  /** inStrength + outStrength. */
  weightedDegree: Float64Array;
}

export function degrees(graph: CompactGraph): Degrees {
  const n = graph.order;
  const inDegree = new Int32Array(n);
  const outDegree = new Int32Array(n);
  const degree = new Int32Array(n);
  const { offsets, targets } = graph.out;
  for (let i = 0; i < n; i++) {
    outDegree[i] = (offsets[i + 1] as number) - (offsets[i] as number);
    for (let k = offsets[i] as number; k < (offsets[i + 1] as number); k++) {
      const j = targets[k] as number;
      inDegree[j] = (inDegree[j] as number) + 1;
    }
    degree[i] = (graph.undirected.offsets[i + 1] as number) - (graph.undirected.offsets[i] as number);
  }
  return {
    inDegree,
    outDegree,
    degree,
    inStrength: graph.positiveInStrength.slice(),
    outStrength: graph.positiveOutStrength.slice(),
    weightedDegree: graph.weightedDegree.slice(),
  };
}
