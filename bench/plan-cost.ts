/**
 * What Cypher planning costs the projection's queries (bench/README.md, I/O path, shift 7):
 * for each query of the chunk read (graph-exists, projection-accounts, projection-chunks)
 * and the relationship read (project-graph), per round: `EXPLAIN` alone after
 * `CALL db.clearQueryCaches()` (planning only), then the query run with no cached plan
 * (cold: caches cleared again) and run again (warm: planned already). Wall time and Neo4j's
 * CPU (NEO4J_PID, from /proc) of each. Clears the server's query caches: run it on your own
 * Neo4j. Prints one JSON line.
 *
 * usage: NEO4J_PID=... node --import=tsx bench/plan-cost.ts GRAPH_ID [--rounds N]
 */
import neo4j from 'neo4j-driver';
import { createDriver } from '../src/store/driver.js';
import { CypherFiles } from '../src/store/cypher-files.js';
import { PROJECTION_EVENTS_PER_RECORD, PROJECTION_IDS_PER_RECORD } from '../src/store/projection.js';
import { loadAverage, processCpuMs, takeOption } from './proc.js';

const argv = process.argv.slice(2);
const rounds = Number(takeOption(argv, '--rounds') ?? 3);
const graphId = argv[0];
if (!graphId || !Number.isInteger(rounds) || rounds < 1) throw new Error('usage: bench/plan-cost.ts GRAPH_ID [--rounds N]');
const database = process.env.NEO4J_DATABASE ?? 'neo4j';
const serverPid = process.env.NEO4J_PID;
const q = new CypherFiles();
const params = {
  graphId,
  idsPerRecord: neo4j.int(PROJECTION_IDS_PER_RECORD),
  eventsPerRecord: PROJECTION_EVENTS_PER_RECORD,
  from: null,
  to: null,
  timedOnly: false,
  droppedTypes: [],
  folded: false,
};
const names = ['graph-exists', 'projection-accounts', 'projection-chunks', 'project-graph'];

const driver = await createDriver({ uri: process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687', user: process.env.NEO4J_USER ?? '', password: process.env.NEO4J_PASSWORD ?? '', database });
async function timed(query: string): Promise<{ ms: number; neo4jCpuMs: number | null }> {
  const c0 = processCpuMs(serverPid);
  const t0 = performance.now();
  // Every record consumed (executeQuery collects them), as the projection does.
  await driver.executeQuery(query, params, { database, routing: neo4j.routing.READ });
  const c1 = processCpuMs(serverPid);
  return { ms: Math.round(performance.now() - t0), neo4jCpuMs: c0 === null || c1 === null ? null : Math.round(c1 - c0) };
}
const clear = () => driver.executeQuery('CALL db.clearQueryCaches()', {}, { database });

const out: Record<string, { explain: object[]; cold: object[]; warm: object[] }> = {};
try {
  for (const name of names) out[name] = { explain: [], cold: [], warm: [] };
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      const query = q.get(name);
      await clear();
      out[name]!.explain.push(await timed(`EXPLAIN ${query}`));
      await clear();
      out[name]!.cold.push(await timed(query));
      out[name]!.warm.push(await timed(query));
    }
  }
} finally {
  await driver.close();
}
process.stdout.write(JSON.stringify({ graphId, rounds, load: loadAverage(), queries: out }) + '\n');
