/**
 * Compact, typed-array form of a projection: the input of every analysis step.
 *
 * Accounts get integer indices in sorted id order (JavaScript string order, i.e. UTF-16
 * code units), so comparing indices is comparing ids. Adjacency is stored as CSR
 * (compressed sparse rows: the neighbours of node i are targets[offsets[i] ..
 * offsets[i + 1]), sorted by index), which keeps the hot loops of PageRank and the niche
 * metrics on flat arrays and makes every derived structure independent of the order in
 * which the pairs were given.
 *
 * Built from a PairTable (pair-table.ts), whose rows are already sorted and unique.
 *
 * Only positive weight builds adjacency. Negative weight is kept as a per-account
 * incoming total and nothing else: a dispute must never make an account look more
 * central. Self pairs (source == target) are ignored.
 */
import { isPairTable, pairTableFromProjection, type PairTable } from './pair-table.js';
import type { Projection } from './types.js';

/** One adjacency in CSR form. */
export interface Csr {
  /** Length order + 1; row i is [offsets[i], offsets[i + 1]). */
  offsets: Int32Array;
  /** Neighbour indices, ascending inside each row. */
  targets: Int32Array;
  /** Weight of each entry of `targets` (> 0). */
  weights: Float64Array;
}

export interface CompactGraph {
  /** Number of accounts. */
  order: number;
  /** index -> account id, ascending. */
  ids: readonly string[];
  /**
   * account id -> index, built on first read: no analysis step needs it (they all work on
   * indices), and a Map of every id costs as much as the rest of the compaction (~0.13 s
   * for higgs' 256k accounts).
   */
  readonly index: ReadonlyMap<string, number>;
  /** Directed positive adjacency: i -> j with weight positive(i -> j). */
  out: Csr;
  /**
   * Events aggregated into each arc of `out` (aligned with out.targets): repeated
   * interactions. 0 for a pair that also carries negative weight: a pair with a dispute
   * never counts as a repeated positive tie (so a complaint can never raise a score).
   */
  outCounts: Float64Array;
  /** Undirected positive projection: weight(i, j) = positive(i -> j) + positive(j -> i). */
  undirected: Csr;
  /** Sum of positive weight received / sent by each account. */
  positiveInStrength: Float64Array;
  positiveOutStrength: Float64Array;
  /** Sum of (absolute) negative weight received by each account. */
  negativeInStrength: Float64Array;
  /** Sum of undirected positive weights around each account (in + out strength). */
  weightedDegree: Float64Array;
  /** Number of unordered pairs {i, j}, i != j, with positive weight in either direction. */
  undirectedEdges: number;
}

/**
 * Where an array is kept: given an array, returns one with the same contents that the caller
 * keeps instead (e.g. a copy in shared memory that helper threads read without a copy of
 * their own: partition-threads.ts toShared), after which the array given can be dropped.
 */
export type Placement = <T extends Int32Array | Float64Array>(array: T) => T;

/**
 * Builds the compact graph of a projection, given as a PairTable (the store's form) or as
 * row objects (validated and converted by pairTableFromProjection, which throws on
 * malformed input). `place` (optional) places the arrays that helper threads read (both
 * CSRs, outCounts and the in-rows of `out`) before the graph keeps them.
 */
export function buildCompactGraph(input: Projection | PairTable, place?: Placement): CompactGraph {
  const table = isPairTable(input) ? input : pairTableFromProjection(input);
  const ids = table.accounts;
  const order = ids.length;

  const positiveInStrength = new Float64Array(order);
  const positiveOutStrength = new Float64Array(order);
  const negativeInStrength = new Float64Array(order);

  // The positive arcs (self pairs ignored), in the table's (source, target) order.
  let arcs = 0;
  for (let r = 0; r < table.size; r++) {
    if ((table.positive[r] as number) > 0 && table.source[r] !== table.target[r]) arcs++;
  }
  const arcSource = new Int32Array(arcs);
  const arcTarget = new Int32Array(arcs);
  const arcWeight = new Float64Array(arcs);
  const arcCount = new Float64Array(arcs);
  let a = 0;
  for (let r = 0; r < table.size; r++) {
    const s = table.source[r] as number;
    const t = table.target[r] as number;
    if (s === t) continue;
    const positive = table.positive[r] as number;
    const negative = table.negative[r] as number;
    negativeInStrength[t] = (negativeInStrength[t] as number) + negative;
    if (positive > 0) {
      arcSource[a] = s;
      arcTarget[a] = t;
      arcWeight[a] = positive;
      const count = table.count[r] as number;
      arcCount[a++] = negative > 0 ? 0 : Number.isFinite(count) && count > 0 ? count : 1;
      positiveOutStrength[s] = (positiveOutStrength[s] as number) + positive;
      positiveInStrength[t] = (positiveInStrength[t] as number) + positive;
    }
  }

  // One placement for the weights and the counts: the counts line up with out.targets.
  const built = toCsr(order, arcSource, arcTarget, arcWeight, arcCount);
  const builtUndirected = symmetrise(order, built.csr);
  const placed = (csr: Csr): Csr => (place === undefined ? csr : { offsets: place(csr.offsets), targets: place(csr.targets), weights: place(csr.weights) });
  const out = placed(built.csr);
  const outCounts = place === undefined ? built.counts : place(built.counts);
  const undirected = placed(builtUndirected);
  if (place !== undefined) {
    // The in-rows symmetrise computed, placed too and cached for the placed `out`.
    const rows = inRows(order, built.csr);
    inRowsOf.set(out, { offsets: place(rows.offsets), sources: place(rows.sources), slots: place(rows.slots) });
  }

  const weightedDegree = new Float64Array(order);
  for (let i = 0; i < order; i++) {
    weightedDegree[i] = (positiveInStrength[i] as number) + (positiveOutStrength[i] as number);
  }

  let index: Map<string, number> | null = null;
  return {
    order,
    ids,
    get index(): ReadonlyMap<string, number> {
      if (index === null) {
        index = new Map<string, number>();
        for (let i = 0; i < order; i++) index.set(ids[i] as string, i);
      }
      return index;
    },
    out,
    outCounts,
    undirected,
    positiveInStrength,
    positiveOutStrength,
    negativeInStrength,
    weightedDegree,
    undirectedEdges: undirected.targets.length / 2,
  };
}

/**
 * Counting sort of arcs into CSR rows; rows end up sorted by target. `counts` is placed
 * with the same permutation as `weights`. Takes the arrays over: when the arcs are in row
 * order already they become the CSR's arrays.
 */
function toCsr(order: number, sources: Int32Array, targets: Int32Array, weights: Float64Array, counts: Float64Array): { csr: Csr; counts: Float64Array } {
  const m = sources.length;
  const offsets = new Int32Array(order + 1);
  for (let k = 0; k < m; k++) {
    const row = (sources[k] as number) + 1;
    offsets[row] = (offsets[row] as number) + 1;
  }
  for (let i = 0; i < order; i++) offsets[i + 1] = (offsets[i + 1] as number) + (offsets[i] as number);
  // The PairTable's rows come sorted by (source, target), unique: then the arcs are the rows already.
  let sorted = true;
  for (let k = 1; k < m && sorted; k++) {
    const ds = (sources[k] as number) - (sources[k - 1] as number);
    sorted = ds > 0 || (ds === 0 && (targets[k] as number) > (targets[k - 1] as number));
  }
  if (sorted) return { csr: { offsets, targets, weights }, counts };

  // Stable placement by target: bucket arcs by target first, then scatter by source.
  const byTarget = new Int32Array(order + 1);
  for (let k = 0; k < m; k++) {
    const row = (targets[k] as number) + 1;
    byTarget[row] = (byTarget[row] as number) + 1;
  }
  for (let i = 0; i < order; i++) byTarget[i + 1] = (byTarget[i + 1] as number) + (byTarget[i] as number);
  const sortedArcs = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const t = targets[k] as number;
    sortedArcs[byTarget[t] as number] = k;
    byTarget[t] = (byTarget[t] as number) + 1;
  }

  const cursor = offsets.slice(0, order);
  const outTargets = new Int32Array(m);
  const outWeights = new Float64Array(m);
  const outCounts = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    const k = sortedArcs[r] as number;
    const s = sources[k] as number;
    const slot = cursor[s] as number;
    outTargets[slot] = targets[k] as number;
    outWeights[slot] = weights[k] as number;
    outCounts[slot] = counts[k] as number;
    cursor[s] = slot + 1;
  }
  return { csr: { offsets, targets: outTargets, weights: outWeights }, counts: outCounts };
}

export interface InRows {
  offsets: Int32Array;
  sources: Int32Array;
  slots: Int32Array;
}

/** inRows per CSR object: the compact graph's arcs are built once and never changed, and compaction, tie strength and roles all read the same in-rows. */
const inRowsOf = new WeakMap<Csr, InRows>();

/**
 * In-rows of a CSR: for each node, the sources of its in-arcs, ascending, and each arc's
 * slot in `csr` (so its weight is csr.weights[slot]). Computed once per CSR object (the
 * CSRs of a compact graph are not modified after it is built); callers must not modify the
 * arrays returned.
 */
export function inRows(order: number, csr: Csr): InRows {
  const known = inRowsOf.get(csr);
  if (known !== undefined && known.offsets.length === order + 1) return known;
  const rows = computeInRows(order, csr);
  inRowsOf.set(csr, rows);
  return rows;
}

function computeInRows(order: number, csr: Csr): InRows {
  const m = csr.targets.length;
  const offsets = new Int32Array(order + 1);
  for (let k = 0; k < m; k++) {
    const row = (csr.targets[k] as number) + 1;
    offsets[row] = (offsets[row] as number) + 1;
  }
  for (let i = 0; i < order; i++) offsets[i + 1] = (offsets[i + 1] as number) + (offsets[i] as number);
  const cursor = offsets.slice(0, order);
  const sources = new Int32Array(m);
  const slots = new Int32Array(m);
  // Scanning sources in increasing order keeps each in-row sorted by source.
  for (let s = 0; s < order; s++) {
    for (let k = csr.offsets[s] as number, end = csr.offsets[s + 1] as number; k < end; k++) {
      const t = csr.targets[k] as number;
      const at = cursor[t] as number;
      sources[at] = s;
      slots[at] = k;
      cursor[t] = at + 1;
    }
  }
  return { offsets, sources, slots };
}

/** Merges each node's out-row with its in-row into one sorted undirected row. */
function symmetrise(order: number, out: Csr): Csr {
  const m = out.targets.length;
  const { offsets: inOffsets, sources: inSources, slots: inSlots } = inRows(order, out);
  const inWeights = new Float64Array(m);
  for (let k = 0; k < m; k++) inWeights[k] = out.weights[inSlots[k] as number] as number;

  const offsets = new Int32Array(order + 1);
  const targets = new Int32Array(2 * m);
  const weights = new Float64Array(2 * m);
  let n = 0;
  for (let i = 0; i < order; i++) {
    let a = out.offsets[i] as number;
    const aEnd = out.offsets[i + 1] as number;
    let b = inOffsets[i] as number;
    const bEnd = inOffsets[i + 1] as number;
    while (a < aEnd || b < bEnd) {
      // `order` (no index reaches it) marks an exhausted row: the comparisons stay on integers.
      const ta = a < aEnd ? (out.targets[a] as number) : order;
      const tb = b < bEnd ? (inSources[b] as number) : order;
      if (ta === tb) {
        targets[n] = ta;
        weights[n++] = (out.weights[a++] as number) + (inWeights[b++] as number);
      } else if (ta < tb) {
        targets[n] = ta;
        weights[n++] = out.weights[a++] as number;
      } else {
        targets[n] = tb;
        weights[n++] = inWeights[b++] as number;
      }
    }
    offsets[i + 1] = n;
  }
  return { offsets, targets: targets.slice(0, n), weights: weights.slice(0, n) };
}
