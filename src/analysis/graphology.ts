/**
 * The one place that imports graphology packages.
 *
 * graphology ships CommonJS-flavoured declaration files: under `module: NodeNext` a
 * default import of `graphology`, `graphology-communities-louvain` or
 * `graphology-metrics/...` is typed as the whole module namespace, so `new Graph()`,
 * `louvain.detailed(...)` and `pagerank(...)` fail to type-check although they work at run time (Node hands an ESM importer the CommonJS
 * `module.exports`, which *is* the function). The casts below state that run-time fact
 * once; every other file imports from here.
 */
import graphologyModule, { DirectedGraph, UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import modularityModule from 'graphology-metrics/graph/modularity.js';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import type { CompactGraph } from './compact-graph.js';

type DefaultOf<M> = M extends { default: infer D } ? D : M;

/** graphology's Graph class (mixed by default; pass `{ type: 'directed' }` etc.). */
export const Graph = graphologyModule as unknown as DefaultOf<typeof graphologyModule>;
export { DirectedGraph, UndirectedGraph };

/** graphology-communities-louvain (Blondel et al. 2008), with `.detailed` and `.assign`. */
export const louvain = louvainModule as unknown as DefaultOf<typeof louvainModule>;

/** graphology-metrics' PageRank and modularity; reference implementations for the tests. */
export const graphologyPagerank = pagerankModule as unknown as DefaultOf<typeof pagerankModule>;
export const graphologyModularity = modularityModule as unknown as DefaultOf<typeof modularityModule>;

export type { AbstractGraph, Attributes } from 'graphology-types';

/**
 * graphology's UndirectedGraph of a compact graph's undirected positive ties (node keys
 * are account indices as strings; accounts without a tie are left out), to run
 * graphology's algorithms as references on the same data (tests, bench).
 */
export function undirectedGraphology(g: CompactGraph): UndirectedGraph<Record<string, never>, { weight: number }> {
  const ug = new UndirectedGraph<Record<string, never>, { weight: number }>();
  for (let i = 0; i < g.order; i++) if ((g.weightedDegree[i] as number) > 0) ug.addNode(String(i));
  for (let i = 0; i < g.order; i++) {
    for (let k = g.undirected.offsets[i] as number; k < (g.undirected.offsets[i + 1] as number); k++) {
      const j = g.undirected.targets[k] as number;
      if (j > i) ug.addUndirectedEdge(String(i), String(j), { weight: g.undirected.weights[k] as number });
    }
  }
  return ug;
}
