/**
 * PageRank side by side on one edge list (issue 9 item 4): python-igraph's PageRank (PRPACK)
 * on the same file in the same run (bench/anchors.py igraph), against ours, alternately
 * `--reps` times each (default 3):
 * - global: the whole-graph PageRank the analysis runs (pagerank.ts: the linear system
 *   solved component by component, Gauss-Seidel inside cycles, a final Jacobi step);
 * - within: the within-niche PageRank of every niche at once, on the niches findNiches
 *   gives this graph (seed 42, service defaults), the other half of the centrality phase;
 * - power: plain power iteration on the whole graph (the textbook method, for the check).
 *
 * usage: node --import=tsx bench/pagerank.ts EDGELIST [--reps N]
 * Prints one JSON object: milliseconds per rep of each, the median ratios to igraph's
 * PageRank seconds (global, and global + within: the centrality phase), and the largest
 * difference between our global vector and power iteration's.
 */
import { spawnSync } from 'node:child_process';
import { buildCompactGraph } from '../src/analysis/compact-graph.js';
import { findNiches } from '../src/analysis/niches.js';
import { communityPagerank, globalPagerank, pagerankPowerIteration } from '../src/analysis/pagerank.js';
import { DEBIAN_PYTHON } from '../scripts/debian-python.js';
import { readProjection } from './edgelist.js';

const argv = process.argv.slice(2);
const repsAt = argv.indexOf('--reps');
const reps = repsAt >= 0 ? Number(argv.splice(repsAt, 2)[1]) : 3;
const [path] = argv;
if (!path) throw new Error('usage: bench/pagerank.ts EDGELIST [--reps N]');
const g = buildCompactGraph(await readProjection(path));
const niches = findNiches(g, { seed: 42 });
const global: number[] = [];
const within: number[] = [];
const power: number[] = [];
const igraph: number[] = [];
let maxDiff = 0;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
for (let k = 0; k < reps; k++) {
  let t = performance.now();
  const a = globalPagerank(g);
  global.push(performance.now() - t);
  t = performance.now();
  communityPagerank(g, niches.niche, niches.nicheCount);
  within.push(performance.now() - t);
  t = performance.now();
  const b = pagerankPowerIteration(g.order, g.out);
  power.push(performance.now() - t);
  for (let i = 0; i < g.order; i++) maxDiff = Math.max(maxDiff, Math.abs((a[i] as number) - (b[i] as number)));
  const ig = spawnSync(DEBIAN_PYTHON, ['bench/anchors.py', 'igraph', path], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (ig.status === 0) igraph.push(1000 * (JSON.parse(ig.stdout.trim().split('\n').at(-1) as string) as { pagerank: number }).pagerank);
}
const ig = igraph.length > 0 ? median(igraph) : null;
const r = (x: number): number | null => (ig === null ? null : Number((x / ig).toFixed(2)));
process.stdout.write(
  JSON.stringify({
    nodes: g.order,
    arcs: g.out.targets.length,
    niches: niches.nicheCount,
    globalMs: global,
    withinMs: within,
    powerIterationMs: power,
    igraphPagerankMs: igraph,
    globalVsIgraph: r(median(global)),
    centralityVsIgraph: r(median(global.map((x, k) => x + (within[k] as number)))),
    maxDiffVsPowerIteration: maxDiff,
  }) + '\n',
);
