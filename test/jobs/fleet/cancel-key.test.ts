/**
 * A cancel whose pub/sub message never reached the worker (pub/sub delivers at most once: a
 * subscriber that was reconnecting misses it) still stops the analysis: the worker reads the
 * cancel keys of what it holds (FleetWorker, CANCEL_POLL_MS). Real Neo4j and Redis, the API
 * side (QueueJobs) and a worker (FleetWorker) in this process. Deterministic: the worker's
 * store holds the analysis at its claim (the start of a run) until the cancel key is set, so
 * the analysis is held and unfinished when the key appears; only the key is set, no message.
 */
import t from 'tap';
import pino from 'pino';
import { randomBytes } from 'node:crypto';
import { FleetWorker } from '../../../src/jobs/fleet/fleet-worker.js';
import { QueueJobs } from '../../../src/jobs/fleet/queue-jobs.js';
import type { GraphStore } from '../../../src/store/port.js';
import { newGraph, openStore, queuedAnalysis, smallGraphInteractions } from '../../store/helpers.js';
import { REDIS_URL, waitUntil } from '../../helpers/fleet.js';

const { store } = await openStore(t);
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const connection = {
  uri: process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687',
  user: process.env.NEO4J_USER ?? '',
  password: process.env.NEO4J_PASSWORD ?? '',
  database: process.env.NEO4J_DATABASE ?? 'neo4j',
};

t.test('a cancel found only as its key stops the analysis the worker holds', async (t) => {
  const g = await newGraph(t, store, 'cancelkey');
  await store.ingest(g, { interactions: smallGraphInteractions(), accounts: [] });
  const prefix = `ngcancel-${randomBytes(4).toString('hex')}`;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let claims = 0;
  const gated: GraphStore = Object.create(store);
  gated.claimAnalysis = async (...args) => {
    claims++;
    await gate;
    return store.claimAnalysis(...args);
  };
  const jobs = new QueueJobs(store, logger, { url: REDIS_URL, prefix, queueLimit: 4 });
  const worker = new FleetWorker(gated, logger, { url: REDIS_URL, prefix, connection, concurrency: 1, leaseMs: 5000, graceMs: 1000 });
  t.teardown(async () => {
    open();
    await worker.close();
    await jobs.close();
  });
  await worker.ready();

  const a = queuedAnalysis(g);
  t.ok(await store.createAnalysis(a, jobs.newLease()));
  await jobs.submit(a);
  await waitUntil('the worker to hold the analysis at its claim', async () => worker.runner.holds(a.id) && claims > 0, 60_000, 5);
  // The key alone, as QueueJobs.cancel leaves it; the message is "lost" (never published).
  await jobs.redis.set(worker.names.cancelKey(a.id), '1', 'EX', 3600);
  await waitUntil('the worker to pass the cancel on', async () => worker['cancelling'].has(a.id), 60_000, 5);
  open();
  t.ok(await jobs.waitFor(a.id, 60_000), 'the analysis ended');
  t.match(await store.getAnalysis(a.id), { status: 'failed', error: 'cancelled', summary: null }, 'cancelled, not run to a result');
});
