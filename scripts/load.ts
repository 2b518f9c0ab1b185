/**
 * `npm run load`: HTTP load test of the real service (src/server.ts as a child process,
 * with an API key, against NEO4J_URI) with autocannon. Scenarios:
 *   read    GET /v1/analyses/{id}/niches?limit=50 on a finished analysis of the default
 *           synthetic graph (3,000 accounts, 70,000 interactions, seed 7)
 *   read every page: every page of that analysis's results in turn (the niche list at each
 *           offset, each niche's first page of members, limit 50), so that the service
 *           serves many distinct pages, not one; before it, each of those pages is asked for
 *           once, one at a time ("first read of each page": decoded from the stored blocks,
 *           built and serialized, the path a page takes before the page cache holds it)
 *   ingest  POST /v1/graphs/{id}/interactions, batches of LOAD_BATCH (default 1,000)
 *           interactions without ids (each request stores its whole batch)
 * Prints one Markdown table (bench/README.md quotes it) and writes the raw autocannon
 * results to .bench/api-load.json. The graphs it creates are deleted at the end.
 *
 * Environment: LOAD_DURATION seconds per scenario (default 15), LOAD_READ_CONNECTIONS
 * (default 10), LOAD_INGEST_CONNECTIONS (default 2), LOAD_BATCH (default 1000).
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import autocannon from 'autocannon';
import { generateConversationGraph } from '../src/synthetic/conversation-graph.js';
import { freePort } from './free-port.js';

const duration = Number(process.env.LOAD_DURATION ?? 15);
const readConnections = Number(process.env.LOAD_READ_CONNECTIONS ?? 10);
const ingestConnections = Number(process.env.LOAD_INGEST_CONNECTIONS ?? 2);
const batchSize = Number(process.env.LOAD_BATCH ?? 1000);
const repo = new URL('..', import.meta.url);

async function call(base: string, key: string, method: string, path: string, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path} -> ${res.status}: ${text.slice(0, 300)}`);
  return text === '' ? null : (JSON.parse(text) as Record<string, unknown>);
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

const key = randomBytes(24).toString('hex');
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const service = spawn(process.execPath, ['--import=tsx', new URL('src/server.ts', repo).pathname], {
  env: {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    API_KEYS: `admin:${createHash('sha256').update(key).digest('hex')}`,
    // Measure the service, not the rate limiter.
    RATE_LIMIT_MAX: '100000000',
    RATE_LIMIT_ADDRESS_MAX: '100000000',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const exited = once(service, 'exit');
const graphs: string[] = [];
try {
  let ready = false;
  for (let i = 0; i < 240 && !ready; i++) {
    ready = (await fetch(`${base}/health/ready`).catch(() => null))?.status === 200;
    if (!ready) await new Promise((r) => setTimeout(r, 250));
  }
  if (!ready) throw new Error('the service did not become ready');

  // Seed: the default synthetic graph, analysed once.
  const data = generateConversationGraph();
  const readGraph = `load-read-${randomBytes(4).toString('hex')}`;
  graphs.push(readGraph);
  await call(base, key, 'POST', '/v1/graphs', { id: readGraph, name: 'load test (read)' });
  for (let i = 0; i < data.interactions.length; i += 10_000) {
    await call(base, key, 'POST', `/v1/graphs/${readGraph}/interactions`, { interactions: data.interactions.slice(i, i + 10_000) });
  }
  const analysis = await call(base, key, 'POST', `/v1/graphs/${readGraph}/analyses?wait=60`, {});
  if (analysis?.status !== 'succeeded') throw new Error(`seed analysis did not succeed: ${JSON.stringify(analysis)}`);

  // Every page of the result: the niche list at each offset, each niche's first members page.
  const analysisPath = `/v1/analyses/${analysis.id as string}`;
  const nicheIds: string[] = [];
  for (let offset = 0; ; offset += 1000) {
    const found = (await call(base, key, 'GET', `${analysisPath}/niches?limit=1000&offset=${offset}`)) as { total: number; items: { id: string }[] };
    nicheIds.push(...found.items.map((n) => n.id));
    if (found.items.length === 0 || nicheIds.length >= found.total) break;
  }
  const paths = [
    ...Array.from({ length: Math.ceil(nicheIds.length / 50) }, (_, i) => `${analysisPath}/niches?limit=50&offset=${i * 50}`),
    ...nicheIds.map((id) => `${analysisPath}/niches/${encodeURIComponent(id)}/members?limit=50`),
  ];
  // First read of each page, one request at a time (nothing else running).
  const firstReads: number[] = [];
  for (const path of paths) {
    const t0 = performance.now();
    await call(base, key, 'GET', path);
    firstReads.push(performance.now() - t0);
  }
  firstReads.sort((a, b) => a - b);
  const quantile = (q: number) => Number((firstReads[Math.min(firstReads.length - 1, Math.floor(q * firstReads.length))] as number).toFixed(1));

  const read = await run({
    url: `${base}${analysisPath}/niches?limit=50`,
    headers: { authorization: `Bearer ${key}` },
    connections: readConnections,
    duration,
  });
  const readEvery = await run({
    url: base,
    headers: { authorization: `Bearer ${key}` },
    requests: paths.map((path) => ({ method: 'GET' as const, path })),
    connections: readConnections,
    duration,
  });

  const ingestGraph = `load-ingest-${randomBytes(4).toString('hex')}`;
  graphs.push(ingestGraph);
  await call(base, key, 'POST', '/v1/graphs', { id: ingestGraph, name: 'load test (ingest)' });
  const batch = JSON.stringify({
    interactions: Array.from({ length: batchSize }, (_, i) => ({ source: `a${i % 2000}`, target: `b${(i * 31) % 2000}`, type: 'reply' })),
  });
  const ingest = await run({
    url: `${base}/v1/graphs/${ingestGraph}/interactions`,
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: batch,
    connections: ingestConnections,
    duration,
  });

  const row = (name: string, r: autocannon.Result, perRequest = 0) =>
    `| ${name} | ${r.connections} | ${r.requests.total} | ${r.non2xx} | ${r.errors} | ${r.requests.average.toFixed(1)} | ` +
    `${r.latency.p50} | ${r.latency.p97_5} | ${r.latency.p99} | ${perRequest ? Math.round(r.requests.average * perRequest) : '-'} |`;
  const table = [
    `Load test, ${duration} s per scenario, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, ` +
      `load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end`,
    '',
    `First read of each of the ${paths.length} pages (${nicheIds.length} niches), one at a time: ` +
      `p50 ${quantile(0.5)} ms, p99 ${quantile(0.99)} ms, max ${quantile(1)} ms`,
    '',
    '| scenario | connections | requests | non-2xx | errors | req/s (mean) | p50 ms | p97.5 ms | p99 ms | interactions/s |',
    '|---|---|---|---|---|---|---|---|---|---|',
    row('read niches page (limit 50)', read),
    row(`read every page (${paths.length}, limit 50)`, readEvery),
    row(`ingest batches of ${batchSize}`, ingest, batchSize),
  ].join('\n');
  console.log(`\n${table}\n`);
  await mkdir(new URL('.bench/', repo), { recursive: true });
  await writeFile(new URL('.bench/api-load.json', repo), JSON.stringify({ read, readEvery, firstReads, ingest }, null, 2));
  if ([read, readEvery, ingest].some((r) => r.non2xx > 0 || r.errors > 0)) process.exitCode = 1;
} finally {
  for (const g of graphs) await call(base, key, 'DELETE', `/v1/graphs/${g}`).catch(() => {});
  service.kill('SIGTERM');
  await exited;
}
