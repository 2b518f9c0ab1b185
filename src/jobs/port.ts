/**
 * What the HTTP layer needs from the analysis queue. Two implementations behind it:
 *   - AnalysisRunner (analysis-runner.ts): the embedded default, one process queues and runs
 *     (REDIS_URL unset);
 *   - QueueJobs (fleet/queue-jobs.ts): analyses go on a shared BullMQ queue in Redis and
 *     worker processes (src/worker.ts) run them; progress, cancellation and completion
 *     travel through Redis, so any API instance answers for any analysis.
 * Both store an analysis before it is queued, under the lease `newLease()` gives (who will run
 * it); every later status change is made by its holder (src/store/port.ts Lease).
 */
import { Errors } from '../errors.js';
import type { Lease } from '../store/port.js';
import type { Progress } from './progress.js';
import type { ProjectionCacheStats } from './projection-cache.js';
import type { AnalysisRecord } from '../store/port.js';

export interface AnalysisJobs {
  /** Which mode answers: shown in logs and /metrics. */
  readonly mode: 'embedded' | 'fleet';
  /** Seconds a client refused for a full queue should wait before retrying. */
  readonly retryAfterSeconds: number;
  /** The lease a new analysis is stored under (GraphStore.createAnalysis): its queue holds it. */
  newLease(): Lease;
  /**
   * Whether submit would take one more analysis now (the wait queue is bounded): a cheap
   * early answer before anything is stored. Rejects with Errors.QUEUE_UNAVAILABLE when the
   * queue cannot be reached.
   */
  canAccept(): Promise<boolean>;
  /**
   * Queues an analysis stored as "queued" under newLease(). Rejects with QueueFullError when
   * the queue is full, Errors.QUEUE_UNAVAILABLE when it cannot be reached; either way the
   * analysis was not queued (the caller marks it failed as its lease holder).
   */
  submit(analysis: AnalysisRecord): Promise<void>;
  /** True once the analysis has finished (or is unknown to the queue), false if `timeoutMs` passed first. */
  waitFor(analysisId: string, timeoutMs: number): Promise<boolean>;
  /** Phase and fraction of an analysis queued or running anywhere the queue reaches; null otherwise. */
  progress(analysisId: string): Promise<Progress | null>;
  /**
   * Cancels a queued or running analysis: it is dropped from the queue, or the worker running
   * it is stopped, and it ends failed with error "cancelled". Resolves true once that is done
   * (or on its way to the process running it); false when the queue has no such analysis (the
   * caller may then fail it if nobody holds it: GraphStore.failUnheld with `orphanOf()`).
   */
  cancel(analysisId: string): Promise<boolean>;
  /** The holder named for analyses the queue lost (see cancel); null: none. */
  orphanOf(): string | null;
  /** The graph's data changed or it was deleted (in this process): drop what is cached about it. */
  graphChanged(graphId: string): void;
  /** Size and hit counts of the projection cache of this process (for /metrics). */
  projectionCacheStats(): ProjectionCacheStats;
  close(): Promise<void>;
}

/** submit() on a full queue. */
export class QueueFullError extends Error {
  readonly code = 'NG_QUEUE_FULL';
  constructor(readonly queued: number) {
    super(`jobs: the analysis queue is full (${queued} waiting)`);
    this.name = 'QueueFullError';
  }
}

/** The error a queue that cannot be reached (Redis away) answers with: 503 problem + Retry-After. */
export function queueUnavailable(cause: unknown): Error {
  const err = new Errors.QUEUE_UNAVAILABLE();
  (err as Error & { cause?: unknown }).cause = cause;
  return err;
}
