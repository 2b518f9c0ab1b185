/**
 * Projection speed from Neo4j (issue 10 item 2), on a real Neo4j (NEO4J_URI), per edge list:
 *   - the graph is ingested through the store (batches of 50,000, as the API does), unless a
 *     graph of that name is already there (--keep leaves it for the next run);
 *   - `store.project()` (first, then `--rounds` more: every one reads Neo4j; the service's
 *     projection cache is not involved here), which reads the graph's projection chunks
 *     (src/store/projection-chunks.ts), wall time, client CPU and, when NEO4J_PID is
 *     set, the server's CPU (from /proc);
 *   - side by side, the same projection read from the relationships (a store with
 *     projectionChunks: false: the store's read before chunks), and the chunk records read
 *     with neo4j-driver alone (cypher/projection-chunks.cypher, each column string touched,
 *     nothing decoded): `chunksVsDriverAlone` is our time over it, `relationshipsVsChunks`
 *     the relationship read's time over ours;
 *   - the ceiling, in the same run: the same rows (the store's own query,
 *     cypher/project-graph.cypher, same parameters and fetch size) read with neo4j-driver
 *     alone, every list touched and nothing built from it: what reading costs before any
 *     aggregation (`vsDriverAlone` is our time over it: 1.0 would mean the aggregation is
 *     free); and the server alone: the same interactions and properties scanned and counted
 *     in Cypher, nothing sent (what Neo4j itself needs);
 *   - side by side, the shape the store used before: one record per pair aggregated in
 *     Cypher (the old project-pairs query, read with the driver alone and nothing built from
 *     it): `vs one record per pair` is its time over ours.
 * The three reads run in alternation, `--rounds N` times (default 3); each figure is the
 * median of its rounds.
 * Prints one JSON line per graph.
 *
 * usage: node --import=tsx bench/projection.ts [EDGELIST...] [--keep] [--rounds N]
 * (default: higgs-twitter's retweet layer)
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import neo4j from 'neo4j-driver';
import { createDriver } from '../src/store/driver.js';
import { Neo4jGraphStore } from '../src/store/neo4j-store.js';
import type { ProjectionParams } from '../src/store/port.js';
import { ingestEdgelist } from './edgelist.js';
import { loadAverage, processCpuMs } from './proc.js';
import { CHUNK_FETCH_SIZE, PROJECTION_EVENTS_PER_RECORD, PROJECTION_FETCH_SIZE, PROJECTION_IDS_PER_RECORD } from '../src/store/projection.js';

const args = process.argv.slice(2);
const keep = args.includes('--keep');
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 3;
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('bench/projection: --rounds needs a positive integer.');
const files = args.filter((a, i) => !a.startsWith('--') && !(roundsAt >= 0 && i === roundsAt + 1));
if (files.length === 0) files.push(new URL('../../shared/datasets/higgs-twitter/higgs-retweet_network.edgelist.gz', import.meta.url).pathname);
const uri = process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687';
const database = process.env.NEO4J_DATABASE ?? 'neo4j';
const serverPid = process.env.NEO4J_PID;
const INGEST_BATCH = 50_000;
const params: ProjectionParams = { typeWeights: {}, from: null, to: null, minWeight: 0 };

// The projection query of the store up to this change: one record per pair, aggregated per
// source in Cypher (kept here as the anchor only).
const ONE_RECORD_PER_PAIR = `
MATCH (s:Account {graphId: $graphId})
CALL (s) {
  MATCH (s)-[r:INTERACTED]->(t:Account)
  WHERE ($from IS NULL OR r.ts >= $from) AND ($to IS NULL OR r.ts < $to)
  WITH t, r, coalesce($typeWeights[r.type], 1.0) AS typeWeight
  WHERE typeWeight <> 0
  WITH t, r.type AS type, r.ts AS ts, r.weight * typeWeight AS w
  WITH t, type,
       sum(CASE WHEN w > 0 THEN w ELSE 0.0 END) AS positive,
       sum(CASE WHEN w < 0 THEN -w ELSE 0.0 END) AS negative,
       count(*) AS count, min(ts) AS firstTs, max(ts) AS lastTs
  WITH t, sum(positive) AS positive, sum(negative) AS negative, sum(count) AS count,
       collect(type) AS types, collect(count) AS typeCounts, min(firstTs) AS firstTs, max(lastTs) AS lastTs
  WHERE positive + negative >= $minWeight
  RETURN t.id AS target, positive, negative, count, types, typeCounts, firstTs, lastTs
}
RETURN s.id AS source, target, positive, negative, count, types, typeCounts, firstTs, lastTs`;

// The server alone: the interactions the projection reads, with the properties it reads,
// scanned and counted (nothing sent but one row).
const SERVER_SCAN = `
MATCH (s:Account)
WHERE s.graphId = $graphId AND s.id IS NOT NULL
MATCH (s)-[r:INTERACTED]->(t)
RETURN count(r.type) + count(r.weight) + count(r.ts) + count(id(t)) AS n`;

const PROJECTION_CHUNKS = readFileSync(new URL('../cypher/projection-chunks.cypher', import.meta.url), 'utf8');

/** The chunk records read with the driver alone: each string's length touched, nothing decoded. */
async function readChunkRecords(graphId: string): Promise<number> {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.READ, fetchSize: CHUNK_FETCH_SIZE });
  let events = 0;
  try {
    await session.executeRead(async (tx) => {
      for await (const record of tx.run(PROJECTION_CHUNKS, { graphId })) {
        if ((record.get('columns') as string).length === -1) events--;
        events += Number(record.get('events'));
      }
    });
  } finally {
    await session.close();
  }
  return events;
}

const PROJECT_GRAPH = readFileSync(new URL('../cypher/project-graph.cypher', import.meta.url), 'utf8');
// As src/store/neo4j-store.ts and src/store/projection.ts call it.
const PROJECT_GRAPH_PARAMS = { from: null, to: null, timedOnly: false, folded: false, droppedTypes: [] as string[], idsPerRecord: neo4j.int(PROJECTION_IDS_PER_RECORD), eventsPerRecord: PROJECTION_EVENTS_PER_RECORD };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The store's projection query read with the driver alone: each record's lists touched, nothing built. */
async function readSameRows(graphId: string): Promise<number> {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.READ, fetchSize: PROJECTION_FETCH_SIZE });
  let events = 0;
  try {
    await session.executeRead(async (tx) => {
      for await (const record of tx.run(PROJECT_GRAPH, { graphId, ...PROJECT_GRAPH_PARAMS })) {
        const source = record.get('source') as number[] | null;
        if (source === null) continue;
        const target = record.get('target') as number[];
        const weight = record.get('weight') as number[];
        const ts = record.get('ts') as number[];
        for (let k = 0; k < source.length; k++) if (source[k]! + target[k]! + weight[k]! + ts[k]! === -1) events--;
        events += source.length;
      }
    });
  } finally {
    await session.close();
  }
  return events;
}

const serverCpuMs = () => processCpuMs(serverPid);

async function measure<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; clientCpuMs: number; serverCpuMs: number | null }> {
  const server0 = serverCpuMs();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await work();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const server1 = serverCpuMs();
  return { value, ms: Math.round(ms), clientCpuMs: Math.round((cpu.user + cpu.system) / 1000), serverCpuMs: server0 === null || server1 === null ? null : server1 - server0 };
}

const driver = await createDriver({ uri, user: process.env.NEO4J_USER ?? '', password: process.env.NEO4J_PASSWORD ?? '', database });
const store = new Neo4jGraphStore({ driver, database });
await store.init();
// The relationship read (the store's read before projection chunks), same driver.
const relational = new Neo4jGraphStore({ driver, database, projectionChunks: false });
try {
  for (const file of files) {
    const graphId = `bench-projection-${basename(file).replace(/[^A-Za-z0-9_-]/g, '_')}`;
    const existing = await store.getGraph(graphId);
    let ingestMs: number | null = null;
    if (!existing || existing.interactions === 0) {
      if (!existing) await store.createGraph({ id: graphId, name: graphId, description: 'bench/projection.ts' });
      const t0 = performance.now();
      await ingestEdgelist(store, graphId, file, INGEST_BATCH);
      ingestMs = Math.round(performance.now() - t0);
    }
    const graph = (await store.getGraph(graphId))!;
    const first = await measure(() => store.project(graphId, params));
    const projections: Awaited<ReturnType<typeof measure>>[] = [];
    const viaRelationships: Awaited<ReturnType<typeof measure>>[] = [];
    const chunksAlone: Awaited<ReturnType<typeof measure<number>>>[] = [];
    const driverAlone: Awaited<ReturnType<typeof measure<number>>>[] = [];
    const serverAlone: Awaited<ReturnType<typeof measure<number>>>[] = [];
    const anchors: Awaited<ReturnType<typeof measure<number>>>[] = [];
    for (let round = 0; round < rounds; round++) {
      projections.push(await measure(() => store.project(graphId, params)));
      chunksAlone.push(await measure(() => readChunkRecords(graphId)));
      viaRelationships.push(await measure(() => relational.project(graphId, params)));
      driverAlone.push(await measure(() => readSameRows(graphId)));
      serverAlone.push(
        await measure(async () => {
          const res = await driver.executeQuery(SERVER_SCAN, { graphId }, { database, routing: neo4j.routing.READ });
          return Number(res.records[0]!.get('n'));
        }),
      );
      if (round === 0) {
        anchors.push(
          await measure(async () => {
            const session = driver.session({ database, defaultAccessMode: neo4j.session.READ, fetchSize: 10_000 });
            let rows = 0;
            try {
              await session.executeRead(async (tx) => {
                for await (const record of tx.run(ONE_RECORD_PER_PAIR, { graphId, typeWeights: {}, from: null, to: null, minWeight: 0 })) if (record) rows++;
              });
            } finally {
              await session.close();
            }
            return rows;
          }),
        );
      }
    }
    const table = first.value!.table;
    const perSecond = (ms: number) => Math.round(graph.interactions / (ms / 1000));
    const summary = (runs: { ms: number; clientCpuMs: number; serverCpuMs: number | null }[]) => {
      const ms = median(runs.map((r) => r.ms));
      const server = runs.map((r) => r.serverCpuMs);
      return {
        ms,
        interactionsPerSecond: perSecond(ms),
        clientCpuMs: median(runs.map((r) => r.clientCpuMs)),
        serverCpuMs: server.some((v) => v === null) ? null : median(server as number[]),
        runs: runs.map((r) => r.ms),
      };
    };
    const projection = summary(projections);
    const relationshipRead = summary(viaRelationships);
    const chunkCeiling = summary(chunksAlone);
    if (chunksAlone[0]!.value !== graph.interactions) throw new Error(`bench/projection: the chunks hold ${chunksAlone[0]!.value} events of ${graph.interactions}.`);
    const ceiling = summary(driverAlone);
    const server = summary(serverAlone);
    if (driverAlone[0]!.value !== graph.interactions) throw new Error(`bench/projection: the driver read ${driverAlone[0]!.value} events of ${graph.interactions}.`);
    process.stdout.write(
      JSON.stringify({
        file: basename(file),
        accounts: table.accounts.length,
        interactions: graph.interactions,
        pairs: table.size,
        ingestMs,
        load: loadAverage(),
        first: { ms: first.ms, interactionsPerSecond: perSecond(first.ms), clientCpuMs: first.clientCpuMs, serverCpuMs: first.serverCpuMs },
        projection,
        driverAloneChunks: chunkCeiling,
        chunksVsDriverAlone: Number((projection.ms / chunkCeiling.ms).toFixed(2)),
        relationshipRead,
        relationshipsVsChunks: Number((relationshipRead.ms / projection.ms).toFixed(2)),
        driverAloneSameRows: ceiling,
        serverAloneScan: server,
        relationshipReadVsDriverAlone: Number((relationshipRead.ms / ceiling.ms).toFixed(2)),
        relationshipReadVsServerAlone: Number((relationshipRead.ms / server.ms).toFixed(2)),
        oneRecordPerPair: { ms: anchors[0]!.ms, rows: anchors[0]!.value, clientCpuMs: anchors[0]!.clientCpuMs, serverCpuMs: anchors[0]!.serverCpuMs },
        oneRecordPerPairVsRelationshipRead: Number((anchors[0]!.ms / relationshipRead.ms).toFixed(2)),
      }) + '\n',
    );
    if (!keep) await store.deleteGraph(graphId);
  }
} finally {
  await store.close();
}
