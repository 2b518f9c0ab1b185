/**
 * Structural figures of each niche on the undirected positive projection.
 *
 * [References]: density as in S. Wasserman & K. Faust, "Social Network Analysis" (1994),
 * ch. 4; conductance as in R. Kannan, S. Vempala, A. Vetta, "On clusterings: Good, bad
 * and spectral", J. ACM 51 (2004), and as used to rate communities by J. Leskovec,
 * K. Lang, A. Dasgupta, M. Mahoney, "Community structure in large networks", Internet
 * Mathematics 6 (2009).
 *
 * - density(S)     = distinct internal pairs with positive weight / (|S| (|S| - 1) / 2),
 *                    0 for a niche of one;
 * - conductance(S) = cut(S) / min(vol(S), vol(V \ S)), vol = sum of weighted degrees,
 *                    0 when that minimum is 0 (no tie leaves or nothing outside);
 *                    low = a well separated niche;
 * - internalShare(i) = weight of i's ties inside its niche / weighted degree of i,
 *                    0 for an account without any positive tie.
 */
import type { CompactGraph } from './compact-graph.js';

export interface NicheMetrics {
  /** Per community. */
  size: Int32Array;
  density: Float64Array;
  conductance: Float64Array;
  /** Per account. */
  internalShare: Float64Array;
}

const PREFIX = 'nichegraph/analysis/niche-metrics';

export function nicheMetrics(graph: CompactGraph, community: Int32Array, count: number): NicheMetrics {
  const { order, undirected, weightedDegree } = graph;
  if (community.length !== order) throw new RangeError(`${PREFIX}: community has ${community.length} labels for ${order} accounts.`);

  const size = new Int32Array(count);
  const internalPairs = new Float64Array(count);
  const cut = new Float64Array(count);
  const volume = new Float64Array(count);
  const internalShare = new Float64Array(order);
  let totalVolume = 0;

  for (let i = 0; i < order; i++) {
    const c = community[i] as number;
    if (c < 0 || c >= count) throw new RangeError(`${PREFIX}: community label ${c} is outside 0..${count - 1}.`);
    size[c] = (size[c] as number) + 1;
    const degree = weightedDegree[i] as number;
    volume[c] = (volume[c] as number) + degree;
    totalVolume += degree;
    let inside = 0;
    for (let k = undirected.offsets[i] as number, end = undirected.offsets[i + 1] as number; k < end; k++) {
      const j = undirected.targets[k] as number;
      const w = undirected.weights[k] as number;
      if (community[j] === c) {
        inside += w;
        if (j > i) internalPairs[c] = (internalPairs[c] as number) + 1;
      } else {
        cut[c] = (cut[c] as number) + w;
      }
    }
    internalShare[i] = degree > 0 ? inside / degree : 0;
  }

  const density = new Float64Array(count);
  const conductance = new Float64Array(count);
  for (let c = 0; c < count; c++) {
    const s = size[c] as number;
    density[c] = s > 1 ? (internalPairs[c] as number) / ((s * (s - 1)) / 2) : 0;
    const vol = volume[c] as number;
    const denominator = Math.min(vol, totalVolume - vol);
    conductance[c] = denominator > 0 ? (cut[c] as number) / denominator : 0;
  }

  return { size, density, conductance, internalShare };
}
