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
 * Only positive weight builds adjacency. Negative weight is kept as a per-account
 * incoming total and nothing else: a dispute must never make an account look more
 * central. Self pairs (source == target) are ignored.
 */
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
  /** account id -> index. */
  index: ReadonlyMap<string, number>;
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

const PREFIX = 'nichegraph/analysis/compact-graph';

function sortedUniqueIds(accounts: readonly string[]): string[] {
  if (!Array.isArray(accounts)) throw new TypeError(`${PREFIX}: projection.accounts must be an array.`);
  const ids = accounts.slice();
  let sorted = true;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (typeof id !== 'string') throw new TypeError(`${PREFIX}: projection.accounts[${i}] is not a string.`);
    if (i > 0 && !((ids[i - 1] as string) < id)) sorted = false;
  }
  if (!sorted) {
    ids.sort();
    for (let i = 1; i < ids.length; i++) {
      if (ids[i - 1] === ids[i]) throw new Error(`${PREFIX}: account '${String(ids[i])}' is listed twice.`);
    }
  }
  return ids;
}

function checkWeight(value: unknown, field: string, row: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${PREFIX}: projection.pairs[${row}].${field} must be a finite number >= 0, got ${String(value)}.`);
  }
  return value;
}

/**
 * Builds the compact graph of a projection. Throws when an id is listed twice, when a
 * pair names an account missing from `accounts`, when an ordered pair appears twice, or
 * when a weight is negative or not finite.
 */
export function buildCompactGraph(projection: Projection): CompactGraph {
  if (projection === null || typeof projection !== 'object') throw new TypeError(`${PREFIX}: the projection must be an object.`);
  const ids = sortedUniqueIds(projection.accounts);
  const order = ids.length;
  const index = new Map<string, number>();
  for (let i = 0; i < order; i++) index.set(ids[i] as string, i);

  const pairs = projection.pairs;
  if (!Array.isArray(pairs)) throw new TypeError(`${PREFIX}: projection.pairs must be an array.`);

  const positiveInStrength = new Float64Array(order);
  const positiveOutStrength = new Float64Array(order);
  const negativeInStrength = new Float64Array(order);

  // Pass 1: validate, resolve indices, keep the positive arcs.
  const arcSource: number[] = [];
  const arcTarget: number[] = [];
  const arcWeight: number[] = [];
  const arcCount: number[] = [];
  // Every non-self pair, for the duplicate check (a duplicate with zero weight is still a duplicate).
  const keySource = new Int32Array(pairs.length);
  const keyTarget = new Int32Array(pairs.length);
  let keys = 0;
  let keysSorted = true;

  for (let row = 0; row < pairs.length; row++) {
    const pair = pairs[row];
    if (pair === null || typeof pair !== 'object') throw new TypeError(`${PREFIX}: projection.pairs[${row}] is not an object.`);
    const s = index.get(pair.source);
    if (s === undefined) throw new Error(`${PREFIX}: projection.pairs[${row}].source '${String(pair.source)}' is not in projection.accounts.`);
    const t = index.get(pair.target);
    if (t === undefined) throw new Error(`${PREFIX}: projection.pairs[${row}].target '${String(pair.target)}' is not in projection.accounts.`);
    const positive = checkWeight(pair.positive, 'positive', row);
    const negative = checkWeight(pair.negative, 'negative', row);
    if (s === t) continue;

    if (keys > 0) {
      const ps = keySource[keys - 1] as number;
      const pt = keyTarget[keys - 1] as number;
      if (ps > s || (ps === s && pt >= t)) keysSorted = false;
    }
    keySource[keys] = s;
    keyTarget[keys] = t;
    keys++;

    negativeInStrength[t] = (negativeInStrength[t] as number) + negative;
    if (positive > 0) {
      arcSource.push(s);
      arcTarget.push(t);
      arcWeight.push(positive);
      arcCount.push(negative > 0 ? 0 : typeof pair.count === 'number' && Number.isFinite(pair.count) && pair.count > 0 ? pair.count : 1);
      positiveOutStrength[s] = (positiveOutStrength[s] as number) + positive;
      positiveInStrength[t] = (positiveInStrength[t] as number) + positive;
    }
  }

  if (!keysSorted) assertNoDuplicatePair(keySource.subarray(0, keys), keyTarget.subarray(0, keys), ids);

  const out = toCsr(order, arcSource, arcTarget, arcWeight);
  // Same arcs, same placement: the counts line up with out.targets.
  const outCounts = toCsr(order, arcSource, arcTarget, arcCount).weights;
  const undirected = symmetrise(order, out);

  const weightedDegree = new Float64Array(order);
  for (let i = 0; i < order; i++) {
    weightedDegree[i] = (positiveInStrength[i] as number) + (positiveOutStrength[i] as number);
  }

  return {
    order,
    ids,
    index,
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

function assertNoDuplicatePair(sources: Int32Array, targets: Int32Array, ids: readonly string[]): void {
  const n = sources.length;
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  perm.sort((a, b) => (sources[a] as number) - (sources[b] as number) || (targets[a] as number) - (targets[b] as number));
  for (let k = 1; k < n; k++) {
    const a = perm[k - 1] as number;
    const b = perm[k] as number;
    if (sources[a] === sources[b] && targets[a] === targets[b]) {
      const s = ids[sources[a] as number];
      const t = ids[targets[a] as number];
      throw new Error(`${PREFIX}: the pair '${String(s)}' -> '${String(t)}' appears twice in projection.pairs.`);
    }
  }
}

/** Counting sort of arcs into CSR rows; rows end up sorted by target. */
function toCsr(order: number, sources: number[], targets: number[], weights: number[]): Csr {
  const m = sources.length;
  const offsets = new Int32Array(order + 1);
  for (let k = 0; k < m; k++) {
    const row = (sources[k] as number) + 1;
    offsets[row] = (offsets[row] as number) + 1;
  }
  for (let i = 0; i < order; i++) offsets[i + 1] = (offsets[i + 1] as number) + (offsets[i] as number);

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
  for (let r = 0; r < m; r++) {
    const k = sortedArcs[r] as number;
    const s = sources[k] as number;
    const slot = cursor[s] as number;
    outTargets[slot] = targets[k] as number;
    outWeights[slot] = weights[k] as number;
    cursor[s] = slot + 1;
  }
  return { offsets, targets: outTargets, weights: outWeights };
}

/** Merges each node's out-row with its in-row into one sorted undirected row. */
function symmetrise(order: number, out: Csr): Csr {
  // Transpose of `out`: scanning sources in order keeps each in-row sorted by source.
  const m = out.targets.length;
  const inOffsets = new Int32Array(order + 1);
  for (let k = 0; k < m; k++) {
    const row = (out.targets[k] as number) + 1;
    inOffsets[row] = (inOffsets[row] as number) + 1;
  }
  for (let i = 0; i < order; i++) inOffsets[i + 1] = (inOffsets[i + 1] as number) + (inOffsets[i] as number);
  const inSources = new Int32Array(m);
  const inWeights = new Float64Array(m);
  const cursor = inOffsets.slice(0, order);
  for (let s = 0; s < order; s++) {
    for (let k = out.offsets[s] as number, end = out.offsets[s + 1] as number; k < end; k++) {
      const t = out.targets[k] as number;
      const slot = cursor[t] as number;
      inSources[slot] = s;
      inWeights[slot] = out.weights[k] as number;
      cursor[t] = slot + 1;
    }
  }

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
      const ta = a < aEnd ? (out.targets[a] as number) : Infinity;
      const tb = b < bEnd ? (inSources[b] as number) : Infinity;
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
