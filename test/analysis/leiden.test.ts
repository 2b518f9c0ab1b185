/**
 * Leiden on the CSR (src/analysis/leiden.ts): determinism, the connectivity guarantee as a
 * property over seeds and graphs, known optima of small classics, CPM.
 *
 * Known optima (exact modularity maximisation, G. Agarwal & D. Kempe, Eur. Phys. J. B 66,
 * 2008; D. Aloise et al., Discrete Appl. Math. 158, 2010; U. Brandes et al., IEEE TKDE 20,
 * 2008): karate 0.4198, dolphins 0.5285, polbooks 0.5272, football 0.6046. Leiden's mean
 * over 20 seeds must come within 0.005 of them (and never above: they are maxima). The
 * comparison with leidenalg itself, over seeds with a statistical tolerance, is in
 * `npm run quality` (scripts/quality/leiden-check.ts), which needs Debian's Python packages.
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { buildCompactGraph, type CompactGraph, type Csr } from '../../src/analysis/compact-graph.js';
import { cpmQuality, csrModularityOf, leiden } from '../../src/analysis/leiden.js';
import { louvain } from '../../src/analysis/louvain.js';
import { countDisconnected } from '../../src/analysis/connectivity.js';
import { createRng } from '../../src/analysis/random.js';
import { datasetPath, loadEmailEuCore, loadKarateClub, toProjection, type Edge } from '../helpers/datasets.js';
import { readGmlGraph } from '../helpers/gml.js';

const graphOf = (edges: Edge[], accounts: string[] = []): CompactGraph => buildCompactGraph(toProjection(edges, { undirected: true, accounts }));
const gml = (name: string): CompactGraph =>
  graphOf(readGmlGraph(readFileSync(datasetPath('classic', `${name}.gml`), 'utf8')).edges.map((e) => ({ source: String(e.source), target: String(e.target) })));

/** A random graph with planted groups: a few dense groups, sparse noise, bridges (seeded). */
function planted(seed: number, n: number): CompactGraph {
  const rng = createRng(seed);
  const groups = 2 + Math.floor(rng() * 6);
  const edges: Edge[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const same = i % groups === j % groups;
      if (rng() < (same ? 0.3 : 0.02)) edges.push({ source: `v${i}`, target: `v${j}`, weight: 1 + Math.floor(rng() * 3) });
    }
  }
  return graphOf(edges, Array.from({ length: n }, (_, i) => `v${i}`));
}

/** Connected parts of each community, counted by a BFS of the test's own. */
function disconnected(csr: Csr, community: Int32Array): number {
  const n = community.length;
  const seen = new Uint8Array(n);
  const parts = new Map<number, number>();
  for (let s = 0; s < n; s++) {
    if (seen[s]) continue;
    seen[s] = 1;
    const c = community[s] as number;
    parts.set(c, (parts.get(c) ?? 0) + 1);
    const stack = [s];
    while (stack.length > 0) {
      const i = stack.pop() as number;
      for (let e = csr.offsets[i] as number; e < (csr.offsets[i + 1] as number); e++) {
        const j = csr.targets[e] as number;
        if (!seen[j] && community[j] === c) {
          seen[j] = 1;
          stack.push(j);
        }
      }
    }
  }
  return [...parts.values()].filter((p) => p > 1).length;
}

t.test('same CSR, options and seed give the identical partition; the seed is used', async (t) => {
  const g = graphOf(loadKarateClub().edges);
  const seen = new Set<string>();
  for (const seed of [1, 2, 3, 42, 987654321]) {
    const a = leiden(g.undirected, { rng: createRng(seed) });
    const b = leiden(g.undirected, { rng: createRng(seed) });
    t.same([...b.community], [...a.community]);
    seen.add(a.community.join(','));
  }
  const email = graphOf(loadEmailEuCore().edges);
  const parts = new Set([1, 2, 3].map((seed) => leiden(email.undirected, { rng: createRng(seed) }).community.join(',')));
  t.ok(parts.size > 1 || seen.size > 1, 'different seeds can give different partitions');
});

t.test('property: every community is connected (modularity and CPM, seeds x graphs)', async (t) => {
  const graphs: Array<[string, CompactGraph]> = [
    ['karate', graphOf(loadKarateClub().edges)],
    ['football', gml('football')],
    ['dolphins', gml('dolphins')],
    ['lesmis', gml('lesmis')],
  ];
  for (let seed = 1; seed <= 12; seed++) graphs.push([`planted ${seed}`, planted(seed, 40 + seed * 7)]);
  let louvainLeft = 0;
  let checked = 0;
  for (const [name, g] of graphs) {
    for (let seed = 1; seed <= 8; seed++) {
      for (const [quality, resolution] of [['modularity', 1], ['modularity', 3], ['cpm', 0.05], ['cpm', 0.3]] as const) {
        const r = leiden(g.undirected, { quality, resolution, rng: createRng(seed), iterations: seed % 2 === 0 ? 2 : -1 });
        const broken = disconnected(g.undirected, r.community);
        if (broken > 0) t.fail(`${name}, ${quality} ${resolution}, seed ${seed}: ${broken} disconnected communities`);
        checked++;
      }
      const l = louvain(g.undirected, { rng: createRng(seed) });
      louvainLeft += countDisconnected(g.undirected, l.community, l.count);
    }
  }
  t.pass(`${checked} partitions, all communities connected; plain Louvain left ${louvainLeft} disconnected on the same graphs and seeds`);
});

t.test('Leiden splits what Louvain leaves disconnected: a bridge node moved out', async (t) => {
  // On email-eu-core plain Louvain leaves disconnected communities for some seeds; Leiden never.
  const g = graphOf(loadEmailEuCore().edges);
  let louvainLeft = 0;
  for (let seed = 1; seed <= 10; seed++) {
    const r = leiden(g.undirected, { rng: createRng(seed) });
    t.equal(disconnected(g.undirected, r.community), 0, `seed ${seed}`);
    const l = louvain(g.undirected, { rng: createRng(seed) });
    louvainLeft += countDisconnected(g.undirected, l.community, l.count);
  }
  t.comment(`email-eu-core, seeds 1-10: plain Louvain left ${louvainLeft} disconnected communities`);
});

t.test('modularity: mean over seeds within 0.005 of the known optima', async (t) => {
  const optima: Array<[string, CompactGraph, number]> = [
    ['karate', graphOf(loadKarateClub().edges), 0.4198],
    ['dolphins', gml('dolphins'), 0.5285],
    ['polbooks', gml('polbooks'), 0.5272],
    ['football', gml('football'), 0.6046],
  ];
  for (const [name, g, best] of optima) {
    let sum = 0;
    let max = -1;
    for (let seed = 1; seed <= 20; seed++) {
      const q = leiden(g.undirected, { rng: createRng(seed) }).quality;
      sum += q;
      max = Math.max(max, q);
    }
    const mean = sum / 20;
    t.ok(mean >= best - 0.005, `${name}: mean Q ${mean.toFixed(4)} vs optimum ${best}`);
    t.ok(max <= best + 5e-4, `${name}: best Q ${max.toFixed(4)} does not exceed the optimum`);
  }
});

t.test('quality is the modularity / CPM of the returned partition', async (t) => {
  const g = gml('football');
  for (const resolution of [0.5, 1, 2]) {
    const r = leiden(g.undirected, { resolution, rng: createRng(4) });
    t.ok(Math.abs(r.quality - csrModularityOf(g.undirected, r.community, r.count, resolution)) < 1e-12);
  }
  const c = leiden(g.undirected, { quality: 'cpm', resolution: 0.1, rng: createRng(4) });
  t.ok(Math.abs(c.quality - cpmQuality(g.undirected, c.community, c.count, 0.1)) < 1e-9);
});

t.test('CPM: cliques joined by single ties are found at a density between the two', async (t) => {
  const edges: Edge[] = [];
  for (let k = 0; k < 6; k++) {
    for (let i = 0; i < 6; i++) for (let j = i + 1; j < 6; j++) edges.push({ source: `c${k}-${i}`, target: `c${k}-${j}` });
    edges.push({ source: `c${k}-0`, target: `c${(k + 1) % 6}-1` });
  }
  const g = graphOf(edges);
  for (let seed = 1; seed <= 5; seed++) {
    const r = leiden(g.undirected, { quality: 'cpm', resolution: 0.5, rng: createRng(seed) });
    t.equal(r.count, 6, `seed ${seed}`);
    for (let i = 0; i < g.order; i++) t.equal(r.community[i], r.community[g.index.get(`${(g.ids[i] as string).split('-')[0]}-2`) as number]);
  }
  // Very low density threshold: everything connected is one community.
  t.equal(leiden(g.undirected, { quality: 'cpm', resolution: 0.001, rng: createRng(1) }).count, 1);
});

t.test('an initial partition is improved, never made worse; iterations until stable', async (t) => {
  const g = graphOf(loadEmailEuCore().edges);
  const start = louvain(g.undirected, { rng: createRng(5) });
  const r = leiden(g.undirected, { rng: createRng(5), initial: start.community });
  t.ok(r.quality >= start.quality - 1e-12, `${r.quality} >= ${start.quality}`);
  const stable = leiden(g.undirected, { rng: createRng(5), iterations: -1, maxIterations: 50 });
  t.ok(stable.stable, `stable after ${stable.iterations} iterations`);
});

t.test('isolated nodes stay alone; the empty graph; invalid options', async (t) => {
  const g = graphOf([{ source: 'a', target: 'b' }, { source: 'b', target: 'c' }, { source: 'a', target: 'c' }], ['x', 'y']);
  const r = leiden(g.undirected, { rng: createRng(1) });
  t.equal(r.count, 3);
  t.not(r.community[g.index.get('x') as number], r.community[g.index.get('y') as number]);
  const empty: Csr = { offsets: new Int32Array(1), targets: new Int32Array(0), weights: new Float64Array(0) };
  t.equal(leiden(empty, { rng: createRng(1) }).count, 0);
  t.throws(() => leiden(g.undirected, { rng: createRng(1), resolution: 0 }), /resolution must be a finite number > 0/);
  t.throws(() => leiden(g.undirected, { rng: createRng(1), quality: 'x' as 'cpm' }), /quality must be/);
  t.throws(() => leiden(g.undirected, { rng: createRng(1), iterations: 0 }), /iterations must be a non-zero integer/);
  t.throws(() => leiden(g.undirected, { rng: createRng(1), randomness: 0 }), /randomness/);
});

t.test('countFirstPass: the first local-moving pass can leave a community disconnected (what Louvain would aggregate by); the result never is', async (t) => {
  // Two triangles joined only through a bridge b, all starting in one community; b is tied
  // far more strongly to a clique D (the second starting community). Whatever the visiting
  // order, the first pass moves b to D and the triangles stay together (each node gains
  // more by keeping its two triangle mates than by leaving alone): one disconnected community.
  const edges: Edge[] = [];
  for (const [x, y] of [['a1', 'a2'], ['a2', 'a3'], ['a1', 'a3'], ['c1', 'c2'], ['c2', 'c3'], ['c1', 'c3'], ['b', 'a1'], ['b', 'c1']]) edges.push({ source: x as string, target: y as string });
  const clique = ['d1', 'd2', 'd3', 'd4', 'd5'];
  for (let i = 0; i < clique.length; i++) {
    for (let j = i + 1; j < clique.length; j++) edges.push({ source: clique[i] as string, target: clique[j] as string });
    edges.push({ source: 'b', target: clique[i] as string, weight: 3 });
  }
  const g = buildCompactGraph(toProjection(edges, { undirected: true }));
  const initial = Int32Array.from(g.ids, (id) => (id.startsWith('d') ? 1 : 0));
  for (const seed of [1, 2, 3, 4, 5]) {
    const r = leiden(g.undirected, { rng: createRng(seed), initial, countFirstPass: true });
    t.equal(r.firstPassDisconnected, 1, `seed ${seed}: the first pass left the two triangles in one community`);
    t.equal(countDisconnected(g.undirected, r.community, r.count), 0, `seed ${seed}: the result's communities are connected`);
    t.equal(r.community[g.index.get('b') as number], r.community[g.index.get('d1') as number], `seed ${seed}: b went to the clique`);
  }
  t.equal(leiden(g.undirected, { rng: createRng(1), initial }).firstPassDisconnected, null, 'not counted unless asked');
});
