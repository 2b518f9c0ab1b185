/**
 * Tie strength around each account, inside its niche: reciprocity, repeated
 * interactions and embeddedness.
 *
 * [References]:
 * - M. S. Granovetter, "The strength of weak ties", AJS 78 (1973): the strength of a tie
 *   combines time (repeated contact), intensity, intimacy and reciprocal services, with
 *   no weighting given between them.
 * - D. Garlaschelli & M. I. Loffredo, "Patterns of link reciprocity in directed
 *   networks", PRL 93 (2004); weighted reciprocity as the reciprocated part
 *   min(w_ij, w_ji) of a pair's weight, as in T. Squartini, F. Picciolo, F. Ruzzenenti,
 *   D. Garlaschelli, "Reciprocity of weighted networks", Sci. Rep. 3:2729 (2013).
 * - J.-P. Onnela et al., "Structure and tie strengths in mobile communication
 *   networks", PNAS 104 (2007): neighbourhood overlap of a tie
 *   O_ij = n_ij / ((k_i - 1) + (k_j - 1) - n_ij), n_ij = common neighbours.
 * - Triangles per edge by the "forward" algorithm (T. Schank & D. Wagner, "Finding,
 *   counting and listing all triangles in large graphs", WEA 2005): O(m^1.5), so a
 *   broadcast hub with a huge audience does not blow up the cost.
 *
 * Per account i, over its positive ties to members of its own niche (all in [0, 1]):
 * - reciprocity(i)  = sum_j min(w_ij, w_ji) / sum_j w_ji: share of the weight i
 *                     receives that i gives back (0 when i receives nothing);
 * - repeat(i)       = share of i's in-niche in-neighbours j who came back (>= 2 events
 *                     j -> i, positive or not): Granovetter's "time";
 * - embeddedness(i) = mean overlap O_ij over i's in-niche ties, weighted by w_ij + w_ji.
 */
import { inRows, type CompactGraph, type Csr } from './compact-graph.js';

const PREFIX = 'nichegraph/analysis/tie-strength';

/** Position of j in row i of a CSR (rows sorted), or -1. */
export function findEntry(csr: Csr, i: number, j: number): number {
  let lo = csr.offsets[i] as number;
  let hi = (csr.offsets[i + 1] as number) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = csr.targets[mid] as number;
    if (v === j) return mid;
    if (v < j) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Positive weight of the arc i -> j (0 when absent). */
export function arcWeight(graph: CompactGraph, i: number, j: number): number {
  const k = findEntry(graph.out, i, j);
  return k < 0 ? 0 : (graph.out.weights[k] as number);
}

/** Common neighbours of the two ends of each entry of the undirected CSR (both twins filled). */
export function edgeTriangles(order: number, undirected: Csr): Int32Array {
  const { offsets, targets } = undirected;
  const degree = new Int32Array(order);
  for (let i = 0; i < order; i++) degree[i] = (offsets[i + 1] as number) - (offsets[i] as number);

  // Oriented adjacency: u -> w when (degree, index) of u is below that of w; each entry
  // remembers its position in `undirected`.
  const fwdOffsets = new Int32Array(order + 1);
  for (let u = 0; u < order; u++) {
    let n = 0;
    const du = degree[u] as number;
    for (let k = offsets[u] as number, end = offsets[u + 1] as number; k < end; k++) {
      const w = targets[k] as number;
      const dw = degree[w] as number;
      if (du < dw || (du === dw && u < w)) n++;
    }
    fwdOffsets[u + 1] = (fwdOffsets[u] as number) + n;
  }
  const fwdTargets = new Int32Array(fwdOffsets[order] as number);
  const fwdSlot = new Int32Array(fwdOffsets[order] as number);
  for (let u = 0, e = 0; u < order; u++) {
    const du = degree[u] as number;
    for (let k = offsets[u] as number, end = offsets[u + 1] as number; k < end; k++) {
      const w = targets[k] as number;
      const dw = degree[w] as number;
      if (du < dw || (du === dw && u < w)) {
        fwdTargets[e] = w;
        fwdSlot[e++] = k;
      }
    }
  }

  const tri = new Int32Array(targets.length);
  const stamp = new Int32Array(order).fill(-1);
  const slot = new Int32Array(order);
  for (let u = 0; u < order; u++) {
    const start = fwdOffsets[u] as number;
    const end = fwdOffsets[u + 1] as number;
    for (let e = start; e < end; e++) {
      const w = fwdTargets[e] as number;
      stamp[w] = u;
      slot[w] = fwdSlot[e] as number;
    }
    for (let e = start; e < end; e++) {
      const v = fwdTargets[e] as number;
      const kuv = fwdSlot[e] as number;
      for (let q = fwdOffsets[v] as number, qEnd = fwdOffsets[v + 1] as number; q < qEnd; q++) {
        const w = fwdTargets[q] as number;
        if (stamp[w] !== u) continue;
        const kvw = fwdSlot[q] as number;
        const kuw = slot[w] as number;
        tri[kuv] = (tri[kuv] as number) + 1;
        tri[kvw] = (tri[kvw] as number) + 1;
        tri[kuw] = (tri[kuw] as number) + 1;
      }
    }
  }
  // Each triangle was counted on one orientation of each edge: copy it to the twin.
  const twin = twinEntries(order, undirected);
  for (let k = 0; k < targets.length; k++) {
    const t = twin[k] as number;
    if (t < k) continue;
    const total = (tri[k] as number) + (tri[t] as number);
    tri[k] = total;
    tri[t] = total;
  }
  return tri;
}

/**
 * Position of the twin (j, i) of every entry (i, j) of a symmetric CSR with sorted rows,
 * in one pass: visiting i in increasing order, the entries (i, j) with j > i reach row j
 * in increasing i, i.e. in row j's own order.
 */
export function twinEntries(order: number, symmetric: Csr): Int32Array {
  const { offsets, targets } = symmetric;
  const twin = new Int32Array(targets.length).fill(-1);
  const next = offsets.slice(0, order);
  for (let i = 0; i < order; i++) {
    for (let k = offsets[i] as number, end = offsets[i + 1] as number; k < end; k++) {
      const j = targets[k] as number;
      if (j <= i) continue;
      const t = next[j] as number;
      next[j] = t + 1;
      twin[k] = t;
      twin[t] = k;
    }
  }
  return twin;
}

export interface TieStrength {
  /** Per account, in [0, 1], over in-niche ties. */
  reciprocity: Float64Array;
  repeat: Float64Array;
  embeddedness: Float64Array;
  /** Per entry of graph.undirected: min(w_ij, w_ji) (0 when one-way). */
  reciprocalWeight: Float64Array;
  /** Per entry of graph.undirected: neighbourhood overlap O_ij. */
  overlap: Float64Array;
}

/**
 * The part of tie strength that does not depend on the niches, per entry (i, j) of
 * graph.undirected: it reads only the graph, so it can be computed while the niches are
 * still being found (side-tasks.ts) and tieStrength then only sums it inside each niche.
 */
export interface TieWeights {
  /** min(w_ij, w_ji) (0 when one-way). */
  reciprocalWeight: Float64Array;
  /** Neighbourhood overlap O_ij. */
  overlap: Float64Array;
  /** w_ji: the positive weight i receives from j (0 when there is no arc j -> i). */
  received: Float64Array;
  /** 0: no arc j -> i; 1: an arc of one event; 2: an arc of two events or more (j came back). */
  inArc: Uint8Array;
}

/** The arrays of a compact graph that TieWeights reads (plain typed arrays: a task can carry them). */
export interface TieWeightsInput {
  order: number;
  undirected: Csr;
  out: Csr;
  outCounts: Float64Array;
  /** In-rows of `out` (compact-graph.ts inRows). */
  inOffsets: Int32Array;
  inSources: Int32Array;
  inSlots: Int32Array;
}

export function tieWeightsInput(graph: CompactGraph): TieWeightsInput {
  const inArcs = inRows(graph.order, graph.out);
  return { order: graph.order, undirected: graph.undirected, out: graph.out, outCounts: graph.outCounts, inOffsets: inArcs.offsets, inSources: inArcs.sources, inSlots: inArcs.slots };
}

/** TieWeights of a graph (see the interface). */
export function tieWeights(input: TieWeightsInput): TieWeights {
  const { order, undirected, out, outCounts, inOffsets, inSources, inSlots } = input;
  const tri = edgeTriangles(order, undirected);
  const m2 = undirected.targets.length;
  const reciprocalWeight = new Float64Array(m2);
  const overlap = new Float64Array(m2);
  const received = new Float64Array(m2);
  const inArc = new Uint8Array(m2);
  // Both arcs of a tie are found by walking three sorted rows side by side (the undirected
  // row, the out-row and the in-row of i) instead of by two binary searches per tie.
  for (let i = 0; i < order; i++) {
    const ki = (undirected.offsets[i + 1] as number) - (undirected.offsets[i] as number);
    let outAt = out.offsets[i] as number;
    const outEnd = out.offsets[i + 1] as number;
    let inAt = inOffsets[i] as number;
    const inEnd = inOffsets[i + 1] as number;
    for (let k = undirected.offsets[i] as number, end = undirected.offsets[i + 1] as number; k < end; k++) {
      const j = undirected.targets[k] as number;
      const kj = (undirected.offsets[j + 1] as number) - (undirected.offsets[j] as number);
      const common = tri[k] as number;
      const denominator = ki - 1 + (kj - 1) - common;
      overlap[k] = denominator > 0 ? common / denominator : 0;
      while (outAt < outEnd && (out.targets[outAt] as number) < j) outAt++;
      while (inAt < inEnd && (inSources[inAt] as number) < j) inAt++;
      const a = outAt < outEnd && out.targets[outAt] === j ? outAt : -1;
      const b = inAt < inEnd && inSources[inAt] === j ? (inSlots[inAt] as number) : -1;
      const wij = a < 0 ? 0 : (out.weights[a] as number);
      const wji = b < 0 ? 0 : (out.weights[b] as number);
      reciprocalWeight[k] = Math.min(wij, wji);
      received[k] = wji;
      inArc[k] = b < 0 ? 0 : (outCounts[b] as number) >= 2 ? 2 : 1;
    }
  }
  return { reciprocalWeight, overlap, received, inArc };
}

/** Tie strength inside each niche; `weights`: the graph's TieWeights when already computed (e.g. on another thread). */
export function tieStrength(graph: CompactGraph, community: Int32Array, weights: TieWeights = tieWeights(tieWeightsInput(graph))): TieStrength {
  const { order, undirected } = graph;
  if (community.length !== order) throw new RangeError(`${PREFIX}: community has ${community.length} labels for ${order} accounts.`);
  const m2 = undirected.targets.length;
  if (weights.overlap.length !== m2) throw new RangeError(`${PREFIX}: the tie weights have ${weights.overlap.length} entries for ${m2} undirected entries.`);
  const { reciprocalWeight, overlap, received, inArc } = weights;
  const reciprocity = new Float64Array(order);
  const repeat = new Float64Array(order);
  const embeddedness = new Float64Array(order);
  for (let i = 0; i < order; i++) {
    const c = community[i] as number;
    let receivedSum = 0;
    let returned = 0;
    let inNeighbours = 0;
    let cameBack = 0;
    let overlapSum = 0;
    let overlapWeight = 0;
    for (let k = undirected.offsets[i] as number, end = undirected.offsets[i + 1] as number; k < end; k++) {
      if (community[undirected.targets[k] as number] !== c) continue;
      receivedSum += received[k] as number;
      returned += reciprocalWeight[k] as number;
      const arc = inArc[k] as number;
      if (arc > 0) {
        inNeighbours++;
        if (arc === 2) cameBack++;
      }
      const w = undirected.weights[k] as number;
      overlapSum += w * (overlap[k] as number);
      overlapWeight += w;
    }
    reciprocity[i] = receivedSum > 0 ? returned / receivedSum : 0;
    repeat[i] = inNeighbours > 0 ? cameBack / inNeighbours : 0;
    embeddedness[i] = overlapWeight > 0 ? overlapSum / overlapWeight : 0;
  }
  return { reciprocity, repeat, embeddedness, reciprocalWeight, overlap };
}
