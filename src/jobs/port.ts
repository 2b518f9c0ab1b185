/** What the HTTP layer needs from the analysis job runner. */
import type { AnalysisRecord } from '../store/port.js';
import type { Progress } from './progress.js';
import type { ProjectionCacheStats } from './projection-cache.js';

export interface AnalysisJobs {
  /** Whether submit would take one more analysis now (the wait queue is bounded). */
  canAccept(): boolean;
  /** Seconds a client refused for a full queue should wait before retrying. */
  readonly retryAfterSeconds: number;
  /** Queues an analysis saved as "queued"; throws QueueFullError when the queue is full. */
  submit(analysis: AnalysisRecord): void;
  /** True once the analysis has finished, false if `timeoutMs` passed first. */
  waitFor(analysisId: string, timeoutMs: number): Promise<boolean>;
  /** Whether this process is queueing or running the analysis. */
  isActive(analysisId: string): boolean;
  /** Phase and fraction of an analysis queued or running in this process; null otherwise. */
  progress(analysisId: string): Progress | null;
  /**
   * Cancels an analysis queued or running in this process: it is dropped from the queue
   * or its worker is terminated, and it is marked failed with error "cancelled".
   * Resolves false when this process was not queueing or running it.
   */
  cancel(analysisId: string): Promise<boolean>;
  /** The graph's data changed or it was deleted (in this process): drop what is cached about it. */
  graphChanged(graphId: string): void;
  /** Size and hit counts of the projection cache (for /metrics). */
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
