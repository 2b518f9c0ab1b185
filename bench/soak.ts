/**
 * The soak (issue 14 item 5): the real service (src/server.ts as a child process, with an
 * API key, against NEO4J_URI) under mixed traffic at a fixed rate for SOAK_SECONDS (default
 * 300): reads of a graph, its niches, a niche's members and an account's result, liveness
 * probes, ingestion batches (new interactions with ids) and analyses, each route driven by
 * its own autocannon instance at a fixed request rate (`overallRate`), all at once. Prints a
 * Markdown table (bench/README.md quotes it): per route the requests, non-2xx by status and
 * problem code (read from each answer's body), errors (connections that failed or timed out)
 * and p50/p99 latency; the server's RSS before the traffic, its peak and after, sampled every
 * 5 s from /proc. Exit code 1 when a request failed: an error, or a non-2xx other than the
 * documented load shedding (503 NG_OVERLOADED or NG_QUEUE_FULL, both with Retry-After), or
 * when RSS after exceeds SOAK_RSS_LIMIT_MB (default 2x before + 200).
 *
 *   npm run soak                       (NEO4J_URI, or the local Neo4j at NEO4J_BOLT_PORT)
 *   SOAK_SECONDS=60 npm run soak       (a shorter run)
 *
 * Not part of `npm test`: it takes minutes and measures, it does not judge code.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import autocannon from 'autocannon';
import { generateConversationGraph } from '../src/synthetic/conversation-graph.js';
import { freePort } from '../scripts/free-port.js';

const seconds = Number(process.env.SOAK_SECONDS ?? 300);
const repo = new URL('..', import.meta.url);
const neo4jUri = process.env.NEO4J_URI ?? `bolt://127.0.0.1:${process.env.NEO4J_BOLT_PORT ?? 7687}`;

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
}

/** Load shedding the service documents (503 + Retry-After): counted and shown, not a failure. */
const SHED = new Set(['503 NG_OVERLOADED', '503 NG_QUEUE_FULL']);

/** Counts of non-2xx answers by "status code", from each answer's problem body. */
type Refusals = Map<string, number>;
function refusalCounter(into: Refusals) {
  return (status: number, body: string) => {
    if (status >= 200 && status < 300) return;
    let code = '?';
    try {
      code = String((JSON.parse(body) as { code?: unknown }).code ?? '?');
    } catch {
      // not a problem body: shown as '?'
    }
    const label = `${status} ${code}`;
    into.set(label, (into.get(label) ?? 0) + 1);
  };
}

const key = randomBytes(24).toString('hex');
const port = Number(process.env.SOAK_PORT ?? (await freePort()));
const base = `http://127.0.0.1:${port}`;
const auth = { authorization: `Bearer ${key}` };

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path} -> ${res.status}: ${text.slice(0, 300)}`);
  return text === '' ? null : (JSON.parse(text) as Record<string, unknown>);
}

// One analysis every 20 s at most is accepted per key (limits as in production otherwise).
const service = spawn(process.execPath, ['--import=tsx', new URL('src/server.ts', repo).pathname], {
  env: {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    NEO4J_URI: neo4jUri,
    API_KEYS: `admin:${createHash('sha256').update(key).digest('hex')}`,
    // The traffic comes from one key and one address: the limits would measure themselves.
    RATE_LIMIT_MAX: '100000000',
    RATE_LIMIT_ADDRESS_MAX: '100000000',
    RATE_LIMIT_JOBS_MAX: '100000000',
    MAX_ANALYSES_PER_KEY: '100',
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

  // Seed: the demo's synthetic graph (3,000 accounts, 70k interactions), analysed once.
  const data = generateConversationGraph();
  const graph = `soak-${randomBytes(4).toString('hex')}`;
  graphs.push(graph);
  await call('POST', '/v1/graphs', { id: graph, name: 'soak' });
  for (let i = 0; i < data.interactions.length; i += 10_000) {
    await call('POST', `/v1/graphs/${graph}/interactions`, { interactions: data.interactions.slice(i, i + 10_000) });
  }
  const analysis = await call('POST', `/v1/graphs/${graph}/analyses?wait=60`, {});
  if (analysis?.status !== 'succeeded') throw new Error(`seed analysis did not succeed: ${JSON.stringify(analysis)}`);
  const niches = (await call('GET', `/v1/analyses/${analysis.id as string}/niches`)) as { items: Array<{ id: string }> };
  const niche = niches.items[0]!.id;
  const members = (await call('GET', `/v1/analyses/${analysis.id as string}/niches/${niche}/members`)) as { items: Array<{ accountId: string }> };
  const account = members.items[0]!.accountId;

  const rssBefore = await rssMb(service.pid!);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    void rssMb(service.pid!).then((mb) => (rssPeak = Math.max(rssPeak, mb)), () => {});
  }, 5000);

  // Each ingestion batch: 200 new interactions with ids among the graph's accounts (the graph grows).
  let batchNo = 0;
  const accounts = 3000;
  const ingestBody = () => {
    const n = batchNo++;
    return JSON.stringify({
      interactions: Array.from({ length: 200 }, (_, i) => {
        const a = (n * 7919 + i * 104729) % accounts;
        const b = (a + 1 + ((n + i) % 97)) % accounts;
        return { id: `soak-${n}-${i}`, source: `u${a}`, target: `u${b}`, type: 'reply', timestamp: 1763631000000 + n * 1000 + i };
      }),
    });
  };
  const plainRoutes: Array<{ name: string; rate: number; options: autocannon.Options }> = [
    { name: 'GET /health/live', rate: 5, options: { url: `${base}/health/live` } },
    { name: 'GET /v1/graphs/{graphId}', rate: 5, options: { url: `${base}/v1/graphs/${graph}` } },
    { name: 'GET /v1/analyses/{id}/niches', rate: 20, options: { url: `${base}/v1/analyses/${analysis.id as string}/niches?limit=50` } },
    { name: 'GET .../niches/{nicheId}/members', rate: 20, options: { url: `${base}/v1/analyses/${analysis.id as string}/niches/${niche}/members?limit=50` } },
    { name: 'GET .../accounts/{accountId}', rate: 10, options: { url: `${base}/v1/analyses/${analysis.id as string}/accounts/${encodeURIComponent(account)}` } },
    {
      name: 'POST .../interactions (200 each)',
      rate: 4,
      options: {
        url: `${base}/v1/graphs/${graph}/interactions`,
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, body: ingestBody() }) }],
      },
    },
    {
      // One analysis every 20 s (autocannon's rate is per second: 1 request per 20 s is modelled
      // as 1 connection with a 20 s pause between requests, see below).
      name: 'POST .../analyses (1 per 20 s)',
      rate: 0,
      options: {
        url: `${base}/v1/graphs/${graph}/analyses`,
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ runs: 10 }),
      },
    },
  ];
  const routes = plainRoutes.map((r) => {
    // Each answer's status and problem code is read (autocannon then keeps the body).
    const refusals: Refusals = new Map();
    const onResponse = refusalCounter(refusals);
    const requests: autocannon.Request[] = (r.options.requests ?? [{}]).map((q) => ({ ...q, onResponse }));
    return { ...r, options: { ...r.options, requests }, refusals };
  });
  console.error(`soak: ${seconds} s against ${base} (graph ${graph}, ${data.interactions.length} interactions); RSS before ${rssBefore} MiB`);
  const results = await Promise.all(
    routes.map(async (r) => {
      if (r.rate > 0) {
        const result = await run({ headers: auth, ...r.options, connections: Math.max(2, Math.ceil(r.rate / 2)), overallRate: r.rate, duration: seconds });
        return { name: r.name, result };
      }
      // The analyses: one every 20 s, sequentially, each with autocannon's one-shot amount.
      const all: autocannon.Result[] = [];
      const end = Date.now() + seconds * 1000;
      while (Date.now() < end) {
        const started = Date.now();
        all.push(await run({ headers: auth, ...r.options, connections: 1, amount: 1 }));
        await new Promise((res) => setTimeout(res, Math.max(0, Math.min(20_000 - (Date.now() - started), end - Date.now()))));
      }
      return { name: r.name, result: all };
    }),
  );
  clearInterval(sampler);
  // Let the last analyses finish, so that "after" measures what stays.
  await new Promise((r) => setTimeout(r, 15_000));
  const rssAfter = await rssMb(service.pid!);

  /** Non-2xx answers by status and problem code, e.g. "503 NG_OVERLOADED x12". */
  const statuses = (refusals: Refusals): string => [...refusals].map(([label, n]) => `${label} x${n}`).join(', ') || '-';
  /** Non-2xx answers that are not the documented load shedding. */
  const unexpected = (refusals: Refusals): number => [...refusals].reduce((n, [label, k]) => n + (SHED.has(label) ? 0 : k), 0);
  const rows = results.map(({ name, result }, i) => {
    const refusals = routes[i]!.refusals;
    if (Array.isArray(result)) {
      const lat = result.map((r) => r.latency.max).sort((a, b) => a - b);
      const pct = (p: number) => lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))] ?? NaN;
      const non2xx = result.reduce((s, r) => s + r.non2xx, 0);
      const errors = result.reduce((s, r) => s + r.errors, 0);
      return { name, requests: result.length, non2xx, byStatus: statuses(refusals), unexpected: unexpected(refusals), errors, p50: pct(50), p99: pct(99) };
    }
    return {
      name,
      requests: result.requests.total,
      non2xx: result.non2xx,
      byStatus: statuses(refusals),
      unexpected: unexpected(refusals),
      errors: result.errors,
      p50: result.latency.p50,
      p99: result.latency.p99,
    };
  });
  const table = [
    `Soak: ${seconds} s of mixed traffic at fixed rates, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; ` +
      `the demo graph (${data.interactions.length} interactions) growing by 800 interactions/s`,
    '',
    '| route | rate (req/s) | requests | non-2xx (by status and problem code) | errors | p50 ms | p99 ms |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r, i) => `| ${r.name} | ${routes[i]!.rate || '0.05'} | ${r.requests} | ${r.non2xx} (${r.byStatus}) | ${r.errors} | ${r.p50} | ${r.p99} |`),
    '',
    `Server RSS: ${rssBefore} MiB before the traffic, ${rssPeak} MiB at its peak (5 s samples), ${rssAfter} MiB 15 s after it. ` +
      `Machine load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min).`,
  ].join('\n');
  console.log(`\n${table}\n`);
  await mkdir(new URL('.bench/', repo), { recursive: true });
  await writeFile(new URL('.bench/soak.json', repo), JSON.stringify({ seconds, rssBefore, rssPeak, rssAfter, rows }, null, 2));
  const limit = Number(process.env.SOAK_RSS_LIMIT_MB ?? 2 * rssBefore + 200);
  const failed = rows.filter((r) => r.unexpected > 0 || r.errors > 0).map((r) => r.name);
  if (failed.length > 0) console.error(`soak: requests failed (errors, or non-2xx besides 503 NG_OVERLOADED / NG_QUEUE_FULL) on ${failed.join('; ')}`);
  if (rssAfter > limit) console.error(`soak: RSS after (${rssAfter} MiB) exceeds ${limit} MiB`);
  if (failed.length > 0 || rssAfter > limit) process.exitCode = 1;
} finally {
  for (const g of graphs) await call('DELETE', `/v1/graphs/${g}`).catch(() => {});
  service.kill('SIGTERM');
  await exited;
}
