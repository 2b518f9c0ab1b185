/**
 * `npm run bench`: our analysis next to python-igraph and NetworkX (Louvain + PageRank) on
 * higgs-twitter's retweet layer and on seeded LFR graphs, then the service side (ingestion
 * through the API vs a raw driver baseline, analyses through Neo4j end to end with
 * /health/live latency meanwhile). Prints markdown tables; bench/README.md holds the last
 * run's output.
 *
 * Needs: Debian's python3-igraph and python3-networkx (installed with apt-get when
 * missing), a Neo4j at NEO4J_URI for the service part (skipped with --no-service).
 * Then ingestion vs the write ceiling (bench/ingest.ts) and projection speed from Neo4j
 * (bench/projection.ts: higgs and the LFR graphs; --no-ingest, --no-projection,
 * --no-projection-lfr skip them).
 * Options: --lfr N:DEGREE[,N:DEGREE...] (default 200000:10,1000000:20: about 1.1M and 10M
 * edges; `--lfr none`: higgs only), --networkx-max-edges M (default 2000000: NetworkX's Louvain on the 10M-edge graph
 * would take hours, so it is left out there), --no-networkx, --no-service.
 * With REDIS_URL set (and not --no-service) it ends with the fleet (bench/fleet.ts: N analyses
 * through 1 and 2 worker processes); --no-fleet leaves that out.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEBIAN_PYTHON, ensureAnchorVenv, ensureDebianPython } from '../scripts/debian-python.js';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback;
};
const PYTHON = DEBIAN_PYTHON;
const HIGGS = new URL('../../shared/datasets/higgs-twitter/higgs-retweet_network.edgelist.gz', import.meta.url).pathname;
const lfrGraphs = option('--lfr', '200000:10,1000000:20')
  .split(',')
  .filter((spec) => spec !== 'none')
  .map((spec) => spec.split(':').map(Number) as [number, number]);
const networkxMaxEdges = Number(option('--networkx-max-edges', '2000000'));
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

interface IngestFigures {
  perSecond: number[];
  vsCeiling: number;
  neo4jCpuMsPer1000: number;
  serverCpuMsPer1000: number;
}
interface IngestBench {
  interactions: number;
  rounds: number;
  edges: Record<string, unknown>;
  events: Record<string, unknown> & { interactions: number; foldedRelationships: number };
}

const ours = (file: string) => json(process.execPath, ['--import=tsx', 'bench/compute.ts', file]);
const anchor = (tool: string, file: string) => json(PYTHON, ['bench/anchors.py', tool, file]);
// NetworKit (PyPI) lives in .venv-anchors/, which also sees Debian's igraph.
const networkit = (file: string) => json(ensureAnchorVenv('bench', process.cwd()), ['bench/anchors.py', 'networkit', file]);
const f = (x: number | undefined, digits = 2) => (x === undefined || Number.isNaN(x) ? '-' : x.toFixed(digits));

ensurePython();
const lfrFiles: Array<[string, string]> = [];
for (const [nodes, degree] of lfrGraphs) {
  // The 200k / degree 10 graph keeps its earlier file name (and cache).
  const file = join(work, degree === 10 ? `lfr-${nodes}-seed42.txt` : `lfr-${nodes}-d${degree}-seed42.txt`);
  if (!existsSync(file)) {
    const started = Date.now();
    // Written under another name first: an interrupted generation leaves no truncated graph behind.
    execFileSync(PYTHON, ['bench/lfr.py', String(nodes), `${file}.partial`, `${file}.communities`, '42', String(degree)], { stdio: 'inherit' });
    renameSync(`${file}.partial`, file);
    console.error(`[bench] LFR n=${nodes} generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  lfrFiles.push([`LFR n=${nodes} k=${degree} seed 42`, file]);
}
const higgsTotals: Record<string, number> = {};
const peerRows: string[] = [];

console.log(`\n## Compute: Louvain + PageRank (seconds; node ${process.version})\n`);
console.log('| graph | tool | nodes | edges | load | Louvain | PageRank | compute | compute ratio vs igraph | analysis | analysis vs igraph total | total from file | total ratio vs igraph | modularity | Q - Q(igraph) | peak RSS MB |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const [name, file] of [['higgs-retweet', HIGGS] as [string, string], ...lfrFiles]) {
  const ig = anchor('igraph', file);
  const nk = networkit(file);
  const mine = ours(file);
  peerRows.push(
    `| ${name} | ${f(mine.analysis)} | ${f(mine.communities)} | ${f(mine.centrality)} | ${f(ig.compute)} | **${f(mine.analysis! / ig.compute!)}** | ` +
      `${f(mine.modularity, 4)} | ${f(ig.leidenModularity, 4)} | ${f(mine.modularity! - ig.leidenModularity!, 4)} | ${mine.largestNiche} (${f((100 * mine.largestNiche!) / mine.nodes!)}%) | ` +
      `${f(mine.nicheResolution, 0)} | ${f(ig.louvain)} / ${f(ig.leiden)} / ${f(ig.pagerank)} | ${f(nk.plm)} (${f(nk.plmModularity, 4)}) / ${f(nk.parallelLeiden)} (${f(nk.parallelLeidenModularity, 4)}) |`,
  );
  const runs: Array<Record<string, number> & { label?: string }> = [mine, ig];
  if (name === 'higgs-retweet') Object.assign(higgsTotals, { igraph: ig.total!, ours: mine.total! });
  if (!flag('--no-networkx') && mine.edges! <= networkxMaxEdges) runs.push(anchor('networkx', file));
  const labels = ['nichegraph', 'igraph', 'networkx'];
  runs.forEach((r, k) => {
    const louvain = r.communities ?? r.louvain;
    const pagerank = r.centrality ?? r.pagerank;
    const total = r.total;
    console.log(
      `| ${name} | ${labels[k]} | ${r.nodes} | ${r.edges} | ${f(r.load)} | ${f(louvain)} | ${f(pagerank)} | ${f(r.compute)} | ${f(r.compute! / ig.compute!)} | ` +
        `${f(r.analysis)} | ${r.analysis === undefined ? '-' : f(r.analysis / ig.total!)} | ${f(total)} | ${f(total! / ig.total!)} | ` +
        `${f(r.modularity, 4)} | ${f(r.modularity! - ig.modularity!, 4)} | ${f(r.peakRssMb, 0)} |`,
    );
  });
}
console.log(
  '\n"compute" = Louvain + PageRank (ours: the communities and centrality phases, the latter with within-niche PageRank too). ' +
    '"analysis" = ours from the projection to the result: compaction, communities, centrality and scoring (tie strength, roles, trust, niche profiles); ' +
    'issue #3 compares it with igraph\'s Louvain + PageRank from the file ("analysis vs igraph total"). "total from file" adds reading the file.',
);
console.log('\n## Service defaults: both levels, against igraph Leiden and NetworKit, same run\n');
console.log(
  '| graph | ours: compute (all phases but projection, persistence) s | communities phase s | centrality phase s | igraph Louvain + PageRank s | compute ratio | community Q | igraph Leiden Q | Q - Q(igraph Leiden) | largest niche | niche resolution | igraph Louvain / Leiden / PageRank s | NetworKit PLM / ParallelLeiden s (Q) |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of peerRows) console.log(r);

if (!flag('--no-service')) {
  type Analysis = {
    params: Record<string, unknown>;
    status: string;
    error?: string;
    summary?: { runs?: number; modularity?: number };
    timings: Record<string, number>;
    liveProbe: { samples: number; p50: number; p99: number; max: number };
  };
  const s = json(process.execPath, ['--import=tsx', 'bench/service.ts', HIGGS]) as unknown as {
    interactions: number;
    apiJsonPerSecond: number;
    apiNdjsonPerSecond: number;
    rawDriverPerSecond: number;
    analysis: Analysis;
    cachedAnalysis: Analysis;
    defaultAnalysis: Analysis;
  };
  console.log(`\n## Service on higgs-retweet (${s.interactions} interactions, Neo4j at ${process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687'})\n`);
  console.log('| measure | value |');
  console.log('|---|---|');
  console.log(`| ingestion, API JSON batches of 50k (interactions/s) | ${f(s.apiJsonPerSecond, 0)} |`);
  console.log(`| ingestion, API one NDJSON stream (interactions/s) | ${f(s.apiNdjsonPerSecond, 0)} |`);
  console.log(`| ingestion, raw neo4j-driver UNWIND 10k (interactions/s) | ${f(s.rawDriverPerSecond, 0)} |`);
  console.log(`| API JSON / raw driver | ${f(s.apiJsonPerSecond / s.rawDriverPerSecond)} |`);
  console.log(`| API NDJSON / raw driver | ${f(s.apiNdjsonPerSecond / s.rawDriverPerSecond)} |`);
  console.log('\nAnalyses through the service (POST -> succeeded; ms). "vs igraph" = total / igraph\'s Louvain + PageRank from the file.\n');
  const phases = ['queued', 'projection', 'communities', 'centrality', 'scoring', 'persistence', 'total'];
  console.log(`| analysis | status | runs | modularity | ${phases.join(' | ')} | total vs igraph | /health/live p50 / p99 / max (ms) |`);
  console.log(`|---|---|---|---|${phases.map(() => '---|').join('')}---|---|`);
  for (const [label, a] of [
    ['runs 1 (first: projected from Neo4j)', s.analysis],
    ['runs 1 again (projection cached), seed 43', s.cachedAnalysis],
    ['service default (consensus)', s.defaultAnalysis],
  ] as const) {
    const ratio = higgsTotals.igraph ? f(a.timings.total! / 1000 / higgsTotals.igraph) : '-';
    console.log(
      `| ${label} | ${a.status}${a.error ? ` (${a.error})` : ''} | ${a.summary?.runs ?? '-'} | ${f(a.summary?.modularity, 4)} | ` +
        `${phases.map((p) => a.timings[p] ?? '-').join(' | ')} | ${ratio} | ${f(a.liveProbe.p50, 1)} / ${f(a.liveProbe.p99, 1)} / ${f(a.liveProbe.max, 1)} |`,
    );
  }
}

// Ingestion against the write ceiling and projection speed (issue 10 items 2-3): bench/ingest.ts
// and bench/projection.ts, each also runnable alone (see bench/README.md).
if (!flag('--no-service') && !flag('--no-ingest')) {
  const COLLEGE = new URL('../../shared/datasets/college-msg/CollegeMsg.txt.gz', import.meta.url).pathname;
  const s = json(process.execPath, ['--import=tsx', 'bench/ingest.ts', HIGGS, '--events', COLLEGE]) as unknown as IngestBench;
  const table = (title: string, suite: Record<string, unknown>, names: string[]) => {
    console.log(`\n## ${title}\n`);
    console.log('| method | interactions/s per round | vs ceiling, same round (geometric mean) | Neo4j CPU ms / 1000 | server CPU ms / 1000 |');
    console.log('|---|---|---|---|---|');
    for (const name of names) {
      const m = suite[name] as IngestFigures;
      console.log(`| ${name} | ${m.perSecond.join(' / ')} | ${f(m.vsCeiling)} | ${m.neo4jCpuMsPer1000} | ${m.serverCpuMsPer1000} |`);
    }
  };
  table(`Ingestion vs the write ceiling, higgs-retweet (${s.interactions} interactions, ${s.rounds} mirrored rounds)`, s.edges, ['ceiling', 'json', 'ndjson']);
  table(
    `Ingestion of repeated events, college-msg (${s.events.interactions} events, ${s.events.foldedRelationships} (source, target, day) groups): unfolded vs fold: "day"`,
    s.events,
    ['ceiling', 'json', 'ndjson', 'ndjson-fold', 'json-fold'],
  );
}
if (!flag('--no-service') && !flag('--no-projection')) {
  const targets = [HIGGS, ...(flag('--no-projection-lfr') ? [] : lfrFiles.map(([, file]) => file))];
  const res = spawnSync(process.execPath, ['--import=tsx', 'bench/projection.ts', ...targets], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (res.status !== 0) throw new Error(`bench/projection.ts failed: ${res.stderr}`);
  console.log(
    '\n## Projection from Neo4j (store.project from projection chunks, medians of 3 rounds, beside: the chunk records read with neo4j-driver alone; ' +
      "the relationship read (store.project with projectionChunks: false), its rows read with the driver alone, and Neo4j's bare scan of them; anchor: one record per pair, the old query, driver alone)\n",
  );
  console.log(
    '| graph | accounts | interactions | pairs | first ms | ours ms | ours interactions/s | chunks, driver alone ms | ours / driver alone | relationship read ms | relationship read / ours | relationship rows, driver alone ms | server alone ms | one record per pair ms | load |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  type Read = { ms: number; interactionsPerSecond: number };
  for (const line of res.stdout.trim().split('\n')) {
    const p = JSON.parse(line) as {
      file: string;
      accounts: number;
      interactions: number;
      pairs: number;
      load: string;
      first: Read;
      projection: Read;
      driverAloneChunks: Read;
      chunksVsDriverAlone: number;
      relationshipRead: Read;
      relationshipsVsChunks: number;
      driverAloneSameRows: Read;
      serverAloneScan: Read;
      oneRecordPerPair: { ms: number };
    };
    console.log(
      `| ${p.file} | ${p.accounts} | ${p.interactions} | ${p.pairs} | ${p.first.ms} | ${p.projection.ms} | ${p.projection.interactionsPerSecond} | ` +
        `${p.driverAloneChunks.ms} | ${f(p.chunksVsDriverAlone)} | ${p.relationshipRead.ms} | ${f(p.relationshipsVsChunks)} | ` +
        `${p.driverAloneSameRows.ms} | ${p.serverAloneScan.ms} | ${p.oneRecordPerPair.ms} | ${p.load} |`,
    );
  }
}

if (!flag('--no-service') && !flag('--no-fleet')) {
  if (process.env.REDIS_URL) {
    const fleet = spawnSync(process.execPath, ['--import=tsx', 'bench/fleet.ts'], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (fleet.status !== 0) console.error(`[bench] bench/fleet.ts failed (exit ${fleet.status})`);
  } else {
    console.log('\n(The fleet part needs REDIS_URL: npm run redis:start, then REDIS_URL=redis://127.0.0.1:6379 npm run bench.)');
  }
}
