/**
 * Betweenness on the CSR. Exact values against graphology-metrics' `betweenness`
 * (unweighted, same `normalized`) on a hand graph (also checked against values worked out
 * by hand), the karate club and a synthetic conversation graph of 2,500 accounts; the
 * sampled estimate (Brandes-Pich pivots) on that synthetic graph against its exact values
 * and the Hoeffding bound documented in src/analysis/centrality/betweenness.ts.
 */
import t from 'tap';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import { buildCompactGraph, type CompactGraph } from '../../../src/analysis/compact-graph.js';
import { betweenness, samplingErrorBound, DEFAULTS } from '../../../src/analysis/centrality/betweenness.js';
import { UndirectedGraph } from '../../../src/analysis/graphology.js';
import { createRng } from '../../../src/analysis/random.js';
import { generateConversationGraph } from '../../../src/synthetic/conversation-graph.js';
import { loadKarateClub, toProjection, type Edge } from '../../helpers/datasets.js';

type DefaultOf<M> = M extends { default: infer D } ? D : M;
const graphologyBetweenness = betweennessModule as unknown as DefaultOf<typeof betweennessModule>;

/** The undirected positive adjacency as an unweighted graphology graph. */
function reference(g: CompactGraph, normalized: boolean): Float64Array {
  const graph = new UndirectedGraph();
  for (let i = 0; i < g.order; i++) graph.addNode(String(i));
  for (let i = 0; i < g.order; i++) {
    for (let k = g.undirected.offsets[i] as number; k < (g.undirected.offsets[i + 1] as number); k++) {
      const j = g.undirected.targets[k] as number;
      if (i < j) graph.addEdge(String(i), String(j));
    }
  }
  const mapping = graphologyBetweenness(graph, { normalized, getEdgeWeight: null });
  return Float64Array.from({ length: g.order }, (_, i) => mapping[String(i)] as number);
}

function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  return worst;
}

// Path a-b-c, then a square c-d-f-e-c (two shortest d-e and c-f paths); x only in a dispute.
const hand: Edge[] = [
  { source: 'a', target: 'b' },
  { source: 'c', target: 'b', weight: 4 },
  { source: 'c', target: 'd' },
  { source: 'c', target: 'e' },
  { source: 'd', target: 'f' },
  { source: 'f', target: 'e' },
  { source: 'e', target: 'x', weight: -1 },
];

t.test('hand graph: values by hand and graphology-metrics', async (t) => {
  const g = buildCompactGraph(toProjection(hand));
  const raw = betweenness(g, { normalized: false });
  t.equal(raw.exact, true);
  // b: a with c, d, e, f (4); c: {a, b} x {d, e, f} (6) + half of d-e (0.5);
  // d and e: half of f with a, b, c (1.5); f: half of d-e (0.5).
  const byHand: Record<string, number> = { a: 0, b: 4, c: 6.5, d: 1.5, e: 1.5, f: 0.5, x: 0 };
  for (const [id, value] of Object.entries(byHand)) {
    t.ok(Math.abs((raw.values[g.index.get(id) as number] as number) - value) < 1e-12, `${id} = ${value}`);
  }
  for (const normalized of [false, true]) {
    const d = maxAbsDiff(betweenness(g, { normalized }).values, reference(g, normalized));
    t.ok(d < 1e-9, `normalized=${normalized}: max abs difference ${d}`);
  }
  const n = g.order;
  t.ok(Math.abs((betweenness(g).values[g.index.get('c') as number] as number) - (2 * 6.5) / ((n - 1) * (n - 2))) < 1e-12);
});

t.test('karate club matches graphology-metrics', async (t) => {
  const g = buildCompactGraph(toProjection(loadKarateClub().edges));
  for (const normalized of [false, true]) {
    const ours = betweenness(g, { normalized });
    t.equal(ours.exact, true);
    t.equal(ours.sources, g.order);
    const d = maxAbsDiff(ours.values, reference(g, normalized));
    t.ok(d < 1e-9, `normalized=${normalized}: max abs difference ${d}`);
  }
  // Zachary's instructor ('0') has the largest betweenness, about 0.4376 normalised.
  const values = betweenness(g).values;
  t.equal(values.indexOf(Math.max(...values)), g.index.get('0'));
  t.ok(Math.abs((values[g.index.get('0') as number] as number) - 0.4376) < 1e-4);
});

t.test('sampled estimate on a 2,500-account synthetic graph', async (t) => {
  const synthetic = generateConversationGraph({ seed: 11, accounts: 2500, niches: 30, interactions: 20_000 });
  const g = buildCompactGraph(toProjection(synthetic.interactions.map((e) => ({ source: e.source, target: e.target, weight: e.weight }))));
  const n = g.order;
  t.ok(n > DEFAULTS.exactThreshold, `n = ${n} is above the exact threshold`);

  // samples >= n: all sources, and the same values as graphology-metrics.
  const exact = betweenness(g, { samples: n });
  t.equal(exact.exact, true);
  t.equal(exact.sources, n);
  const d = maxAbsDiff(exact.values, reference(g, true));
  t.ok(d < 1e-9, `exact at n = ${n}: max abs difference from graphology ${d}`);
  t.same(Array.from(betweenness(g, { samples: n + 10 }).values), Array.from(exact.values));

  const k = 300;
  const sampled = betweenness(g, { samples: k, seed: 5 });
  t.equal(sampled.exact, false);
  t.equal(sampled.sources, k);
  t.not(maxAbsDiff(sampled.values, exact.values), 0, 'the estimate is not the exact value');

  // Per-account bound at delta = 0.05: at most about 5% of accounts may exceed it
  // (allow 10% for the spread of this one draw); the all-accounts bound must hold everywhere.
  const delta = 0.05;
  const eps = samplingErrorBound(n, k, delta);
  const epsAll = samplingErrorBound(n, k, delta / n);
  let outside = 0;
  let worst = 0;
  for (let i = 0; i < n; i++) {
    const err = Math.abs((sampled.values[i] as number) - (exact.values[i] as number));
    if (err > eps) outside++;
    worst = Math.max(worst, err);
  }
  t.ok(outside <= 0.1 * n, `${outside} of ${n} accounts outside eps = ${eps.toFixed(4)}`);
  t.ok(worst <= epsAll, `worst error ${worst.toExponential(3)} <= all-accounts bound ${epsAll.toFixed(4)}`);

  // Scaling by n / k: the estimated total stays close to the exact total (a missing or
  // wrong scale factor would be off by a factor of about n / k = 8).
  const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
  const ratio = sum(sampled.values) / sum(exact.values);
  t.ok(Math.abs(ratio - 1) < 0.1, `estimated / exact total = ${ratio.toFixed(4)}`);

  // The most central accounts are found: at least 7 of the exact top 10 are in the estimated top 20.
  const top = (a: Float64Array, m: number) => Array.from(a.keys()).sort((x, y) => (a[y] as number) - (a[x] as number)).slice(0, m);
  const estimatedTop = new Set(top(sampled.values, 20));
  const hits = top(exact.values, 10).filter((i) => estimatedTop.has(i)).length;
  t.ok(hits >= 7, `${hits} of the exact top 10 in the estimated top 20`);

  // Deterministic for a fixed seed (or rng), different for another seed.
  t.same(Array.from(betweenness(g, { samples: k, seed: 5 }).values), Array.from(sampled.values));
  t.same(Array.from(betweenness(g, { samples: k, rng: createRng(5) }).values), Array.from(sampled.values));
  t.not(maxAbsDiff(betweenness(g, { samples: k, seed: 6 }).values, sampled.values), 0);
});

t.test('the exact threshold decides, and validation', async (t) => {
  const g = buildCompactGraph(toProjection(loadKarateClub().edges));
  const forced = betweenness(g, { exactThreshold: 0, samples: 10, seed: 3 });
  t.equal(forced.exact, false);
  t.equal(forced.sources, 10);
  t.equal(betweenness(g, { samples: 10 }).exact, true, 'n <= exactThreshold is exact whatever samples says');
  t.same(Array.from(betweenness(buildCompactGraph({ accounts: ['p', 'q'], pairs: [] })).values), [0, 0]);
  t.same(Array.from(betweenness(buildCompactGraph({ accounts: [], pairs: [] })).values), []);
  const re = /^nichegraph\/analysis\/centrality\/betweenness: /;
  t.throws(() => betweenness(null as never), re);
  t.throws(() => betweenness(g, { samples: 0 }), re);
  t.throws(() => betweenness(g, { samples: 2.5 }), re);
  t.throws(() => betweenness(g, { exactThreshold: -1 }), re);
  t.throws(() => betweenness(g, { normalized: 1 as never }), re);
  t.throws(() => betweenness(g, { rng: 3 as never }), re);
  t.throws(() => samplingErrorBound(2, 10, 0.05), re);
  t.throws(() => samplingErrorBound(100, 10, 1), re);
  t.ok(Math.abs(samplingErrorBound(101, 200, 0.05) - (101 / 100) * Math.sqrt(Math.log(40) / 400)) < 1e-15);
});
