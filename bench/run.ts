/**
 * `npm run bench`: our analysis next to python-igraph and NetworkX (Louvain + PageRank) on
 * higgs-twitter's retweet layer and on a seeded LFR graph, then the service side (ingestion
 * through the API vs a raw driver baseline, /health/live latency during an analysis).
 * Prints markdown tables; bench/README.md holds the last run's output.
 *
 * Needs: Debian's python3-igraph and python3-networkx (installed with apt-get when
 * missing), a Neo4j at NEO4J_URI for the service part (skipped with --no-service).
 * Options: --lfr-nodes N (default 200000), --no-networkx, --no-service.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEBIAN_PYTHON, ensureDebianPython } from '../scripts/debian-python.js';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback;
};
const PYTHON = DEBIAN_PYTHON;
const HIGGS = new URL('../../shared/datasets/higgs-twitter/higgs-retweet_network.edgelist.gz', import.meta.url).pathname;
const lfrNodes = Number(option('--lfr-nodes', '200000'));
const work = join(tmpdir(), 'nichegraph-bench');
mkdirSync(work, { recursive: true });

function ensurePython(): void {
  ensureDebianPython('bench', ['igraph', 'networkx'], ['python3-igraph', 'python3-networkx'], PYTHON);
}

function json(command: string, argv: string[]): Record<string, number> {
  const res = spawnSync(command, argv, { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (res.status !== 0) throw new Error(`${command} ${argv.join(' ')} failed: ${res.stderr}`);
  return JSON.parse(res.stdout.trim().split('\n').at(-1) as string);
}

const ours = (file: string) => json(process.execPath, ['--import=tsx', 'bench/compute.ts', file]);
const anchor = (tool: string, file: string) => json(PYTHON, ['bench/anchors.py', tool, file]);
const f = (x: number | undefined, digits = 2) => (x === undefined || Number.isNaN(x) ? '-' : x.toFixed(digits));

ensurePython();
const lfrFile = join(work, `lfr-${lfrNodes}-seed42.txt`);
if (!existsSync(lfrFile)) {
  const started = Date.now();
  execFileSync(PYTHON, ['bench/lfr.py', String(lfrNodes), lfrFile, `${lfrFile}.communities`, '42'], { stdio: 'inherit' });
  console.error(`[bench] LFR generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

console.log(`\n## Compute: Louvain + PageRank (seconds; node ${process.version})\n`);
console.log('| graph | tool | nodes | edges | load | Louvain | PageRank | compute | total from file | compute ratio vs igraph | total ratio vs igraph | modularity | Q - Q(igraph) | peak RSS MB |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const [name, file] of [
  ['higgs-retweet', HIGGS],
  [`LFR n=${lfrNodes} seed 42`, lfrFile],
] as const) {
  const ig = anchor('igraph', file);
  const runs: Array<Record<string, number> & { label?: string }> = [{ ...ours(file) }, ig];
  if (!flag('--no-networkx')) runs.push(anchor('networkx', file));
  const labels = ['nichegraph', 'igraph', 'networkx'];
  runs.forEach((r, k) => {
    const louvain = r.communities ?? r.louvain;
    const pagerank = r.centrality ?? r.pagerank;
    const total = r.total;
    console.log(
      `| ${name} | ${labels[k]} | ${r.nodes} | ${r.edges} | ${f(r.load)} | ${f(louvain)} | ${f(pagerank)} | ${f(r.compute)} | ${f(total)} | ` +
        `${f(r.compute! / ig.compute!)} | ${f(total! / ig.total!)} | ${f(r.modularity, 4)} | ${f(r.modularity! - ig.modularity!, 4)} | ${f(r.peakRssMb, 0)} |`,
    );
  });
}
console.log('\n"compute" = Louvain + PageRank; ours adds within-niche PageRank to the centrality phase, and its "total from file" adds compaction and scoring.');

if (!flag('--no-service')) {
  const s = json(process.execPath, ['--import=tsx', 'bench/service.ts', HIGGS]) as unknown as {
    interactions: number;
    apiJsonPerSecond: number;
    apiNdjsonPerSecond: number;
    rawDriverPerSecond: number;
    analysis: { status: string; timings: Record<string, number> };
    liveProbe: { samples: number; p50: number; p99: number; max: number };
  };
  console.log(`\n## Service on higgs-retweet (${s.interactions} interactions, Neo4j at ${process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687'})\n`);
  console.log('| measure | value |');
  console.log('|---|---|');
  console.log(`| ingestion, API JSON batches of 50k (interactions/s) | ${f(s.apiJsonPerSecond, 0)} |`);
  console.log(`| ingestion, API one NDJSON stream (interactions/s) | ${f(s.apiNdjsonPerSecond, 0)} |`);
  console.log(`| ingestion, raw neo4j-driver UNWIND 10k (interactions/s) | ${f(s.rawDriverPerSecond, 0)} |`);
  console.log(`| API JSON / raw driver | ${f(s.apiJsonPerSecond / s.rawDriverPerSecond)} |`);
  console.log(`| API NDJSON / raw driver | ${f(s.apiNdjsonPerSecond / s.rawDriverPerSecond)} |`);
  console.log(`| analysis status | ${s.analysis.status} |`);
  for (const [k, v] of Object.entries(s.analysis.timings ?? {})) console.log(`| analysis timings.${k} (ms) | ${v} |`);
  console.log(`| /health/live during the analysis: samples / p50 / p99 / max (ms) | ${s.liveProbe.samples} / ${f(s.liveProbe.p50, 1)} / ${f(s.liveProbe.p99, 1)} / ${f(s.liveProbe.max, 1)} |`);
}
