/**
 * HITS and degrees on the CSR against graphology-metrics on the same graphs: a small
 * weighted directed graph and SNAP email-Eu-core (directed, 25,571 e-mails aggregated per pair).
 */
import t from 'tap';
import hitsModule from 'graphology-metrics/centrality/hits.js';
import { buildCompactGraph, type CompactGraph } from '../../../src/analysis/compact-graph.js';
import { degrees } from '../../../src/analysis/centrality/degree.js';
import { hits } from '../../../src/analysis/centrality/hits.js';
import { DirectedGraph } from '../../../src/analysis/graphology.js';
import { loadEmailEuCore, toProjection, type Edge } from '../../helpers/datasets.js';

type DefaultOf<M> = M extends { default: infer D } ? D : M;
const graphologyHits = hitsModule as unknown as DefaultOf<typeof hitsModule>;

/** The directed positive adjacency of a compact graph as a graphology graph. */
function toGraphology(g: CompactGraph) {
  const graph = new DirectedGraph();
  for (let i = 0; i < g.order; i++) graph.addNode(String(i));
  for (let i = 0; i < g.order; i++) {
    for (let k = g.out.offsets[i] as number; k < (g.out.offsets[i + 1] as number); k++) {
      graph.addEdge(String(i), String(g.out.targets[k]), { weight: g.out.weights[k] });
    }
  }
  return graph;
}

const small: Edge[] = [
  { source: 'a', target: 'b', weight: 3 },
  { source: 'a', target: 'c', weight: 1 },
  { source: 'b', target: 'c', weight: 2 },
  { source: 'c', target: 'a', weight: 5 },
  { source: 'c', target: 'f', weight: 1 },
  { source: 'd', target: 'a', weight: 0.5 },
  { source: 'd', target: 'f', weight: 2.5 },
  { source: 'e', target: 'd', weight: 1 },
  { source: 'e', target: 'c', weight: -4 },
];

const graphs: Array<[string, CompactGraph]> = [
  ['small weighted', buildCompactGraph(toProjection(small))],
  ['email-Eu-core', buildCompactGraph(toProjection(loadEmailEuCore().edges))],
];

for (const [name, g] of graphs) {
  t.test(`HITS matches graphology-metrics on ${name}`, async (t) => {
    const ours = hits(g, { tolerance: 1e-12, maxIterations: 10_000 });
    t.ok(ours.converged);
    const ref = graphologyHits(toGraphology(g), { getEdgeWeight: 'weight', tolerance: 1e-12, maxIterations: 10_000 });
    let worst = 0;
    for (let i = 0; i < g.order; i++) {
      worst = Math.max(worst, Math.abs((ours.hubs[i] as number) - (ref.hubs[String(i)] as number)));
      worst = Math.max(worst, Math.abs((ours.authorities[i] as number) - (ref.authorities[String(i)] as number)));
    }
    t.ok(worst < 1e-9, `largest difference ${worst}`);
    const sum = (a: Float64Array) => a.reduce((s, x) => s + x, 0);
    t.ok(Math.abs(sum(ours.hubs) - 1) < 1e-12 && Math.abs(sum(ours.authorities) - 1) < 1e-12, 'both sum to 1');
  });

  t.test(`degrees match graphology on ${name}`, async (t) => {
    const graph = toGraphology(g);
    const d = degrees(g);
    let mismatches = 0;
    for (let i = 0; i < g.order; i++) {
      const key = String(i);
      if (d.inDegree[i] !== graph.inDegree(key) || d.outDegree[i] !== graph.outDegree(key)) mismatches++;
      const neighbours = new Set([...graph.inNeighbors(key), ...graph.outNeighbors(key)]).size;
      if (d.degree[i] !== neighbours) mismatches++;
      let inW = 0;
      graph.forEachInEdge(key, (_e, attr) => (inW += attr.weight as number));
      if (Math.abs((d.inStrength[i] as number) - inW) > 1e-9) mismatches++;
    }
    t.equal(mismatches, 0);
  });
}

t.test('a negative tie adds nothing; a graph without arcs scores 0', async (t) => {
  const g = graphs[0]![1];
  const e = g.index.get('e') as number;
  t.equal(degrees(g).outDegree[e], 1, 'e -> c is negative: only e -> d counts');
  const empty = buildCompactGraph({ accounts: ['x', 'y'], pairs: [] });
  t.same(Array.from(hits(empty).hubs), [0, 0]);
  t.throws(() => hits(empty, { tolerance: 0 }), RangeError);
});
