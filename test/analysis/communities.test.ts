import t from 'tap';
import { detectCommunities, groupByCommunity, modularity } from '../../src/analysis/communities.js';
import { buildCompactGraph } from '../../src/analysis/compact-graph.js';
import { graphologyModularity, UndirectedGraph } from '../../src/analysis/graphology.js';
import { createRng } from '../../src/analysis/random.js';
import { loadKarateClub, toProjection, type Edge } from '../helpers/datasets.js';

function karateGraph() {
  const karate = loadKarateClub();
  return buildCompactGraph(toProjection(karate.edges, { undirected: true, accounts: karate.nodes.map((n) => n.id) }));
}

/** Two 5-cliques {a0..a4}, {b0..b4} joined by one edge a0 - b0, plus an isolated account z. */
function twoCliques() {
  const edges: Edge[] = [];
  for (const side of ['a', 'b']) {
    for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) edges.push({ source: `${side}${i}`, target: `${side}${j}` });
  }
  edges.push({ source: 'a0', target: 'b0' });
  return buildCompactGraph(toProjection(edges, { accounts: ['z'] }));
}

t.test('two cliques joined by a bridge give two niches; an isolated account is a niche of one', async (t) => {
  const g = twoCliques();
  const { community, count } = detectCommunities(g, { resolution: 1, rng: createRng(1) });
  t.equal(count, 3);
  const label = (id: string) => community[g.index.get(id) as number];
  for (let i = 1; i < 5; i++) {
    t.equal(label(`a${i}`), label('a0'));
    t.equal(label(`b${i}`), label('b0'));
  }
  t.not(label('a0'), label('b0'));
  t.not(label('z'), label('a0'));
  t.not(label('z'), label('b0'));
  // Labels are numbered by first appearance in sorted id order: a* first, then b*, then z.
  t.same([label('a0'), label('b0'), label('z')], [0, 1, 2]);
});

t.test('same graph, resolution and seed give the identical partition', async (t) => {
  const g = karateGraph();
  for (const seed of [1, 7, 123456]) {
    const first = detectCommunities(g, { resolution: 1, rng: createRng(seed) });
    const second = detectCommunities(karateGraph(), { resolution: 1, rng: createRng(seed) });
    t.same([...second.community], [...first.community], `seed ${seed}`);
    t.equal(second.modularity, first.modularity);
  }
});

t.test('different seeds may give different partitions (the seed is really used)', async (t) => {
  const g = karateGraph();
  const partitions = new Set<string>();
  for (let seed = 1; seed <= 20; seed++) partitions.add(detectCommunities(g, { resolution: 1, rng: createRng(seed) }).community.join(','));
  t.ok(partitions.size > 1, `${partitions.size} distinct partitions over 20 seeds`);
});

t.test('a higher resolution gives more niches on karate', async (t) => {
  const g = karateGraph();
  const low = detectCommunities(g, { resolution: 0.5, rng: createRng(3) });
  const high = detectCommunities(g, { resolution: 2, rng: createRng(3) });
  t.ok(high.count > low.count, `${low.count} niches at 0.5, ${high.count} at 2`);
});

t.test('modularity matches graphology-metrics on the same partition', async (t) => {
  const g = karateGraph();
  const { community, count, modularity: q } = detectCommunities(g, { resolution: 1, rng: createRng(5) });
  const reference = new UndirectedGraph();
  for (let i = 0; i < g.order; i++) reference.addNode(String(i), { community: community[i] });
  for (let i = 0; i < g.order; i++) {
    for (let k = g.undirected.offsets[i] as number; k < (g.undirected.offsets[i + 1] as number); k++) {
      const j = g.undirected.targets[k] as number;
      if (j > i) reference.addEdge(String(i), String(j), { weight: g.undirected.weights[k] });
    }
  }
  const expected = graphologyModularity(reference, { getNodeCommunity: 'community', getEdgeWeight: 'weight' });
  t.ok(Math.abs(q - expected) < 1e-12, `Q ${q} vs graphology-metrics ${expected}`);
  const expectedAt2 = graphologyModularity(reference, { getNodeCommunity: 'community', getEdgeWeight: 'weight', resolution: 2 });
  t.ok(Math.abs(modularity(g, community, count, 2) - expectedAt2) < 1e-12, 'generalised modularity at gamma 2');
  // Karate's best known modularity is 0.4198 (Brandes et al. 2008); Louvain gets close.
  t.ok(q > 0.37 && q <= 0.4198 + 1e-9, `Q = ${q}`);
});

t.test('modularity by hand on the two cliques', async (t) => {
  const g = twoCliques();
  const { community, count, modularity: q } = detectCommunities(g, { resolution: 1, rng: createRng(9) });
  // m = 21 edges; each clique: 10 internal edges, volume 21; the bridge is cut.
  const expected = 2 * (10 / 21 - (21 / 42) ** 2);
  t.ok(Math.abs(q - expected) < 1e-12, `Q ${q} vs ${expected}`);
  t.equal(modularity(g, new Int32Array(g.order), 1), 0, 'a single community has Q = 0');
  t.equal(count, 3);
});

t.test('a graph without positive edges: every account alone, Q = 0', async (t) => {
  const g = buildCompactGraph({ accounts: ['a', 'b', 'c'], pairs: [{ source: 'a', target: 'b', positive: 0, negative: 2, count: 1 }] });
  const result = detectCommunities(g, { resolution: 1, rng: createRng(1) });
  t.same([...result.community], [0, 1, 2]);
  t.equal(result.count, 3);
  t.equal(result.modularity, 0);
});

t.test('groupByCommunity lists members in index order', async (t) => {
  const { starts, members } = groupByCommunity(Int32Array.from([1, 0, 1, 2, 0]), 3);
  t.same([...starts], [0, 2, 4, 5]);
  t.same([...members], [1, 4, 0, 2, 3]);
  t.throws(() => groupByCommunity(Int32Array.from([0, 3]), 2), /outside/);
});

t.test('rejects a bad resolution or a missing rng', async (t) => {
  const g = twoCliques();
  t.throws(() => detectCommunities(g, { resolution: 0, rng: createRng(1) }), /resolution must be a finite number > 0/);
  t.throws(() => detectCommunities(g, { resolution: Number.POSITIVE_INFINITY, rng: createRng(1) }), /resolution/);
  t.throws(() => detectCommunities(g, { resolution: 1, rng: undefined as unknown as () => number }), /rng must be a function/);
});
