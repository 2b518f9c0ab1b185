/**
 * A projection-chunk rebuild of a graph already in Neo4j (src/store/projection-chunks.ts,
 * ChunkRebuild): one `store.project()` reads the set as it is (`projectBefore`: e.g. the
 * chunks the ingests wrote), then the set is marked stale (as an erasure leaves it) and one
 * `store.project()` rebuilds it (the relationships read once, written as chunks in bounded
 * transactions, swapped in) and reads the new chunks; a last projection reads them again.
 * Prints wall time, client and Neo4j CPU (NEO4J_PID), Neo4j's resident memory before and
 * after, and checks that the rebuilt set holds every relationship once. One JSON line.
 *
 * usage: NEO4J_PID=... node --import=tsx bench/rebuild.ts GRAPH_ID
 * (e.g. the graph `bench/end-to-end.ts FILE --keep` left: bench-e2e-<file name>)
 */
import { readFileSync } from 'node:fs';
import { createDriver } from '../src/store/driver.js';
import { Neo4jGraphStore } from '../src/store/neo4j-store.js';
import type { ProjectionParams } from '../src/store/port.js';
import { loadAverage, timedWithCpu } from './proc.js';

const graphId = process.argv[2];
if (!graphId) throw new Error('usage: bench/rebuild.ts GRAPH_ID');
const database = process.env.NEO4J_DATABASE ?? 'neo4j';
const serverPid = process.env.NEO4J_PID;
const params: ProjectionParams = { typeWeights: {}, from: null, to: null, minWeight: 0 };

function neo4jRssMb(): number | null {
  if (!serverPid) return null;
  const line = readFileSync(`/proc/${serverPid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line?.split(/\s+/)[1]) / 1024);
}

const timed = <T>(work: () => Promise<T>) => timedWithCpu(serverPid, work);

const driver = await createDriver({ uri: process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687', user: process.env.NEO4J_USER ?? '', password: process.env.NEO4J_PASSWORD ?? '', database });
const logs: object[] = [];
const logger = { debug() {}, info: (obj: object) => void logs.push(obj), warn: (obj: object) => void logs.push(obj) };
const store = new Neo4jGraphStore({ driver, database, logger });
const chunkSet = async () => {
  const res = await driver.executeQuery(
    `MATCH (g:Graph {id: $g}) OPTIONAL MATCH (c:ProjectionChunk {graphId: $g})
     RETURN g.projectionChunks AS state, count(c) AS chunks, coalesce(sum(c.events), 0) AS events`,
    { g: graphId },
    { database },
  );
  const r = res.records[0];
  return { state: r?.get('state') ?? null, chunks: Number(r?.get('chunks') ?? 0), events: Number(r?.get('events') ?? 0) };
};
try {
  const graph = await store.getGraph(graphId);
  if (!graph) throw new Error(`bench/rebuild: no graph '${graphId}'`);
  const before = await chunkSet();
  const projectBefore = before.state === 'valid' ? await timed(() => store.project(graphId, params)) : null;
  await driver.executeQuery(`MATCH (g:Graph {id: $g}) SET g.projectionChunks = 'stale'`, { g: graphId }, { database });
  const rssBefore = neo4jRssMb();
  const rebuilt = await timed(() => store.project(graphId, params));
  const rssAfter = neo4jRssMb();
  const after = await chunkSet();
  if (after.state !== 'valid' || after.events !== graph.interactions) throw new Error(`bench/rebuild: the set is ${JSON.stringify(after)} for ${graph.interactions} interactions (logs: ${JSON.stringify(logs)})`);
  const again = await timed(() => store.project(graphId, params));
  const strip = ({ value: _value, ...rest }: { value: unknown; ms: number; clientCpuMs: number; neo4jCpuMs: number | null }) => rest;
  process.stdout.write(
    JSON.stringify({
      graphId,
      interactions: graph.interactions,
      pairs: rebuilt.value?.table.size ?? null,
      before,
      projectBefore: projectBefore && strip(projectBefore),
      after,
      rebuildAndProject: strip(rebuilt),
      projectAgain: strip(again),
      rebuildLog: logs,
      neo4jRssMb: { before: rssBefore, after: rssAfter },
      load: loadAverage(),
    }) + '\n',
  );
} finally {
  await store.close();
}
