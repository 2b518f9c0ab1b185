/**
 * leafContraction (src/analysis/leaf-contraction.ts): single-tie accounts folded into their
 * neighbour keep every modularity figure of the partitions that keep them there; Louvain's
 * `loops` option counts the folded ties.
 */
import t from 'tap';
import { buildCompactGraph } from '../../src/analysis/compact-graph.js';
import { leafContraction, leafRoots } from '../../src/analysis/leaf-contraction.js';
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
