import t from 'tap';
import { buildCompactGraph } from '../../src/analysis/compact-graph.js';
import { createRng } from '../../src/analysis/random.js';
import { arcWeight, edgeTriangles, findEntry, tieStrength, twinEntries } from '../../src/analysis/tie-strength.js';
import { toProjection, type Edge } from '../helpers/datasets.js';

// Triangle a-b-c, pendant d on c. a -> b twice as strong as b -> a; c -> d one-way.
const edges: Edge[] = [
  { source: 'a', target: 'b', weight: 2 },
  { source: 'b', target: 'a' },
  { source: 'b', target: 'c' },
  { source: 'c', target: 'b' },
  { source: 'a', target: 'c' },
  { source: 'c', target: 'a' },
  { source: 'c', target: 'a' },
  { source: 'c', target: 'd' },
];
const graph = buildCompactGraph(toProjection(edges));

t.test('triangles and overlap per tie', async (t) => {
  const tri = edgeTriangles(graph.order, graph.undirected);
  const at = (i: string, j: string) => {
    const a = graph.index.get(i) as number;
    const b = graph.index.get(j) as number;
    for (let k = graph.undirected.offsets[a] as number; k < (graph.undirected.offsets[a + 1] as number); k++) if (graph.undirected.targets[k] === b) return k;
    throw new Error(`no tie ${i}-${j}`);
  };
  t.same([tri[at('a', 'b')], tri[at('b', 'a')], tri[at('b', 'c')], tri[at('c', 'd')], tri[at('d', 'c')]], [1, 1, 1, 0, 0]);
  const community = new Int32Array(graph.order); // all in one niche
  const s = tieStrength(graph, community);
  // a-b: common c; k_a = 2, k_b = 2 -> 1 / (1 + 1 - 1) = 1. a-c: k_c = 3 -> 1 / (1 + 2 - 1) = 0.5.
  t.equal(s.overlap[at('a', 'b')], 1);
  t.equal(s.overlap[at('a', 'c')], 0.5);
  t.equal(s.overlap[at('c', 'd')], 0);
  t.equal(s.reciprocalWeight[at('a', 'b')], 1, 'min(2, 1)');
  t.equal(s.reciprocalWeight[at('c', 'd')], 0, 'one-way');
  t.equal(arcWeight(graph, graph.index.get('a') as number, graph.index.get('b') as number), 2);
});

t.test('per account: reciprocity, repeat, embeddedness inside the niche', async (t) => {
  const id = (x: string) => graph.index.get(x) as number;
  const s = tieStrength(graph, new Int32Array(graph.order));
  // a receives 1 from b and 2 from c, gives back min(2,1) + min(1,2) = 2 -> 2/3.
  t.equal(s.reciprocity[id('a')], 2 / 3);
  // b receives 2 from a and 1 from c, gives back 1 + 1 -> 2/3.
  t.equal(s.reciprocity[id('b')], 2 / 3);
  t.equal(s.reciprocity[id('d')], 0, 'd never answers c');
  // c -> a happened twice: c came back to a; b -> a once.
  t.equal(s.repeat[id('a')], 1 / 2);
  t.equal(s.repeat[id('b')], 0);
  // a's ties: a-b (weight 3, overlap 1) and a-c (weight 3, overlap 0.5).
  t.equal(s.embeddedness[id('a')], 0.75);
  // Another niche for d: c's tie to d no longer counts for c.
  const split = Int32Array.from(graph.ids, (x) => (x === 'd' ? 1 : 0));
  const s2 = tieStrength(graph, split);
  t.equal(s2.reciprocity[id('d')], 0);
  t.equal(s2.embeddedness[id('d')], 0, 'no in-niche tie');
});

t.test('a disputed pair never counts as a repeated tie', async (t) => {
  const g = buildCompactGraph(toProjection([
    { source: 'x', target: 'y' },
    { source: 'x', target: 'y' },
    { source: 'x', target: 'y', weight: -1 },
    { source: 'z', target: 'y' },
    { source: 'z', target: 'y' },
  ]));
  const s = tieStrength(g, new Int32Array(g.order));
  t.equal(s.repeat[g.index.get('y') as number], 1 / 2, 'z came back; x came back but also disputed');
});

t.test('triangle counts match brute force on random graphs', async (t) => {
  for (let seed = 1; seed <= 5; seed++) {
    const rng = createRng(seed);
    const n = 30;
    const list: Edge[] = [];
    for (let k = 0; k < 150; k++) list.push({ source: `v${Math.floor(rng() * n)}`, target: `v${Math.floor(rng() * n)}` });
    const g = buildCompactGraph(toProjection(list));
    const tri = edgeTriangles(g.order, g.undirected);
    const adj = new Set<string>();
    for (let i = 0; i < g.order; i++) for (let k = g.undirected.offsets[i] as number; k < (g.undirected.offsets[i + 1] as number); k++) adj.add(`${i},${g.undirected.targets[k]}`);
    for (let i = 0; i < g.order; i++) {
      for (let k = g.undirected.offsets[i] as number; k < (g.undirected.offsets[i + 1] as number); k++) {
        const j = g.undirected.targets[k] as number;
        let common = 0;
        for (let w = 0; w < g.order; w++) if (adj.has(`${i},${w}`) && adj.has(`${j},${w}`)) common++;
        if (tri[k] !== common) t.fail(`seed ${seed}: tie ${i}-${j} has ${tri[k]} triangles, brute force ${common}`);
      }
    }
  }
  t.pass('5 random graphs agree');
});

t.test('twinEntries pairs every entry (i, j) of the undirected CSR with its (j, i)', async (t) => {
  const rng = createRng(11);
  const random: Edge[] = [];
  for (let k = 0; k < 400; k++) {
    const s = Math.floor(rng() * 60);
    const d = Math.floor(rng() * 60);
    if (s !== d) random.push({ source: `n${s}`, target: `n${d}` });
  }
  const g = buildCompactGraph(toProjection(random));
  const { offsets, targets } = g.undirected;
  const twin = twinEntries(g.order, g.undirected);
  let checked = 0;
  for (let i = 0; i < g.order; i++) {
    for (let k = offsets[i] as number; k < (offsets[i + 1] as number); k++) {
      const j = targets[k] as number;
      if (twin[k] !== findEntry(g.undirected, j, i)) t.fail(`entry ${k} (${i}, ${j}) has the wrong twin`);
      checked++;
    }
  }
  t.equal(checked, targets.length);
  t.pass(`${checked} entries, each twin found by binary search too`);
});
