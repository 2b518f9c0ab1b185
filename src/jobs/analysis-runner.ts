/**
 * Runs analyses off the request path, each in its own worker thread
 * (src/jobs/analysis-worker.ts), at most `concurrency` at a time; the others wait in a
 * FIFO queue of at most `queueLimit` analyses (submit on a full queue throws
 * QueueFullError, answered 503 + Retry-After). Each analysis moves queued -> running ->
 * succeeded | failed in the store, so its state survives the process; `failUnfinished`
 * at boot marks the ones a restart cut off.
 *
 * The worker reads the projection from Neo4j, computes and writes the result itself, so
 * the event loop of this thread only relays small messages. One worker per analysis
 * (no pool): terminating it is how a running analysis is cancelled, and its memory is
 * returned to the system when it ends.
 *
 * Projection cache (projection-cache.ts): before starting a worker the runner reads the
 * graph's version; a table cached for (graph, version, projection params) is handed to
 * the worker, which then skips Neo4j; otherwise the worker projects and posts its table
 * back (shared memory, no copy) to be cached. `graphChanged` drops a graph's tables.
 *
 * Cancellation: a queued analysis leaves the queue; a running one has its worker
 * terminated. Either way it is marked failed with error "cancelled". A cancel that arrives
 * after the worker committed the result finds the analysis succeeded and leaves it so.
 */
import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { FastifyBaseLogger } from 'fastify';
import type { DriverOptions } from '../store/driver.js';
import type { ErasureKeys } from '../store/erasure-keys.js';
import type { PairTable } from '../analysis/pair-table.js';
import type { AnalysisRecord, AnalysisTimings, GraphStore, ProjectionParams } from '../store/port.js';
import { QueueFullError, type AnalysisJobs } from './port.js';
import { ProjectionCache, type ProjectionCacheStats } from './projection-cache.js';
import { progressAt, type Phase, type Progress } from './progress.js';
import type { WorkerInput, WorkerMessage } from './analysis-worker.js';

export const CANCELLED = 'cancelled';
const INTERRUPTED_RUNNING = 'interrupted: the service shut down while the analysis ran';
/** How long a failure is retried while the database is away (recordFailure). */
const FAILURE_RECORD_MS = 10 * 60_000;

export interface AnalysisRunnerOptions {
  /** Where the workers connect; each worker opens its own driver. */
  connection: DriverOptions & { database: string };
  /** Analyses computed at the same time. Default 1. */
  concurrency?: number;
  /** Analyses waiting at most; one more is refused. Default 16. */
  queueLimit?: number;
  /** Retry-After (seconds) suggested when the queue is full. Default 30. */
  retryAfterSeconds?: number;
  /** Byte budget of the projection cache; 0 disables it. Default 0. */
  projectionCacheBytes?: number;
  /** The erasure ledger's keys, for the workers' stores (a result is redacted of accounts erased while it computed). */
  erasureKeys?: ErasureKeys | null;
}

interface Job {
  analysis: AnalysisRecord;
  phase: 'queued' | Phase;
  worker: Worker | null;
  cancelled: boolean;
  /** Set by close(): the worker is stopped and the analysis recorded as interrupted. */
  interrupted?: boolean;
}

// Under tsx (tests, scripts) this module is a .ts file and so is the worker's. A worker
// does not always inherit the parent's loader hooks (node --import=tsx), so a TypeScript
// worker is started by a two-line bootstrap that registers tsx first.
const RUNNING_TS = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(RUNNING_TS ? './analysis-worker.ts' : './analysis-worker.js', import.meta.url);

function startWorker(workerData: WorkerInput): Worker {
  if (!RUNNING_TS) return new Worker(WORKER_URL, { workerData });
  const bootstrap =
    `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL.href)}); })` +
    `.catch((err) => { throw err; });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

export class AnalysisRunner implements AnalysisJobs {
  private readonly queue: Job[] = [];
  private readonly jobs = new Map<string, Job>();
  private running = 0;
  private closed = false;
  private readonly finished = new EventEmitter();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly concurrency: number;
  private readonly queueLimit: number;
  readonly retryAfterSeconds: number;
  readonly projectionCache: ProjectionCache;

  constructor(
    private readonly store: GraphStore,
    private readonly log: FastifyBaseLogger,
    private readonly options: AnalysisRunnerOptions,
  ) {
    this.concurrency = options.concurrency ?? 1;
    this.queueLimit = options.queueLimit ?? 16;
    this.retryAfterSeconds = options.retryAfterSeconds ?? 30;
    this.projectionCache = new ProjectionCache(options.projectionCacheBytes ?? 0);
    if (!(this.concurrency >= 1)) throw new RangeError('jobs/analysis-runner: concurrency must be >= 1');
    if (!(this.queueLimit >= 0)) throw new RangeError('jobs/analysis-runner: queueLimit must be >= 0');
    this.finished.setMaxListeners(0);
  }

  canAccept(): boolean {
    return !this.closed && (this.running < this.concurrency || this.queue.length < this.queueLimit);
  }

  submit(analysis: AnalysisRecord): void {
    if (this.closed) throw new Error('analysis runner is closed');
    if (!this.canAccept()) throw new QueueFullError(this.queue.length);
    const job: Job = { analysis, phase: 'queued', worker: null, cancelled: false };
    this.jobs.set(analysis.id, job);
    this.queue.push(job);
    this.drain();
  }

  waitFor(analysisId: string, timeoutMs: number): Promise<boolean> {
    if (!this.jobs.has(analysisId)) return Promise.resolve(true);
    if (timeoutMs <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onDone = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.finished.off(analysisId, onDone);
        resolve(false);
      }, timeoutMs);
      this.finished.once(analysisId, onDone);
    });
  }

  graphChanged(graphId: string): void {
    this.projectionCache.invalidate(graphId);
  }

  projectionCacheStats(): ProjectionCacheStats {
    return this.projectionCache.stats();
  }

  isActive(analysisId: string): boolean {
    return this.jobs.has(analysisId);
  }

  progress(analysisId: string): Progress | null {
    const job = this.jobs.get(analysisId);
    return job ? progressAt(job.phase) : null;
  }

  async cancel(analysisId: string): Promise<boolean> {
    const job = this.jobs.get(analysisId);
    if (!job) return false;
    job.cancelled = true;
    const queuedAt = this.queue.indexOf(job);
    if (queuedAt >= 0) {
      this.queue.splice(queuedAt, 1);
      const finishedAt = new Date().toISOString();
      await this.store.markFailed(analysisId, CANCELLED, finishedAt);
      await this.store.recordTimings(analysisId, { queued: elapsed(job.analysis.createdAt, finishedAt), total: elapsed(job.analysis.createdAt, finishedAt) });
      this.settle(job);
      return true;
    }
    // Running: terminating the worker makes run() record the cancellation.
    const done = new Promise((resolve) => this.finished.once(analysisId, resolve));
    await job.worker?.terminate();
    await done;
    return true;
  }

  /**
   * Stops taking work and marks queued and running analyses failed ("interrupted: ..."):
   * running workers are terminated, so they write no result once closed.
   */
  async close(): Promise<void> {
    this.closed = true;
    const dropped = this.queue.splice(0);
    const now = new Date().toISOString();
    for (const job of dropped) {
      await this.store.markFailed(job.analysis.id, 'interrupted: the service shut down before the analysis started', now).catch(() => {});
      this.settle(job);
    }
    // Running analyses stop now (a shutdown must not wait for a long computation): their
    // workers are terminated and run() records them as interrupted.
    for (const job of this.jobs.values()) {
      job.interrupted = true;
      await job.worker?.terminate();
    }
    await Promise.allSettled([...this.inFlight]);
  }

  private settle(job: Job): void {
    this.jobs.delete(job.analysis.id);
    this.finished.emit(job.analysis.id);
  }

  private drain(): void {
    while (this.running < this.concurrency && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.running++;
      const run = this.run(job).finally(() => {
        this.running--;
        this.inFlight.delete(run);
        this.settle(job);
        if (!this.closed) this.drain();
      });
      this.inFlight.add(run);
    }
  }

  private async run(job: Job): Promise<void> {
    const { analysis } = job;
    const log = this.log.child({ analysisId: analysis.id, graphId: analysis.graphId });
    const startedAt = new Date().toISOString();
    let timings: AnalysisTimings = { queued: elapsed(analysis.createdAt, startedAt) };
    let failure: string | null = null;
    try {
      await this.store.markRunning(analysis.id, startedAt);
      // A cancel or a shutdown that arrived while markRunning, or the projection-cache
      // check, was on its way found no worker to stop: it is honoured before one starts.
      stopIfAsked(job);
      const cached = await this.cachedProjection(analysis);
      if (cached) log.debug('projection from the cache');
      stopIfAsked(job);
      const outcome = await this.inWorker(job, cached);
      timings = { ...timings, ...outcome.timings };
      if (outcome.type === 'failed') failure = outcome.message;
      else if (outcome.type === 'exited') failure = job.cancelled ? CANCELLED : job.interrupted ? INTERRUPTED_RUNNING : outcome.message;
    } catch (err) {
      failure = err instanceof Error ? err.message : String(err);
    }
    const finishedAt = new Date().toISOString();
    timings.total = elapsed(analysis.createdAt, finishedAt);
    if (failure !== null) {
      if (failure === CANCELLED) log.info({ timings }, 'analysis cancelled');
      else log.error({ err: failure, timings }, 'analysis failed');
      await this.recordFailure(analysis.id, failure, finishedAt, log);
    } else {
      log.info({ timings }, 'analysis succeeded');
    }
    await this.store.recordTimings(analysis.id, timings).catch((e: unknown) => {
      log.error({ err: e }, 'could not record the timings of the analysis');
    });
  }

  /**
   * Marks the analysis failed (and so discards what its write staged), retried while the
   * database is away: an analysis whose write-back died with Neo4j would otherwise stay
   * "running" until the next boot's sweep, though this process recovers by itself. Retries
   * with backoff (0.5 s doubling to 10 s) for up to FAILURE_RECORD_MS, and stop at close
   * (the next boot's failUnfinished takes over).
   */
  private async recordFailure(analysisId: string, failure: string, finishedAt: string, log: FastifyBaseLogger): Promise<void> {
    const until = Date.now() + FAILURE_RECORD_MS;
    for (let delay = 500; ; delay = Math.min(delay * 2, 10_000)) {
      try {
        await this.store.markFailed(analysisId, failure, finishedAt);
        return;
      } catch (err) {
        if (this.closed || Date.now() + delay > until) {
          log.error({ err }, 'could not record the failure of the analysis (the next boot marks it failed)');
          return;
        }
        log.warn({ err, retryInMs: delay }, 'could not record the failure of the analysis yet; retrying');
        await new Promise((r) => setTimeout(r, delay).unref());
      }
    }
  }

  /** The cached projection of the analysis's graph at its current version, if any. */
  private async cachedProjection(analysis: AnalysisRecord): Promise<{ table: PairTable; version: number } | null> {
    if (this.projectionCache.maxBytes === 0) return null;
    const version = await this.store.graphVersion(analysis.graphId);
    if (version === null) throw new Error(`graph '${analysis.graphId}' was deleted before the analysis ran`);
    const table = this.projectionCache.get(analysis.graphId, version, projectionParams(analysis));
    return table ? { table, version } : null;
  }

  /** Runs the analysis in a fresh worker; resolves with its last word, whatever happens. */
  private inWorker(
    job: Job,
    projection: { table: PairTable; version: number } | null,
  ): Promise<Extract<WorkerMessage, { type: 'done' | 'failed' }> | { type: 'exited'; message: string; timings: AnalysisTimings }> {
    const input: WorkerInput = {
      analysis: job.analysis,
      connection: this.options.connection,
      erasureKeys: this.options.erasureKeys ?? null,
      projection,
      shareProjection: projection === null && this.projectionCache.maxBytes > 0,
    };
    return new Promise((resolve) => {
      const worker = startWorker(input);
      job.worker = worker;
      const timings: AnalysisTimings = {};
      let phaseStarted = performance.now();
      let last: Extract<WorkerMessage, { type: 'done' | 'failed' }> | null = null;
      let workerError: Error | null = null;
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'phase') {
          // Kept here too, so a terminated worker still leaves the timings of its finished phases.
          if (job.phase !== 'queued') timings[job.phase] = Math.round(performance.now() - phaseStarted);
          job.phase = m.phase;
          phaseStarted = performance.now();
        } else if (m.type === 'projection') {
          this.projectionCache.set(job.analysis.graphId, m.version, projectionParams(job.analysis), m.table);
        } else {
          last = m;
        }
      });
      worker.on('error', (err) => {
        workerError = err;
      });
      worker.on('exit', (code) => {
        job.worker = null;
        if (last) resolve(last);
        else {
          const why = workerError ? `the analysis worker crashed: ${workerError.message}` : `the analysis worker exited with code ${code}`;
          resolve({ type: 'exited', message: why, timings });
        }
      });
    });
  }
}

/** Throws when the job was cancelled or interrupted while no worker was running it. */
function stopIfAsked(job: Job): void {
  if (job.cancelled) throw new Error(CANCELLED);
  if (job.interrupted) throw new Error(INTERRUPTED_RUNNING);
}

function projectionParams(analysis: AnalysisRecord): ProjectionParams {
  const { typeWeights, from, to, minWeight } = analysis.params;
  return { typeWeights, from, to, minWeight };
}

function elapsed(fromIso: string, toIso: string): number {
  return Math.max(0, Date.parse(toIso) - Date.parse(fromIso));
}
