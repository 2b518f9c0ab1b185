/**
 * What projection chunks (src/store/projection-chunks.ts) cost ingestion, in one run, on a
 * real Neo4j (NEO4J_URI): the same interactions ingested through the store in JSON-sized
 * batches of 50,000 (one transaction each, as the API does), once by a store that writes a
 * chunk per batch (the default) and once by one that writes none (projectionChunks: false),
 * into a new graph each time (deleted after, untimed), in rounds of mirrored order (with,
 * without; then without, with) so a drifting load weighs on both alike. Prints one JSON
 * object: rates, the ratio (with / without: 1.0 means chunks cost nothing), and the client's
 * and Neo4j's CPU per 1,000 interactions (NEO4J_PID or .neo4j/run/neo4j.pid).
 *
 * usage: node --import=tsx bench/ingest-chunks.ts [EDGELIST] [--limit N] [--rounds R]
 *   (default: the first 150,000 interactions of higgs-twitter's retweet layer, 2 rounds)
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { createDriver } from '../src/store/driver.js';
import { Neo4jGraphStore } from '../src/store/neo4j-store.js';
import type { InteractionInput } from '../src/store/port.js';

const argv = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = argv.indexOf(name);
  if (at < 0) return undefined;
  const value = argv[at + 1];
  argv.splice(at, 2);
  return value;
};
const limit = Number(option('--limit') ?? 150_000);
const rounds = Number(option('--rounds') ?? 2);
const path = argv[0] ?? new URL('../../shared/datasets/higgs-twitter/higgs-retweet_network.edgelist.gz', import.meta.url).pathname;
const uri = process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687';
const database = process.env.NEO4J_DATABASE ?? 'neo4j';
const BATCH = 50_000;
const pidFile = new URL('../.neo4j/run/neo4j.pid', import.meta.url).pathname;
const serverPid = process.env.NEO4J_PID ?? (existsSync(pidFile) ? readFileSync(pidFile, 'utf8').trim() : undefined);

function serverCpuMs(): number | null {
  if (!serverPid) return null;
  const fields = readFileSync(`/proc/${serverPid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const input = path.endsWith('.gz') ? createReadStream(path).pipe(createGunzip()) : createReadStream(path);
const rows: InteractionInput[] = [];
for await (const line of createInterface({ input, crlfDelay: Infinity })) {
  if (rows.length >= limit) break;
  const [a, b, w] = line.trim().split(/\s+/);
  if (!a || !b || a === b) continue;
  rows.push({ id: null, source: a, target: b, type: 'interaction', weight: w === undefined ? 1 : Number(w), timestamp: null });
}

const driver = await createDriver({ uri, user: process.env.NEO4J_USER ?? '', password: process.env.NEO4J_PASSWORD ?? '', database });
const withChunks = new Neo4jGraphStore({ driver, database });
await withChunks.init();
const withoutChunks = new Neo4jGraphStore({ driver, database, projectionChunks: false });
const runs: Record<'with' | 'without', Array<{ ms: number; clientCpuMs: number; serverCpuMs: number | null }>> = { with: [], without: [] };

async function once(kind: 'with' | 'without'): Promise<void> {
  const store = kind === 'with' ? withChunks : withoutChunks;
  const graphId = `bench-ingest-chunks-${kind}-${Date.now().toString(36)}`;
  await withChunks.createGraph({ id: graphId, name: graphId, description: 'bench/ingest-chunks.ts' });
  const s0 = serverCpuMs();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let at = 0; at < rows.length; at += BATCH) await store.ingest(graphId, { interactions: rows.slice(at, at + BATCH), accounts: [] });
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const s1 = serverCpuMs();
  runs[kind].push({ ms: Math.round(ms), clientCpuMs: Math.round((c.user + c.system) / 1000), serverCpuMs: s0 === null || s1 === null ? null : s1 - s0 });
  await withChunks.deleteGraph(graphId);
}

try {
  for (let round = 0; round < rounds; round++) {
    const order: Array<'with' | 'without'> = round % 2 === 0 ? ['with', 'without'] : ['without', 'with'];
    for (const kind of order) await once(kind);
  }
} finally {
  await withChunks.close();
}
const rate = (r: { ms: number }) => rows.length / (r.ms / 1000);
const geomean = (xs: number[]) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
const perThousand = (runsOf: typeof runs.with, key: 'clientCpuMs' | 'serverCpuMs') =>
  runsOf.some((r) => r[key] === null) ? null : Number((runsOf.reduce((s, r) => s + (r[key] as number), 0) / runsOf.length / (rows.length / 1000)).toFixed(2));
process.stdout.write(
  JSON.stringify({
    file: path.split('/').pop(),
    interactions: rows.length,
    batch: BATCH,
    rounds,
    load: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    withChunks: { perSecond: Math.round(geomean(runs.with.map(rate))), clientCpuPer1000: perThousand(runs.with, 'clientCpuMs'), serverCpuPer1000: perThousand(runs.with, 'serverCpuMs'), runs: runs.with },
    withoutChunks: { perSecond: Math.round(geomean(runs.without.map(rate))), clientCpuPer1000: perThousand(runs.without, 'clientCpuMs'), serverCpuPer1000: perThousand(runs.without, 'serverCpuMs'), runs: runs.without },
    // Per round (the two orders mirrored): with chunks' rate over without's.
    withOverWithout: Number(geomean(runs.with.map((r, i) => rate(r) / rate(runs.without[i]!))).toFixed(3)),
  }) + '\n',
);
