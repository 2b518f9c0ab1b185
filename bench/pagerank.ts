/**
 * Whole-graph PageRank solvers side by side on one edge list (issue 9 item 4):
 * Gauss-Seidel with the final Jacobi step (what the analysis runs) and power iteration
 * (what it ran before), alternately, `--reps` times each (default 3), and python-igraph's
 * PageRank (PRPACK) on the same file in the same run (bench/anchors.py igraph).
 *
 * usage: node --import=tsx bench/pagerank.ts EDGELIST [--reps N]
 * Prints one JSON object: milliseconds per rep for each, the largest difference between the
 * two vectors, and igraph's PageRank seconds.
 */
import { spawnSync } from 'node:child_process';
import { buildCompactGraph } from '../src/analysis/compact-graph.js';
import { globalPagerank, pagerankPowerIteration } from '../src/analysis/pagerank.js';
import { DEBIAN_PYTHON } from '../scripts/debian-python.js';
import { readProjection } from './edgelist.js';

const argv = process.argv.slice(2);
const repsAt = argv.indexOf('--reps');
const reps = repsAt >= 0 ? Number(argv.splice(repsAt, 2)[1]) : 3;
const [path] = argv;
if (!path) throw new Error('usage: bench/pagerank.ts EDGELIST [--reps N]');
const g = buildCompactGraph(await readProjection(path));
const gaussSeidel: number[] = [];
const power: number[] = [];
let maxDiff = 0;
for (let k = 0; k < reps; k++) {
  let t = performance.now();
  const a = globalPagerank(g);
  gaussSeidel.push(performance.now() - t);
  t = performance.now();
  const b = pagerankPowerIteration(g.order, g.out);
  power.push(performance.now() - t);
  for (let i = 0; i < g.order; i++) maxDiff = Math.max(maxDiff, Math.abs((a[i] as number) - (b[i] as number)));
}
const ig = spawnSync(DEBIAN_PYTHON, ['bench/anchors.py', 'igraph', path], { encoding: 'utf8', maxBuffer: 1 << 24 });
const igraph = ig.status === 0 ? (JSON.parse(ig.stdout.trim().split('\n').at(-1) as string) as { pagerank: number }).pagerank : null;
process.stdout.write(JSON.stringify({ nodes: g.order, arcs: g.out.targets.length, gaussSeidelMs: gaussSeidel, powerIterationMs: power, maxDiff, igraphPagerankS: igraph }) + '\n');
