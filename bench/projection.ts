/**
 * Projection speed from Neo4j (issue 10 item 2), on a real Neo4j (NEO4J_URI), per edge list:
 *   - the graph is ingested through the store (batches of 50,000, as the API does), unless a
 *     graph of that name is already there (--keep leaves it for the next run);
 *   - `store.project()` twice (first and second projection: both read Neo4j; the service's
 *     projection cache is not involved here), wall time, client CPU and, when NEO4J_PID is
 *     set, the server's CPU (from /proc);
 *   - side by side, in the same run, the shape the store used before: one record per pair
 *     aggregated in Cypher (the old project-pairs query, read with the driver alone and
 *     nothing built from it), as the anchor: `vs one record per pair` is its time over ours.
 * Prints one JSON line per graph.
 *
 * usage: node --import=tsx bench/projection.ts [EDGELIST...] [--keep]
 * (default: higgs-twitter's retweet layer)
 */
import { readFileSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import neo4j from 'neo4j-driver';
import { createDriver } from '../src/store/driver.js';
import { Neo4jGraphStore } from '../src/store/neo4j-store.js';
import type { InteractionInput, ProjectionParams } from '../src/store/port.js';

const args = process.argv.slice(2);
const keep = args.includes('--keep');
const files = args.filter((a) => !a.startsWith('--'));
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

function serverCpuMs(): number | null {
  if (!serverPid) return null;
  const fields = readFileSync(`/proc/${serverPid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
}

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

async function ingestFile(store: Neo4jGraphStore, graphId: string, file: string): Promise<number> {
  const input = file.endsWith('.gz') ? createReadStream(file).pipe(createGunzip()) : createReadStream(file);
  let batch: InteractionInput[] = [];
  let n = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    const [a, b, w] = line.trim().split(/\s+/);
    if (!a || !b || a === b) continue;
    batch.push({ id: null, source: a, target: b, type: 'interaction', weight: w === undefined ? 1 : Number(w), timestamp: null });
    n++;
    if (batch.length === INGEST_BATCH) {
      await store.ingest(graphId, { interactions: batch, accounts: [] });
      batch = [];
    }
  }
  if (batch.length > 0) await store.ingest(graphId, { interactions: batch, accounts: [] });
  return n;
}

const driver = await createDriver({ uri, user: process.env.NEO4J_USER ?? '', password: process.env.NEO4J_PASSWORD ?? '', database });
const store = new Neo4jGraphStore({ driver, database });
await store.init();
try {
  for (const file of files) {
    const graphId = `bench-projection-${basename(file).replace(/[^A-Za-z0-9_-]/g, '_')}`;
    const existing = await store.getGraph(graphId);
    let ingestMs: number | null = null;
    if (!existing || existing.interactions === 0) {
      if (!existing) await store.createGraph({ id: graphId, name: graphId, description: 'bench/projection.ts' });
      const t0 = performance.now();
      await ingestFile(store, graphId, file);
      ingestMs = Math.round(performance.now() - t0);
    }
    const graph = (await store.getGraph(graphId))!;
    const first = await measure(() => store.project(graphId, params));
    const second = await measure(() => store.project(graphId, params));
    const anchor = await measure(async () => {
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
    });
    const table = first.value!.table;
    const perSecond = (ms: number) => Math.round(graph.interactions / (ms / 1000));
    process.stdout.write(
      JSON.stringify({
        file: basename(file),
        accounts: table.accounts.length,
        interactions: graph.interactions,
        pairs: table.size,
        ingestMs,
        first: { ms: first.ms, interactionsPerSecond: perSecond(first.ms), clientCpuMs: first.clientCpuMs, serverCpuMs: first.serverCpuMs },
        second: { ms: second.ms, interactionsPerSecond: perSecond(second.ms), clientCpuMs: second.clientCpuMs, serverCpuMs: second.serverCpuMs },
        oneRecordPerPair: { ms: anchor.ms, rows: anchor.value, clientCpuMs: anchor.clientCpuMs, serverCpuMs: anchor.serverCpuMs },
        oneRecordPerPairVsFirst: Number((anchor.ms / first.ms).toFixed(2)),
      }) + '\n',
    );
    if (!keep) await store.deleteGraph(graphId);
  }
} finally {
  await store.close();
}
