/**
 * Louvain community detection directly on an undirected CSR.
 *
 * [Reference]: V. D. Blondel, J.-L. Guillaume, R. Lambiotte, E. Lefebvre, "Fast
 * unfolding of communities in large networks", J. Stat. Mech. (2008) P10008. The
 * objective is the generalised modularity with resolution gamma (J. Reichardt & S.
 * Bornholdt, PRE 74, 016110, 2006):
 *   Q = sum_c [ w_in(c) / 2m - gamma * (vol(c) / 2m)^2 ].
 * The queue-driven local moving phase ("fast local moves": after the first sweep, only
 * the neighbours of a node that moved are visited again) is the one of V. A. Traag, L.
 * Waltman & N. J. van Eck, "From Louvain to Leiden", Sci. Rep. 9:5233 (2019); it is
 * also graphology-communities-louvain's default, which served as the reference here.
 *
 * Each level:
 * 1. local moving: nodes are visited in a random order (Fisher-Yates with the injected
 *    `rng`); a node goes to the neighbouring community with the largest modularity gain,
 *    or to a community of its own when every option loses, and moves only when the gain
 *    is above a tiny threshold (so floating-point ties cannot make it oscillate);
 * 2. aggregation: each community becomes a node of a coarser CSR, internal weight
 *    becoming a self-loop (kept out of the CSR, in `loops`).
 * It stops when a level makes no move, or when the modularity gained by a level is below
 * `tolerance`.
 *
 * Moving node i (strength k_i, after taking it out of its community) into community c
 * changes 2m * Q by 2 * (w_ic - gamma * tot_c * k_i / 2m), where w_ic is the weight from
 * i into c and tot_c the total strength of c; the loop below compares
 * g(c) = w_ic - gamma * tot_c * k_i / 2m, with g = 0 for an empty community.
 *
 * The hot loops only touch typed arrays: node -> community (Int32Array), community
 * totals (Float64Array), the weights from the visited node into each neighbouring
 * community in a reusable Float64Array with the list of touched communities, and a
 * circular queue of nodes. Same CSR, resolution and rng stream -> same partition.
 *
 * Input: `offsets`/`targets`/`weights` as in compact-graph.ts, both directions of every
 * undirected edge stored, weights > 0, no self entries. Symmetry is assumed, not checked.
 *
 * Warm start (`initial`): the first level starts from a given partition instead of
 * singletons, as Neo4j GDS's `seedProperty` does for its Louvain; -1 = a community of its
 * own. Local moving then improves it and the coarser levels may merge its communities;
 * a seeded community is only taken apart node by node. Used to re-analyse a graph from
 * its previous analysis' niches (stable niches across re-runs, issue 12).
 */
import type { Csr } from './compact-graph.js';
import type { Rng } from './random.js';

export const DEFAULTS = {
  /** gamma: higher -> more, smaller communities. */
  resolution: 1,
  /** Queue-driven local moving (true) or full sweeps until no node moves (false). */
  fastLocalMoves: true,
  /** A level gaining less modularity than this is the last one. */
  tolerance: 1e-7,
};

export interface LouvainOptions {
  resolution?: number;
  /** Source of randomness for the visit orders. */
  rng: Rng;
  fastLocalMoves?: boolean;
  tolerance?: number;
  /** Starting community of each node (any non-negative labels; -1 = alone), or undefined for singletons. */
  initial?: Int32Array;
  /**
   * Internal weight of each node (a self-loop, both directions counted, as a CSR row would
   * count it), for a graph that stands for a coarser one (weighted-graph.ts); default none.
   */
  loops?: Float64Array;
}

export interface LouvainResult {
  /** Community of each node, 0 .. count - 1, numbered by first appearance in index order. */
  community: Int32Array;
  count: number;
  /** Levels that moved at least one node. */
  levels: number;
  /** Node moves over all levels. */
  moves: number;
  /** Modularity at the run's resolution (0 when there is no edge). */
  quality: number;
}

const PREFIX = 'nichegraph/analysis/louvain';

/** A move must gain more than this share of 2m (in modularity units: 2x this). */
const MIN_MOVE_GAIN = 1e-12;

/** Validates a CSR meant for Louvain; returns its number of nodes. */
function checkCsr(csr: Csr): number {
  if (csr === null || typeof csr !== 'object') throw new TypeError(`${PREFIX}: csr must be an object with offsets, targets and weights.`);
  const { offsets, targets, weights } = csr;
  if (!(offsets instanceof Int32Array) || !(targets instanceof Int32Array) || !(weights instanceof Float64Array)) {
    throw new TypeError(`${PREFIX}: csr.offsets and csr.targets must be Int32Arrays and csr.weights a Float64Array.`);
  }
  if (offsets.length < 1 || offsets[0] !== 0) throw new RangeError(`${PREFIX}: csr.offsets must start with 0.`);
  const order = offsets.length - 1;
  if (offsets[order] !== targets.length) {
    throw new RangeError(`${PREFIX}: csr.offsets ends at ${String(offsets[order])} but csr.targets has ${targets.length} entries.`);
  }
  if (weights.length !== targets.length) {
    throw new RangeError(`${PREFIX}: csr.weights has ${weights.length} entries for ${targets.length} targets.`);
  }
  for (let i = 0; i < order; i++) {
    const start = offsets[i] as number;
    const end = offsets[i + 1] as number;
    if (end < start) throw new RangeError(`${PREFIX}: csr.offsets decreases at node ${i}.`);
    for (let e = start; e < end; e++) {
      const j = targets[e] as number;
      if (j < 0 || j >= order) throw new RangeError(`${PREFIX}: csr.targets[${e}] = ${j} is outside 0..${order - 1}.`);
      if (j === i) throw new RangeError(`${PREFIX}: node ${i} has a self entry (csr.targets[${e}]); self-loops are not supported.`);
      const w = weights[e] as number;
      if (!(w > 0) || !Number.isFinite(w)) throw new RangeError(`${PREFIX}: csr.weights[${e}] must be a finite number > 0, got ${String(w)}.`);
    }
  }
  return order;
}

function checkOptions(options: LouvainOptions): { resolution: number; fast: boolean; tolerance: number; rng: Rng } {
  if (options === null || typeof options !== 'object') throw new TypeError(`${PREFIX}: options must be an object with an rng.`);
  const resolution = options.resolution ?? DEFAULTS.resolution;
  if (typeof resolution !== 'number' || !Number.isFinite(resolution) || resolution <= 0) {
    throw new RangeError(`${PREFIX}: resolution must be a finite number > 0, got ${String(resolution)}.`);
  }
  const tolerance = options.tolerance ?? DEFAULTS.tolerance;
  if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance < 0) {
    throw new RangeError(`${PREFIX}: tolerance must be a finite number >= 0, got ${String(tolerance)}.`);
  }
  if (typeof options.rng !== 'function') throw new TypeError(`${PREFIX}: options.rng must be a function.`);
  const fast = options.fastLocalMoves ?? DEFAULTS.fastLocalMoves;
  if (typeof fast !== 'boolean') throw new TypeError(`${PREFIX}: fastLocalMoves must be a boolean.`);
  return { resolution, fast, tolerance, rng: options.rng };
}

/** Fisher-Yates shuffle of 0 .. n - 1 into `out`. */
function shuffledRange(out: Int32Array, n: number, rng: Rng): void {
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = out[i] as number;
    out[i] = out[j] as number;
    out[j] = tmp;
  }
}

/** One level's graph: CSR without self entries, plus each node's self-loop weight and strength. */
interface Level {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  /** Internal weight (each internal edge counted in both directions). */
  loops: Float64Array;
  /** Strength: sum of the row's weights + loops. */
  strength: Float64Array;
}

/**
 * Multi-level Louvain on an undirected CSR (see the module doc). Nodes without any entry
 * stay alone.
 */
export function louvain(csr: Csr, options: LouvainOptions): LouvainResult {
  const order = checkCsr(csr);
  const { resolution, fast, tolerance, rng } = checkOptions(options);
  const initial = options.initial;
  if (initial !== undefined && (!(initial instanceof Int32Array) || initial.length !== order)) {
    throw new RangeError(`${PREFIX}: initial must be an Int32Array of ${order} labels.`);
  }

  const loops = options.loops ?? new Float64Array(order);
  if (!(loops instanceof Float64Array) || loops.length !== order) throw new RangeError(`${PREFIX}: loops must be a Float64Array of ${order} values.`);
  for (let i = 0; i < order; i++) if (!((loops[i] as number) >= 0) || !Number.isFinite(loops[i] as number)) throw new RangeError(`${PREFIX}: loops[${i}] must be a finite number >= 0.`);
  const strength = new Float64Array(order);
  let twoM = 0;
  for (let i = 0; i < order; i++) {
    let s = loops[i] as number;
    for (let e = csr.offsets[i] as number, end = csr.offsets[i + 1] as number; e < end; e++) s += csr.weights[e] as number;
    strength[i] = s;
    twoM += s;
  }

  // label[v] = node of the current level that original node v belongs to.
  const label = new Int32Array(order);
  for (let v = 0; v < order; v++) label[v] = v;
  if (twoM === 0) return { community: label, count: order, levels: 0, moves: 0, quality: 0 };

  // Scratch space, sized for the finest level and reused by every coarser one.
  const comm = new Int32Array(order);
  const tot = new Float64Array(order);
  const size = new Int32Array(order);
  const free = new Int32Array(order);
  const acc = new Float64Array(order);
  const touched = new Int32Array(order);
  const queue = new Int32Array(order);
  const queued = new Uint8Array(order);
  const newId = new Int32Array(order);

  let level: Level = { n: order, offsets: csr.offsets, targets: csr.targets, weights: csr.weights, loops: Float64Array.from(loops), strength };
  let levels = 0;
  let moves = 0;
  const scaleBase = resolution / twoM;

  for (;;) {
    const { n, offsets, targets, weights } = level;
    const k = level.strength;
    // The seeded first level: labels renumbered 0 .. C0 - 1, the ids above them free.
    const seeded = initial !== undefined && levels === 0 && n === order;
    let freeTop = 0;
    if (seeded) {
      const { community: start, count: c0 } = renumberSeed(initial);
      tot.fill(0, 0, n);
      size.fill(0, 0, n);
      for (let i = 0; i < n; i++) {
        const c = start[i] as number;
        comm[i] = c;
        tot[c] = (tot[c] as number) + (k[i] as number);
        size[c] = (size[c] as number) + 1;
      }
      for (let c = n - 1; c >= c0; c--) free[freeTop++] = c;
    } else {
      for (let i = 0; i < n; i++) {
        comm[i] = i;
        tot[i] = k[i] as number;
        size[i] = 1;
      }
    }
    let levelMoves = 0;
    let levelGain = 0;

    // Local moving. `queue` is circular; `queued` marks its members.
    let sweepMoves: number;
    do {
      sweepMoves = 0;
      shuffledRange(queue, n, rng);
      queued.fill(1, 0, n);
      let head = 0;
      let tail = 0; // == n == 0 (mod n): the queue is full
      let pending = n;
      while (pending > 0) {
        const i = queue[head] as number;
        if (++head === n) head = 0;
        pending--;
        queued[i] = 0;

        const start = offsets[i] as number;
        const end = offsets[i + 1] as number;
        if (start === end) continue;
        const ci = comm[i] as number;
        const ki = k[i] as number;
        let touchedCount = 0;
        for (let e = start; e < end; e++) {
          const c = comm[targets[e] as number] as number;
          if (acc[c] === 0) touched[touchedCount++] = c;
          acc[c] = (acc[c] as number) + (weights[e] as number);
        }
        const scale = ki * scaleBase;
        tot[ci] = (tot[ci] as number) - ki;
        const stay = (acc[ci] as number) - (tot[ci] as number) * scale;
        let best = stay;
        let bestC = ci;
        for (let t = 0; t < touchedCount; t++) {
          const c = touched[t] as number;
          const g = (acc[c] as number) - (tot[c] as number) * scale;
          acc[c] = 0;
          if (g > best) {
            best = g;
            bestC = c;
          }
        }
        acc[ci] = 0;
        // Every option loses (possible with gamma != 1 or self-loops): a community of its
        // own gains 0. Here i is not alone (alone, stay would be >= 0), so an id is free.
        if (best < 0) {
          best = 0;
          bestC = -1;
        }
        if (bestC === ci || best - stay <= MIN_MOVE_GAIN * twoM) {
          tot[ci] = (tot[ci] as number) + ki;
          continue;
        }
        if (bestC === -1) bestC = free[--freeTop] as number;
        tot[bestC] = (tot[bestC] as number) + ki;
        size[ci] = (size[ci] as number) - 1;
        if (size[ci] === 0) {
          free[freeTop++] = ci;
          tot[ci] = 0; // no rounding residue left for the id's next user
        }
        size[bestC] = (size[bestC] as number) + 1;
        comm[i] = bestC;
        levelGain += best - stay;
        levelMoves++;
        sweepMoves++;
        if (fast) {
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
      }
    } while (!fast && sweepMoves > 0);

    // A seeded level is a partition even when nothing moved.
    if (levelMoves === 0 && !seeded) break;
    levels++;
    moves += levelMoves;

    // Renumber this level's communities 0 .. C - 1 by first appearance.
    newId.fill(-1, 0, n);
    let C = 0;
    for (let i = 0; i < n; i++) {
      const c = comm[i] as number;
      if (newId[c] === -1) newId[c] = C++;
    }
    for (let i = 0; i < n; i++) comm[i] = newId[comm[i] as number] as number;
    for (let v = 0; v < order; v++) label[v] = comm[label[v] as number] as number;

    // Q gained by the level = 2 * levelGain / 2m (see the module doc).
    if (C === n || (!seeded && (2 * levelGain) / twoM < tolerance)) break;
    level = aggregate(level, comm, C, acc, touched);
  }

  const { community, count } = renumberByFirstAppearance(label);
  return { community, count, levels, moves, quality: csrModularity(csr, community, count, resolution, options.loops) };
}

/**
 * The coarser graph whose nodes are the C communities `comm` of `level`. Rows are read in
 * index order and their entries scattered into one segment per community (so the large
 * arrays are read sequentially), then each segment is merged in place: one entry per
 * neighbouring community, in order of first appearance.
 */
function aggregate(level: Level, comm: Int32Array, C: number, acc: Float64Array, touched: Int32Array): Level {
  const { n, offsets, targets, weights, loops, strength } = level;
  const newOffsets = new Int32Array(C + 1);
  for (let i = 0; i < n; i++) {
    const c = (comm[i] as number) + 1;
    newOffsets[c] = (newOffsets[c] as number) + (offsets[i + 1] as number) - (offsets[i] as number);
  }
  for (let c = 0; c < C; c++) newOffsets[c + 1] = (newOffsets[c + 1] as number) + (newOffsets[c] as number);
  const cursor = newOffsets.slice(0, C);
  const segTargets = new Int32Array(targets.length);
  const segWeights = new Float64Array(targets.length);
  const newLoops = new Float64Array(C);
  const newStrength = new Float64Array(C);
  for (let i = 0; i < n; i++) {
    const c = comm[i] as number;
    let loop = loops[i] as number;
    let at = cursor[c] as number;
    for (let e = offsets[i] as number, end = offsets[i + 1] as number; e < end; e++) {
      const d = comm[targets[e] as number] as number;
      if (d === c) {
        loop += weights[e] as number;
      } else {
        segTargets[at] = d;
        segWeights[at++] = weights[e] as number;
      }
    }
    cursor[c] = at;
    newLoops[c] = (newLoops[c] as number) + loop;
    newStrength[c] = (newStrength[c] as number) + (strength[i] as number);
  }
  // Merge each segment [newOffsets[c], cursor[c]) into [w, ...): w never passes the read position.
  let w = 0;
  for (let c = 0; c < C; c++) {
    let touchedCount = 0;
    for (let e = newOffsets[c] as number, end = cursor[c] as number; e < end; e++) {
      const d = segTargets[e] as number;
      if (acc[d] === 0) touched[touchedCount++] = d;
      acc[d] = (acc[d] as number) + (segWeights[e] as number);
    }
    newOffsets[c] = w;
    for (let t = 0; t < touchedCount; t++) {
      const d = touched[t] as number;
      segTargets[w] = d;
      segWeights[w++] = acc[d] as number;
      acc[d] = 0;
    }
  }
  newOffsets[C] = w;
  return { n: C, offsets: newOffsets, targets: segTargets.slice(0, w), weights: segWeights.slice(0, w), loops: newLoops, strength: newStrength };
}

/** A seed partition renumbered 0 .. count - 1 by first appearance; -1 gets a label of its own. */
function renumberSeed(initial: Int32Array): { community: Int32Array; count: number } {
  const relabel = new Map<number, number>();
  const community = new Int32Array(initial.length);
  let count = 0;
  for (let i = 0; i < initial.length; i++) {
    const r = initial[i] as number;
    if (r < 0) {
      community[i] = count++;
      continue;
    }
    let c = relabel.get(r);
    if (c === undefined) {
      c = count++;
      relabel.set(r, c);
    }
    community[i] = c;
  }
  return { community, count };
}

/** Relabels 0 .. count - 1 by first appearance in index order. */
export function renumberByFirstAppearance(raw: Int32Array): { community: Int32Array; count: number } {
  const order = raw.length;
  let max = -1;
  for (let i = 0; i < order; i++) if ((raw[i] as number) > max) max = raw[i] as number;
  const relabel = new Int32Array(max + 1).fill(-1);
  const community = new Int32Array(order);
  let count = 0;
  for (let i = 0; i < order; i++) {
    const r = raw[i] as number;
    if (r < 0) throw new RangeError(`${PREFIX}: negative label ${r} at ${i}.`);
    if (relabel[r] === -1) relabel[r] = count++;
    community[i] = relabel[r] as number;
  }
  return { community, count };
}

/**
 * Generalised modularity of a partition of an undirected CSR (both directions stored):
 * sum_c [ w_in(c) / 2m - gamma * (vol(c) / 2m)^2 ]; 0 without edges. `loops` (optional):
 * each node's internal weight, counted in w_in, vol and 2m as a CSR row would count it.
 */
export function csrModularity(csr: Csr, community: Int32Array, count: number, resolution = 1, loops?: Float64Array): number {
  const order = csr.offsets.length - 1;
  if (community.length !== order) throw new RangeError(`${PREFIX}: community has ${community.length} labels for ${order} nodes.`);
  const internal = new Float64Array(count);
  const volume = new Float64Array(count);
  let twoM = 0;
  for (let i = 0; i < order; i++) {
    const c = community[i] as number;
    if (!(c >= 0 && c < count)) throw new RangeError(`${PREFIX}: community label ${c} is outside 0..${count - 1}.`);
    if (loops !== undefined) {
      const l = loops[i] as number;
      internal[c] = (internal[c] as number) + l;
      volume[c] = (volume[c] as number) + l;
      twoM += l;
    }
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
