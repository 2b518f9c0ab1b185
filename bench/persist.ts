/**
 * Persistence alone: Neo4jGraphStore.writeResult of a real, higgs-sized result, timed.
 *
 * usage: node --import=tsx bench/persist.ts EDGELIST [--reps N] [--runs N] [--write-back compact|full] [--chunk N]
 *        [--concurrency N] [--drop-graph]
 *        [--graph ID] [--cache]
 *
 *   1. The result: the edge list's projection analysed with the API's defaults (the default
 *      niche-level resolution rule, seed 42, the API's runs (DEFAULT_RUNS) unless --runs, topK 10, minimum niche size 3), computed in this process.
 *   2. The graph: ingested once through store.ingest (batches of 50,000: the accounts, then
 *      the interactions) under a fixed id
 *      derived from the file name, and kept for the next run (--drop-graph deletes it at
 *      the end), so the accounts carry their real INTERACTED relationships.
 *   3. Each repetition creates a fresh running analysis, times writeResult (the compact
 *      blocks, the status: succeededMs; then the Browser view's communities, niches and the
 *      IN_NICHE relationships of the write-back mode: ms),
 *      checks that the analysis is succeeded with the expected memberships and one node
 *      per niche row, then removes what it wrote (untimed).
 *   --write-back compact|full (default compact) chooses which memberships become IN_NICHE
 *   relationships; --runs the analysis' Louvain runs (default the API's); --chunk and
 *   --concurrency set the store's resultChunkSize and resultConcurrency.
 *   --cache keeps the computed result in the temporary folder and reuses it next time.
 * Each repetition then times readBaseline of what it wrote (the worker's read of a baseline
 * for the next analysis' warm start and lineage; readBaselineMs, its CPU, accounts placed).
 * Prints one JSON line per repetition (wall ms, this process's CPU ms, the Neo4j server's CPU
 * ms when its PID file, NEO4J_PID_FILE or .neo4j/run/nichegraph-neo4j.pid, names a local
 * process) and a summary line (medians, load average).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { analyseProjection } from '../src/analysis/analyse.js';
import type { AnalysisResult } from '../src/analysis/types.js';
import { DEFAULT_MIN_NICHE_SIZE, DEFAULT_RUNS, DEFAULT_SEED } from '../src/http/routes/analyses/schemas.js';
import { createDriver } from '../src/store/driver.js';
import { Neo4jGraphStore, type Neo4jGraphStoreOptions } from '../src/store/neo4j-store.js';
import * as writing from '../src/store/result-writing.js';
import { readBaseline } from '../src/jobs/niche-lineage.js';
import { pairTableRows } from '../src/analysis/pair-table.js';
import { readProjection } from './edgelist.js';
import { processCpuMs } from './proc.js';

const args = process.argv.slice(2);
const path = args[0];
if (!path || path.startsWith('--')) throw new Error('usage: bench/persist.ts EDGELIST [--reps N] [--runs N] [--write-back compact|full] [--chunk N] [--concurrency N] [--drop-graph]');
const option = (name: string): number | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : undefined;
};
const reps = option('--reps') ?? 3;
const storeOptions: Partial<Neo4jGraphStoreOptions> = {};
if (option('--chunk') !== undefined) storeOptions.resultChunkSize = option('--chunk');

if (option('--concurrency') !== undefined) storeOptions.resultConcurrency = option('--concurrency');
const writeBackAt = args.indexOf('--write-back');
const writeBack = (writeBackAt >= 0 ? args[writeBackAt + 1] : 'compact') as 'compact' | 'full';
storeOptions.writeBack = writeBack;

const uri = process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687';
const database = process.env.NEO4J_DATABASE ?? 'neo4j';
const name = basename(path).replace(/\W+/g, '-').toLowerCase();
const work = join(tmpdir(), 'nichegraph-bench');
mkdirSync(work, { recursive: true });
// --graph ID: write into that graph (e.g. the one bench/end-to-end.ts --keep left) instead of its own.
const graphAt = args.indexOf('--graph');
const graphId = graphAt >= 0 && args[graphAt + 1] ? (args[graphAt + 1] as string) : `bench-persist-${name}`;

// 1. The result.
// The columnar result holds typed arrays: it is computed afresh (about 20 s on higgs), or read back with --cache.
// resolution null: the service's default rule (niches of Dunbar's band size), as a request without one gets.
// --cache: keep the computed result (v8.serialize keeps the typed arrays) in the bench's
// temporary folder, keyed by the edge list and the runs, and reuse it on the next run.
const runs = option('--runs') ?? DEFAULT_RUNS;
const cacheFile = join(work, `persist-result-${name}-runs${runs}.v8`);
const result: AnalysisResult =
  args.includes('--cache') && existsSync(cacheFile)
    ? (deserialize(readFileSync(cacheFile)) as AnalysisResult)
    : analyseProjection(await readProjection(path), {
        resolution: null,
        seed: DEFAULT_SEED,
        topK: 10,
        runs,
        minNicheSize: DEFAULT_MIN_NICHE_SIZE,
        nicheSize: null,
      });
if (args.includes('--cache') && !existsSync(cacheFile)) writeFileSync(cacheFile, serialize(result));
// IN_NICHE relationships expected: every member ('full'), or each niche's first
// BROWSER_TRUSTED_LINKS trusted members and its bridges ('compact').
// (Every trusted member when the writer has no BROWSER_TRUSTED_LINKS: an earlier tree, for before/after runs.)
const BROWSER_TRUSTED_LINKS = (writing as { BROWSER_TRUSTED_LINKS?: number }).BROWSER_TRUSTED_LINKS ?? Infinity;
let members = result.accounts.count;
if (writeBack === 'compact') {
  const key = new Set<string>();
  const n = result.niches;
  for (let r = 0; r < n.count; r++) {
    const trustedTo = Math.min(n.trusted.starts[r + 1] as number, (n.trusted.starts[r] as number) + BROWSER_TRUSTED_LINKS);
    for (let k = n.trusted.starts[r] as number; k < trustedTo; k++) key.add(`${r}/${n.trusted.account[k]}`);
    for (let k = n.bridges.starts[r] as number; k < (n.bridges.starts[r + 1] as number); k++) key.add(`${r}/${n.bridges.account[k]}`);
  }
  members = key.size;
}

// The server's CPU time (user + system, ms) from /proc, when it runs on this machine: on a
// shared, loaded machine the CPU a write costs is steadier than its wall time.
const serverPidFile = process.env.NEO4J_PID_FILE ?? resolve('.neo4j/run/nichegraph-neo4j.pid');
const serverPid = existsSync(serverPidFile) ? readFileSync(serverPidFile, 'utf8').trim() : null;
const serverCpuMs = () => processCpuMs(serverPid);

const driver = await createDriver({ uri, database, connectTimeoutMs: 10_000 });
// The store's debug lines (the write's phases) go to stderr.
// Each phase line gets the server's CPU (ms) spent since the previous one (phaseServerCpuMs).
let phaseCpu: number | null = null;
const logger = {
  debug: (o: object, msg?: string) => {
    if (msg === 'result write phase') {
      const now = serverCpuMs();
      (o as Record<string, unknown>).phaseServerCpuMs = now === null || phaseCpu === null ? null : Math.round(now - phaseCpu);
      phaseCpu = now;
    }
    process.stderr.write(JSON.stringify(o) + '\n');
  },
  info() {},
  warn() {},
};
const store = new Neo4jGraphStore({ driver, database, logger, ...storeOptions });
await store.init();

async function count(query: string, params: Record<string, unknown>): Promise<number> {
  const { records } = await driver.executeQuery(query, params, { database });
  return Number(records[0]?.get(0));
}

/** Removes an analysis with its niches, memberships, communities and blocks, in bounded transactions. */
async function removeAnalysis(analysisId: string): Promise<void> {
  const session = driver.session({ database });
  try {
    await session.run(
      `MATCH (:Niche {analysisId: $analysisId})<-[m:IN_NICHE]-()
       CALL (m) { DELETE m } IN TRANSACTIONS OF 10000 ROWS`,
      { analysisId },
    );
    await session.run(
      `MATCH (n:Niche {analysisId: $analysisId})
       CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`,
      { analysisId },
    );
    await session.run(
      `MATCH (c:Community {analysisId: $analysisId})
       CALL (c) { DETACH DELETE c } IN TRANSACTIONS OF 10000 ROWS`,
      { analysisId },
    );
    await session.run('MATCH (b:ResultBlock {analysisId: $analysisId}) CALL (b) { DELETE b } IN TRANSACTIONS OF 50 ROWS', { analysisId });
    await session.run('MATCH (a:Analysis {id: $analysisId}) DETACH DELETE a', { analysisId });
  } finally {
    await session.close();
  }
}

try {
  // 2. The graph.
  if (!(await store.getGraph(graphId))) {
    const started = performance.now();
    await store.createGraph({ id: graphId, name: graphId, description: 'bench/persist.ts' });
    const projection = await readProjection(path);
    const interactions = pairTableRows(projection).map((p) => ({
      id: null,
      source: p.source,
      target: p.target,
      type: 'retweet',
      weight: p.positive,
      timestamp: null,
    }));
    // Accounts first, committed: a plan for ingest-interactions cached while the graph had
    // no accounts (a fresh server) scanned the (graphId, id) index per row here (hours).
    for (let i = 0; i < projection.accounts.length; i += 50_000) {
      const accounts = projection.accounts.slice(i, i + 50_000).map((id) => ({ id, properties: {} }));
      await store.ingest(graphId, { interactions: [], accounts });
    }
    await new Promise((resolve) => setTimeout(resolve, 11_000)); // past the planner's replan interval
    for (let i = 0; i < interactions.length; i += 50_000) {
      await store.ingest(graphId, { interactions: interactions.slice(i, i + 50_000), accounts: [] });
    }
    process.stderr.write(`ingested ${interactions.length} pairs in ${Math.round(performance.now() - started)} ms\n`);
  }

  // 3. Timed writes.
  const times: number[] = [];
  const serverTimes: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    const analysisId = `bench-persist-${Date.now().toString(36)}-${rep}`;
    await store.createAnalysis({
      id: analysisId,
      graphId,
      status: 'running',
      params: { typeWeights: {}, from: null, to: null, minWeight: 0, resolution: null, seed: DEFAULT_SEED, topK: 10 },
      createdAt: new Date().toISOString(),
      startedAt: new Date().toISOString(),
      finishedAt: null,
      error: null,
      summary: null,
    }, { owner: 'bench-persist', until: null });
    // Created running (status above), held by the bench: writeResult is guarded by the holder.
    const load = loadavg()[0]!;
    const cpu = process.cpuUsage();
    const serverCpu = serverCpuMs();
    phaseCpu = serverCpu;
    const started = performance.now();
    // succeededMs: until the analysis says succeeded (the compact form stored); ms: until
    // writeResult resolved, its Browser view written too (src/store/browser-view.ts).
    let succeededAt: number | null = null;
    await store.writeResult(analysisId, result, new Date().toISOString(), 'bench-persist', { onSucceeded: () => (succeededAt = performance.now()) });
    const ms = Math.round(performance.now() - started);
    const succeededMs = Math.round((succeededAt ?? performance.now()) - started);
    const used = process.cpuUsage(cpu);
    const clientCpuMs = Math.round((used.user + used.system) / 1000);
    const serverCpuAfter = serverCpuMs();
    const serverMs = serverCpu === null || serverCpuAfter === null ? null : Math.round(serverCpuAfter - serverCpu);
    const status = (await store.getAnalysis(analysisId))?.status;
    const memberships = await count(
      'MATCH (:Niche {analysisId: $analysisId})<-[m:IN_NICHE]-() RETURN count(m)',
      { analysisId },
    );
    const niches = await count('MATCH (n:Niche {analysisId: $analysisId}) RETURN count(n)', { analysisId });
    const communities = await count('MATCH (c:Community {analysisId: $analysisId}) RETURN count(c)', { analysisId });
    const ok = status === 'succeeded' && memberships === members && niches === result.niches.count;
    // What the worker reads of a baseline (the warm start and lineage of the next analysis),
    // by a fresh store (nothing cached).
    const reader = new Neo4jGraphStore({ driver, database, ...storeOptions });
    const readStarted = performance.now();
    const readCpu = process.cpuUsage();
    const baseline = await readBaseline(reader, analysisId, result.accounts.ids);
    const readBaselineMs = Math.round(performance.now() - readStarted);
    const readUsed = process.cpuUsage(readCpu);
    const readBaselineCpuMs = Math.round((readUsed.user + readUsed.system) / 1000);
    const placed = baseline.niche.reduce((n, k) => n + (k >= 0 ? 1 : 0), 0);
    process.stdout.write(JSON.stringify({ rep, succeededMs, ms, clientCpuMs, serverCpuMs: serverMs, load1: Number(load.toFixed(2)), status, memberships, niches, communityNodes: communities, readBaselineMs, readBaselineCpuMs, placed, ok }) + '\n');
    if (!ok) throw new Error(`rep ${rep}: expected ${members} memberships and ${result.niches.count} niches`);
    times.push(ms);
    if (serverMs !== null) serverTimes.push(serverMs);
    await removeAnalysis(analysisId);
  }
  times.sort((a, b) => a - b);
  process.stdout.write(
    JSON.stringify({
      summary: true,
      niches: result.niches.count,
      communities: result.communities.count,
      members,
      options: storeOptions,
      medianMs: times[Math.floor(times.length / 2)],
      minMs: times[0],
      medianServerCpuMs: serverTimes.sort((a, b) => a - b)[Math.floor(serverTimes.length / 2)] ?? null,
      load: loadavg().map((l) => Number(l.toFixed(2))),
    }) + '\n',
  );
} finally {
  if (args.includes('--drop-graph')) await store.deleteGraph(graphId);
  await store.close();
}
