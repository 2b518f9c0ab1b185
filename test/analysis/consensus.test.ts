import t from 'tap';
import { buildCompactGraph } from '../../src/analysis/compact-graph.js';
import { consensusCommunities, membershipFigures } from '../../src/analysis/consensus.js';
import { adjustedRandIndex } from '../../src/analysis/partition-similarity.js';
import { loadKarateClub, toProjection, type Edge } from '../helpers/datasets.js';

t.test('confidence and stability against hand-made runs', async (t) => {
  const final = Int32Array.from([0, 0, 1, 1]);
  const runs = [Int32Array.from([0, 0, 1, 1]), Int32Array.from([0, 1, 1, 1])];
  const f = membershipFigures(final, 2, runs, [2, 2]);
  // Run 2: niche {0,1} ties between its labels 0 and 1 -> the smaller label 0; account 1 misses.
  t.same([...f.confidence], [1, 0.5, 1, 1]);
  t.equal(f.stability[0], (1 + 1 / 2) / 2);
  t.equal(f.stability[1], (1 + 2 / 3) / 2);
});

t.test('two cliques and a bridge: every run agrees, one round', async (t) => {
  const edges: Edge[] = [];
  for (const p of ['a', 'b']) for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) if (i !== j) edges.push({ source: `${p}${i}`, target: `${p}${j}` });
  edges.push({ source: 'a0', target: 'b0' });
  const g = buildCompactGraph(toProjection(edges));
  const c = consensusCommunities(g.order, g.undirected, { resolution: 1, seed: 1, runs: 8 });
  t.equal(c.rounds, 1);
  t.ok(c.converged);
  t.equal(c.count, 2);
  t.equal(c.runs.length, 8);
});

t.test('consensus agrees with itself across seeds more than single runs do (karate, resolution 1)', async (t) => {
  const karate = loadKarateClub();
  const g = buildCompactGraph(toProjection(karate.edges, { undirected: true }));
  const mean = (runs: number) => {
    const parts = [1, 2, 3, 4, 5, 6].map((seed) => consensusCommunities(g.order, g.undirected, { resolution: 1, seed, runs }).community);
    let s = 0;
    let k = 0;
    for (let i = 0; i < parts.length; i++) for (let j = i + 1; j < parts.length; j++) {
      s += adjustedRandIndex(parts[i] as Int32Array, parts[j] as Int32Array);
      k++;
    }
    return s / k;
  };
  const single = mean(1);
  const consensus = mean(30);
  t.comment(`karate run-to-run ARI: single ${single.toFixed(3)}, consensus of 30 ${consensus.toFixed(3)}`);
  t.ok(consensus > single, `${consensus} > ${single}`);
  t.ok(consensus >= 0.9, `consensus ARI ${consensus}`);
});

t.test('options are checked', async (t) => {
  const g = buildCompactGraph(toProjection([{ source: 'a', target: 'b' }]));
  t.throws(() => consensusCommunities(g.order, g.undirected, { resolution: 1, seed: 1, runs: 0 }), /runs must be an integer >= 1/);
  t.throws(() => consensusCommunities(g.order, g.undirected, { resolution: 1, seed: 1, threshold: 0 }), /threshold/);
});
