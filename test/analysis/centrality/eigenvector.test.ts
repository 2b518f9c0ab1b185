/**
 * Eigenvector centrality on the CSR against graphology-metrics on the same undirected
 * weighted graphs: Zachary's karate club and email-Eu-core (pairs merged, weights summed).
 */
import t from 'tap';
import eigenvectorModule from 'graphology-metrics/centrality/eigenvector.js';
import { buildCompactGraph, type CompactGraph } from '../../../src/analysis/compact-graph.js';
import { eigenvectorCentrality } from '../../../src/analysis/centrality/eigenvector.js';
import { UndirectedGraph } from '../../../src/analysis/graphology.js';
import { loadEmailEuCore, loadKarateClub, toProjection } from '../../helpers/datasets.js';

type DefaultOf<M> = M extends { default: infer D } ? D : M;
const graphologyEigenvector = eigenvectorModule as unknown as DefaultOf<typeof eigenvectorModule>;

function toGraphology(g: CompactGraph) {
  const graph = new UndirectedGraph();
  for (let i = 0; i < g.order; i++) graph.addNode(String(i));
  for (let i = 0; i < g.order; i++) {
    for (let k = g.undirected.offsets[i] as number; k < (g.undirected.offsets[i + 1] as number); k++) {
      const j = g.undirected.targets[k] as number;
      if (i < j) graph.addEdge(String(i), String(j), { weight: g.undirected.weights[k] });
    }
  }
  return graph;
}

const graphs: Array<[string, CompactGraph]> = [
  ['karate club', buildCompactGraph(toProjection(loadKarateClub().edges))],
  ['email-Eu-core', buildCompactGraph(toProjection(loadEmailEuCore().edges))],
];

for (const [name, g] of graphs) {
  t.test(`eigenvector centrality matches graphology-metrics on ${name}`, async (t) => {
    const ours = eigenvectorCentrality(g, { tolerance: 1e-12, maxIterations: 10_000 });
    t.ok(ours.converged);
    const ref = graphologyEigenvector(toGraphology(g), { getEdgeWeight: 'weight', tolerance: 1e-12, maxIterations: 10_000 });
    let worst = 0;
    for (let i = 0; i < g.order; i++) worst = Math.max(worst, Math.abs((ours.centrality[i] as number) - (ref[String(i)] as number)));
    t.ok(worst < 1e-9, `largest difference ${worst}`);
    const norm = Math.hypot(...ours.centrality);
    t.ok(Math.abs(norm - 1) < 1e-12, 'unit length');
  });
}

t.test('options are checked', async (t) => {
  t.throws(() => eigenvectorCentrality(graphs[0]![1], { maxIterations: 0 }), RangeError);
});
