/**
 * Where the communities phase spends its time: building the graphology graph from the CSR
 * (as src/analysis/communities.ts does) versus graphology-communities-louvain itself.
 *
 * usage: node --import=tsx bench/louvain-split.ts EDGELIST
 */
import { buildCompactGraph } from '../src/analysis/compact-graph.js';
import { louvain, UndirectedGraph } from '../src/analysis/graphology.js';
import { createRng } from '../src/analysis/random.js';
import { readProjection } from './edgelist.js';

const path = process.argv[2];
if (!path) throw new Error('usage: bench/louvain-split.ts EDGELIST');
const graph = buildCompactGraph(await readProjection(path));
const t0 = performance.now();
const g = new UndirectedGraph<Record<string, never>, { weight: number }>();
for (let i = 0; i < graph.order; i++) if ((graph.weightedDegree[i] as number) > 0) g.addNode(String(i));
for (let i = 0; i < graph.order; i++) {
  for (let k = graph.undirected.offsets[i] as number; k < (graph.undirected.offsets[i + 1] as number); k++) {
    const j = graph.undirected.targets[k] as number;
    if (j > i) g.addUndirectedEdge(String(i), String(j), { weight: graph.undirected.weights[k] as number });
  }
}
const t1 = performance.now();
louvain.detailed(g, { getEdgeWeight: 'weight', resolution: 1, rng: createRng(42), randomWalk: true, fastLocalMoves: true });
const t2 = performance.now();
process.stdout.write(JSON.stringify({ buildGraphologyMs: Math.round(t1 - t0), louvainMs: Math.round(t2 - t1) }) + '\n');
