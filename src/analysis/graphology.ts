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
