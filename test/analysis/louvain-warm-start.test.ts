import t from 'tap';
import { buildCompactGraph } from '../../src/analysis/compact-graph.js';
import { louvain } from '../../src/analysis/louvain.js';
import { createRng } from '../../src/analysis/random.js';
import { loadKarateClub, toProjection, type Edge } from '../helpers/datasets.js';

/** Ring of `k` cliques of `size`, neighbouring cliques joined by one edge. */
function ringOfCliques(k: number, size: number) {
  const edges: Edge[] = [];
  const id = (c: number, i: number) => `c${String(c).padStart(2, '0')}_${i}`;
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < size; i++) for (let j = i + 1; j < size; j++) edges.push({ source: id(c, i), target: id(c, j) });
    edges.push({ source: id(c, 0), target: id((c + 1) % k, 1) });
  }
  return buildCompactGraph(toProjection(edges, { undirected: true }));
}

t.test('warm start from the optimum keeps it', async (t) => {
  const g = ringOfCliques(8, 5);
  const cold = louvain(g.undirected, { rng: createRng(1) });
  t.equal(cold.count, 8, 'one community per clique');
  for (const seed of [2, 3, 4]) {
    const warm = louvain(g.undirected, { rng: createRng(seed), initial: cold.community });
    t.same([...warm.community], [...cold.community], `seed ${seed}: same partition`);
  }
});

t.test('warm start from a bad partition improves it', async (t) => {
  const g = ringOfCliques(8, 5);
  // Every clique cut in two halves across neighbours: a poor start.
  const initial = Int32Array.from({ length: g.order }, (_, i) => Math.floor(i / 3));
  const warm = louvain(g.undirected, { rng: createRng(5), initial });
  const cold = louvain(g.undirected, { rng: createRng(5) });
  t.ok(warm.quality >= cold.quality - 1e-9, `warm Q ${warm.quality} vs cold ${cold.quality}`);
});

t.test('all -1: the same as a cold start', async (t) => {
  const karate = loadKarateClub();
  const g = buildCompactGraph(toProjection(karate.edges, { undirected: true }));
  for (const seed of [1, 2, 3]) {
    const cold = louvain(g.undirected, { rng: createRng(seed) });
    const warm = louvain(g.undirected, { rng: createRng(seed), initial: new Int32Array(g.order).fill(-1) });
    t.same([...warm.community], [...cold.community], `seed ${seed}`);
  }
});

t.test('a seeded level counts even when nothing moves; labels are renumbered', async (t) => {
  const g = ringOfCliques(3, 4);
  const first = louvain(g.undirected, { rng: createRng(1) });
  const shifted = Int32Array.from(first.community, (c) => 100 + 7 * c);
  const warm = louvain(g.undirected, { rng: createRng(9), initial: shifted });
  t.same([...warm.community], [...first.community]);
  t.ok(warm.levels >= 1);
  t.throws(() => louvain(g.undirected, { rng: createRng(1), initial: new Int32Array(3) }), /initial must be an Int32Array of 12 labels/);
});
