/**
 * Ingestion against Neo4j's write ceiling, in one run (issue 10 item 3), on a real Neo4j
 * (NEO4J_URI) and the real server started as a child process (src/server.ts):
 *
 *   ceiling  neo4j-driver alone, the same data model: the accounts created first in
 *            batches of 10,000, then one INTERACTED relationship per interaction with the
 *            properties the store writes (graphId, type, weight, ts), 10,000 rows a
 *            transaction, two transactions at a time; no validation, no replay check.
 *   json     the API: JSON batches of 50,000 (one transaction each), one after the other.
 *   ndjson   the API: the whole edge list as one NDJSON stream.
 *
 * With --events FILE (a timestamped event list, `source target unix-seconds` a line, e.g.
 * ../shared/datasets/college-msg: repeated (source, target, day) events), the same three
 * on those events, plus the fold mode (a graph created with `fold: "day"`, issue 10 item 3):
 *   ndjson-fold  one NDJSON stream with an Upload-Id (a folded graph asks for one);
 *   json-fold    JSON batches of 50,000, each with an Idempotency-Key.
 * Its ceiling writes one relationship per event: folding writes fewer relationships than
 * there are events, so it can go past 1.
 *
 * Noise on a shared machine: every measurement ingests into a new graph, deleted right after
 * (untimed), so the store does not grow; the methods run in rounds (--rounds, default 2), in
 * mirrored order on every other round (A B C, then C B A), so that a load drifting over the
 * run weighs on all of them alike; each ratio is the geometric mean over the rounds of
 * (rate / the ceiling's rate in the same round). Request bodies are serialised before the
 * clock starts for both JSON and NDJSON (the client's own work is not the service's).
 * Neo4j's and the server's CPU time per 1,000 interactions are printed beside the wall-clock
 * rates (/proc; NEO4J_PID or .neo4j/run/neo4j.pid): the work done, which load changes less.
 *
 * Prints one JSON object.
 *
 * usage: node --import=tsx bench/ingest.ts [EDGELIST] [--events FILE] [--rounds R] [--limit N]
 *   (default EDGELIST: higgs-twitter's retweet layer; --limit: only the first N interactions)
 */
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import neo4j from 'neo4j-driver';
import { processCpuMs, takeOption } from './proc.js';

const argv = process.argv.slice(2);
const option = (name: string): string | undefined => takeOption(argv, name);
const eventsPath = option('--events');
const rounds = Number(option('--rounds') ?? 2);
const limit = Number(option('--limit') ?? Infinity);
const path = argv[0] ?? new URL('../../shared/datasets/higgs-twitter/higgs-retweet_network.edgelist.gz', import.meta.url).pathname;
const uri = process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687';
const port = Number(process.env.BENCH_PORT ?? 3918);
const base = `http://127.0.0.1:${port}`;
const JSON_BATCH = 50_000;
const CEILING_ROWS = 10_000;
const CEILING_CONCURRENCY = 2;

interface Row {
  source: string;
  target: string;
  weight: number;
  timestamp?: number;
}

/** `source target [weight]` (an edge list) or, with `timed`, `source target unix-seconds` (an event list). */
async function readRows(file: string, timed: boolean): Promise<Row[]> {
  const input = file.endsWith('.gz') ? createReadStream(file).pipe(createGunzip()) : createReadStream(file);
  const rows: Row[] = [];
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (rows.length >= limit) break;
    const [a, b, c] = line.trim().split(/\s+/);
    if (!a || !b || a === b) continue;
    if (timed) rows.push({ source: a, target: b, weight: 1, timestamp: Number(c) * 1000 });
    else rows.push({ source: a, target: b, weight: c === undefined ? 1 : Number(c) });
  }
  return rows;
}

async function call(method: string, url: string, body?: string, headers: Record<string, string> = {}) {
  const res = await fetch(base + url, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

/** CPU ms (user + system) of a process so far; NaN when unreadable. */
const cpuMs = (pid: number | undefined): number => processCpuMs(pid) ?? Number.NaN;

const neo4jPid = (() => {
  if (process.env.NEO4J_PID) return Number(process.env.NEO4J_PID);
  const file = new URL('../.neo4j/run/neo4j.pid', import.meta.url).pathname;
  return existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : undefined;
})();

const driver = neo4j.driver(uri);

/** The ceiling: driver alone, accounts first, then relationships two transactions at a time. */
async function ceiling(graph: string, rows: Row[]): Promise<void> {
  const ids = [...new Set(rows.flatMap((r) => [r.source, r.target]))];
  for (let i = 0; i < ids.length; i += CEILING_ROWS) {
    await driver.executeQuery('UNWIND $ids AS id CREATE (:Account {graphId: $g, id: id})', { ids: ids.slice(i, i + CEILING_ROWS), g: graph });
  }
  let next = 0;
  const worker = async () => {
    for (let i = next; i < rows.length; i = next) {
      next += CEILING_ROWS;
      await driver.executeQuery(
        `UNWIND $rows AS row
         MATCH (s:Account {graphId: $g, id: row.source}) MATCH (t:Account {graphId: $g, id: row.target})
         CREATE (s)-[:INTERACTED {graphId: $g, type: 'interaction', weight: row.weight, ts: row.ts}]->(t)`,
        { rows: rows.slice(i, i + CEILING_ROWS).map((r) => ({ ...r, ts: r.timestamp === undefined ? null : neo4j.int(r.timestamp) })), g: graph },
      );
    }
  };
  await Promise.all(Array.from({ length: CEILING_CONCURRENCY }, worker));
}

interface Method {
  name: string;
  rows: Row[];
  fold?: boolean;
  /** Prepares the bodies (untimed), then returns the timed part. */
  prepare(graph: string): () => Promise<unknown>;
}

const stamp = Date.now().toString(36);
let serial = 0;

function jsonMethod(name: string, rows: Row[], fold = false): Method {
  return {
    name,
    rows,
    fold,
    prepare(graph) {
      const bodies: string[] = [];
      for (let i = 0; i < rows.length; i += JSON_BATCH) bodies.push(JSON.stringify({ interactions: rows.slice(i, i + JSON_BATCH) }));
      return async () => {
        for (const [k, body] of bodies.entries()) {
          await call('POST', `/v1/graphs/${graph}/interactions`, body, fold ? { 'idempotency-key': `${graph}-${k}` } : {});
        }
      };
    },
  };
}

function ndjsonMethod(name: string, rows: Row[], fold = false): Method {
  return {
    name,
    rows,
    fold,
    prepare(graph) {
      const body = rows.map((r) => JSON.stringify(r)).join('\n');
      const headers: Record<string, string> = { 'content-type': 'application/x-ndjson', ...(fold ? { 'upload-id': `${graph}-upload` } : {}) };
      return () => call('POST', `/v1/graphs/${graph}/interactions`, body, headers);
    },
  };
}

function ceilingMethod(name: string, rows: Row[]): Method {
  return { name, rows, prepare: (graph) => () => ceiling(graph, rows) };
}

interface Measurement {
  perSecond: number;
  neo4jCpuMsPer1000: number;
  serverCpuMsPer1000: number;
}

/** One method once, in a graph of its own, deleted afterwards. */
async function measure(method: Method, serverPid: number | undefined): Promise<Measurement> {
  const graph = `bench-${method.name}-${stamp}-${serial++}`;
  await call('POST', '/v1/graphs', JSON.stringify({ id: graph, name: graph, ...(method.fold ? { fold: 'day' } : {}) }));
  try {
    const run = method.prepare(graph);
    const [neo0, srv0] = [cpuMs(neo4jPid), cpuMs(serverPid)];
    const t = performance.now();
    await run();
    const seconds = (performance.now() - t) / 1000;
    const [neo1, srv1] = [cpuMs(neo4jPid), cpuMs(serverPid)];
    const per1000 = (ms: number) => Number(((ms * 1000) / method.rows.length).toFixed(1));
    return { perSecond: method.rows.length / seconds, neo4jCpuMsPer1000: per1000(neo1 - neo0), serverCpuMsPer1000: per1000(srv1 - srv0) };
  } finally {
    await call('DELETE', `/v1/graphs/${graph}`).catch(() => {});
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const geomean = (xs: number[]) => Math.exp(xs.reduce((sum, x) => sum + Math.log(x), 0) / xs.length);

/** Runs a set of methods (the first is its ceiling) in mirrored rounds; figures per method. */
async function suite(methods: Method[], serverPid: number | undefined) {
  const runs = new Map<string, Measurement[]>(methods.map((m) => [m.name, []]));
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? methods : [...methods].reverse();
    for (const m of order) runs.get(m.name)!.push(await measure(m, serverPid));
  }
  const ceilingRuns = runs.get(methods[0]!.name)!;
  const out: Record<string, unknown> = {};
  for (const m of methods) {
    const rs = runs.get(m.name)!;
    out[m.name] = {
      perSecond: rs.map((x) => Math.round(x.perSecond)),
      medianPerSecond: Math.round(median(rs.map((x) => x.perSecond))),
      vsCeiling: Number(geomean(rs.map((x, k) => x.perSecond / ceilingRuns[k]!.perSecond)).toFixed(3)),
      neo4jCpuMsPer1000: median(rs.map((x) => x.neo4jCpuMsPer1000)),
      serverCpuMsPer1000: median(rs.map((x) => x.serverCpuMsPer1000)),
    };
  }
  return out;
}

const rows = await readRows(path, false);
const events = eventsPath ? await readRows(eventsPath, true) : null;
const server = spawn(process.execPath, ['--import=tsx', 'src/server.ts'], {
  // No overload guard: on a shared machine the event loop can lag a second without the service being at fault.
  env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', NEO4J_URI: uri, MAX_BATCH_ITEMS: String(JSON_BATCH), MAX_EVENT_LOOP_DELAY_MS: '0' },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const out: Record<string, unknown> = { file: path.split('/').at(-1), interactions: rows.length, rounds };
try {
  for (let i = 0; ; i++) {
    try {
      await call('GET', '/health/ready');
      break;
    } catch {
      if (i > 300) throw new Error('the server did not become ready');
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  out.edges = await suite([ceilingMethod('ceiling', rows), jsonMethod('json', rows), ndjsonMethod('ndjson', rows)], server.pid);
  if (events) {
    const groups = new Set(events.map((e) => `${e.source} ${e.target} ${Math.floor((e.timestamp as number) / 86_400_000)}`)).size;
    out.events = { file: eventsPath!.split('/').at(-1), interactions: events.length, foldedRelationships: groups };
    Object.assign(
      out.events as object,
      await suite(
        [
          ceilingMethod('ceiling', events),
          jsonMethod('json', events),
          ndjsonMethod('ndjson', events),
          ndjsonMethod('ndjson-fold', events, true),
          jsonMethod('json-fold', events, true),
        ],
        server.pid,
      ),
    );
  }
} finally {
  await driver.close();
  server.kill('SIGTERM');
}
process.stdout.write(JSON.stringify(out) + '\n');
