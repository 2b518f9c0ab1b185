/**
 * Leiden community detection directly on an undirected CSR, for modularity (with a
 * resolution) and for the Constant Potts Model.
 *
 * [Reference]: V. A. Traag, L. Waltman & N. J. van Eck, "From Louvain to Leiden:
 * guaranteeing well-connected communities", Sci. Rep. 9:5233 (2019), Algorithm A.2
 * (supplementary). Quality functions:
 * - modularity with resolution gamma (Reichardt & Bornholdt, PRE 74, 016110, 2006):
 *     Q = sum_c [ w_in(c) / 2m - gamma * (K_c / 2m)^2 ],
 * - CPM (V. A. Traag, P. Van Dooren & Y. Nesterov, PRE 84, 016114, 2011), with node sizes
 *   n_i (1 for an original node):
 *     H = sum_c [ e_c - gamma * n_c (n_c - 1) / 2 ],  e_c = internal edge weight,
 *   whose communities have an internal density above gamma and mutual densities below it.
 * Both are written with a node weight s_i (the strength k_i for modularity, the size n_i
 * for CPM) and a scaled resolution g (gamma / 2m, or gamma): the change of the quality in
 * edge-weight units when node i, alone, joins community C is
 *     diff(i, C) = w(i, C) - g * s_i * S_C.
 *
 * One iteration, level by level:
 * 1. fast local moving: nodes visited from a queue (all nodes in random order first; after
 *    a move, the neighbours outside the node's new community are queued again); a node
 *    goes to the neighbouring (or an empty) community of largest gain;
 * 2. refinement: inside every community S of step 1, start from singletons and visit the
 *    nodes in random order; a node that is still alone and well connected to S
 *    (w(i, S - i) >= g s_i (S_S - s_i)) merges into a well connected cluster C of S
 *    (w(C, S - C) >= g S_C (S_S - S_C)) chosen at random with probability proportional
 *    to exp(diff(i, C) / theta) among the clusters with diff >= 0 (staying alone has
 *    diff 0); theta is the randomness (0.01 in the paper and in leidenalg);
 * 3. aggregation by the refined partition: each refined cluster becomes a node; the
 *    aggregate's starting partition is the one of step 1 (refined clusters of one
 *    community start together).
 * Levels repeat until step 1 leaves every node of the level alone. A refined cluster only
 * grows along an edge, so every final community is connected (the paper's guarantee);
 * in the rare case where a refinement merges nothing while step 1 did, the level cannot
 * shrink, and its communities are split into their connected parts instead (this never
 * lowers the quality) and counted in `connectivitySplits`.
 * `iterations` (2, as igraph and leidenalg) passes run, each from the previous partition;
 * a negative value runs them until one changes nothing (at most `maxIterations`).
 *
 * The hot loops touch only typed arrays; the randomness comes from the injected `rng`, so
 * the same CSR, options and rng stream give the same partition.
 *
 * Input: an undirected CSR as in compact-graph.ts (both directions stored, weights > 0, no
 * self entries).
 */
import type { Csr } from './compact-graph.js';
import { countDisconnected } from './connectivity.js';
import type { Rng } from './random.js';

export type LeidenQuality = 'modularity' | 'cpm';

export const DEFAULTS = {
  quality: 'modularity' as LeidenQuality,
  resolution: 1,
  /** theta: the paper's and leidenalg's value. */
  randomness: 0.01,
  /** Iterations, as igraph's and leidenalg's default; a negative value: until one changes nothing. */
  iterations: 2,
  /** The cap when iterating until stable. */
  maxIterations: 10,
};

export interface LeidenOptions {
  quality?: LeidenQuality;
  /** gamma, > 0 (for CPM: the density threshold). */
  resolution?: number;
  rng: Rng;
  randomness?: number;
  /** This many iterations (leidenalg's n_iterations); negative: until one changes nothing (at most maxIterations). */
  iterations?: number;
  maxIterations?: number;
  /** Starting partition (labels 0 .. n - 1 or any non-negative ints); default singletons. */
  initial?: Int32Array;
  /**
   * s_i of each node. Modularity: its strength, self-loops included (default: its row sum),
   * 2m being their sum, so that an aggregated graph can be given with its internal weights;
   * CPM: its size (default 1). Also how a caller runs several independent problems at once:
   * e.g. CPM with resolution 1 and s_i = sqrt(gamma_c) gives each block c its own gamma_c.
   */
  nodeWeights?: Float64Array;
  /**
   * Count the disconnected communities of the first local-moving pass (step 1 of the first
   * level of the first iteration): the partition Louvain's first level would aggregate by,
   * before the refinement repairs it (LeidenResult.firstPassDisconnected).
   */
  countFirstPass?: boolean;
}

export interface LeidenResult {
  /** Community of each node, 0 .. count - 1, numbered by first appearance in index order. */
  community: Int32Array;
  count: number;
  /** Iterations run, and whether the last one changed nothing. */
  iterations: number;
  stable: boolean;
  /** Quality of the partition: modularity at gamma, or CPM's H (edge-weight units). */
  quality: number;
  /** Communities split into connected parts because a level could not shrink (see the doc). */
  connectivitySplits: number;
  /** With countFirstPass: disconnected communities of the first local-moving pass; else null. */
  firstPassDisconnected: number | null;
}

const PREFIX = 'nichegraph/analysis/leiden';

/** A move must gain more than this share of 2m: floating-point ties cannot make a node oscillate. */
const MIN_MOVE_GAIN = 1e-12;

function checkCsr(csr: Csr): number {
  if (csr === null || typeof csr !== 'object') throw new TypeError(`${PREFIX}: csr must be an object with offsets, targets and weights.`);
  const { offsets, targets, weights } = csr;
  if (!(offsets instanceof Int32Array) || !(targets instanceof Int32Array) || !(weights instanceof Float64Array)) {
    throw new TypeError(`${PREFIX}: csr.offsets and csr.targets must be Int32Arrays and csr.weights a Float64Array.`);
  }
  if (offsets.length < 1 || offsets[0] !== 0) throw new RangeError(`${PREFIX}: csr.offsets must start with 0.`);
  const order = offsets.length - 1;
  if (offsets[order] !== targets.length || weights.length !== targets.length) {
    throw new RangeError(`${PREFIX}: csr.offsets, csr.targets and csr.weights do not line up.`);
  }
  for (let i = 0; i < order; i++) {
    for (let e = offsets[i] as number, end = offsets[i + 1] as number; e < end; e++) {
      const j = targets[e] as number;
      if (j < 0 || j >= order || j === i) throw new RangeError(`${PREFIX}: csr.targets[${e}] = ${j} is not another node of 0..${order - 1}.`);
      const w = weights[e] as number;
      if (!(w > 0) || !Number.isFinite(w)) throw new RangeError(`${PREFIX}: csr.weights[${e}] must be a finite number > 0, got ${String(w)}.`);
    }
  }
  return order;
}

interface Resolved {
  quality: LeidenQuality;
  resolution: number;
  randomness: number;
  iterations: number;
  maxIterations: number;
  rng: Rng;
}

function checkOptions(options: LeidenOptions, order: number): Resolved {
  if (options === null || typeof options !== 'object') throw new TypeError(`${PREFIX}: options must be an object with an rng.`);
  const quality = options.quality ?? DEFAULTS.quality;
  if (quality !== 'modularity' && quality !== 'cpm') throw new RangeError(`${PREFIX}: quality must be "modularity" or "cpm", got ${String(quality)}.`);
  const resolution = options.resolution ?? DEFAULTS.resolution;
  if (typeof resolution !== 'number' || !Number.isFinite(resolution) || resolution <= 0) {
    throw new RangeError(`${PREFIX}: resolution must be a finite number > 0, got ${String(resolution)}.`);
  }
  const randomness = options.randomness ?? DEFAULTS.randomness;
  if (typeof randomness !== 'number' || !Number.isFinite(randomness) || randomness <= 0) {
    throw new RangeError(`${PREFIX}: randomness must be a finite number > 0, got ${String(randomness)}.`);
  }
  const iterations = options.iterations ?? DEFAULTS.iterations;
  if (!Number.isSafeInteger(iterations) || iterations === 0) throw new RangeError(`${PREFIX}: iterations must be a non-zero integer, got ${String(iterations)}.`);
  const maxIterations = options.maxIterations ?? DEFAULTS.maxIterations;
  if (!Number.isSafeInteger(maxIterations) || maxIterations < 1) throw new RangeError(`${PREFIX}: maxIterations must be an integer >= 1, got ${String(maxIterations)}.`);
  if (typeof options.rng !== 'function') throw new TypeError(`${PREFIX}: options.rng must be a function.`);
  if (options.initial !== undefined) {
    if (!(options.initial instanceof Int32Array) || options.initial.length !== order) throw new RangeError(`${PREFIX}: initial must be an Int32Array of ${order} labels.`);
    for (let i = 0; i < order; i++) if ((options.initial[i] as number) < 0) throw new RangeError(`${PREFIX}: initial[${i}] is negative.`);
  }
  const weights = options.nodeWeights;
  if (weights !== undefined) {
    if (!(weights instanceof Float64Array) || weights.length !== order) throw new RangeError(`${PREFIX}: nodeWeights must be a Float64Array of ${order} values.`);
    for (let i = 0; i < order; i++) if (!((weights[i] as number) >= 0) || !Number.isFinite(weights[i] as number)) throw new RangeError(`${PREFIX}: nodeWeights[${i}] must be a finite number >= 0.`);
  }
  return { quality, resolution, randomness, iterations, maxIterations, rng: options.rng };
}

/** One level's graph: CSR without self entries, each node's internal (self-loop) weight and node weight. */
interface Level {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  /** s_i: strength (modularity) or size (CPM). */
  nodeWeight: Float64Array;
}

/** Scratch arrays sized for the finest level, shared by every level and iteration. */
interface Scratch {
  tot: Float64Array;
  count: Int32Array;
  free: Int32Array;
  acc: Float64Array;
  touched: Int32Array;
  queue: Int32Array;
  queued: Uint8Array;
  relabel: Int32Array;
  order: Int32Array;
  starts: Int32Array;
  ext: Float64Array;
  clusterWeight: Float64Array;
  nonSingleton: Uint8Array;
  cumulative: Float64Array;
  /** Nodes grouped by aggregate node, and the aggregate's rows before they are copied out. */
  members: Int32Array;
  aggTargets: Int32Array;
  aggWeights: Float64Array;
}

function scratch(order: number, entries: number): Scratch {
  return {
    tot: new Float64Array(order),
    count: new Int32Array(order),
    free: new Int32Array(order),
    acc: new Float64Array(order),
    touched: new Int32Array(order),
    queue: new Int32Array(order),
    queued: new Uint8Array(order),
    relabel: new Int32Array(order),
    order: new Int32Array(order),
    starts: new Int32Array(order + 1),
    ext: new Float64Array(order),
    clusterWeight: new Float64Array(order),
    nonSingleton: new Uint8Array(order),
    cumulative: new Float64Array(order),
    members: new Int32Array(order),
    aggTargets: new Int32Array(entries),
    aggWeights: new Float64Array(entries),
  };
}

function shuffle(out: Int32Array, n: number, rng: Rng): void {
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = out[i] as number;
    out[i] = out[j] as number;
    out[j] = tmp;
  }
}

/**
 * Queue-driven local moving of `comm` (labels < n) on `level`; returns the number of moves.
 * `minGain` is in edge-weight units.
 */
function fastMoveNodes(level: Level, comm: Int32Array, g: number, minGain: number, rng: Rng, s: Scratch): number {
  const { n, offsets, targets, weights, nodeWeight } = level;
  const { tot, count, free, acc, touched, queue, queued } = s;
  tot.fill(0, 0, n);
  count.fill(0, 0, n);
  for (let i = 0; i < n; i++) {
    const c = comm[i] as number;
    tot[c] = (tot[c] as number) + (nodeWeight[i] as number);
    count[c] = (count[c] as number) + 1;
  }
  let freeTop = 0;
  for (let c = n - 1; c >= 0; c--) if (count[c] === 0) free[freeTop++] = c;

  shuffle(queue, n, rng);
  queued.fill(1, 0, n);
  let head = 0;
  let tail = 0; // the queue is full: tail == head (mod n)
  let pending = n;
  let moves = 0;
  while (pending > 0) {
    const i = queue[head] as number;
    if (++head === n) head = 0;
    pending--;
    queued[i] = 0;
    const start = offsets[i] as number;
    const end = offsets[i + 1] as number;
    if (start === end) continue;
    const ci = comm[i] as number;
    const si = nodeWeight[i] as number;
    let touchedCount = 0;
    for (let e = start; e < end; e++) {
      const c = comm[targets[e] as number] as number;
      if (acc[c] === 0) touched[touchedCount++] = c;
      acc[c] = (acc[c] as number) + (weights[e] as number);
    }
    const scale = g * si;
    tot[ci] = (tot[ci] as number) - si;
    const stay = (acc[ci] as number) - (tot[ci] as number) * scale;
    let best = stay;
    let bestC = ci;
    for (let t = 0; t < touchedCount; t++) {
      const c = touched[t] as number;
      const gain = (acc[c] as number) - (tot[c] as number) * scale;
      acc[c] = 0;
      if (gain > best) {
        best = gain;
        bestC = c;
      }
    }
    acc[ci] = 0;
    // An empty community gains 0; only possible to use when i is not alone already.
    if (best < 0 && count[ci] !== 1) {
      best = 0;
      bestC = -1;
    }
    if (bestC === ci || best - stay <= minGain) {
      tot[ci] = (tot[ci] as number) + si;
      continue;
    }
    if (bestC === -1) bestC = free[--freeTop] as number;
    tot[bestC] = (tot[bestC] as number) + si;
    count[ci] = (count[ci] as number) - 1;
    if (count[ci] === 0) {
      free[freeTop++] = ci;
      tot[ci] = 0;
    }
    count[bestC] = (count[bestC] as number) + 1;
    comm[i] = bestC;
    moves++;
    for (let e = start; e < end; e++) {
      const j = targets[e] as number;
      if (queued[j] === 0 && comm[j] !== bestC) {
        queued[j] = 1;
        queue[tail] = j;
        if (++tail === n) tail = 0;
        pending++;
      }
    }
  }
  return moves;
}

/**
 * Refinement of `comm` (see the module doc, step 2). Writes the refined cluster of each node
 * into `refined` (labels 0 .. R - 1) and returns R.
 */
function refine(level: Level, comm: Int32Array, g: number, theta: number, rng: Rng, refined: Int32Array, s: Scratch): number {
  const { n, offsets, targets, weights, nodeWeight } = level;
  const { tot, count, acc, touched, order, starts, ext, clusterWeight, nonSingleton, cumulative } = s;
  // Total node weight and size of each community, each node's weight to the rest of its
  // community (0, unread, for a node alone in its community: nothing there to refine).
  tot.fill(0, 0, n);
  count.fill(0, 0, n);
  for (let i = 0; i < n; i++) {
    const c = comm[i] as number;
    tot[c] = (tot[c] as number) + (nodeWeight[i] as number);
    count[c] = (count[c] as number) + 1;
    refined[i] = i;
    clusterWeight[i] = nodeWeight[i] as number;
    nonSingleton[i] = 0;
  }
  for (let i = 0; i < n; i++) {
    const c = comm[i] as number;
    let inside = 0;
    if ((count[c] as number) > 1) {
      for (let e = offsets[i] as number, end = offsets[i + 1] as number; e < end; e++) if (comm[targets[e] as number] === c) inside += weights[e] as number;
    }
    ext[i] = inside;
  }
  // A random visit order: a shuffle, grouped by community stably (random inside each).
  shuffle(s.queue, n, rng);
  starts.fill(0, 0, n + 1);
  for (let i = 0; i < n; i++) starts[(comm[i] as number) + 1] = (starts[(comm[i] as number) + 1] as number) + 1;
  for (let c = 0; c < n; c++) starts[c + 1] = (starts[c + 1] as number) + (starts[c] as number);
  for (let p = 0; p < n; p++) {
    const i = s.queue[p] as number;
    const c = comm[i] as number;
    order[starts[c] as number] = i;
    starts[c] = (starts[c] as number) + 1;
  }

  for (let p = 0; p < n; p++) {
    const i = order[p] as number;
    const current = refined[i] as number;
    if (nonSingleton[current] === 1) continue;
    const c = comm[i] as number;
    // Alone in its community: it stays alone (no cluster to join, no draw from the rng).
    if (count[c] === 1) continue;
    const total = tot[c] as number;
    const si = nodeWeight[i] as number;
    const toRest = ext[current] as number; // w(i, S - i): i is alone in its cluster
    if (toRest < g * si * (total - si)) continue;
    // Take i out of its singleton cluster.
    clusterWeight[current] = 0;
    ext[current] = 0;
    const start = offsets[i] as number;
    const end = offsets[i + 1] as number;
    let touchedCount = 0;
    for (let e = start; e < end; e++) {
      const j = targets[e] as number;
      if (comm[j] !== c) continue;
      const r = refined[j] as number;
      if (acc[r] === 0) touched[touchedCount++] = r;
      acc[r] = (acc[r] as number) + (weights[e] as number);
    }
    // Candidates: staying alone (diff 0) and every well connected neighbouring cluster with diff >= 0.
    let bestDiff = 0;
    let candidates = 0;
    for (let t = 0; t < touchedCount; t++) {
      const r = touched[t] as number;
      const w = clusterWeight[r] as number;
      const diff = (acc[r] as number) - g * si * w;
      if (diff >= 0 && (ext[r] as number) >= g * w * (total - w)) {
        touched[candidates] = r;
        cumulative[candidates++] = diff;
        if (diff > bestDiff) bestDiff = diff;
      } else {
        acc[r] = 0;
      }
    }
    let chosen = current;
    let toChosen = 0;
    if (candidates > 0) {
      // exp((diff - best) / theta): the same probabilities as exp(diff / theta), without overflow.
      let sum = Math.exp(-bestDiff / theta); // staying alone
      const stayMass = sum;
      for (let t = 0; t < candidates; t++) {
        sum += Math.exp(((cumulative[t] as number) - bestDiff) / theta);
        cumulative[t] = sum;
      }
      const x = rng() * sum;
      if (x >= stayMass) {
        let t = 0;
        while (t < candidates - 1 && (cumulative[t] as number) <= x) t++;
        chosen = touched[t] as number;
        toChosen = acc[chosen] as number;
      }
      for (let t = 0; t < candidates; t++) acc[touched[t] as number] = 0;
    }
    clusterWeight[chosen] = (clusterWeight[chosen] as number) + si;
    // w(C + i, S - C - i) = w(C, S - C) - w(i, C) + (w(i, S - i) - w(i, C)).
    ext[chosen] = (ext[chosen] as number) + toRest - 2 * toChosen;
    if (chosen !== current) {
      refined[i] = chosen;
      nonSingleton[chosen] = 1;
    }
  }
  return renumberInPlace(refined, n, s.relabel);
}

/** Relabels refined[0 .. n) to 0 .. R - 1 by first appearance; returns R. */
function renumberInPlace(labels: Int32Array, n: number, relabel: Int32Array): number {
  relabel.fill(-1, 0, n);
  let next = 0;
  for (let i = 0; i < n; i++) {
    const r = labels[i] as number;
    if (relabel[r] === -1) relabel[r] = next++;
    labels[i] = relabel[r] as number;
  }
  return next;
}

/**
 * The coarser level whose nodes are the C groups `group` of `level` (self-loop weight dropped:
 * it never changes a decision). Each group's row merges its members' rows, members in index
 * order (a counting sort of the nodes), straight into scratch buffers.
 */
function aggregate(level: Level, group: Int32Array, C: number, s: Scratch): Level {
  const { n, offsets, targets, weights, nodeWeight } = level;
  const { acc, touched, members, aggTargets, aggWeights } = s;
  const memberStart = s.starts;
  memberStart.fill(0, 0, C + 1);
  const newWeight = new Float64Array(C);
  for (let i = 0; i < n; i++) {
    const c = group[i] as number;
    memberStart[c + 1] = (memberStart[c + 1] as number) + 1;
    newWeight[c] = (newWeight[c] as number) + (nodeWeight[i] as number);
  }
  for (let c = 0; c < C; c++) memberStart[c + 1] = (memberStart[c + 1] as number) + (memberStart[c] as number);
  for (let i = 0; i < n; i++) {
    const c = group[i] as number;
    members[memberStart[c] as number] = i;
    memberStart[c] = (memberStart[c] as number) + 1;
  }
  // memberStart[c] is now the end of group c's members (the start of c + 1's).
  const newOffsets = new Int32Array(C + 1);
  let w = 0;
  let p = 0;
  for (let c = 0; c < C; c++) {
    let touchedCount = 0;
    for (const pEnd = memberStart[c] as number; p < pEnd; p++) {
      const i = members[p] as number;
      for (let e = offsets[i] as number, end = offsets[i + 1] as number; e < end; e++) {
        const d = group[targets[e] as number] as number;
        if (d === c) continue;
        if (acc[d] === 0) touched[touchedCount++] = d;
        acc[d] = (acc[d] as number) + (weights[e] as number);
      }
    }
    for (let t = 0; t < touchedCount; t++) {
      const d = touched[t] as number;
      aggTargets[w] = d;
      aggWeights[w++] = acc[d] as number;
      acc[d] = 0;
    }
    newOffsets[c + 1] = w;
  }
  return { n: C, offsets: newOffsets, targets: aggTargets.slice(0, w), weights: aggWeights.slice(0, w), nodeWeight: newWeight };
}

/** Splits each community of `comm` on `level` into connected parts; returns the number of communities that were split. */
function splitLevel(level: Level, comm: Int32Array, s: Scratch): number {
  const { n, offsets, targets } = level;
  const part = s.relabel;
  part.fill(-1, 0, n);
  const stack = s.touched;
  const parts = s.count;
  parts.fill(0, 0, n);
  let next = 0;
  for (let root = 0; root < n; root++) {
    if (part[root] !== -1) continue;
    const c = comm[root] as number;
    parts[c] = (parts[c] as number) + 1;
    const id = next++;
    part[root] = id;
    let top = 0;
    stack[top++] = root;
    while (top > 0) {
      const i = stack[--top] as number;
      for (let e = offsets[i] as number, end = offsets[i + 1] as number; e < end; e++) {
        const j = targets[e] as number;
        if (part[j] === -1 && comm[j] === c) {
          part[j] = id;
          stack[top++] = j;
        }
      }
    }
  }
  let split = 0;
  for (let c = 0; c < n; c++) if ((parts[c] as number) > 1) split++;
  for (let i = 0; i < n; i++) comm[i] = part[i] as number;
  return split;
}

/**
 * One Leiden iteration from `membership` (original nodes, labels < order), updated in place.
 * Returns the number of communities split by the fallback.
 */
function iterate(base: Level, membership: Int32Array, g: number, minGain: number, theta: number, rng: Rng, s: Scratch, firstPass?: (comm: Int32Array, count: number) => void): number {
  let level = base;
  // label[v]: node of the current level that original node v belongs to.
  const order = base.n;
  const label = new Int32Array(order);
  for (let v = 0; v < order; v++) label[v] = v;
  let comm = Int32Array.from(membership);
  let splits = 0;
  for (;;) {
    fastMoveNodes(level, comm, g, minGain, rng, s);
    const n = level.n;
    const C = renumberInPlace(comm, n, s.relabel);
    if (level === base) firstPass?.(comm, C);
    if (C === n) break; // every node of the level alone: done
    const refined = new Int32Array(n);
    const R = refine(level, comm, g, theta, rng, refined, s);
    if (R === n) {
      // Nothing merged: the level cannot shrink. Keep step 1's communities, made connected.
      splits += splitLevel(level, comm, s);
      break;
    }
    const next = aggregate(level, refined, R, s);
    const start = new Int32Array(R);
    for (let i = 0; i < n; i++) start[refined[i] as number] = comm[i] as number;
    for (let v = 0; v < order; v++) label[v] = refined[label[v] as number] as number;
    level = next;
    comm = start;
  }
  for (let v = 0; v < order; v++) membership[v] = comm[label[v] as number] as number;
  return splits;
}

/** Leiden on an undirected CSR (see the module doc). Nodes without any entry stay alone. */
export function leiden(csr: Csr, options: LeidenOptions): LeidenResult {
  const run = leidenPartition(csr, options);
  const nodeWeight = options.nodeWeights ?? ((options.quality ?? DEFAULTS.quality) === 'cpm' ? new Float64Array(run.community.length).fill(1) : rowSums(csr));
  return { ...run, quality: qualityOf(csr, run.community, run.count, options.quality ?? DEFAULTS.quality, options.resolution ?? DEFAULTS.resolution, nodeWeight) };
}

/** leiden() without the quality figure of the result (one pass over the graph less, for callers that do not read it). */
export function leidenPartition(csr: Csr, options: LeidenOptions): Omit<LeidenResult, 'quality'> {
  const order = checkCsr(csr);
  const o = checkOptions(options, order);
  let twoM = 0;
  for (let e = 0; e < csr.weights.length; e++) twoM += csr.weights[e] as number;
  let nodeWeight: Float64Array;
  if (options.nodeWeights !== undefined) nodeWeight = options.nodeWeights;
  else if (o.quality === 'cpm') nodeWeight = new Float64Array(order).fill(1);
  else nodeWeight = rowSums(csr);
  let totalWeight = 0;
  for (let i = 0; i < order; i++) totalWeight += nodeWeight[i] as number;
  const g = o.quality === 'modularity' ? (totalWeight > 0 ? o.resolution / totalWeight : 0) : o.resolution;
  const membership = new Int32Array(order);
  if (options.initial !== undefined) {
    const { community } = renumberLabels(options.initial);
    membership.set(community);
  } else {
    for (let v = 0; v < order; v++) membership[v] = v;
  }
  if (twoM === 0) {
    const { community, count } = renumberLabels(options.initial ?? membership);
    return { community, count, iterations: 0, stable: true, connectivitySplits: 0, firstPassDisconnected: options.countFirstPass === true ? 0 : null };
  }
  const base: Level = { n: order, offsets: csr.offsets, targets: csr.targets, weights: csr.weights, nodeWeight };
  const s = scratch(order, csr.targets.length);
  const minGain = MIN_MOVE_GAIN * twoM;
  let previous = renumberLabels(membership).community;
  let iterations = 0;
  let stable = false;
  let splits = 0;
  const untilStable = o.iterations < 0;
  const limit = untilStable ? o.maxIterations : o.iterations;
  let firstPassDisconnected: number | null = null;
  const firstPass = options.countFirstPass === true ? (comm: Int32Array, count: number): void => {
        if (firstPassDisconnected === null) firstPassDisconnected = countDisconnected(csr, comm, count);
      } : undefined;
  while (iterations < limit) {
    splits += iterate(base, membership, g, minGain, o.randomness, o.rng, s, firstPass);
    iterations++;
    const current = renumberLabels(membership).community;
    let same = true;
    for (let v = 0; v < order; v++) {
      if (current[v] !== previous[v]) {
        same = false;
        break;
      }
    }
    membership.set(current);
    previous = current;
    if (same) {
      stable = true;
      if (untilStable) break;
    }
  }
  const { community, count } = renumberLabels(membership);
  return { community, count, iterations, stable, connectivitySplits: splits, firstPassDisconnected };
}

/** Strength of each node of an undirected CSR (its row sum). */
export function rowSums(csr: Csr): Float64Array {
  const order = csr.offsets.length - 1;
  const out = new Float64Array(order);
  for (let i = 0; i < order; i++) {
    let sum = 0;
    for (let e = csr.offsets[i] as number, end = csr.offsets[i + 1] as number; e < end; e++) sum += csr.weights[e] as number;
    out[i] = sum;
  }
  return out;
}

/** Relabels 0 .. count - 1 by first appearance in index order. */
export function renumberLabels(raw: Int32Array): { community: Int32Array; count: number } {
  const order = raw.length;
  let max = -1;
  for (let i = 0; i < order; i++) if ((raw[i] as number) > max) max = raw[i] as number;
  const relabel = new Int32Array(max + 1).fill(-1);
  const community = new Int32Array(order);
  let count = 0;
  for (let i = 0; i < order; i++) {
    const r = raw[i] as number;
    if (relabel[r] === -1) relabel[r] = count++;
    community[i] = relabel[r] as number;
  }
  return { community, count };
}

function qualityOf(csr: Csr, community: Int32Array, count: number, quality: LeidenQuality, resolution: number, nodeWeight: Float64Array): number {
  return quality === 'modularity' ? csrModularityOf(csr, community, count, resolution) : cpmQuality(csr, community, count, resolution, nodeWeight);
}

/** Modularity at gamma of a partition of an undirected CSR (both directions stored); 0 without edges. */
export function csrModularityOf(csr: Csr, community: Int32Array, count: number, resolution = 1): number {
  const order = csr.offsets.length - 1;
  const internal = new Float64Array(count);
  const volume = new Float64Array(count);
  let twoM = 0;
  for (let i = 0; i < order; i++) {
    const c = community[i] as number;
    for (let e = csr.offsets[i] as number, end = csr.offsets[i + 1] as number; e < end; e++) {
      const w = csr.weights[e] as number;
      volume[c] = (volume[c] as number) + w;
      twoM += w;
      if (community[csr.targets[e] as number] === c) internal[c] = (internal[c] as number) + w;
    }
  }
  if (twoM === 0) return 0;
  let q = 0;
  for (let c = 0; c < count; c++) {
    const share = (volume[c] as number) / twoM;
    q += (internal[c] as number) / twoM - resolution * share * share;
  }
  return q;
}

/** CPM: sum_c [ e_c - gamma * n_c (n_c - 1) / 2 ] with node sizes (leidenalg's CPMVertexPartition for unit sizes). */
export function cpmQuality(csr: Csr, community: Int32Array, count: number, resolution: number, nodeSizes?: Float64Array): number {
  const order = csr.offsets.length - 1;
  const internal = new Float64Array(count);
  const size = new Float64Array(count);
  for (let i = 0; i < order; i++) {
    const c = community[i] as number;
    size[c] = (size[c] as number) + (nodeSizes ? (nodeSizes[i] as number) : 1);
    for (let e = csr.offsets[i] as number, end = csr.offsets[i + 1] as number; e < end; e++) {
      if (community[csr.targets[e] as number] === c) internal[c] = (internal[c] as number) + (csr.weights[e] as number);
    }
  }
  let h = 0;
  for (let c = 0; c < count; c++) h += (internal[c] as number) / 2 - (resolution * (size[c] as number) * ((size[c] as number) - 1)) / 2;
  return h;
}
