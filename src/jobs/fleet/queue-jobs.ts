/**
 * The API side of the fleet mode (REDIS_URL set): AnalysisJobs on a shared BullMQ queue. An
 * API instance only queues, answers and relays; worker processes (src/worker.ts,
 * fleet-worker.ts) run the analyses. Everything any instance needs to know lives in Redis or
 * Neo4j, so every instance answers for every analysis:
 *   - submit: the analysis is already stored (queued, held by the queue's lease); it becomes a
 *     BullMQ job whose id is the analysis id (adding it twice is a no-op in BullMQ). The queue
 *     limit counts the jobs waiting over the whole fleet: a job that finds more than
 *     `queueLimit` waiting after it was added takes itself out again (unless a worker already
 *     took it) and is refused, so concurrent instances can over-refuse, never over-admit.
 *   - progress: the job's progress in Redis, written by the worker at each phase.
 *   - cancel: published on <prefix>:cancel (and kept as a key for a worker that takes the job
 *     later); a job still waiting is removed here and its analysis failed "cancelled" by the
 *     queue's lease. The answer waits (CANCEL_WAIT_MS at most) for the analysis to end.
 *   - waitFor: <prefix>:finished, published by whoever ends an analysis, and Neo4j's status.
 * With Redis away, canAccept/submit/cancel reject with 503 NG_QUEUE_UNAVAILABLE; progress is
 * then left out by the route; ingestion and reads do not touch Redis.
 */
import { EventEmitter } from 'node:events';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';
import type { AnalysisRecord, GraphStore, Lease } from '../../store/port.js';
import { CANCELLED } from '../analysis-runner.js';
import { QueueFullError, queueUnavailable, type AnalysisJobs } from '../port.js';
import type { Progress } from '../progress.js';
import type { ProjectionCacheStats } from '../projection-cache.js';
import { QUEUE_NAME, fleetNames, redisClient, type FleetNames } from './redis.js';

/** How long DELETE waits for a running analysis to end before answering with its current state. */
export const CANCEL_WAIT_MS = 10_000;

/** What a job carries: the stored analysis as it was queued. */
export interface AnalysisJobData {
  analysis: AnalysisRecord;
}

export interface QueueJobsOptions {
  url: string;
  prefix: string;
  queueLimit: number;
  retryAfterSeconds?: number;
  /** Seconds finished jobs are kept in Redis (their analyses live on in Neo4j). Default 3600. */
  keepFinishedSeconds?: number;
}

const WAITING_STATES = new Set(['waiting', 'wait', 'delayed', 'prioritized', 'waiting-children']);

export class QueueJobs implements AnalysisJobs {
  readonly mode = 'fleet' as const;
  readonly retryAfterSeconds: number;
  readonly names: FleetNames;
  /** Commands (fail fast while Redis is away); also the rate limit's and quota's client. */
  readonly redis: Redis;
  private readonly subscriber: Redis;
  private readonly queue: Queue<AnalysisJobData>;
  private readonly finished = new EventEmitter();
  private readonly keepFinishedSeconds: number;

  constructor(
    private readonly store: GraphStore,
    private readonly log: FastifyBaseLogger,
    private readonly options: QueueJobsOptions,
  ) {
    this.retryAfterSeconds = options.retryAfterSeconds ?? 30;
    this.keepFinishedSeconds = options.keepFinishedSeconds ?? 3600;
    this.names = fleetNames(options.prefix);
    this.redis = redisClient(options.url, 'command', 'nichegraph-api');
    this.subscriber = redisClient(options.url, 'subscriber', 'nichegraph-api-events');
    this.queue = new Queue<AnalysisJobData>(QUEUE_NAME, { connection: this.redis, prefix: options.prefix });
    this.queue.on('error', (err) => this.log.debug({ err }, 'analysis queue: redis error'));
    this.finished.setMaxListeners(0);
    void this.subscriber.subscribe(this.names.finishedChannel).catch((err: unknown) => this.log.warn({ err }, 'could not subscribe to finished analyses'));
    this.subscriber.on('message', (channel: string, id: string) => {
      if (channel === this.names.finishedChannel) this.finished.emit(id);
    });
  }

  newLease(): Lease {
    return { owner: this.names.queueOwner, until: null };
  }

  orphanOf(): string | null {
    return this.names.queueOwner;
  }

  async canAccept(): Promise<boolean> {
    return (await this.waiting()) < this.options.queueLimit;
  }

  private async waiting(): Promise<number> {
    try {
      return await this.queue.getWaitingCount();
    } catch (err) {
      throw queueUnavailable(err);
    }
  }

  async submit(analysis: AnalysisRecord): Promise<void> {
    try {
      await this.queue.add('analysis', { analysis }, {
        jobId: analysis.id,
        // A failure is an analysis result (failed, with its reason), not something to retry;
        // a worker that dies is covered by BullMQ's stalled-job recovery and the leases.
        attempts: 1,
        removeOnComplete: { age: this.keepFinishedSeconds },
        removeOnFail: { age: this.keepFinishedSeconds * 24 },
      });
    } catch (err) {
      throw queueUnavailable(err);
    }
    const waiting = await this.waiting();
    if (waiting <= this.options.queueLimit) return;
    // Over the limit: take it out again, unless a worker took it meanwhile (then it runs).
    const removed = await this.queue.remove(analysis.id).catch(() => 0);
    if (removed === 1) throw new QueueFullError(waiting - 1);
  }

  waitFor(analysisId: string, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      let settled = false;
      const done = (value: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.finished.off(analysisId, onFinished);
        resolve(value);
      };
      const onFinished = () => done(true);
      const timer = setTimeout(() => done(false), Math.max(0, timeoutMs));
      this.finished.on(analysisId, onFinished);
      // Listening first, then asking: a finish between the two is not missed.
      this.store.getAnalysis(analysisId).then(
        (a) => {
          if (a === null || a.status === 'succeeded' || a.status === 'failed') done(true);
          else if (timeoutMs <= 0) done(false);
        },
        () => {},
      );
    });
  }

  async progress(analysisId: string): Promise<Progress | null> {
    const job = await this.queue.getJob(analysisId);
    if (!job) return null;
    const state = await job.getState();
    if (WAITING_STATES.has(state)) return { phase: 'queued', fraction: 0 };
    if (state !== 'active') return null;
    const p = job.progress as Partial<Progress> | number;
    return typeof p === 'object' && p !== null && typeof p.phase === 'string' && typeof p.fraction === 'number'
      ? { phase: p.phase, fraction: p.fraction }
      : { phase: 'queued', fraction: 0 };
  }

  async cancel(analysisId: string): Promise<boolean> {
    let job;
    try {
      // The key first, then the message: a worker that takes the job after the message still sees the key.
      await this.redis.set(this.names.cancelKey(analysisId), '1', 'EX', 3600);
      await this.redis.publish(this.names.cancelChannel, analysisId);
      job = await this.queue.getJob(analysisId);
      if (job && WAITING_STATES.has(await job.getState()) && (await this.queue.remove(analysisId)) === 1) {
        const finishedAt = new Date().toISOString();
        const owner = this.names.queueOwner;
        if (await this.store.markFailed(analysisId, CANCELLED, finishedAt, owner)) {
          const queued = Math.max(0, Date.parse(finishedAt) - Date.parse(job.data.analysis.createdAt));
          await this.store.recordTimings(analysisId, { queued, total: queued }, owner);
        }
        await this.redis.publish(this.names.finishedChannel, analysisId);
        return true;
      }
    } catch (err) {
      throw queueUnavailable(err);
    }
    // Running (or taken by a worker just now): the worker stops it on the message.
    const ended = await this.waitFor(analysisId, CANCEL_WAIT_MS);
    if (!ended) this.log.warn({ analysisId }, `cancel sent; the analysis had not ended after ${CANCEL_WAIT_MS} ms`);
    return ended || job !== undefined;
  }

  graphChanged(): void {
    // Projection caches live in the worker processes; they key them by graph version, which
    // every ingest raises, so they never serve a stale projection.
  }

  projectionCacheStats(): ProjectionCacheStats {
    return { entries: 0, bytes: 0, maxBytes: 0, hits: 0, misses: 0 };
  }

  async close(): Promise<void> {
    await this.queue.close().catch(() => {});
    this.subscriber.disconnect();
    this.redis.disconnect();
  }
}
