/**
 * End to end through the service (issue 10 item 7, targets of issue 10): one graph ingested
 * through the API as one NDJSON stream, then analyses at the service's defaults, POST ->
 * succeeded, each with its phase split, beside igraph's Louvain + PageRank from the same file
 * in the same run (bench/anchors.py, Debian's python3-igraph); wallMs is POST -> succeeded,
 * viewWallMs POST -> its Browser view written (null for a tree without one):
 *   - first: the first analysis after the ingest, in a freshly started service (the
 *     projection read from Neo4j);
 *   - cached: the same defaults with another seed (the projection from the service's cache;
 *     the first analysis is its default baseline: lineage and warm start, as for any second
 *     analysis of a graph).
 * igraph runs before and after the analyses (the machine's load drifts); the ratio is the
 * analysis's wall time over the mean of the two. Peak RSS of the service process (VmHWM: at
 * the end of the first analysis, Browser view included, and at the end) and the load average
 * are printed with the figures. Prints one JSON object.
 *
 * usage: node --import=tsx bench/end-to-end.ts [EDGELIST] [--keep]
 * (default: higgs-twitter's retweet layer; NEO4J_URI names the Neo4j; --keep leaves the
 * graph in Neo4j and a later run with --keep analyses it again without ingesting it)
 * BENCH_LOG_LEVEL sets the service's LOG_LEVEL (default warn): `debug` shows, on stderr, a line
 * for each phase of each result write (begin, blocks, commit, then the Browser view's steps
 * and view), with its duration in ms.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DEBIAN_PYTHON, ensureDebianPython } from '../scripts/debian-python.js';
import { ndjsonStream } from './edgelist.js';
import { freePort } from '../scripts/free-port.js';

const args = process.argv.slice(2);
const keep = args.includes('--keep');
const file = args.find((a) => !a.startsWith('--')) ?? new URL('../../shared/datasets/higgs-twitter/higgs-retweet_network.edgelist.gz', import.meta.url).pathname;
const uri = process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687';
const graphId = `bench-e2e-${basename(file).replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 100);

const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

function igraph(): { total: number; louvain: number; pagerank: number; load: number; modularity: number; peakRssMb: number } {
  const res = spawnSync(DEBIAN_PYTHON, ['bench/anchors.py', 'igraph', file], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (res.status !== 0) throw new Error(`bench/anchors.py igraph failed: ${res.stderr}`);
  return JSON.parse(res.stdout.trim().split('\n').at(-1) as string);
}

ensureDebianPython('bench', ['igraph'], ['python3-igraph']);
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ['--import=tsx', 'src/server.ts'], {
  env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn', NEO4J_URI: uri, API_KEYS: '', RATE_LIMIT_MAX: '100000000', RATE_LIMIT_ADDRESS_MAX: '100000000' },
  // The service's log goes to stderr: stdout is this script's JSON.
  stdio: ['ignore', 2, 'inherit'],
});
const exited = once(server, 'exit');

/**
 * One request; a 503 (under-pressure on a loaded machine) is retried after its Retry-After, a
 * few times. A request whose connection the server had already closed (a keep-alive socket
 * reused after minutes of igraph: "other side closed" ended a 1M-account run once) is sent
 * again on a new one; a POST carries an Idempotency-Key, so a retry is never applied twice.
 */
async function call(method: string, path: string, body?: unknown): Promise<Record<string, unknown> | null> {
  let res: Response;
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  if (method === 'POST') headers['idempotency-key'] = randomUUID();
  for (let attempt = 0; ; attempt++) {
    try {
      res = await fetch(base + path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    } catch (err) {
      if (attempt >= 3) throw err;
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    // 409 with Retry-After: the first attempt of this key is still being answered.
    const later = res.status === 503 || (res.status === 409 && res.headers.has('retry-after'));
    if (!later || attempt === 10) break;
    await res.arrayBuffer();
    await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? 1)));
  }
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : null;
}

function peakRssMb(): number {
  const line = readFileSync(`/proc/${server.pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
  return Math.round(Number(line?.split(/\s+/)[1]) / 1024);
}

/** POST -> succeeded at the defaults (with `seed` when given), wall time from the client, phases from the service. */
async function analyse(body: Record<string, unknown>) {
  const t0 = performance.now();
  const created = (await call('POST', `/v1/graphs/${graphId}/analyses`, body))!;
  let analysis = created;
  while (analysis.status === 'queued' || analysis.status === 'running') {
    await new Promise((r) => setTimeout(r, 50));
    analysis = (await call('GET', `/v1/analyses/${created.id as string}`))!;
  }
  const wallMs = Math.round(performance.now() - t0);
  // Then its Browser view (written after the status, src/store/browser-view.ts; absent
  // before that existed), and the phase timings, recorded once the worker ended.
  let viewWallMs: number | null = null;
  for (let i = 0; i < 2400 && (analysis.timings === undefined || analysis.browserView === 'pending'); i++) {
    await new Promise((r) => setTimeout(r, 50));
    analysis = (await call('GET', `/v1/analyses/${created.id as string}`))!;
    if (viewWallMs === null && analysis.browserView !== undefined && analysis.browserView !== 'pending') viewWallMs = Math.round(performance.now() - t0);
  }
  if (analysis.status !== 'succeeded') throw new Error(`analysis ${created.id as string} ${analysis.status as string}: ${JSON.stringify(analysis.error)}`);
  const summary = analysis.summary as Record<string, unknown>;
  return { wallMs, browserView: analysis.browserView ?? null, viewWallMs, timings: analysis.timings, niches: summary.niches, communities: summary.communities, modularity: summary.modularity, load: loadavg() };
}

const out: Record<string, unknown> = { file: basename(file), loadAtStart: loadavg() };
try {
  for (let i = 0; ; i++) {
    if ((await fetch(`${base}/health/ready`).catch(() => null))?.status === 200) break;
    if (i > 600) throw new Error('the service did not become ready');
    await new Promise((r) => setTimeout(r, 200));
  }
  const existing = await call('GET', `/v1/graphs/${graphId}`).catch((err: Error) => {
    if (/: 404 /.test(err.message)) return null;
    throw err;
  });
  if (existing && keep && Number(existing.interactions) > 0) {
    out.ingest = { skipped: 'kept from an earlier run (--keep)', interactions: existing.interactions };
  } else {
    if (existing) await call('DELETE', `/v1/graphs/${graphId}`);
    await call('POST', '/v1/graphs', { id: graphId, name: graphId, description: 'bench/end-to-end.ts' });
    const t0 = performance.now();
    const res = await fetch(`${base}/v1/graphs/${graphId}/interactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: ndjsonStream(file),
      duplex: 'half',
    } as RequestInit);
    const summary = (await res.json()) as { stored: number };
    if (res.status >= 400) throw new Error(`ingestion: ${res.status} ${JSON.stringify(summary)}`);
    const seconds = (performance.now() - t0) / 1000;
    out.ingest = { interactions: summary.stored, seconds: Number(seconds.toFixed(1)), perSecond: Math.round(summary.stored / seconds) };
  }
  const before = igraph();
  // A kept graph has the earlier runs' analyses: `baseline: null` makes the first one what it
  // is after a fresh ingest (no earlier analysis to match niches to or warm-start from).
  const kept = (out.ingest as { skipped?: string }).skipped !== undefined;
  const first = await analyse(kept ? { baseline: null } : {});
  // The peak up to the end of the first analysis (its Browser view included), then over both.
  const firstPeakRssMb = peakRssMb();
  const cached = await analyse({ seed: 43 });
  const after = igraph();
  const igraphSeconds = (before.total + after.total) / 2;
  out.igraph = { before: before.total, after: after.total, louvain: [before.louvain, after.louvain], pagerank: [before.pagerank, after.pagerank], modularity: before.modularity };
  out.first = { ...first, vsIgraph: Number((first.wallMs / 1000 / igraphSeconds).toFixed(2)) };
  out.cached = { ...cached, vsIgraph: Number((cached.wallMs / 1000 / igraphSeconds).toFixed(2)) };
  out.servicePeakRssMbAfterFirst = firstPeakRssMb;
  out.servicePeakRssMb = peakRssMb();
  out.loadAtEnd = loadavg();
} finally {
  if (!keep) await call('DELETE', `/v1/graphs/${graphId}`).catch(() => {});
  server.kill('SIGTERM');
  await exited;
}
process.stdout.write(JSON.stringify(out) + '\n');
