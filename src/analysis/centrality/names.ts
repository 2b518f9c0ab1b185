/**
 * The names of the extra centralities an analysis can be asked for (select.ts computes them).
 * Apart from select.ts so that the result types can name them without importing the
 * algorithms, which import the compact graph, which imports the result types (an import cycle).
 */
export const CENTRALITY_NAMES = ['hubs', 'authorities', 'eigenvector', 'coreNumber', 'harmonic', 'betweenness', 'inDegree', 'outDegree'] as const;
export type CentralityName = (typeof CENTRALITY_NAMES)[number];
