import t from 'tap';
import { modularity, renumber } from '../../src/analysis/communities.js';
import { buildCompactGraph, type CompactGraph, type Csr } from '../../src/analysis/compact-graph.js';
import { louvain as graphologyLouvain, undirectedGraphology } from '../../src/analysis/graphology.js';
import { csrModularity, louvain, renumberByFirstAppearance } from '../../src/analysis/louvain.js';
import { createRng } from '../../src/analysis/random.js';
import { readGmlGraph } from '../helpers/gml.js';
import { datasetPath, loadEmailEuCore, loadGraphologyBench, loadKarateClub, toProjection, type Edge } from '../helpers/datasets.js';
import { readFileSync } from 'node:fs';

const graphOf = (edges: Edge[], accounts: string[] = []): CompactGraph => buildCompactGraph(toProjection(edges, { undirected: true, accounts }));

function karate(): CompactGraph {
  return graphOf(loadKarateClub().edges);
}

function gml(name: string): CompactGraph {
  const g = readGmlGraph(readFileSync(datasetPath('classic', `${name}.gml`), 'utf8'));
  return graphOf(g.edges.map((e) => ({ source: String(e.source), target: String(e.target) })));
}

function clique(prefix: string, size: number): Edge[] {
  const edges: Edge[] = [];
  for (let i = 0; i < size; i++) for (let j = i + 1; j < size; j++) edges.push({ source: `${prefix}${i}`, target: `${prefix}${j}` });
  return edges;
}

/** `count` cliques of `size` nodes, clique k's node 0 tied to clique k+1's node 1 (a ring). */
function ringOfCliques(count: number, size: number): CompactGraph {
  const edges: Edge[] = [];
  const name = (k: number): string => `c${String(k).padStart(2, '0')}-`;
  for (let k = 0; k < count; k++) {
    edges.push(...clique(name(k), size));
    edges.push({ source: `${name(k)}0`, target: `${name((k + 1) % count)}1` });
  }
  return graphOf(edges);
}

/** Accounts grouped by label: a canonical form of a partition, independent of label numbers. */
function groupsOf(g: CompactGraph, community: Int32Array): string[][] {
  const groups = new Map<number, string[]>();
  for (let i = 0; i < g.order; i++) {
    const list = groups.get(community[i] as number) ?? [];
    list.push(g.ids[i] as string);
    groups.set(community[i] as number, list);
  }
  return [...groups.values()].map((list) => list.sort()).sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
}

/** graphology-communities-louvain on the same CSR (the reference implementation), Q at gamma. */
function graphologyQuality(g: CompactGraph, resolution: number, seed: number): number {
  const ug = undirectedGraphology(g);
  const result = graphologyLouvain.detailed(ug, { getEdgeWeight: 'weight', resolution, rng: createRng(seed), randomWalk: true, fastLocalMoves: true });
  const raw = new Int32Array(g.order).fill(-1);
  for (const [node, label] of Object.entries(result.communities)) raw[Number(node)] = label;
  const { community, count } = renumber(raw);
  return modularity(g, community, count, resolution);
}

t.test('same CSR, resolution and seed give the identical partition', async (t) => {
  for (const g of [karate(), graphOf(loadEmailEuCore().edges)]) {
    for (const seed of [1, 42, 987654321]) {
      const first = louvain(g.undirected, { rng: createRng(seed) });
      const second = louvain(g.undirected, { rng: createRng(seed) });
      t.same([...second.community], [...first.community], `seed ${seed}`);
      t.equal(second.quality, first.quality);
    }
  }
});

t.test('different seeds may give different partitions (the seed is really used)', async (t) => {
  const g = karate();
  const partitions = new Set<string>();
  for (let seed = 1; seed <= 20; seed++) partitions.add(louvain(g.undirected, { rng: createRng(seed) }).community.join(','));
  t.ok(partitions.size > 1, `${partitions.size} distinct partitions over 20 seeds`);
});

t.test('a higher resolution gives more communities', async (t) => {
  for (const [name, g] of [['karate', karate()], ['email-eu-core', graphOf(loadEmailEuCore().edges)]] as const) {
    const counts = [0.25, 1, 4].map((resolution) => {
      let total = 0;
      for (let seed = 1; seed <= 5; seed++) total += louvain(g.undirected, { resolution, rng: createRng(seed) }).count;
      return total / 5;
    });
    t.ok((counts[0] as number) < (counts[1] as number) && (counts[1] as number) < (counts[2] as number), `${name}: mean counts at gamma 0.25 / 1 / 4: ${counts.join(' / ')}`);
  }
});

t.test('a ring of cliques: each clique is a community', async (t) => {
  const g = ringOfCliques(12, 5);
  const expected = groupsOf(g, Int32Array.from(g.ids, (id) => Number(id.slice(1, 3))));
  for (let seed = 1; seed <= 10; seed++) {
    for (const fastLocalMoves of [true, false]) {
      const result = louvain(g.undirected, { rng: createRng(seed), fastLocalMoves });
      t.same(groupsOf(g, result.community), expected, `seed ${seed}, fastLocalMoves ${fastLocalMoves}`);
      t.equal(result.count, 12);
    }
  }
});

t.test('two disjoint cliques: two communities, labelled by first appearance', async (t) => {
  const g = graphOf([...clique('a', 4), ...clique('b', 6)]);
  for (let seed = 1; seed <= 5; seed++) {
    const result = louvain(g.undirected, { rng: createRng(seed) });
    t.same([...result.community], [0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
    t.equal(result.count, 2);
    // m = 6 + 15 = 21; Q = sum_c [w_in / 2m - (vol / 2m)^2] with vol 12 and 30.
    t.ok(Math.abs(result.quality - (1 - (12 / 42) ** 2 - (30 / 42) ** 2)) < 1e-12);
  }
});

t.test('a single edge: one community of two', async (t) => {
  const result = louvain(graphOf([{ source: 'x', target: 'y' }]).undirected, { rng: createRng(1) });
  t.same([...result.community], [0, 0]);
  t.equal(result.count, 1);
  t.equal(result.quality, 0);
});

t.test('isolated nodes stay alone; no edge at all; the empty graph', async (t) => {
  const g = graphOf([...clique('a', 3)], ['b', 'c']);
  const result = louvain(g.undirected, { rng: createRng(1) });
  t.same([...result.community], [0, 0, 0, 1, 2]);
  t.equal(result.count, 3);

  const lonely = graphOf([], ['p', 'q', 'r']);
  t.same(louvain(lonely.undirected, { rng: createRng(1) }), { community: Int32Array.from([0, 1, 2]), count: 3, levels: 0, moves: 0, quality: 0 });

  const empty: Csr = { offsets: new Int32Array(1), targets: new Int32Array(0), weights: new Float64Array(0) };
  const none = louvain(empty, { rng: createRng(1) });
  t.equal(none.count, 0);
  t.equal(none.community.length, 0);
});

t.test('weights count: a heavy tie pulls its ends together', async (t) => {
  // Path a - b - c - d; the middle tie dominates.
  const g = buildCompactGraph(
    toProjection(
      [
        { source: 'a', target: 'b', weight: 1 },
        { source: 'b', target: 'c', weight: 10 },
        { source: 'c', target: 'd', weight: 1 },
      ],
      { undirected: true },
    ),
  );
  const result = louvain(g.undirected, { rng: createRng(3) });
  t.equal(result.community[1], result.community[2]);
});

t.test('quality is the modularity at the run resolution, as communities.ts computes it', async (t) => {
  const g = graphOf(loadEmailEuCore().edges);
  for (const resolution of [0.5, 1, 2]) {
    const result = louvain(g.undirected, { resolution, rng: createRng(7) });
    const expected = modularity(g, result.community, result.count, resolution);
    t.ok(Math.abs(result.quality - expected) < 1e-12, `gamma ${resolution}: ${result.quality} vs ${expected}`);
    t.ok(Math.abs(csrModularity(g.undirected, result.community, result.count, resolution) - expected) < 1e-12);
  }
});

t.test('modularity on par with graphology-communities-louvain (mean over seeds)', async (t) => {
  const graphs: Array<[string, CompactGraph]> = [
    ['karate', karate()],
    ['football', gml('football')],
    ['lesmis', gml('lesmis')],
    ['email-eu-core', graphOf(loadEmailEuCore().edges)],
    ['graphology-bench undirected1000', graphOf(loadGraphologyBench('undirected1000'))],
    ['graphology-bench eurosis', graphOf(loadGraphologyBench('eurosis'))],
  ];
  const seeds = 20;
  for (const [name, g] of graphs) {
    for (const resolution of [1, 2]) {
      let ours = 0;
      let reference = 0;
      for (let seed = 1; seed <= seeds; seed++) {
        ours += louvain(g.undirected, { resolution, rng: createRng(seed) }).quality;
        reference += graphologyQuality(g, resolution, seed);
      }
      ours /= seeds;
      reference /= seeds;
      t.ok(ours >= reference - 0.003, `${name}, gamma ${resolution}: mean Q ${ours.toFixed(4)} vs graphology ${reference.toFixed(4)}`);
    }
  }
  // Known figures: karate's best modularity is 0.4198 (Brandes et al. 2008); the datasets
  // README gives Q 0.415 for igraph's Louvain on email-eu-core at gamma 1.
  const best = Math.max(...[1, 2, 3, 4, 5].map((seed) => louvain(karate().undirected, { rng: createRng(seed) }).quality));
  t.ok(best > 0.415 && best <= 0.4198 + 1e-9, `best karate Q over 5 seeds: ${best}`);
});

t.test('full sweeps (fastLocalMoves false) reach the same quality', async (t) => {
  const g = graphOf(loadEmailEuCore().edges);
  let fast = 0;
  let sweeps = 0;
  for (let seed = 1; seed <= 5; seed++) {
    fast += louvain(g.undirected, { rng: createRng(seed) }).quality;
    sweeps += louvain(g.undirected, { rng: createRng(seed), fastLocalMoves: false }).quality;
  }
  t.ok(Math.abs(fast - sweeps) / 5 < 0.005, `mean Q ${fast / 5} (queue) vs ${sweeps / 5} (sweeps)`);
});

t.test('renumberByFirstAppearance', async (t) => {
  t.same(renumberByFirstAppearance(Int32Array.from([5, 2, 5, 0, 2])), { community: Int32Array.from([0, 1, 0, 2, 1]), count: 3 });
  t.throws(() => renumberByFirstAppearance(Int32Array.from([0, -1])), { name: 'RangeError', message: /^nichegraph\/analysis\/louvain: negative label/ });
});

t.test('rejects bad input with the module prefix', async (t) => {
  const g = graphOf(clique('a', 3));
  const rng = createRng(1);
  const csr = g.undirected;
  const prefix = /^nichegraph\/analysis\/louvain: /;
  const message = (fn: () => unknown): string => {
    try {
      fn();
    } catch (error) {
      return (error as Error).message;
    }
    return '';
  };
  for (const [what, fn, pattern] of [
    ['resolution 0', () => louvain(csr, { resolution: 0, rng }), /resolution must be a finite number > 0/],
    ['resolution NaN', () => louvain(csr, { resolution: Number.NaN, rng }), /resolution/],
    ['negative tolerance', () => louvain(csr, { rng, tolerance: -1 }), /tolerance must be a finite number >= 0/],
    ['missing rng', () => louvain(csr, { rng: undefined as unknown as () => number }), /rng must be a function/],
    ['fastLocalMoves not boolean', () => louvain(csr, { rng, fastLocalMoves: 1 as unknown as boolean }), /fastLocalMoves must be a boolean/],
    ['plain arrays', () => louvain({ offsets: [0], targets: [], weights: [] } as unknown as Csr, { rng }), /Int32Arrays/],
    ['offsets not ending at the entries', () => louvain({ ...csr, offsets: Int32Array.from([0, 2, 4, 5]) }, { rng }), /offsets ends at 5/],
    ['weights length', () => louvain({ ...csr, weights: new Float64Array(2) }, { rng }), /csr.weights has 2 entries/],
    ['target out of range', () => louvain({ ...csr, targets: Int32Array.from([1, 2, 0, 2, 0, 3]) }, { rng }), /outside 0..2/],
    ['self entry', () => louvain({ ...csr, targets: Int32Array.from([1, 2, 0, 2, 0, 2]) }, { rng }), /self entry/],
    ['zero weight', () => louvain({ ...csr, weights: Float64Array.from([1, 1, 1, 0, 1, 1]) }, { rng }), /csr.weights\[3\] must be a finite number > 0/],
  ] as const) {
    const text = message(fn);
    t.match(text, prefix, `${what}: prefixed`);
    t.match(text, pattern, `${what}: ${text}`);
  }
  t.throws(() => csrModularity(csr, new Int32Array(2), 1), { name: 'RangeError', message: /^nichegraph\/analysis\/louvain: community has 2 labels for 3 nodes/ });
});
