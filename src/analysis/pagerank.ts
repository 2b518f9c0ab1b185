/**
 * Weighted PageRank on positive interactions, for the whole graph or inside each niche.
 *
 * [Reference]: L. Page, S. Brin, R. Motwani, T. Winograd, "The PageRank citation ranking:
 * Bringing order to the Web", Stanford InfoLab (1999).
 *
 * A walker on node i follows an arc i -> j with probability alpha * w(i, j) / out(i)
 * and teleports to a uniformly chosen node with probability 1 - alpha. A dangling node
 * (no positive out-arc in the graph considered) sends all its mass uniformly over that
 * graph's nodes, which is the convention of NetworkX and graphology-metrics. The result
 * sums to 1.
 *
 * Solver. The dangling jumps and the teleport share one distribution v (uniform over the
 * graph, or over the niche), so x = c (I - alpha P')^-1 v for a scalar c, where P' holds
 * only the arcs of non-dangling nodes: x is the solution y of the linear system
 * y = v + alpha P' y, normalised to sum 1 (G. M. Del Corso, A. Gulli & F. Romani, "Fast
 * PageRank computation via a sparse linear system", Internet Math. 2:251, 2005; A. N.
 * Langville & C. D. Meyer, "Deeper inside PageRank", Internet Math. 1:335, 2004). P' is
 * block triangular in the order of its strongly connected components (Tarjan 1972), so the
 * system is solved component by component in topological order, as PRPACK (igraph's
 * solver) does: a node on no cycle (most accounts of an interaction graph: on higgs'
 * retweet layer, 84% receive nothing) is exact in one step from its in-neighbours' final
 * values; a component with a cycle is solved by Gauss-Seidel sweeps on its in-rows (each
 * value pulls from its in-neighbours, using those already updated in this sweep; A. Arasu,
 * J. Novak, A. Tomkins, J. Tomlin, "PageRank computation and the structure of the web", WWW
 * 2002) until a sweep's L1 change is below `tolerance` times the component's share of v
 * (so the changes of all components sum below `tolerance`).
 *
 * Exact ties: Gauss-Seidel visits a component's nodes in index order, so two structurally
 * equivalent accounts (the same weighted in-arcs from the same accounts) would end a little
 * apart, and the lower index would win a tie it should not win. One final Jacobi step over
 * every node (each value from the solved values, its in-row summed in ascending source
 * order) gives them bitwise-equal values again, and moves no value by more than the last
 * sweep's change; the trust ranking then breaks the tie by account id, as it always did.
 *
 * Within-niche PageRank is the same chain on the subgraph induced by each niche: only arcs
 * whose both ends are in the niche count (every niche is solved in one pass over all of
 * them: arcs between niches dropped, v uniform inside each niche), so a member whose positive arcs all leave the niche
 * is dangling there, and scores sum to 1 inside every niche (comparable across niches of
 * the same size only up to 1 / size, which is why trust ranks members *within* a niche).
 */
import type { CompactGraph, Csr } from './compact-graph.js';

export const DEFAULTS = {
  /** Damping factor (probability of following an arc). */
  alpha: 0.85,
  /** L1 distance between successive iterates at which to stop. */
  tolerance: 1e-10,
  maxIterations: 1000,
};

export interface PageRankOptions {
  alpha?: number;
  tolerance?: number;
  maxIterations?: number;
}

const PREFIX = 'nichegraph/analysis/pagerank';

function resolve(options: PageRankOptions | undefined): Required<PageRankOptions> {
  const alpha = options?.alpha ?? DEFAULTS.alpha;
  const tolerance = options?.tolerance ?? DEFAULTS.tolerance;
  const maxIterations = options?.maxIterations ?? DEFAULTS.maxIterations;
  if (!(alpha >= 0 && alpha < 1)) throw new RangeError(`${PREFIX}: alpha must be in [0, 1), got ${String(alpha)}.`);
  if (!(tolerance > 0 && Number.isFinite(tolerance))) throw new RangeError(`${PREFIX}: tolerance must be a finite number > 0, got ${String(tolerance)}.`);
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new RangeError(`${PREFIX}: maxIterations must be an integer >= 1, got ${String(maxIterations)}.`);
  return { alpha, tolerance, maxIterations };
}

/**
 * PageRank on a CSR adjacency of `order` nodes (weights > 0), one chain per block: node i
 * teleports (and, when dangling, jumps) uniformly inside its block `block[i]`, and arcs
 * between blocks must not exist (the caller keeps only the arcs inside blocks). Values sum
 * to 1 inside every block. Throws when a component has not converged after maxIterations
 * sweeps. See the module doc: the linear system y = v + alpha P' y, solved component by
 * component in topological order, then one Jacobi step, then normalised per block.
 */
function blockPagerank(order: number, adjacency: Csr, block: Int32Array | null, blockCount: number, options: Required<PageRankOptions>): Float64Array {
  const { alpha, tolerance, maxIterations } = options;
  const { offsets, targets, weights } = adjacency;
  const outWeight = new Float64Array(order);
  for (let i = 0; i < order; i++) {
    let sum = 0;
    for (let k = offsets[i] as number, end = offsets[i + 1] as number; k < end; k++) sum += weights[k] as number;
    outWeight[i] = sum;
  }
  // In-rows with transition probabilities alpha * w(j, i) / out(j), sources ascending.
  const inOffsets = new Int32Array(order + 1);
  for (let k = 0; k < targets.length; k++) inOffsets[(targets[k] as number) + 1] = (inOffsets[(targets[k] as number) + 1] as number) + 1;
  for (let i = 0; i < order; i++) inOffsets[i + 1] = (inOffsets[i + 1] as number) + (inOffsets[i] as number);
  const cursor = inOffsets.slice(0, order);
  const inSources = new Int32Array(targets.length);
  const inShare = new Float64Array(targets.length);
  for (let j = 0; j < order; j++) {
    const w = outWeight[j] as number;
    for (let k = offsets[j] as number, end = offsets[j + 1] as number; k < end; k++) {
      const i = targets[k] as number;
      const at = cursor[i] as number;
      inSources[at] = j;
      inShare[at] = (alpha * (weights[k] as number)) / w;
      cursor[i] = at + 1;
    }
  }
  const size = new Float64Array(blockCount);
  for (let i = 0; i < order; i++) {
    const b = block === null ? 0 : (block[i] as number);
    size[b] = (size[b] as number) + 1;
  }
  // v: the uniform teleport inside each block.
  const v = new Float64Array(order);
  for (let i = 0; i < order; i++) v[i] = 1 / (size[block === null ? 0 : (block[i] as number)] as number);

  const { members, starts, count } = componentsInTopologicalOrder(order, adjacency);
  const y = new Float64Array(order);
  for (let c = 0; c < count; c++) {
    const first = starts[c] as number;
    const last = starts[c + 1] as number;
    if (last - first === 1) {
      // A node on no cycle: its in-neighbours are all final, so one step is exact.
      const i = members[first] as number;
      let value = v[i] as number;
      for (let k = inOffsets[i] as number, end = inOffsets[i + 1] as number; k < end; k++) value += (y[inSources[k] as number] as number) * (inShare[k] as number);
      y[i] = value;
      continue;
    }
    // A strongly connected component: Gauss-Seidel sweeps over its members (index order),
    // from v, until a sweep's L1 change is below its share of the tolerance.
    let mass = 0;
    for (let p = first; p < last; p++) {
      const i = members[p] as number;
      y[i] = v[i] as number;
      mass += v[i] as number;
    }
    const bound = tolerance * mass;
    let converged = false;
    for (let sweep = 0; sweep < maxIterations; sweep++) {
      let change = 0;
      for (let p = first; p < last; p++) {
        const i = members[p] as number;
        let value = v[i] as number;
        for (let k = inOffsets[i] as number, end = inOffsets[i + 1] as number; k < end; k++) value += (y[inSources[k] as number] as number) * (inShare[k] as number);
        change += Math.abs(value - (y[i] as number));
        y[i] = value;
      }
      if (change < bound) {
        converged = true;
        break;
      }
    }
    if (!converged) throw new Error(`${PREFIX}: Gauss-Seidel did not converge to ${tolerance} in ${maxIterations} sweeps.`);
  }
  // The Jacobi step (see the module doc), then each block normalised to sum 1.
  const x = new Float64Array(order);
  for (let i = 0; i < order; i++) {
    let value = v[i] as number;
    for (let k = inOffsets[i] as number, end = inOffsets[i + 1] as number; k < end; k++) value += (y[inSources[k] as number] as number) * (inShare[k] as number);
    x[i] = value;
  }
  const total = new Float64Array(blockCount);
  for (let i = 0; i < order; i++) {
    const b = block === null ? 0 : (block[i] as number);
    total[b] = (total[b] as number) + (x[i] as number);
  }
  for (let i = 0; i < order; i++) x[i] = (x[i] as number) / (total[block === null ? 0 : (block[i] as number)] as number);
  return x;
}

/**
 * Strongly connected components of a directed CSR (R. Tarjan, SIAM J. Comput. 1:146, 1972,
 * iterative), listed so that every arc goes from a component to itself or to a later one:
 * component c holds members[starts[c] .. starts[c + 1]), ascending.
 */
function componentsInTopologicalOrder(order: number, adjacency: Csr): { members: Int32Array; starts: Int32Array; count: number } {
  const { offsets, targets } = adjacency;
  const index = new Int32Array(order).fill(-1);
  const low = new Int32Array(order);
  const onStack = new Uint8Array(order);
  const stack = new Int32Array(order);
  const callNode = new Int32Array(order);
  const callEdge = new Int32Array(order);
  const component = new Int32Array(order);
  let top = 0;
  let depth = 0;
  let counter = 0;
  let found = 0;
  for (let root = 0; root < order; root++) {
    if (index[root] !== -1) continue;
    index[root] = low[root] = counter++;
    stack[top++] = root;
    onStack[root] = 1;
    callNode[0] = root;
    callEdge[0] = offsets[root] as number;
    depth = 1;
    while (depth > 0) {
      const i = callNode[depth - 1] as number;
      const e = callEdge[depth - 1] as number;
      if (e < (offsets[i + 1] as number)) {
        callEdge[depth - 1] = e + 1;
        const j = targets[e] as number;
        if (index[j] === -1) {
          index[j] = low[j] = counter++;
          stack[top++] = j;
          onStack[j] = 1;
          callNode[depth] = j;
          callEdge[depth] = offsets[j] as number;
          depth++;
        } else if (onStack[j] === 1 && (index[j] as number) < (low[i] as number)) {
          low[i] = index[j] as number;
        }
        continue;
      }
      depth--;
      if (depth > 0) {
        const parent = callNode[depth - 1] as number;
        if ((low[i] as number) < (low[parent] as number)) low[parent] = low[i] as number;
      }
      if (low[i] === index[i]) {
        // Tarjan finds components sinks first: number them backwards.
        let j: number;
        do {
          j = stack[--top] as number;
          onStack[j] = 0;
          component[j] = found;
        } while (j !== i);
        found++;
      }
    }
  }
  // Component f found (sinks first) gets topological position found - 1 - f; members ascending by a counting sort.
  const starts = new Int32Array(found + 1);
  for (let i = 0; i < order; i++) {
    const c = found - 1 - (component[i] as number);
    component[i] = c;
    starts[c + 1] = (starts[c + 1] as number) + 1;
  }
  for (let c = 0; c < found; c++) starts[c + 1] = (starts[c + 1] as number) + (starts[c] as number);
  const fill = starts.slice(0, found);
  const members = new Int32Array(order);
  for (let i = 0; i < order; i++) {
    const c = component[i] as number;
    members[fill[c] as number] = i;
    fill[c] = (fill[c] as number) + 1;
  }
  return { members, starts, count: found };
}

/**
 * Power iteration (Jacobi): every value from the previous iterate's values. Not used by the
 * analysis any more; kept as the plain method the solver is checked and benchmarked against
 * (bench/pagerank.ts).
 */
function powerIteration(order: number, adjacency: Csr, options: Required<PageRankOptions>): Float64Array {
  const { alpha, tolerance, maxIterations } = options;
  const { offsets, targets, weights } = adjacency;
  if (offsets.length !== order + 1) throw new RangeError(`${PREFIX}: offsets has length ${offsets.length}, expected ${order + 1}.`);
  if (order === 0) return new Float64Array(0);

  const outWeight = new Float64Array(order);
  for (let i = 0; i < order; i++) {
    let sum = 0;
    for (let k = offsets[i] as number, end = offsets[i + 1] as number; k < end; k++) sum += weights[k] as number;
    outWeight[i] = sum;
  }

  let x = new Float64Array(order).fill(1 / order);
  let next = new Float64Array(order);
  const uniform = 1 / order;

  for (let iteration = 0; iteration < maxIterations; iteration++) {
    next.fill(0);
    let dangling = 0;
    for (let i = 0; i < order; i++) {
      const xi = x[i] as number;
      const w = outWeight[i] as number;
      if (w === 0) {
        dangling += xi;
        continue;
      }
      const share = (alpha * xi) / w;
      for (let k = offsets[i] as number, end = offsets[i + 1] as number; k < end; k++) {
        const j = targets[k] as number;
        next[j] = (next[j] as number) + share * (weights[k] as number);
      }
    }
    const base = (1 - alpha) * uniform + alpha * dangling * uniform;
    let error = 0;
    let total = 0;
    for (let i = 0; i < order; i++) {
      const v = (next[i] as number) + base;
      next[i] = v;
      total += v;
      error += Math.abs(v - (x[i] as number));
    }
    const swap = x;
    x = next;
    next = swap;
    if (error < tolerance) {
      for (let i = 0; i < order; i++) x[i] = (x[i] as number) / total;
      return x;
    }
  }
  throw new Error(`${PREFIX}: power iteration did not converge to ${tolerance} in ${maxIterations} iterations.`);
}

/** Power iteration on a whole CSR (for comparisons: bench/pagerank.ts). */
export function pagerankPowerIteration(order: number, adjacency: Csr, options?: PageRankOptions): Float64Array {
  if (order === 0) return new Float64Array(0);
  return powerIteration(order, adjacency, resolve(options));
}

/**
 * PageRank on a CSR adjacency of `order` nodes (weights > 0), by Gauss-Seidel. Returns the
 * stationary vector; throws when it has not converged after maxIterations sweeps.
 */
export function pagerankCsr(order: number, adjacency: Csr, options?: PageRankOptions): Float64Array {
  const resolved = resolve(options);
  if (adjacency.offsets.length !== order + 1) throw new RangeError(`${PREFIX}: offsets has length ${adjacency.offsets.length}, expected ${order + 1}.`);
  if (order === 0) return new Float64Array(0);
  return blockPagerank(order, adjacency, null, 1, resolved);
}

/** Whole-graph PageRank on positive arcs, indexed like the accounts. */
export function globalPagerank(graph: CompactGraph, options?: PageRankOptions): Float64Array {
  return pagerankCsr(graph.order, graph.out, options);
}

/**
 * PageRank on the subgraph induced by `members` (account indices, distinct). The result
 * is aligned with `members` and sums to 1.
 */
export function subgraphPagerank(graph: CompactGraph, members: ArrayLike<number>, options?: PageRankOptions): Float64Array {
  const local = new Int32Array(graph.order).fill(-1);
  for (let p = 0; p < members.length; p++) {
    const i = members[p] as number;
    if (!Number.isInteger(i) || i < 0 || i >= graph.order) throw new RangeError(`${PREFIX}: member index ${i} is outside 0..${graph.order - 1}.`);
    if (local[i] !== -1) throw new RangeError(`${PREFIX}: member index ${i} is listed twice.`);
    local[i] = p;
  }
  return pagerankCsr(members.length, inducedBy(graph.out, members, (j) => local[j] as number), options);
}

/**
 * Within-niche PageRank for every niche at once: entry i is account i's PageRank on the
 * subgraph induced by its community, so values sum to 1 inside each community.
 */
export function communityPagerank(
  graph: CompactGraph,
  community: Int32Array,
  count: number,
  options?: PageRankOptions,
): Float64Array {
  return communityPagerankCsr(graph.order, graph.out, community, count, options);
}

/** communityPagerank on the positive arcs `out` of `order` accounts (plain typed arrays: a task can carry them, side-tasks.ts). */
export function communityPagerankCsr(order: number, out: Csr, community: Int32Array, count: number, options?: PageRankOptions): Float64Array {
  if (community.length !== order) throw new RangeError(`${PREFIX}: community has ${community.length} labels for ${order} accounts.`);
  if (out.offsets.length !== order + 1) throw new RangeError(`${PREFIX}: offsets has length ${out.offsets.length}, expected ${order + 1}.`);
  const resolved = resolve(options);
  if (order === 0) return new Float64Array(0);
  for (let i = 0; i < order; i++) {
    const c = community[i] as number;
    if (!(c >= 0 && c < count)) throw new RangeError(`${PREFIX}: community label ${c} is outside 0..${count - 1}.`);
  }
  // One solve for every niche at once on the arcs inside niches (see the module doc): each
  // strongly connected component converges on its own, so no niche waits for another.
  const { offsets, targets, weights } = out;
  const insideOffsets = new Int32Array(order + 1);
  let m = 0;
  for (let i = 0; i < order; i++) {
    const c = community[i] as number;
    for (let k = offsets[i] as number, end = offsets[i + 1] as number; k < end; k++) if (community[targets[k] as number] === c) m++;
    insideOffsets[i + 1] = m;
  }
  const insideTargets = new Int32Array(m);
  const insideWeights = new Float64Array(m);
  for (let i = 0, e = 0; i < order; i++) {
    const c = community[i] as number;
    for (let k = offsets[i] as number, end = offsets[i + 1] as number; k < end; k++) {
      const j = targets[k] as number;
      if (community[j] === c) {
        insideTargets[e] = j;
        insideWeights[e++] = weights[k] as number;
      }
    }
  }
  return blockPagerank(order, { offsets: insideOffsets, targets: insideTargets, weights: insideWeights }, community, count, resolved);
}

/** Sub-CSR of `out` restricted to `members`; `localOf(j)` is j's local index or -1. */
function inducedBy(out: Csr, members: ArrayLike<number>, localOf: (j: number) => number): Csr {
  const n = members.length;
  const offsets = new Int32Array(n + 1);
  let m = 0;
  for (let p = 0; p < n; p++) {
    const i = members[p] as number;
    for (let k = out.offsets[i] as number, end = out.offsets[i + 1] as number; k < end; k++) {
      if (localOf(out.targets[k] as number) >= 0) m++;
    }
    offsets[p + 1] = m;
  }
  const targets = new Int32Array(m);
  const weights = new Float64Array(m);
  let e = 0;
  for (let p = 0; p < n; p++) {
    const i = members[p] as number;
    for (let k = out.offsets[i] as number, end = out.offsets[i + 1] as number; k < end; k++) {
      const q = localOf(out.targets[k] as number);
      if (q >= 0) {
        targets[e] = q;
        weights[e++] = out.weights[k] as number;
      }
    }
  }
  return { offsets, targets, weights };
}
