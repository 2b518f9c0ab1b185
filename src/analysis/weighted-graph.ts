/**
 * A weighted undirected graph that may stand for a coarser view of the accounts: each node
 * is a group of accounts (its `size`), with the weight of the ties inside it kept as a
 * self-loop (`loops`, both directions counted, as a CSR row would count them). Contracting
 * a graph by a partition keeps every modularity and CPM figure of partitions that are
 * unions of the groups, which is what lets the consensus in niches.ts work on the part of
 * the graph the runs still disagree about, with the agreed groups as single nodes.
 */
import type { Csr } from './compact-graph.js';

export interface WeightedGraph {
  csr: Csr;
  /** Internal weight of each node (each internal tie counted in both directions). */
  loops: Float64Array;
  /** Accounts each node stands for. */
  size: Float64Array;
}

/** The accounts' own graph: no loops, size 1 each. */
export function accountGraph(csr: Csr): WeightedGraph {
  const order = csr.offsets.length - 1;
  return { csr, loops: new Float64Array(order), size: new Float64Array(order).fill(1) };
}

/** Strength of each node: its row sum plus its loop. */
export function strengths(g: WeightedGraph): Float64Array {
  const order = g.csr.offsets.length - 1;
  const out = new Float64Array(order);
  for (let i = 0; i < order; i++) {
    let sum = g.loops[i] as number;
    for (let e = g.csr.offsets[i] as number, end = g.csr.offsets[i + 1] as number; e < end; e++) sum += g.csr.weights[e] as number;
    out[i] = sum;
  }
  return out;
}

/** Longest merged row contract sorts by insertion (a typed-array sort per row costs more below that). */
const SHORT_ROW = 24;

/**
 * The graph whose nodes are the `count` groups of `labels` (0 .. count - 1). The ties are
 * read in one pass in node order (rows in memory order: a pass group by group would jump
 * between the members' rows) into each group's share of the output, then merged group by
 * group in place; a group's ties keep the order of its members and of their rows, so every
 * weight is summed in that order.
 */
export function contract(g: WeightedGraph, labels: Int32Array, count: number): WeightedGraph {
  const { offsets, targets, weights } = g.csr;
  const n = offsets.length - 1;
  const loops = new Float64Array(count);
  const size = new Float64Array(count);
  // Room for each group's ties: its members' row lengths.
  const start = new Int32Array(count + 1);
  for (let i = 0; i < n; i++) {
    const c = labels[i] as number;
    size[c] = (size[c] as number) + (g.size[i] as number);
    loops[c] = (loops[c] as number) + (g.loops[i] as number);
    start[c + 1] = (start[c + 1] as number) + (offsets[i + 1] as number) - (offsets[i] as number);
  }
  for (let c = 0; c < count; c++) start[c + 1] = (start[c + 1] as number) + (start[c] as number);
  const rowTargets = new Int32Array(targets.length);
  const rowWeights = new Float64Array(targets.length);
  // Each group's ties to other groups, in node order; a tie inside it adds to its loop.
  const end = start.slice(0, count);
  for (let i = 0; i < n; i++) {
    const c = labels[i] as number;
    let at = end[c] as number;
    for (let e = offsets[i] as number, stop = offsets[i + 1] as number; e < stop; e++) {
      const d = labels[targets[e] as number] as number;
      if (d === c) {
        loops[c] = (loops[c] as number) + (weights[e] as number);
        continue;
      }
      rowTargets[at] = d;
      rowWeights[at++] = weights[e] as number;
    }
    end[c] = at;
  }
  // One merged row per group, written over the ties just read (a merged row is never longer
  // than them, and the rows before it end where its ties start at the latest).
  const acc = new Float64Array(count);
  const touched = new Int32Array(count);
  const rowOffsets = new Int32Array(count + 1);
  let w = 0;
  for (let c = 0; c < count; c++) {
    let touchedCount = 0;
    for (let p = start[c] as number, pEnd = end[c] as number; p < pEnd; p++) {
      const d = rowTargets[p] as number;
      if (acc[d] === 0) touched[touchedCount++] = d;
      acc[d] = (acc[d] as number) + (rowWeights[p] as number);
    }
    // Rows sorted by target, as a CSR built from the accounts is (the weights are read from
    // acc in that order): a short row (most are) by insertion, in place, which costs nothing
    // on a row already in order (e.g. a contraction that keeps most nodes where they were);
    // a longer one, unless already in order, by a typed-array sort.
    if (touchedCount <= SHORT_ROW) {
      for (let t = 1; t < touchedCount; t++) {
        const d = touched[t] as number;
        let u = t - 1;
        for (; u >= 0 && (touched[u] as number) > d; u--) touched[u + 1] = touched[u] as number;
        touched[u + 1] = d;
      }
    } else {
      let sorted = true;
      for (let t = 1; t < touchedCount && sorted; t++) if ((touched[t] as number) < (touched[t - 1] as number)) sorted = false;
      if (!sorted) touched.subarray(0, touchedCount).sort();
    }
    for (let t = 0; t < touchedCount; t++) {
      const d = touched[t] as number;
      rowTargets[w] = d;
      rowWeights[w++] = acc[d] as number;
      acc[d] = 0;
    }
    rowOffsets[c + 1] = w;
  }
  return { csr: { offsets: rowOffsets, targets: rowTargets.slice(0, w), weights: rowWeights.slice(0, w) }, loops, size };
}

/** The ties of `csr` whose ends share a label (block-diagonal by `labels`). */
export function withinGroups(csr: Csr, labels: Int32Array): Csr {
  const n = csr.offsets.length - 1;
  const offsets = new Int32Array(n + 1);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const c = labels[i] as number;
    for (let e = csr.offsets[i] as number, end = csr.offsets[i + 1] as number; e < end; e++) if (labels[csr.targets[e] as number] === c) m++;
    offsets[i + 1] = m;
  }
  const targets = new Int32Array(m);
  const weights = new Float64Array(m);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const c = labels[i] as number;
    for (let e = csr.offsets[i] as number, end = csr.offsets[i + 1] as number; e < end; e++) {
      const j = csr.targets[e] as number;
      if (labels[j] === c) {
        targets[k] = j;
        weights[k++] = csr.weights[e] as number;
      }
    }
  }
  return { offsets, targets, weights };
}
