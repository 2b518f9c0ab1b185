/**
 * leafContraction (src/analysis/leaf-contraction.ts): single-tie accounts folded into their
 * neighbour keep every modularity figure of the partitions that keep them there; Louvain's
 * `loops` option counts the folded ties.
 */
import t from 'tap';
import { buildCompactGraph } from '../../src/analysis/compact-graph.js';
import { leafContraction, leafRoots } from '../../src/analysis/leaf-contraction.js';
import { accountGraph, contract } from '../../src/analysis/weighted-graph.js';
import { csrModularity, louvain } from '../../src/analysis/louvain.js';
import { createRng } from '../../src/analysis/random.js';
import { loadKarateClub, toProjection, type Edge } from '../helpers/datasets.js';

/** Karate plus a fan of leaves on some members and a dyad apart. */
function graphWithLeaves() {
  const edges: Edge[] = [...loadKarateClub().edges];
  for (let i = 0; i < 12; i++) edges.push({ source: String(1 + (i % 5)), target: `leaf${i}`, weight: 1 + (i % 3) });
  edges.push({ source: 'x', target: 'y', weight: 2 });
  return buildCompactGraph(toProjection(edges, { undirected: true }));
}

t.test('roots: a single-tie account hangs from its neighbour, a dyad from one end, others from themselves', async (t) => {
  const g = graphWithLeaves();
  const root = leafRoots(g.undirected);
  const at = (id: string) => g.index.get(id) as number;
  t.equal(root[at('leaf0')], at('1'));
  t.equal(root[at('1')], at('1'));
  // Of a dyad, the lower index hangs from the other.
  const [lo, hi] = [at('x'), at('y')].sort((a, b) => a - b) as [number, number];
  t.equal(root[lo], hi);
  t.equal(root[hi], hi);
});

t.test('modularity and node count of partitions that keep leaves with their roots', async (t) => {
  const g = graphWithLeaves();
  const c = leafContraction(g.undirected);
  t.equal(c.count, g.order - 14, "the 12 leaves, karate's one single-tie member (11) and one end of the dyad folded");
  t.equal(c.root[c.node[g.index.get('11') as number] as number], g.index.get('0'), '11 hangs from 0');
  t.equal(Array.from(c.graph.size).reduce((s, x) => s + x, 0), g.order, 'sizes add up to the accounts');
  const rng = createRng(7);
  for (let trial = 0; trial < 5; trial++) {
    // A random partition of the contracted nodes, read back on the accounts.
    const k = 1 + trial * 3;
    const onNodes = Int32Array.from({ length: c.count }, () => Math.floor(rng() * k));
    const onAccounts = Int32Array.from(c.node, (v) => onNodes[v] as number);
    for (const gamma of [1, 4]) {
      const whole = csrModularity(g.undirected, onAccounts, k, gamma);
      const folded = csrModularity(c.graph.csr, onNodes, k, gamma, c.graph.loops);
      t.ok(Math.abs(whole - folded) < 1e-12, `k=${k} gamma=${gamma}: ${whole} vs ${folded}`);
    }
  }
});

t.test('Louvain on the contracted graph reports the quality of the accounts partition', async (t) => {
  const g = graphWithLeaves();
  const c = leafContraction(g.undirected);
  const run = louvain(c.graph.csr, { rng: createRng(3), loops: c.graph.loops });
  const onAccounts = Int32Array.from(c.node, (v) => run.community[v] as number);
  t.ok(Math.abs(run.quality - csrModularity(g.undirected, onAccounts, run.count)) < 1e-12);
  t.throws(() => louvain(c.graph.csr, { rng: createRng(3), loops: new Float64Array(2) }), /loops must be a Float64Array/);
});

t.test('no single-tie account: the accounts graph itself, not a copy of its rows', async (t) => {
  // Two 4-cliques joined by a tie: every account has two ties or more.
  const edges: Edge[] = [];
  for (const base of [0, 4]) for (let a = 0; a < 4; a++) for (let b = a + 1; b < 4; b++) edges.push({ source: String(base + a), target: String(base + b), weight: 1 + ((a + b) % 2) });
  edges.push({ source: '3', target: '4', weight: 3 });
  const g = buildCompactGraph(toProjection(edges, { undirected: true }));
  const c = leafContraction(g.undirected);
  t.equal(c.count, g.order);
  t.same(Array.from(c.node), Array.from({ length: g.order }, (_, i) => i), 'node i is account i');
  t.equal(c.graph.csr, g.undirected, 'the same arrays: no pass copying every tie');
  // What contracting by the identity would have built: the same rows, no loops, size 1 each.
  const copied = contract(accountGraph(g.undirected), c.node, c.count);
  t.same(Array.from(copied.csr.offsets), Array.from(c.graph.csr.offsets));
  t.same(Array.from(copied.csr.targets), Array.from(c.graph.csr.targets));
  t.same(Array.from(copied.csr.weights), Array.from(c.graph.csr.weights));
  t.same(Array.from(c.graph.loops), Array.from(copied.loops));
  t.same(Array.from(c.graph.size), Array.from(copied.size));
  t.same(Array.from(c.tied), new Array(g.order).fill(1));
  t.same(Array.from(c.root), Array.from({ length: g.order }, (_, i) => i));
});

t.test('contract: rows sorted by target whether or not the labels keep the nodes in order', async (t) => {
  const g = graphWithLeaves();
  const n = g.order;
  const rng = createRng(5);
  const shuffled = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] as number, shuffled[i] as number];
  }
  for (const labels of [Int32Array.from({ length: n }, (_, i) => Math.floor(i / 3)), Int32Array.from(shuffled, (v) => Math.floor(v / 3))]) {
    const count = Math.ceil(n / 3);
    const k = contract(accountGraph(g.undirected), labels, count);
    for (let c = 0; c < count; c++) {
      for (let e = (k.csr.offsets[c] as number) + 1; e < (k.csr.offsets[c + 1] as number); e++) t.ok((k.csr.targets[e - 1] as number) < (k.csr.targets[e] as number), `row ${c} sorted`);
    }
    // Every tie between groups counted once per direction, inside ones as loops.
    let total = 0;
    for (let e = 0; e < g.undirected.weights.length; e++) total += g.undirected.weights[e] as number;
    const kept = k.csr.weights.reduce((s, w) => s + w, 0) + k.loops.reduce((s, w) => s + w, 0);
    t.ok(Math.abs(total - kept) < 1e-9, 'weights kept');
  }
});
