/**
 * The worker side of the fleet mode: takes analyses from the shared BullMQ queue and runs them
 * with an AnalysisRunner of its own (one worker thread per analysis, `concurrency` at a time,
 * its own projection cache). Any number of these processes, on any machines, share one Redis
 * and one Neo4j.
 *
 * - A job is claimed in Neo4j under this process's lease (AnalysisRunner.claim), so a job that
 *   BullMQ hands out twice (a worker that stalled rather than died) still runs to one result:
 *   the second claim waits for the first lease to expire, and the first runner's guarded
 *   writes fail once its lease is taken (src/store/port.ts Lease).
 * - Progress: each phase is written to the job's progress in Redis (QueueJobs.progress).
 * - Cancellation: <prefix>:cancel messages stop the analysis if this process holds it; a
 *   cancel sent before the job reached this process is found as the <prefix>:cancel:<id> key,
 *   and so is one whose message was lost (pub/sub delivers at most once: a subscriber that
 *   was reconnecting misses it): the keys of the analyses held here are read every
 *   CANCEL_POLL_MS, so a cancel reaches a running analysis within about a second either way.
 * - A worker killed mid-analysis stops renewing both its BullMQ lock and its Neo4j lease:
 *   BullMQ's stalled check puts the job back (lockDuration = stalledInterval = leaseMs) and
 *   the next worker takes the analysis over once the lease has expired. A job BullMQ gave up
 *   on (stalled too often), or one Redis lost, is found by the reaper (every leaseMs): an
 *   unfinished analysis whose lease expired, or that has waited for the queue for a while,
 *   and whose job is neither waiting nor active, is failed with the reason.
 * - Shutdown (close): no new jobs; running analyses get `graceMs` to finish; then they are
 *   abandoned: their workers stop, their leases are released so another worker takes them
 *   over at once, and their jobs are left to BullMQ's stalled check (never completed here).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';
import type { DriverOptions } from '../../store/driver.js';
import type { ErasureKeys } from '../../store/erasure-keys.js';
import type { GraphStore } from '../../store/port.js';
import { AnalysisRunner, DEFAULT_LEASE_MS } from '../analysis-runner.js';
import { instanceId } from '../instance-id.js';
import { progressAt } from '../progress.js';
import { writePendingBrowserViews } from '../pending-browser-views.js';
import type { AnalysisJobData } from './queue-jobs.js';
import { QUEUE_NAME, fleetNames, redisClient, type FleetNames } from './redis.js';

export interface FleetWorkerOptions {
  url: string;
  prefix: string;
  connection: DriverOptions & { database: string };
  /** Analyses run at once by this process. Default 1. */
  concurrency?: number;
  /** The spare analysis worker warms up while idle (AnalysisRunnerOptions.warmUp). Default false. */
  warmUp?: boolean;
  /** Lease and BullMQ lock duration (ms). Default 30 s. */
  leaseMs?: number;
  /** Longest an analysis may run (AnalysisRunnerOptions.maxRunMs). Default 0: no limit. */
  maxRunMs?: number;
  projectionCacheBytes?: number;
  /** The erasure ledger's keys (results computed while an account was erased are redacted of it). */
  erasureKeys?: ErasureKeys | null;
  /** How long close() lets running analyses finish before abandoning them. Default 30 s. */
  graceMs?: number;
  /** A queued analysis counts as lost when its job is missing for this long after creation. Default 60 s. */
  lostAfterMs?: number;
}

/** How often the cancel keys of the analyses held here are read (the fallback for a lost message). */
export const CANCEL_POLL_MS = 1000;

const LIVE_STATES = new Set(['waiting', 'wait', 'delayed', 'prioritized', 'waiting-children', 'active']);

export class FleetWorker {
  readonly owner = instanceId('worker');
  readonly runner: AnalysisRunner;
  readonly names: FleetNames;
  private readonly worker: Worker<AnalysisJobData>;
  /** For looking jobs up (the reaper). */
  private readonly queue: Queue<AnalysisJobData>;
  private readonly commands: Redis;
  /** BullMQ's connection: given to it as an instance, so it is ours to close. */
  private readonly blocking: Redis;
  private readonly subscriber: Redis;
  private readonly jobs = new Map<string, Job<AnalysisJobData>>();
  private readonly reaper: NodeJS.Timeout;
  private readonly cancelPoll: NodeJS.Timeout;
  /** Analyses a cancel was passed on for (by message or by key), so each is cancelled once. */
  private readonly cancelling = new Set<string>();
  private readonly leaseMs: number;
  private abandoning: (() => void) | null = null;
  private readonly abandoned: Promise<void>;
  /** Set before running analyses are abandoned: their jobs must not complete here. */
  private abandonedAll = false;
  private closing: Promise<void> | null = null;
  /** The sweep of pending Browser views running (ready(), then every lease period); shutdown waits for the view it is writing. */
  private views: Promise<number> | null = null;
  private readonly viewSweep: NodeJS.Timeout;
  private takingJobs = false;

  constructor(
    private readonly store: GraphStore,
    private readonly log: FastifyBaseLogger,
    private readonly options: FleetWorkerOptions,
  ) {
    this.names = fleetNames(options.prefix);
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    const concurrency = options.concurrency ?? 1;
    this.abandoned = new Promise((resolve) => (this.abandoning = resolve));
    this.runner = new AnalysisRunner(store, log, {
      connection: options.connection,
      concurrency,
      warmUp: options.warmUp ?? false,
      queueLimit: concurrency,
      projectionCacheBytes: options.projectionCacheBytes ?? 0,
      erasureKeys: options.erasureKeys ?? null,
      owner: this.owner,
      queuedBy: this.names.queueOwner,
      leaseMs: this.leaseMs,
      maxRunMs: options.maxRunMs ?? 0,
      awaitTakeover: true,
      onPhase: (id, phase) => {
        void this.jobs.get(id)?.updateProgress(progressAt(phase)).catch(() => {});
      },
    });
    this.commands = redisClient(options.url, 'command', 'nichegraph-worker');
    this.subscriber = redisClient(options.url, 'subscriber', 'nichegraph-worker-cancel');
    this.queue = new Queue<AnalysisJobData>(QUEUE_NAME, { connection: this.commands, prefix: options.prefix });
    this.queue.on('error', () => {});
    void this.subscriber.subscribe(this.names.cancelChannel).catch((err: unknown) => this.log.warn({ err }, 'could not subscribe to cancellations'));
    this.subscriber.on('message', (channel: string, id: string) => {
      if (channel === this.names.cancelChannel) this.cancelHeld(id, 'cancel received');
    });
    this.blocking = redisClient(options.url, 'blocking', 'nichegraph-worker-jobs');
    this.worker = new Worker<AnalysisJobData>(QUEUE_NAME, (job) => this.process(job), {
      connection: this.blocking,
      prefix: options.prefix,
      concurrency,
      name: this.owner,
      lockDuration: this.leaseMs,
      stalledInterval: this.leaseMs,
      // A job whose worker died is put back twice before BullMQ fails it (then the reaper fails the analysis).
      maxStalledCount: 2,
      autorun: true,
    });
    this.worker.on('error', (err) => this.log.debug({ err }, 'analysis worker: redis error'));
    this.worker.on('stalled', (jobId) => this.log.warn({ analysisId: jobId }, 'a job whose worker stopped answering was put back in the queue'));
    this.reaper = setInterval(() => void this.reap(), this.leaseMs);
    this.reaper.unref();
    // Views whose writer died (their lease ran out): a sweep every lease period, once ready() ran the first.
    this.viewSweep = setInterval(() => {
      if (this.takingJobs && this.closing === null) void this.sweepViews(false);
    }, this.leaseMs);
    this.viewSweep.unref();
    this.cancelPoll = setInterval(() => void this.pollCancels(), CANCEL_POLL_MS);
    this.cancelPoll.unref();
  }

  /** Stops an analysis this process holds, once. */
  private cancelHeld(id: string, why: string): void {
    if (!this.runner.holds(id) || this.cancelling.has(id)) return;
    this.cancelling.add(id);
    this.log.info({ analysisId: id }, why);
    void this.runner.cancel(id).finally(() => this.cancelling.delete(id));
  }

  /** Reads the cancel keys of the analyses held here: a cancel whose message was lost still arrives. */
  private async pollCancels(): Promise<void> {
    const ids = [...this.jobs.keys()].filter((id) => this.runner.holds(id) && !this.cancelling.has(id));
    if (ids.length === 0) return;
    let flags: Array<string | null>;
    try {
      flags = await this.commands.mget(...ids.map((id) => this.names.cancelKey(id)));
    } catch {
      return; // Redis away: tried again next tick
    }
    ids.forEach((id, i) => {
      if (flags[i] !== null) this.cancelHeld(id, 'cancel found by its key');
    });
  }

  private async process(job: Job<AnalysisJobData>): Promise<{ status: string }> {
    const { analysis } = job.data;
    const id = analysis.id;
    // BullMQ handed back a job this process still runs (its lock lapsed while it was busy):
    // one run is enough; this delivery ends with it.
    if (this.runner.holds(id)) {
      await Promise.race([this.runner.settled(id), this.abandoned]);
      if (this.abandonedAll) return new Promise(() => {});
      return { status: 'duplicate delivery' };
    }
    this.jobs.set(id, job);
    try {
      this.runner.enqueue(analysis);
      // A cancel that was sent before this process held the job.
      if ((await this.commands.exists(this.names.cancelKey(id)).catch(() => 0)) === 1) this.cancelHeld(id, 'cancel found by its key');
      await Promise.race([this.runner.settled(id), this.abandoned]);
      if (this.abandonedAll) return new Promise(() => {}); // abandoned: BullMQ's stalled check re-queues it
      const after = await this.store.getAnalysis(id);
      await this.commands.publish(this.names.finishedChannel, id).catch(() => {});
      return { status: after?.status ?? 'unknown' };
    } finally {
      this.jobs.delete(id);
    }
  }

  /** Fails the unfinished analyses nobody will finish (see the header). */
  async reap(): Promise<number> {
    let reaped = 0;
    try {
      const lostAfter = this.options.lostAfterMs ?? 60_000;
      const before = new Date(Date.now() - lostAfter).toISOString();
      const ids = await this.store.reapCandidates(this.names.queueOwner, before, Date.now(), 100);
      for (const id of ids) {
        if (this.runner.holds(id)) continue;
        const job = await this.queue.getJob(id);
        const state = job ? await job.getState() : 'missing';
        if (LIVE_STATES.has(state)) continue;
        const reason = job?.failedReason
          ? `failed in the queue: ${job.failedReason}`
          : 'lost: nobody holds it and its job is no longer in the queue';
        if (await this.store.failUnheld(id, reason, new Date().toISOString(), Date.now(), this.names.queueOwner)) {
          reaped++;
          this.log.warn({ analysisId: id, reason }, 'failed an analysis nobody would finish');
          await this.commands.publish(this.names.finishedChannel, id).catch(() => {});
        }
      }
    } catch (err) {
      this.log.warn({ err }, 'reaper: could not check for lost analyses (retried)');
    }
    return reaped;
  }

  /**
   * Resolves once Redis answers (the worker is then taking jobs). Then, in the background,
   * the Browser views no live process is writing are materialized again
   * (jobs/pending-browser-views.ts: in fleet mode the workers write the views); from then
   * on, every lease period, those whose writer died (pending, lease run out).
   */
  async ready(): Promise<void> {
    await this.worker.waitUntilReady();
    this.takingJobs = true;
    void this.sweepViews(true);
  }

  /** Materializes again the views nobody writes (jobs/pending-browser-views.ts), one sweep at a time. */
  private sweepViews(failed: boolean): Promise<number> {
    if (this.views !== null) return this.views;
    const sweep = writePendingBrowserViews(this.store, this.owner, Date.now(), this.log, { stopped: () => this.closing !== null, failed }).finally(() => {
      this.views = null;
    });
    this.views = sweep;
    return sweep;
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    clearInterval(this.reaper);
    clearInterval(this.cancelPoll);
    clearInterval(this.viewSweep);
    const grace = this.options.graceMs ?? 30_000;
    // Stop fetching; running analyses finish within the grace period, or are abandoned.
    const closed = this.worker.close();
    const inTime = await Promise.race([closed.then(() => true), sleep(grace).then(() => false)]);
    if (!inTime) {
      this.abandonedAll = true;
      const ids = await this.runner.abandon();
      this.log.warn({ analyses: ids }, 'shutdown: running analyses abandoned to another worker');
      const release = this.abandoning;
      this.abandoning = null;
      release?.();
      // Force-closing waits for nothing that matters now (the abandoned jobs never complete here).
      await Promise.race([this.worker.close(true).catch(() => {}), sleep(1000)]);
    }
    await this.runner.close();
    await this.views;
    await this.queue.close().catch(() => {});
    this.subscriber.disconnect();
    this.commands.disconnect();
    this.blocking.disconnect();
  }
}
