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

/** The graph whose nodes are the `count` groups of `labels` (0 .. count - 1). */
export function contract(g: WeightedGraph, labels: Int32Array, count: number): WeightedGraph {
  const { offsets, targets, weights } = g.csr;
  const n = offsets.length - 1;
  const loops = new Float64Array(count);
  const size = new Float64Array(count);
  for (let i = 0; i < n; i++) {
    const c = labels[i] as number;
    size[c] = (size[c] as number) + (g.size[i] as number);
    loops[c] = (loops[c] as number) + (g.loops[i] as number);
  }
  // Members of each group, then one merged row per group.
  const memberStart = new Int32Array(count + 1);
  for (let i = 0; i < n; i++) memberStart[(labels[i] as number) + 1] = (memberStart[(labels[i] as number) + 1] as number) + 1;
  for (let c = 0; c < count; c++) memberStart[c + 1] = (memberStart[c + 1] as number) + (memberStart[c] as number);
  const members = new Int32Array(n);
  const cursor = memberStart.slice(0, count);
  for (let i = 0; i < n; i++) {
    const c = labels[i] as number;
    members[cursor[c] as number] = i;
    cursor[c] = (cursor[c] as number) + 1;
  }
  const acc = new Float64Array(count);
  const touched = new Int32Array(count);
  const rowOffsets = new Int32Array(count + 1);
  const rowTargets = new Int32Array(targets.length);
  const rowWeights = new Float64Array(targets.length);
  let w = 0;
  for (let c = 0; c < count; c++) {
    let touchedCount = 0;
    for (let p = memberStart[c] as number, pEnd = memberStart[c + 1] as number; p < pEnd; p++) {
      const i = members[p] as number;
      for (let e = offsets[i] as number, end = offsets[i + 1] as number; e < end; e++) {
        const d = labels[targets[e] as number] as number;
        if (d === c) {
          loops[c] = (loops[c] as number) + (weights[e] as number);
          continue;
        }
        if (acc[d] === 0) touched[touchedCount++] = d;
        acc[d] = (acc[d] as number) + (weights[e] as number);
      }
    }
    // Rows sorted by target, as a CSR built from the accounts is (a typed-array sort of the
    // row's few targets; the weights are read from acc in that order).
    // Already in order (e.g. a contraction that keeps most nodes where they were): no sort.
    let sorted = true;
    for (let t = 1; t < touchedCount && sorted; t++) if ((touched[t] as number) < (touched[t - 1] as number)) sorted = false;
    if (!sorted) touched.subarray(0, touchedCount).sort();
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
