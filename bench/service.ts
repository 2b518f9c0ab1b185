/**
 * The service side of bench/run.ts, against a real Neo4j (NEO4J_URI) and the real server
 * started as a child process (src/server.ts):
 *   1. ingestion throughput through the API: JSON batches, then one NDJSON stream;
 *   2. a raw neo4j-driver baseline writing the same rows into the same data model
 *      (UNWIND batches: MERGE the accounts, CREATE the interactions);
 *   3. an analysis of the ingested graph in a worker while /health/live is probed every
 *      10 ms: latency percentiles of the probe, and the analysis's phase timings.
 * Prints one JSON object. The graphs it creates are deleted at the end.
 *
 * usage: node --import=tsx bench/service.ts EDGELIST [--large]
 *
 * --large (graphs too big to hold as one request body in memory, e.g. the 1M-node LFR):
 * only the NDJSON stream, read from the file as it is sent, and one analysis (runs 1).
 */
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import neo4j from 'neo4j-driver';
import { ndjsonStream } from './edgelist.js';

const path = process.argv[2];
if (!path) throw new Error('usage: bench/service.ts EDGELIST [--large]');
const large = process.argv.includes('--large');
const uri = process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687';
const port = Number(process.env.BENCH_PORT ?? 3917);
const base = `http://127.0.0.1:${port}`;
const JSON_BATCH = 50_000;
const RAW_BATCH = 10_000;

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

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Ends the --large run early (the finally block still cleans up). */
class Done extends Error {}

const rows = large ? [] : await readRows(path);
const server = spawn(process.execPath, ['--import=tsx', 'src/server.ts'], {
  env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', NEO4J_URI: uri, MAX_BATCH_ITEMS: String(JSON_BATCH) },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const stamp = Date.now().toString(36);
const graphs: string[] = [];
const out: Record<string, unknown> = { interactions: rows.length };
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

  if (large) {
    const graph = `bench-large-${stamp}`;
    graphs.push(graph);
    await call('POST', '/v1/graphs', { id: graph, name: graph });
    const t0 = performance.now();
    const res = await fetch(`${base}/v1/graphs/${graph}/interactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: ndjsonStream(path),
      duplex: 'half',
    } as RequestInit);
    const summary = (await res.json()) as { stored: number; batches: number };
    if (res.status >= 400) throw new Error(`streamed ingestion: ${res.status} ${JSON.stringify(summary)}`);
    out.interactions = summary.stored;
    out.apiNdjsonPerSecond = summary.stored / ((performance.now() - t0) / 1000);
    out.ndjsonBatches = summary.batches;
    out.analysis = await analyse(graph, { seed: 42, runs: 1 });
    throw new Done();
  }

  // 1. JSON batches through the API.
  const jsonGraph = `bench-json-${stamp}`;
  graphs.push(jsonGraph);
  await call('POST', '/v1/graphs', { id: jsonGraph, name: jsonGraph });
  let t = performance.now();
  for (let i = 0; i < rows.length; i += JSON_BATCH) {
    await call('POST', `/v1/graphs/${jsonGraph}/interactions`, { interactions: rows.slice(i, i + JSON_BATCH) });
  }
  out.apiJsonPerSecond = rows.length / ((performance.now() - t) / 1000);

  // 1b. One NDJSON stream.
  const ndGraph = `bench-ndjson-${stamp}`;
  graphs.push(ndGraph);
  await call('POST', '/v1/graphs', { id: ndGraph, name: ndGraph });
  const ndjson = rows.map((r) => JSON.stringify(r)).join('\n');
  t = performance.now();
  const streamed = await call('POST', `/v1/graphs/${ndGraph}/interactions`, ndjson, 'application/x-ndjson');
  out.apiNdjsonPerSecond = rows.length / ((performance.now() - t) / 1000);
  out.ndjsonBatches = streamed.batches;

  // 2. Raw driver baseline, same model, no API.
  const driver = neo4j.driver(uri);
  const rawGraph = `bench-raw-${stamp}`;
  graphs.push(rawGraph);
  await call('POST', '/v1/graphs', { id: rawGraph, name: rawGraph });
  t = performance.now();
  for (let i = 0; i < rows.length; i += RAW_BATCH) {
    const chunk = rows.slice(i, i + RAW_BATCH);
    const ids = [...new Set(chunk.flatMap((r) => [r.source, r.target]))];
    await driver.executeQuery('UNWIND $ids AS id MERGE (:Account {graphId: $g, id: id})', { ids, g: rawGraph });
    await driver.executeQuery(
      `UNWIND $rows AS row
       MATCH (s:Account {graphId: $g, id: row.source}) MATCH (t:Account {graphId: $g, id: row.target})
       CREATE (s)-[:INTERACTED {graphId: $g, id: null, key: null, type: 'interaction', weight: row.weight, ts: null}]->(t)`,
      { rows: chunk, g: rawGraph },
    );
  }
  out.rawDriverPerSecond = rows.length / ((performance.now() - t) / 1000);
  await driver.close();

  // 3. Analyses in a worker while /health/live is probed: one Louvain run (what the anchors
  // compute), the same again (the projection now comes from the cache), then the service's
  // default (consensus of `runs` Louvain runs).
  const analyseJson = (params: Record<string, unknown>) => analyse(jsonGraph, params);
  const first = await analyseJson({ seed: 42, runs: 1 });
  out.analysis = first;
  out.liveProbe = first.liveProbe;
  out.cachedAnalysis = await analyseJson({ seed: 43, runs: 1 });
  out.defaultAnalysis = await analyseJson({ seed: 42 });
} catch (err) {
  if (!(err instanceof Done)) throw err;
} finally {
  for (const g of graphs) await call('DELETE', `/v1/graphs/${g}`).catch(() => {});
  server.kill('SIGTERM');
}
process.stdout.write(JSON.stringify(out) + '\n');

/** One analysis, POST to succeeded, while /health/live is probed every 10 ms. */
async function analyse(graph: string, params: Record<string, unknown>) {
  const analysis = await call('POST', `/v1/graphs/${graph}/analyses`, params);
  const latencies: number[] = [];
  let status = analysis.status as string;
  let polls = 0;
  while (status === 'queued' || status === 'running') {
    const s = performance.now();
    await call('GET', '/health/live');
    latencies.push(performance.now() - s);
    await new Promise((r) => setTimeout(r, 10));
    if (++polls % 50 === 0) status = (await call('GET', `/v1/analyses/${analysis.id}`)).status;
  }
  const done = await call('GET', `/v1/analyses/${analysis.id}`);
  latencies.sort((a, b) => a - b);
  return {
    params,
    status: done.status,
    error: done.error ?? undefined,
    summary: done.summary,
    timings: done.timings,
    liveProbe: { samples: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1) },
  };
}
