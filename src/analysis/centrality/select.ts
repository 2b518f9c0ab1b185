/**
 * Extra centralities an analysis can be asked for (`centralities` param), computed on the
 * whole graph's compact CSR and reported per account next to its trust score:
 * - hubs, authorities: HITS on the positive directed ties (Kleinberg 1999), hits.ts;
 * - eigenvector: on the undirected positive ties (Bonacich 1972), eigenvector.ts;
 * - coreNumber: k-shell index, a better spreader measure than degree (Kitsak et al. 2010), k-core.ts;
 * - harmonic: harmonic closeness (Marchiori & Latora 2000), harmonic-closeness.ts;
 * - betweenness: Brandes (2001), exact up to its threshold, seeded pivot sampling above it
 *   (Brandes & Pich 2007; error bound in betweenness.ts);
 * - inDegree, outDegree: distinct accounts with a positive tie in and out, degree.ts.
 * None of them enters the trust score: they are there for comparison and other uses.
 */
import type { CompactGraph } from '../compact-graph.js';
import { betweenness } from './betweenness.js';
import { degrees } from './degree.js';
import { eigenvectorCentrality } from './eigenvector.js';
import { harmonicCloseness } from './harmonic-closeness.js';
import { hits } from './hits.js';
import { coreNumbers } from './k-core.js';
import { CENTRALITY_NAMES, type CentralityName } from './names.js';

export { CENTRALITY_NAMES, type CentralityName };

const PREFIX = 'nichegraph/analysis/centrality/select';

/** Each requested centrality as one value per account (index order of the graph). */
export function computeCentralities(graph: CompactGraph, names: readonly CentralityName[], seed: number): Map<CentralityName, ArrayLike<number>> {
  const out = new Map<CentralityName, ArrayLike<number>>();
  const wanted = new Set(names);
  for (const name of wanted) {
    if (!CENTRALITY_NAMES.includes(name)) throw new RangeError(`${PREFIX}: unknown centrality '${String(name)}'.`);
  }
  if (wanted.has('hubs') || wanted.has('authorities')) {
    const h = hits(graph);
    if (wanted.has('hubs')) out.set('hubs', h.hubs);
    if (wanted.has('authorities')) out.set('authorities', h.authorities);
  }
  if (wanted.has('eigenvector')) out.set('eigenvector', eigenvectorCentrality(graph).centrality);
  if (wanted.has('coreNumber')) out.set('coreNumber', coreNumbers(graph));
  if (wanted.has('harmonic')) out.set('harmonic', harmonicCloseness(graph, { normalized: true }));
  if (wanted.has('betweenness')) out.set('betweenness', betweenness(graph, { seed }).values);
  if (wanted.has('inDegree') || wanted.has('outDegree')) {
    const d = degrees(graph);
    if (wanted.has('inDegree')) out.set('inDegree', d.inDegree);
    if (wanted.has('outDegree')) out.set('outDegree', d.outDegree);
  }
  return out;
}
