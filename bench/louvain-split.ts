/**
 * The communities phase, two ways, on the same compact graph and seeds:
 * - graphology: building graphology's UndirectedGraph from the CSR, then
 *   graphology-communities-louvain (randomWalk + fastLocalMoves, as communities.ts ran it
 *   before src/analysis/louvain.ts);
 * - csr: src/analysis/louvain.ts, straight on the CSR (what communities.ts runs now).
 * Modularity is Newman-Girvan Q (gamma = 1) of each partition, computed by the same
 * function for both. Prints one JSON line per implementation and seed, then the means.
 *
 * usage: node --import=tsx bench/louvain-split.ts EDGELIST [--seeds N] [--resolution G]
 */
import { modularity, renumber } from '../src/analysis/communities.js';
import { buildCompactGraph, type CompactGraph } from '../src/analysis/compact-graph.js';
import { louvain as graphologyLouvain, undirectedGraphology } from '../src/analysis/graphology.js';
import { louvain } from '../src/analysis/louvain.js';
import { createRng } from '../src/analysis/random.js';
import { readProjection } from './edgelist.js';

const args = process.argv.slice(2);
const path = args.find((a, i) => !a.startsWith('--') && (i === 0 || !(args[i - 1] as string).startsWith('--')));
if (!path) throw new Error('usage: bench/louvain-split.ts EDGELIST [--seeds N] [--resolution G]');
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const seeds = option('--seeds', 5);
const resolution = option('--resolution', 1);

const graph = buildCompactGraph(await readProjection(path));
process.stdout.write(JSON.stringify({ file: path, nodes: graph.order, edges: graph.undirectedEdges, seeds, resolution }) + '\n');

function viaGraphology(g: CompactGraph, seed: number) {
  const t0 = performance.now();
  const ug = undirectedGraphology(g);
  const t1 = performance.now();
  const result = graphologyLouvain.detailed(ug, { getEdgeWeight: 'weight', resolution, rng: createRng(seed), randomWalk: true, fastLocalMoves: true });
  const t2 = performance.now();
  const raw = new Int32Array(g.order).fill(-1);
  for (const [node, label] of Object.entries(result.communities)) raw[Number(node)] = label;
  const { community, count } = renumber(raw);
  return { buildMs: t1 - t0, louvainMs: t2 - t1, totalMs: t2 - t0, count, modularity: modularity(g, community, count) };
}

function viaCsr(g: CompactGraph, seed: number) {
  const t0 = performance.now();
  const { community, count, levels } = louvain(g.undirected, { resolution, rng: createRng(seed) });
  const t1 = performance.now();
  return { buildMs: 0, louvainMs: t1 - t0, totalMs: t1 - t0, count, levels, modularity: modularity(g, community, count) };
}

const runs: Record<string, Array<{ totalMs: number; buildMs: number; louvainMs: number; modularity: number; count: number }>> = { graphology: [], csr: [] };
for (let seed = 1; seed <= seeds; seed++) {
  // Alternate which goes first, so neither always runs on a warmer heap.
  const order = seed % 2 === 1 ? (['graphology', 'csr'] as const) : (['csr', 'graphology'] as const);
  for (const impl of order) {
    const r = impl === 'graphology' ? viaGraphology(graph, seed) : viaCsr(graph, seed);
    runs[impl]?.push(r);
    process.stdout.write(JSON.stringify({ impl, seed, ...round(r) }) + '\n');
  }
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const summary: Record<string, unknown> = {};
for (const [impl, rs] of Object.entries(runs)) {
  summary[impl] = round({
    buildMs: mean(rs.map((r) => r.buildMs)),
    louvainMs: mean(rs.map((r) => r.louvainMs)),
    totalMs: mean(rs.map((r) => r.totalMs)),
    modularity: mean(rs.map((r) => r.modularity)),
    minModularity: Math.min(...rs.map((r) => r.modularity)),
    communities: mean(rs.map((r) => r.count)),
  });
}
const g = summary.graphology as { totalMs: number; modularity: number };
const c = summary.csr as { totalMs: number; modularity: number };
process.stdout.write(JSON.stringify({ mean: summary, speedup: Number((g.totalMs / c.totalMs).toFixed(2)), modularityDiff: Number((c.modularity - g.modularity).toFixed(5)) }) + '\n');

function round<T extends object>(r: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(r)) out[key] = typeof value === 'number' && !Number.isInteger(value) ? (key.endsWith('Ms') ? Math.round(value) : Number(value.toFixed(5))) : value;
  return out as T;
}
