/**
 * The fleet: N analyses submitted at once through one API instance, run by 1 and then 2
 * worker processes (ANALYSIS_CONCURRENCY 1 each, REDIS_URL queue), on the demo's synthetic
 * conversation graph. Prints, per worker count: wall time from the first POST to the last
 * finish, throughput (analyses per minute), queue wait (timings.queued: created -> a worker
 * started it) median and max, and run time per analysis (total - queued), then the
 * throughput ratio 2 workers / 1 worker. Each round has its own API, workers and Redis prefix;
 * every analysis of a round has the same projection params, so after its first projection
 * each worker analyses from its projection cache (as a fleet serving one graph would).
 *
 *   node --import=tsx bench/fleet.ts [--analyses 8] [--workers 1,2] [--runs 30]
 *        [--accounts 3000] [--interactions 70000]
 *
 * Needs NEO4J_URI and REDIS_URL (npm run neo4j:start, npm run redis:start). On a 2-core
 * machine two workers can at best double the throughput; the ratio is the figure to read.
 */
import { loadavg } from 'node:os';
import { randomBytes } from 'node:crypto';
import { generateConversationGraph } from '../src/synthetic/conversation-graph.js';
import { REDIS_URL, startApi, startWorker, waitUntil, type FleetProcess } from '../test/helpers/fleet.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback;
};
const N = Number(option('--analyses', '8'));
const workerCounts = option('--workers', '1,2').split(',').map(Number);
const runs = Number(option('--runs', '30'));
const accounts = Number(option('--accounts', '3000'));
const interactionCount = Number(option('--interactions', '70000'));
const NEO4J_URI = process.env.NEO4J_URI ?? `bolt://127.0.0.1:${process.env.NEO4J_BOLT_PORT ?? 7687}`;

interface Round {
  workers: number;
  wallMs: number;
  perMinute: number;
  queuedMedian: number;
  queuedMax: number;
  runMedian: number;
  statuses: string;
  load: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const { interactions } = generateConversationGraph({ accounts, interactions: interactionCount });

async function round(workers: number): Promise<Round> {
  const env = { REDIS_URL, REDIS_PREFIX: `ngbench-${randomBytes(4).toString('hex')}`, NEO4J_URI, ANALYSIS_CONCURRENCY: '1', ANALYSIS_QUEUE_LIMIT: String(N + 1), ANALYSIS_LEASE_MS: '30000', LOG_LEVEL: 'warn', PROJECTION_CACHE_MB: '256' };
  const procs: FleetProcess[] = [];
  const graphId = `bench-fleet-${randomBytes(4).toString('hex')}`;
  try {
    const api = await startApi(env);
    procs.push(api);
    for (let i = 0; i < workers; i++) procs.push(await startWorker({ ...env, LOG_LEVEL: 'info' }));
    await api.fetch('/v1/graphs', { method: 'POST', json: { id: graphId, name: graphId } });
    for (let i = 0; i < interactions.length; i += 50_000) {
      const res = await api.fetch(`/v1/graphs/${graphId}/interactions`, { method: 'POST', json: { interactions: interactions.slice(i, i + 50_000) } });
      if (res.status !== 200) throw new Error(`ingest: ${res.status} ${JSON.stringify(res.body)}`);
    }
    const load = loadavg()[0]!;
    const started = Date.now();
    const ids = await Promise.all(
      Array.from({ length: N }, async (_, i) => {
        const res = await api.fetch(`/v1/graphs/${graphId}/analyses`, { method: 'POST', json: { runs, seed: 1000 + i } });
        if (res.status !== 202) throw new Error(`POST analysis: ${res.status} ${JSON.stringify(res.body)}`);
        return res.body.id as string;
      }),
    );
    const done = await Promise.all(
      ids.map((id) =>
        waitUntil(`analysis ${id}`, async () => {
          const res = await api.fetch(`/v1/analyses/${id}?wait=30`);
          // Timings are stored just after the status turns final: wait for them too.
          return (res.body.status === 'succeeded' || res.body.status === 'failed') && res.body.timings?.total !== undefined ? res.body : undefined;
        }, 3_600_000, 50),
      ),
    );
    if (process.env.BENCH_FLEET_VERBOSE) for (const a of done) process.stderr.write(`${a.id} ${a.status} ${JSON.stringify(a.timings)} ${a.error ?? ''}\n`);
    if (process.env.BENCH_FLEET_VERBOSE) for (const p of procs) process.stderr.write(p.lines.filter((l) => /"level":(4|5)0/.test(l)).join('\n') + '\n');
    const wallMs = Math.max(...done.map((a) => Date.parse(a.finishedAt))) - started;
    const queued = done.map((a) => a.timings?.queued ?? NaN);
    const run = done.map((a) => (a.timings?.total ?? NaN) - (a.timings?.queued ?? NaN));
    const statuses = [...new Set(done.map((a) => a.status))].join('/');
    return { workers, wallMs, perMinute: (N / wallMs) * 60_000, queuedMedian: median(queued), queuedMax: Math.max(...queued), runMedian: median(run), statuses, load };
  } finally {
    await procs[0]?.fetch(`/v1/graphs/${graphId}`, { method: 'DELETE' }).catch(() => {});
    await Promise.all(procs.map((p) => p.stop('SIGTERM')));
  }
}

const rounds: Round[] = [];
for (const w of workerCounts) {
  process.stderr.write(`[bench/fleet] ${N} analyses (runs ${runs}) through ${w} worker process(es)...\n`);
  rounds.push(await round(w));
}
console.log(`\n## Fleet: ${N} analyses at once through 1 API and k worker processes (synthetic graph: ${accounts} accounts, ${interactionCount} interactions; runs ${runs}; node ${process.version})\n`);
console.log('| workers | status | wall (s) | analyses / min | queue wait median / max (s) | run time per analysis, median (s) | load avg (1 min) at start |');
console.log('|---|---|---|---|---|---|---|');
const s = (ms: number) => (ms / 1000).toFixed(1);
for (const r of rounds) {
  console.log(`| ${r.workers} | ${r.statuses} | ${s(r.wallMs)} | ${r.perMinute.toFixed(2)} | ${s(r.queuedMedian)} / ${s(r.queuedMax)} | ${s(r.runMedian)} | ${r.load.toFixed(2)} |`);
}
const one = rounds.find((r) => r.workers === 1);
for (const r of rounds) if (one && r !== one) console.log(`\nThroughput ${r.workers} workers / 1 worker: ${(r.perMinute / one.perMinute).toFixed(2)}`);
