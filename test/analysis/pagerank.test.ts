import t from 'tap';
import { buildCompactGraph, type CompactGraph } from '../../src/analysis/compact-graph.js';
import { DirectedGraph, graphologyPagerank } from '../../src/analysis/graphology.js';
import { communityPagerank, globalPagerank, pagerankCsr, subgraphPagerank } from '../../src/analysis/pagerank.js';
import { createRng } from '../../src/analysis/random.js';
import { loadKarateClub, toProjection, type Edge } from '../helpers/datasets.js';

const ALPHA = 0.85;

/**
 * Small weighted directed graph: a cycle with unequal weights, a node (e) whose only
 * arc leaves into the cycle, and a dangling node (f) that only receives.
 */
const smallEdges: Edge[] = [
  { source: 'a', target: 'b', weight: 3 },
  { source: 'a', target: 'c', weight: 1 },
  { source: 'b', target: 'c', weight: 2 },
  { source: 'c', target: 'a', weight: 5 },
  { source: 'c', target: 'f', weight: 1 },
  { source: 'd', target: 'a', weight: 0.5 },
  { source: 'd', target: 'f', weight: 2.5 },
  { source: 'e', target: 'd', weight: 1 },
];

/** graphology-metrics PageRank, run to a much tighter tolerance than its default. */
function reference(g: CompactGraph, members?: number[]): Float64Array {
  const nodes = members ?? Array.from({ length: g.order }, (_, i) => i);
  const inside = new Set(nodes);
  const graph = new DirectedGraph();
  for (const i of nodes) graph.addNode(String(i));
  for (const i of nodes) {
    for (let k = g.out.offsets[i] as number; k < (g.out.offsets[i + 1] as number); k++) {
      const j = g.out.targets[k] as number;
      if (inside.has(j)) graph.addEdge(String(i), String(j), { weight: g.out.weights[k] });
    }
  }
  const ranks = graphologyPagerank(graph, { getEdgeWeight: 'weight', alpha: ALPHA, tolerance: 1e-15, maxIterations: 100_000 });
  return Float64Array.from(nodes, (i) => ranks[String(i)] as number);
}

/**
 * Exact PageRank: solve (I - G) x = 0 with sum(x) = 1 by Gaussian elimination, where
 * G[j][i] = alpha * w(i, j) / out(i) + (1 - alpha) / n, and alpha / n + (1 - alpha) / n
 * for a dangling i.
 */
function exact(g: CompactGraph): number[] {
  const n = g.order;
  const a: number[][] = Array.from({ length: n }, () => new Array<number>(n + 1).fill(0));
  for (let i = 0; i < n; i++) {
    const start = g.out.offsets[i] as number;
    const end = g.out.offsets[i + 1] as number;
    let out = 0;
    for (let k = start; k < end; k++) out += g.out.weights[k] as number;
    for (let j = 0; j < n; j++) (a[j] as number[])[i] = -(out === 0 ? ALPHA / n : 0) - (1 - ALPHA) / n;
    for (let k = start; k < end; k++) {
      const row = a[g.out.targets[k] as number] as number[];
      row[i] = (row[i] as number) - (ALPHA * (g.out.weights[k] as number)) / out;
    }
    const diagonal = a[i] as number[];
    diagonal[i] = (diagonal[i] as number) + 1;
  }
  a[n - 1] = new Array<number>(n + 1).fill(1); // replace one (redundant) equation by sum(x) = 1
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs((a[r] as number[])[col] as number) > Math.abs((a[pivot] as number[])[col] as number)) pivot = r;
    [a[col], a[pivot]] = [a[pivot] as number[], a[col] as number[]];
    const p = a[col] as number[];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = a[r] as number[];
      const f = (row[col] as number) / (p[col] as number);
      for (let c = col; c <= n; c++) row[c] = (row[c] as number) - f * (p[c] as number);
    }
  }
  return a.map((row, i) => (row[n] as number) / (row[i] as number));
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs((a[i] as number) - (b[i] as number)));
  return d;
}

function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] as number;
  return s;
}

t.test('small weighted directed graph with a dangling node: exact and graphology-metrics agree', async (t) => {
  const g = buildCompactGraph(toProjection(smallEdges));
  const ranks = globalPagerank(g);
  const truth = exact(g);
  t.ok(maxDiff(ranks, truth) < 1e-9, `max |ours - exact| = ${maxDiff(ranks, truth)}`);
  const theirs = reference(g);
  t.ok(maxDiff(ranks, theirs) < 1e-6, `max |ours - graphology-metrics| = ${maxDiff(ranks, theirs)}`);
  t.ok(Math.abs(sum(ranks) - 1) < 1e-12);
  // Weights matter: a sends 3 to b and 1 to c, yet c (fed by b as well) outranks b.
  const at = (id: string) => ranks[g.index.get(id) as number] as number;
  t.ok(at('c') > at('b'));
  // e receives nothing: it has only the teleport and dangling shares.
  t.ok(at('e') < at('d'));
});

t.test('karate club (mutual ties): same as graphology-metrics within 1e-6', async (t) => {
  const karate = loadKarateClub();
  const g = buildCompactGraph(toProjection(karate.edges, { undirected: true }));
  const ranks = globalPagerank(g);
  const theirs = reference(g);
  t.ok(maxDiff(ranks, theirs) < 1e-6, `max diff ${maxDiff(ranks, theirs)}`);
  t.ok(maxDiff(ranks, exact(g)) < 1e-9, 'and the exact solution');
  // The two faction leaders (0 = Mr. Hi, 33 = the officer) have the highest PageRank.
  const top = [...ranks.keys()].sort((x, y) => (ranks[y] as number) - (ranks[x] as number)).slice(0, 2).map((i) => g.ids[i]);
  t.same(top.sort(), ['0', '33']);
});

t.test('within-niche PageRank is PageRank of the induced subgraph', async (t) => {
  const karate = loadKarateClub();
  const g = buildCompactGraph(toProjection(karate.edges, { undirected: true }));
  const faction = karate.nodes.filter((n) => n.club === 'Mr. Hi').map((n) => g.index.get(n.id) as number);
  const ranks = subgraphPagerank(g, faction);
  t.ok(Math.abs(sum(ranks) - 1) < 1e-12, 'sums to 1 inside the niche');
  t.ok(maxDiff(ranks, reference(g, faction)) < 1e-6, 'matches graphology-metrics on the induced subgraph');

  // All niches at once: each one's values are its induced-subgraph PageRank.
  const community = new Int32Array(g.order);
  for (const n of karate.nodes) community[g.index.get(n.id) as number] = n.club === 'Mr. Hi' ? 0 : 1;
  const all = communityPagerank(g, community, 2);
  for (const c of [0, 1]) {
    const members = [...community.keys()].filter((i) => community[i] === c);
    const values = members.map((i) => all[i] as number);
    t.ok(Math.abs(sum(values) - 1) < 1e-12, `niche ${c} sums to 1`);
    // Both solves stop at an L1 change below 1e-10, along different sweeps: equal to about 1e-9.
    t.ok(maxDiff(values, subgraphPagerank(g, members)) < 1e-8, `niche ${c} matches subgraphPagerank`);
  }
});

t.test('a member whose arcs all leave the niche is dangling inside it', async (t) => {
  const g = buildCompactGraph(toProjection(smallEdges));
  const members = ['d', 'e', 'f'].map((id) => g.index.get(id) as number);
  // Inside {d, e, f}: e -> d (1), d -> f (2.5); d's arc to a is cut, f is dangling.
  const ranks = subgraphPagerank(g, members);
  const direct = pagerankCsr(3, {
    offsets: Int32Array.from([0, 1, 2, 2]),
    targets: Int32Array.from([2, 0]),
    weights: Float64Array.from([2.5, 1]),
  });
  t.ok(maxDiff(ranks, direct) < 1e-12);
  t.ok(maxDiff(ranks, reference(g, members)) < 1e-6);
});

t.test('edge cases and option checks', async (t) => {
  t.same([...pagerankCsr(0, { offsets: Int32Array.from([0]), targets: new Int32Array(0), weights: new Float64Array(0) })], []);
  t.same([...pagerankCsr(1, { offsets: Int32Array.from([0, 0]), targets: new Int32Array(0), weights: new Float64Array(0) })], [1]);
  const g = buildCompactGraph(toProjection(smallEdges));
  t.throws(() => globalPagerank(g, { alpha: 1 }), /alpha must be in \[0, 1\)/);
  t.throws(() => globalPagerank(g, { tolerance: 0 }), /tolerance must be a finite number > 0/);
  t.throws(() => globalPagerank(g, { maxIterations: 2 }), /did not converge/);
  t.throws(() => subgraphPagerank(g, [0, 0]), /listed twice/);
  t.throws(() => subgraphPagerank(g, [99]), /outside/);
  // alpha = 0: pure teleportation, uniform.
  t.ok(maxDiff(globalPagerank(g, { alpha: 0 }), new Array<number>(g.order).fill(1 / g.order)) < 1e-15);
});

t.test('Gauss-Seidel keeps exact ties: structurally equivalent accounts get bitwise-equal values', async (t) => {
  // A hub followed by 30 fans (same in-arcs: none; same out-arc: to the hub), a cycle of
  // 3 twins fed by the hub with equal weights, and twins inside one niche.
  const edges: Edge[] = [];
  for (let i = 0; i < 30; i++) edges.push({ source: `fan${String(i).padStart(2, '0')}`, target: 'hub', weight: 2 });
  // The twins' ids sort on both sides of the hub's ('a-' < 'hub' < 'z-'), so a sweep in index
  // order reads the hub's old value for one twin and its new value for the other.
  for (const twin of ['a-t1', 'z-t2', 'z-t3']) {
    edges.push({ source: 'hub', target: twin, weight: 1 });
    edges.push({ source: twin, target: 'sink', weight: 1 });
  }
  edges.push({ source: 'sink', target: 'hub', weight: 1 });
  edges.push({ source: 'sink', target: 'fan00', weight: 1 });
  const g = buildCompactGraph(toProjection(edges));
  const x = globalPagerank(g);
  const at = (id: string): number => x[g.index.get(id) as number] as number;
  const fans = Array.from({ length: 29 }, (_, i) => at(`fan${String(i + 1).padStart(2, '0')}`));
  t.ok(fans.every((v) => v === fans[0]), 'the fans are exactly tied');
  t.ok(at('a-t1') === at('z-t2') && at('z-t2') === at('z-t3'), `the three twins are exactly tied (${at('a-t1')} ${at('z-t2')})`);
  t.ok(Math.abs(sum(x) - 1) < 1e-12);
  const exactValues = exact(g);
  t.ok(maxDiff(x, exactValues) < 1e-9, `within 1e-9 of the exact solution (${maxDiff(x, exactValues)})`);
  // Inside niches too.
  const community = Int32Array.from(g.ids, (id) => (id.startsWith('fan') ? 0 : 1));
  const within = communityPagerank(g, community, 2);
  const wf = Array.from({ length: 29 }, (_, i) => within[g.index.get(`fan${String(i + 1).padStart(2, '0')}`) as number] as number);
  t.ok(wf.every((v) => v === wf[0]), 'fans tied inside their niche');
  const tw = ['a-t1', 'z-t2', 'z-t3'].map((id) => within[g.index.get(id) as number] as number);
  t.ok(tw[0] === tw[1] && tw[1] === tw[2], 'twins tied inside their niche');
});

t.test('components solved in topological order: chained cycles and trees match the exact solution, whole graph and inside niches', async (t) => {
  // Mostly forward arcs (a DAG) plus a few backward ones closing cycles of several sizes, so
  // the graph has many one-node components and some strongly connected ones, fed by each other.
  const rng = createRng(7);
  const edges: Edge[] = [];
  const id = (i: number): string => `v${String(i).padStart(2, '0')}`;
  for (let i = 0; i < 60; i++) {
    for (let d = 1; d <= 3; d++) if (i + d < 60 && (d === 1 || rng() < 0.45)) edges.push({ source: id(i), target: id(i + d), weight: 1 + Math.floor(rng() * 5) });
    if (i % 7 === 6) edges.push({ source: id(i), target: id(i - 1 - Math.floor(rng() * 5)), weight: 1 + Math.floor(rng() * 3) });
  }
  const g = buildCompactGraph(toProjection(edges));
  const x = globalPagerank(g);
  t.ok(maxDiff(x, exact(g)) < 1e-9, `whole graph: within 1e-9 of the exact solution (${maxDiff(x, exact(g))})`);
  t.ok(Math.abs(sum(x) - 1) < 1e-12);
  // Three niches of consecutive accounts: each one's values are the exact PageRank of its induced subgraph.
  const community = Int32Array.from(g.ids, (v) => Math.min(2, Math.floor(Number(v.slice(1)) / 20)));
  const within = communityPagerank(g, community, 3);
  for (const c of [0, 1, 2]) {
    const inside = edges.filter((e) => community[g.index.get(e.source) as number] === c && community[g.index.get(e.target) as number] === c);
    const sub = buildCompactGraph(toProjection(inside));
    t.equal(sub.order, 20, `niche ${c}: every member has a tie inside it`);
    const truth = exact(sub);
    const ours = sub.ids.map((v) => within[g.index.get(v) as number] as number);
    t.ok(maxDiff(ours, truth) < 1e-9, `niche ${c}: within 1e-9 of the exact PageRank of its subgraph (${maxDiff(ours, truth)})`);
  }
});
