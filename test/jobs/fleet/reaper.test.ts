/**
 * The fleet's reaper (FleetWorker.reap), against the real Neo4j and Redis: an unfinished
 * analysis nobody will finish is failed with the reason, and only such an analysis. "Nobody
 * will finish it": its job is gone from the queue (Redis lost it) or BullMQ gave up on it
 * (failed, e.g. stalled too often after its workers died), and either the queue has held it
 * for longer than lostAfterMs or its runner's lease expired. A job still waiting in the
 * queue, a live lease, an analysis queued a moment ago (the API may be adding its job) and a
 * finished one are left alone. reap() is called directly; the worker's own timer
 * (leaseMs) is set far beyond the test.
 */
import t from 'tap';
import pino from 'pino';
import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { FleetWorker } from '../../../src/jobs/fleet/fleet-worker.js';
import { QUEUE_NAME, fleetNames, redisClient } from '../../../src/jobs/fleet/redis.js';
import { newGraph, openStore, queuedAnalysis } from '../../store/helpers.js';
import { REDIS_URL } from '../../helpers/fleet.js';

const { store } = await openStore(t);
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const prefix = `ngreap-${randomBytes(4).toString('hex')}`;
const names = fleetNames(prefix);
const connection = {
  uri: process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687',
  user: process.env.NEO4J_USER ?? '',
  password: process.env.NEO4J_PASSWORD ?? '',
  database: process.env.NEO4J_DATABASE ?? 'neo4j',
};
const LOST_AFTER_MS = 60_000;
const longAgo = () => new Date(Date.now() - 10 * LOST_AFTER_MS).toISOString();

t.test('the reaper fails what nobody will finish, with the reason, and nothing else', async (t) => {
  const g = await newGraph(t, store, 'reap');
  const client = redisClient(REDIS_URL, 'blocking', 'nichegraph-test-reaper');
  const queue = new Queue(QUEUE_NAME, { connection: client, prefix });
  t.teardown(async () => {
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
    client.disconnect();
  });

  const stored = async (createdAt: string, lease: { owner: string; until: number | null }) => {
    const a = { ...queuedAnalysis(g), createdAt };
    t.ok(await store.createAnalysis(a, lease));
    return a;
  };
  const queueLease = { owner: names.queueOwner, until: null };

  // Queue-held, job missing for long: Redis lost it.
  const lost = await stored(longAgo(), queueLease);
  // Queue-held, its job failed in BullMQ (given up on): made by a plain BullMQ worker that fails it.
  const gaveUp = await stored(longAgo(), queueLease);
  await queue.add('analysis', { analysis: gaveUp }, { jobId: gaveUp.id, attempts: 1 });
  const failingClient = redisClient(REDIS_URL, 'blocking', 'nichegraph-test-failing');
  const failing = new Worker(QUEUE_NAME, async () => {
    throw new Error('job stalled more than allowable limit');
  }, { connection: failingClient, prefix });
  await new Promise<void>((resolve) => failing.once('failed', () => resolve()));
  await failing.close();
  failingClient.disconnect();
  t.equal(await (await queue.getJob(gaveUp.id))?.getState(), 'failed', 'its job failed in the queue');
  // Queue-held for long, its job still waiting (delayed, so no worker takes it here): alive.
  const waiting = await stored(longAgo(), queueLease);
  await queue.add('analysis', { analysis: waiting }, { jobId: waiting.id, delay: 3600_000 });
  // Queue-held, job missing, but queued a moment ago: the API may still be adding its job.
  const fresh = await stored(new Date().toISOString(), queueLease);
  // Running under a lease that expired (its worker died), job missing.
  const expired = await stored(new Date().toISOString(), { owner: 'worker:dead', until: Date.now() + 60_000 });
  t.ok((await store.claimAnalysis(expired.id, { owner: 'worker:dead', until: Date.now() - 1 }, 'worker:dead', new Date().toISOString())).claimed);
  // Running under a live lease of another worker, job missing: that worker is alive.
  const live = await stored(longAgo(), { owner: 'worker:alive', until: Date.now() + 60_000 });
  t.ok((await store.claimAnalysis(live.id, { owner: 'worker:alive', until: Date.now() + 600_000 }, 'worker:alive', new Date().toISOString())).claimed);
  // Finished: never touched.
  const done = await stored(longAgo(), queueLease);
  t.ok(await store.markFailed(done.id, 'boom', new Date().toISOString(), names.queueOwner));

  const worker = new FleetWorker(store, logger, { url: REDIS_URL, prefix, connection, leaseMs: 3600_000, lostAfterMs: LOST_AFTER_MS, graceMs: 1000 });
  t.teardown(() => worker.close());
  await worker.ready();

  // The reaper looks at the whole database: analyses other tests left with expired leases count too.
  const reaped = await worker.reap();
  t.ok(reaped >= 3, `at least the three analyses nobody would finish (${reaped})`);
  t.match(await store.getAnalysis(lost.id), { status: 'failed', error: 'lost: nobody holds it and its job is no longer in the queue' });
  t.match(await store.getAnalysis(gaveUp.id), { status: 'failed', error: 'failed in the queue: job stalled more than allowable limit' });
  t.match(await store.getAnalysis(expired.id), { status: 'failed', error: /^lost: / });
  for (const a of [lost, gaveUp, expired]) t.type((await store.getAnalysis(a.id))?.finishedAt, 'string', `${a.id} has finishedAt`);
  t.equal((await store.getAnalysis(waiting.id))?.status, 'queued', 'a job still waiting in the queue is left alone');
  t.equal((await store.getAnalysis(fresh.id))?.status, 'queued', 'an analysis queued a moment ago is left alone');
  t.equal((await store.getAnalysis(live.id))?.status, 'running', "a live worker's analysis is left alone");
  t.match(await store.getAnalysis(done.id), { status: 'failed', error: 'boom' }, 'a finished analysis keeps its outcome');
  await worker.reap();
  t.match(await store.getAnalysis(lost.id), { status: 'failed', error: /^lost: / }, 'a second pass changes nothing reaped');
  t.equal((await store.getAnalysis(waiting.id))?.status, 'queued', 'nor what it left alone');
  t.equal((await store.getAnalysis(live.id))?.status, 'running');
});
