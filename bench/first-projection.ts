/**
 * The first projection after an ingest (issue 10 item 2: the service's first analysis read
 * its projection in 2.09 s right after an ingest, against 0.6-0.8 s for the same read later):
 * where the difference is. The graph is ingested through the store in batches of 10,000 (as
 * the API stores one NDJSON stream), then projections are timed each in a fresh process, as
 * an analysis worker reads it (its own driver, a cold JIT), one right after the ingest, one
 * after `--idle` seconds of rest, then one after Neo4j's query caches were cleared (its
 * plans made again); each process projects twice (the second: the same process warm).
 * Neo4j's CPU (NEO4J_PID) is sampled over each step and over the rest between them (work
 * it does in the background after an ingest: checkpoints, index sampling, GC).
 * Prints one JSON object.
 *
 * usage: NEO4J_PID=... node --import=tsx bench/first-projection.ts [EDGELIST] [--idle S]
 * (default: higgs-twitter's retweet layer; the graph is deleted at the end)
 */
import { spawnSync } from 'node:child_process';
import { basename } from 'node:path';
import { createDriver } from '../src/store/driver.js';
import { Neo4jGraphStore } from '../src/store/neo4j-store.js';
import type { ProjectionParams } from '../src/store/port.js';
import { ingestEdgelist } from './edgelist.js';
import { loadAverage, processCpuMs, timedWithCpu, takeOption } from './proc.js';

const argv = process.argv.slice(2);
const child = takeOption(argv, '--child');
const idleSeconds = Number(takeOption(argv, '--idle') ?? 30);
const uri = process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687';
const database = process.env.NEO4J_DATABASE ?? 'neo4j';
const serverPid = process.env.NEO4J_PID;
const params: ProjectionParams = { typeWeights: {}, from: null, to: null, minWeight: 0 };
const connection = { uri, user: process.env.NEO4J_USER ?? '', password: process.env.NEO4J_PASSWORD ?? '', database };

const timed = <T>(work: () => Promise<T>) => timedWithCpu(serverPid, work);

if (child !== undefined) {
  // One analysis worker's read: its own driver, then the projection, twice.
  const driver = await timed(() => createDriver(connection));
  const store = new Neo4jGraphStore({ driver: driver.value, database });
  const first = await timed(() => store.project(child, params));
  const second = await timed(() => store.project(child, params));
  await store.close();
  const strip = ({ value: _value, ...rest }: { value: unknown; ms: number; clientCpuMs: number; neo4jCpuMs: number | null }) => rest;
  process.stdout.write(JSON.stringify({ driver: strip(driver), first: strip(first), second: strip(second), pairs: first.value?.table.size ?? null }) + '\n');
  process.exit(0);
}

const file = argv[0] ?? new URL('../../shared/datasets/higgs-twitter/higgs-retweet_network.edgelist.gz', import.meta.url).pathname;
const graphId = `bench-first-projection-${basename(file).replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 100);

function projectInChild() {
  const server0 = processCpuMs(serverPid);
  const t0 = performance.now();
  const res = spawnSync(process.execPath, ['--import=tsx', 'bench/first-projection.ts', '--child', graphId], { encoding: 'utf8', env: process.env });
  if (res.status !== 0) throw new Error(`bench/first-projection: the child failed: ${res.stderr}`);
  const server1 = processCpuMs(serverPid);
  return { ...JSON.parse(res.stdout.trim().split('\n').at(-1) as string), processMs: Math.round(performance.now() - t0), processNeo4jCpuMs: server0 === null || server1 === null ? null : Math.round(server1 - server0), load: loadAverage() };
}

/** Rest: Neo4j's CPU over it (what it does in the background). */
async function rest(seconds: number) {
  const server0 = processCpuMs(serverPid);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const server1 = processCpuMs(serverPid);
  return { seconds, neo4jCpuMs: server0 === null || server1 === null ? null : Math.round(server1 - server0) };
}

const driver = await createDriver(connection);
const store = new Neo4jGraphStore({ driver, database });
await store.init();
const out: Record<string, unknown> = { file: basename(file), loadAtStart: loadAverage() };
try {
  if (await store.getGraph(graphId)) await store.deleteGraph(graphId);
  await store.createGraph({ id: graphId, name: graphId, description: 'bench/first-projection.ts' });
  const ingest = await timed(() => ingestEdgelist(store, graphId, file, 10_000));
  out.ingest = { interactions: ingest.value, ms: ingest.ms, neo4jCpuMs: ingest.neo4jCpuMs };
  out.rightAfterIngest = projectInChild();
  out.rest = await rest(idleSeconds);
  out.afterRest = projectInChild();
  await driver.executeQuery('CALL db.clearQueryCaches()', {}, { database });
  out.afterClearingQueryCaches = projectInChild();
  out.loadAtEnd = loadAverage();
} finally {
  await store.deleteGraph(graphId).catch(() => {});
  await store.close();
}
process.stdout.write(JSON.stringify(out) + '\n');
