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
 * The ceiling runs before and after the API (the store grows and the machine is shared):
 * the ratios are to the mean of the two. Every graph is new and deleted at the end.
 * Prints one JSON object.
 *
 * usage: node --import=tsx bench/ingest.ts [EDGELIST] (default: higgs-twitter's retweet layer)
 */
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import neo4j from 'neo4j-driver';

const path = process.argv[2] ?? new URL('../../shared/datasets/higgs-twitter/higgs-retweet_network.edgelist.gz', import.meta.url).pathname;
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
}

async function readRows(file: string): Promise<Row[]> {
  const input = file.endsWith('.gz') ? createReadStream(file).pipe(createGunzip()) : createReadStream(file);
  const rows: Row[] = [];
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    const [a, b, w] = line.trim().split(/\s+/);
    if (a && b && a !== b) rows.push({ source: a, target: b, weight: w === undefined ? 1 : Number(w) });
  }
  return rows;
}

async function call(method: string, url: string, body?: unknown, type = 'application/json') {
  const res = await fetch(base + url, {
    method,
    headers: body === undefined ? {} : { 'content-type': type },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

const driver = neo4j.driver(uri);

/** The ceiling: driver alone, accounts first, then relationships two transactions at a time. */
async function ceiling(graph: string, rows: Row[]): Promise<number> {
  await call('POST', '/v1/graphs', { id: graph, name: graph });
  const t = performance.now();
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
         CREATE (s)-[:INTERACTED {graphId: $g, type: 'interaction', weight: row.weight, ts: null}]->(t)`,
        { rows: rows.slice(i, i + CEILING_ROWS), g: graph },
      );
    }
  };
  await Promise.all(Array.from({ length: CEILING_CONCURRENCY }, worker));
  return rows.length / ((performance.now() - t) / 1000);
}

const rows = await readRows(path);
const server = spawn(process.execPath, ['--import=tsx', 'src/server.ts'], {
  // No overload guard: on a shared machine the event loop can lag a second without the service being at fault.
  env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', NEO4J_URI: uri, MAX_BATCH_ITEMS: String(JSON_BATCH), MAX_EVENT_LOOP_DELAY_MS: '0' },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const stamp = Date.now().toString(36);
const graphs: string[] = [];
const out: Record<string, unknown> = { file: path.split('/').at(-1), interactions: rows.length };
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
  const graph = (kind: string) => {
    const id = `bench-${kind}-${stamp}`;
    graphs.push(id);
    return id;
  };

  const ceilingBefore = await ceiling(graph('ceiling-a'), rows);

  const jsonGraph = graph('json');
  await call('POST', '/v1/graphs', { id: jsonGraph, name: jsonGraph });
  let t = performance.now();
  for (let i = 0; i < rows.length; i += JSON_BATCH) {
    await call('POST', `/v1/graphs/${jsonGraph}/interactions`, { interactions: rows.slice(i, i + JSON_BATCH) });
  }
  const json = rows.length / ((performance.now() - t) / 1000);

  const ndGraph = graph('ndjson');
  await call('POST', '/v1/graphs', { id: ndGraph, name: ndGraph });
  const ndjson = rows.map((r) => JSON.stringify(r)).join('\n');
  t = performance.now();
  const streamed = await call('POST', `/v1/graphs/${ndGraph}/interactions`, ndjson, 'application/x-ndjson');
  const nd = rows.length / ((performance.now() - t) / 1000);

  const ceilingAfter = await ceiling(graph('ceiling-b'), rows);
  const ceilingMean = (ceilingBefore + ceilingAfter) / 2;
  Object.assign(out, {
    ceilingBeforePerSecond: Math.round(ceilingBefore),
    ceilingAfterPerSecond: Math.round(ceilingAfter),
    apiJsonPerSecond: Math.round(json),
    apiNdjsonPerSecond: Math.round(nd),
    ndjsonBatches: streamed.batches,
    jsonVsCeiling: Number((json / ceilingMean).toFixed(3)),
    ndjsonVsCeiling: Number((nd / ceilingMean).toFixed(3)),
  });
} finally {
  for (const g of graphs) await call('DELETE', `/v1/graphs/${g}`).catch(() => {});
  await driver.close();
  server.kill('SIGTERM');
}
process.stdout.write(JSON.stringify(out) + '\n');
