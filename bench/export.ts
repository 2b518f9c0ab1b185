/**
 * The NDJSON export of a large analysis, end to end (issue 11's target: the higgs result in
 * under 10 s, in constant memory), next to its floor.
 *
 * usage: NEO4J_URI=bolt://... node --expose-gc --import=tsx bench/export.ts [--analysis ID] [--runs N] [--keep]
 *
 * Without --analysis, higgs-twitter's retweet layer (256k accounts) is streamed into a new
 * graph through the API as NDJSON and analysed with runs 1 (as bench/explorer.ts
 * --only-higgs); --keep leaves that graph in Neo4j and prints its analysis id for the next
 * run. The app runs in this process on a free port. Then, N times (default 3), each with the
 * store's result cache dropped first (cold: every block read from Neo4j):
 *   - export: GET /v1/analyses/{id}/export?format=ndjson read to its last byte over HTTP;
 *   - floor:  one Cypher query streaming the bytes of every stored block of the analysis
 *             (members, index, ties) through neo4j-driver, nothing decoded or serialised:
 *             what any reader of the stored result must at least fetch;
 *   - CPU:    user + system CPU seconds of this process (server and client) during the
 *             export: on a loaded machine the wall time follows the share of a core it gets;
 *   - memory: the process's heap + array buffers sampled every 10 ms during the export,
 *             peak minus the level just before it (after a GC when --expose-gc is given).
 * Prints one markdown table row per run and the medians; bench/README.md keeps the last run.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import neo4j from 'neo4j-driver';
import { startTestApp, uniqueId } from '../test/helpers/app.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const k = args.indexOf(name);
  return k >= 0 ? args[k + 1] : undefined;
};
const runs = Number(opt('--runs') ?? 3) || 3;
const keep = args.includes('--keep');
const HIGGS = new URL('../../shared/datasets/higgs-twitter/higgs-retweet_network.edgelist.gz', import.meta.url).pathname;

const ctx = await startTestApp({ RATE_LIMIT_MAX: '1000000' });
const address = await ctx.app.listen({ host: '127.0.0.1', port: 0 });
const driver = neo4j.driver(ctx.config.NEO4J_URI, neo4j.auth.basic(ctx.config.NEO4J_USER, ctx.config.NEO4J_PASSWORD));
const gc = (globalThis as { gc?: () => void }).gc;

async function call(method: string, url: string, body?: unknown, type = 'application/json'): Promise<any> {
  const res = await fetch(address + url, {
    method,
    headers: body === undefined ? {} : { 'content-type': type },
    body: body === undefined ? undefined : body instanceof Readable ? (body as never) : JSON.stringify(body),
    ...(body instanceof Readable ? { duplex: 'half' } : {}),
  } as RequestInit);
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

/** Higgs's retweet layer into a new graph through the API, analysed with runs 1. */
async function higgsAnalysis(): Promise<{ id: string; graphId: string; accounts: number }> {
  const graphId = uniqueId('bench-export-higgs');
  await call('POST', '/v1/graphs', { id: graphId, name: 'higgs-twitter retweet' });
  const t0 = performance.now();
  const lines = Readable.from(
    (async function* () {
      for await (const line of createInterface({ input: createReadStream(HIGGS).pipe(createGunzip()), crlfDelay: Infinity })) {
        const [source, target, w] = line.trim().split(/\s+/);
        if (source && target && source !== target) yield `${JSON.stringify({ source, target, weight: Number(w ?? 1) })}\n`;
      }
    })(),
  );
  await call('POST', `/v1/graphs/${graphId}/interactions`, lines, 'application/x-ndjson');
  const t1 = performance.now();
  let a = await call('POST', `/v1/graphs/${graphId}/analyses?wait=60`, { runs: 1 });
  while (a.status === 'queued' || a.status === 'running') a = await call('GET', `/v1/analyses/${a.id}?wait=60`);
  if (a.status !== 'succeeded') throw new Error(`analysis of higgs: ${a.status} ${a.error ?? ''}`);
  console.error(`[bench/export] higgs ingested in ${((t1 - t0) / 1000).toFixed(0)} s, analysed in ${((performance.now() - t1) / 1000).toFixed(0)} s: analysis ${a.id}`);
  return { id: a.id, graphId, accounts: a.summary.accounts };
}

/** The export read to its last byte, with the memory it took on top of the level before it. */
async function exportRun(analysisId: string): Promise<{ seconds: number; cpuSeconds: number; bytes: number; lines: number; peakMiB: number }> {
  ctx.store.forgetResult(analysisId);
  gc?.();
  const level = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const base = level();
  let peak = base;
  const sampler = setInterval(() => {
    peak = Math.max(peak, level());
  }, 10);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  try {
    const res = await fetch(`${address}/v1/analyses/${analysisId}/export?format=ndjson`);
    if (res.status !== 200) throw new Error(`export: ${res.status} ${await res.text()}`);
    let bytes = 0;
    let lines = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
      peak = Math.max(peak, level());
    }
    const cpu = process.cpuUsage(cpu0);
    return { seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, bytes, lines, peakMiB: (peak - base) / 2 ** 20 };
  } finally {
    clearInterval(sampler);
  }
}

/** The floor: the bytes of every stored block of the analysis, streamed in one query. */
async function floorSeconds(analysisId: string): Promise<{ seconds: number; blocks: number; bytes: number }> {
  const session = driver.session({ database: ctx.config.NEO4J_DATABASE, defaultAccessMode: neo4j.session.READ });
  const t0 = performance.now();
  let blocks = 0;
  let bytes = 0;
  try {
    const result = session.run('MATCH (b:ResultBlock {analysisId: $analysisId}) RETURN b.data AS data, b.ids AS ids, b.tieIds AS tieIds', { analysisId });
    for await (const r of result) {
      blocks++;
      bytes += (r.get('data') as Int8Array | null)?.length ?? 0;
      for (const list of [r.get('ids'), r.get('tieIds')] as Array<string[] | null>) if (list) for (const id of list) bytes += id.length;
    }
  } finally {
    await session.close();
  }
  return { seconds: (performance.now() - t0) / 1000, blocks, bytes };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;

let made: { id: string; graphId: string } | null = null;
const rows: string[] = [];
try {
  const given = opt('--analysis');
  const analysisId = given ?? (made = await higgsAnalysis()).id;
  const analysis = await call('GET', `/v1/analyses/${analysisId}`);
  const results: Array<{ ex: Awaited<ReturnType<typeof exportRun>>; floor: Awaited<ReturnType<typeof floorSeconds>> }> = [];
  for (let i = 0; i < runs; i++) {
    const ex = await exportRun(analysisId);
    const floor = await floorSeconds(analysisId);
    if (ex.lines !== analysis.summary.accounts) throw new Error(`export has ${ex.lines} lines for ${analysis.summary.accounts} accounts`);
    results.push({ ex, floor });
    rows.push(
      `| ${i + 1} | ${ex.lines} | ${(ex.bytes / 1e6).toFixed(1)} MB | ${ex.seconds.toFixed(2)} | ${ex.cpuSeconds.toFixed(2)} | ${ex.peakMiB.toFixed(0)} MiB | ` +
        `${floor.blocks} blocks, ${(floor.bytes / 1e6).toFixed(1)} MB | ${floor.seconds.toFixed(2)} | ${(ex.seconds / floor.seconds).toFixed(1)} |`,
    );
  }
  const ex = median(results.map((r) => r.ex.seconds));
  const fl = median(results.map((r) => r.floor.seconds));
  console.log(`\n### NDJSON export of analysis ${analysisId} (${analysis.summary.accounts} accounts, ${analysis.summary.edges} ties), cold each run\n`);
  console.log('| run | lines | size | export (s) | CPU of this process (s) | memory during export | floor: stored blocks | floor (s) | ratio |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(r);
  console.log(`\nmedian: export ${ex.toFixed(2)} s (CPU ${median(results.map((r) => r.ex.cpuSeconds)).toFixed(2)} s), floor ${fl.toFixed(2)} s, ratio ${(ex / fl).toFixed(1)}; peak memory ${median(results.map((r) => r.ex.peakMiB)).toFixed(0)} MiB; target 10 s`);
  if (made && keep) console.log(`kept graph ${made.graphId}: rerun with --analysis ${analysisId}`);
} finally {
  if (made && !keep) await call('DELETE', `/v1/graphs/${made.graphId}`).catch(() => {});
  await driver.close();
  await ctx.close();
}
