/**
 * Runs analyses off the request path, each in its own worker thread
 * (src/jobs/analysis-worker.ts), at most `concurrency` at a time; the others wait in a
 * FIFO queue of at most `queueLimit` analyses (submit on a full queue throws
 * QueueFullError, answered 503 + Retry-After). Each analysis moves queued -> running ->
 * succeeded | failed in the store, so its state survives the process.
 *
 * It is the embedded queue (REDIS_URL unset: this process queues and runs) and the engine of
 * a fleet worker process (src/jobs/fleet/fleet-worker.ts hands it the jobs BullMQ gives it).
 *
 * Leases (src/store/port.ts Lease). The runner holds its analyses under its `owner` name: an
 * analysis it queued itself (embedded) from the moment it is stored, one it takes from a
 * shared queue once claimAnalysis succeeds. Every `leaseMs / 3` it renews the leases of what
 * it holds; an analysis whose renewal comes back missing was taken from it (cancelled by
 * another instance, reclaimed, taken over) and its worker is stopped without writing
 * anything. Every status change names the owner, so a runner that lost an analysis can never
 * fail it or turn it into succeeded, and a booting process reclaims only expired leases
 * (GraphStore.reclaimExpired). With `awaitTakeover` (fleet), an analysis whose previous runner
 * died is claimed once that runner's lease has expired.
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
 * Spare worker and warm-up: one worker is started ahead of its analysis (SpareWorker below)
 * so module loading is off the analysis' path; with `warmUp` it also runs the warm-up
 * analysis (analysis/warm-up.ts) while it waits, so its analysis starts in optimized code.
 *
 * Cancellation: a queued analysis leaves the queue; a running one has its worker
 * terminated. Either way it is marked failed with error "cancelled". A cancel that arrives
 * after the worker committed the result finds the analysis succeeded and leaves it so.
 */
import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FastifyBaseLogger } from 'fastify';
import type { DriverOptions } from '../store/driver.js';
import type { ErasureKeys } from '../store/erasure-keys.js';
import type { PairTable } from '../analysis/pair-table.js';
import type { AnalysisRecord, AnalysisTimings, GraphStore, Lease, ProjectionParams } from '../store/port.js';
import { instanceId } from './instance-id.js';
import { QueueFullError, type AnalysisJobs } from './port.js';
import { ProjectionCache, type ProjectionCacheStats } from './projection-cache.js';
import { progressAt, type Phase, type Progress } from './progress.js';
import type { SpareData, WorkerInput, WorkerMessage } from './analysis-worker.js';

export const CANCELLED = 'cancelled';
/** The start of the error of an analysis stopped at its maximum duration (maxRunMs). */
export const TIMED_OUT = 'timed out';
const INTERRUPTED_RUNNING = 'interrupted: the service shut down while the analysis ran';
/** How long a failure is retried while the database is away (recordFailure). */
const FAILURE_RECORD_MS = 10 * 60_000;
/** Why a runner stops an analysis it no longer holds (nothing is written for it). */
const LEASE_LOST = 'lease lost: the analysis was cancelled, reclaimed or taken over elsewhere';
export const DEFAULT_LEASE_MS = 30_000;

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
  /** The name this runner holds leases under. Default: a fresh instanceId('api'). */
  owner?: string;
  /** Who holds the analyses submitted to it until it claims them. Default: `owner` (it queued them). */
  queuedBy?: string;
  /** How long a lease lasts unless renewed (renewed every third of it). Default 30 s. */
  leaseMs?: number;
  /** Claim an analysis a dead runner still holds once its lease expires, instead of skipping it. Default false. */
  awaitTakeover?: boolean;
  /**
   * Run the warm-up analysis (analysis/warm-up.ts) in the spare worker while no analysis runs,
   * so the next one starts in optimized code (ANALYSIS_WARM_UP). Default false.
   */
  warmUp?: boolean;
  /**
   * Longest an analysis may run, from the start of its worker (queue time not counted): past
   * it the worker is terminated as on a cancel and the analysis fails with TIMED_OUT (its
   * staged write discarded, its slot freed). 0: no limit. Default 0.
   */
  maxRunMs?: number;
  /** Told when an analysis enters a phase (fleet: relayed to Redis as the job's progress). */
  onPhase?: (analysisId: string, phase: Phase) => void;
}

interface Job {
  analysis: AnalysisRecord;
  phase: 'queued' | Phase;
  worker: Worker | null;
  cancelled: boolean;
  /** Set by close(): the worker is stopped and the analysis recorded as interrupted. */
  interrupted?: boolean;
  /** Set when it ran past maxRunMs: the worker is stopped and the analysis recorded as timed out. */
  timedOut?: boolean;
  /** This runner holds the analysis' lease (it queued it, or claimed it). */
  held: boolean;
  /** The lease was taken from it: stop, write nothing. */
  lost?: boolean;
}

// Under tsx (tests, scripts) this module is a .ts file and so is the worker's. A worker
// does not always inherit the parent's loader hooks (node --import=tsx), so a TypeScript
// worker is started by a two-line bootstrap that registers tsx first.
const RUNNING_TS = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(RUNNING_TS ? './analysis-worker.ts' : './analysis-worker.js', import.meta.url);

/** A worker for `workerData`; with SpareData, a spare that loads its modules (and warms up) and waits for its input by message (analysis-worker.ts). */
function startWorker(workerData: WorkerInput | SpareData): Worker {
  if (!RUNNING_TS) return new Worker(WORKER_URL, { workerData });
  const bootstrap =
    `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL.href)}); })` +
    `.catch((err) => { throw err; });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/**
 * A worker started ahead of its analysis: loading a worker's modules (the analysis, the store,
 * neo4j-driver) took 0.8-1.0 s of compiled JavaScript and 0.9-2.1 s under tsx on the 2-core
 * machine (bench/README.md "Persistence, shift 7"), time that was in every analysis' POST ->
 * succeeded and in none of its phases. One spare is kept, unreferenced (it never keeps the
 * process alive), and replaced after each analysis ends, when the cores are free again.
 *
 * With `warmUp` the spare also runs the warm-up analysis (analysis/warm-up.ts) on its own
 * helper threads while it waits, so its analysis starts in optimized code; take() tells it to
 * stop (a shared flag it reads between steps) before handing over the input.
 */
class SpareWorker {
  private worker: Worker | null = null;
  private wanted: Int32Array | null = null;
  private alive = false;

  constructor(
    private readonly threads: number,
    private readonly warmUp: boolean,
    /** Told when a spare's warm-up ends (before or after its analysis was handed over). */
    readonly onWarmUp: (m: Extract<WorkerMessage, { type: 'warm-up' }>) => void,
  ) {}

  prepare(): void {
    if (this.worker) return;
    const wanted = new Int32Array(new SharedArrayBuffer(4));
    const w = startWorker({ spare: { warmUp: this.warmUp, threads: this.threads, wanted } });
    this.wanted = wanted;
    w.on('message', (m: WorkerMessage) => {
      if (m.type === 'warm-up') this.onWarmUp(m);
    });
    w.unref();
    this.alive = true;
    w.once('exit', () => {
      if (this.worker === w) {
        this.worker = null;
        this.alive = false;
      }
    });
    // A spare that fails to start is simply not used: the job starts a fresh worker.
    w.on('error', () => {});
    this.worker = w;
  }

  /** The spare, handed its input (null when there is none, or it died). */
  take(input: WorkerInput): Worker | null {
    const w = this.worker;
    this.worker = null;
    if (!w || !this.alive) return null;
    Atomics.store(this.wanted!, 0, 1);
    // Its 'message' listener stays (it relays the warm-up's end, which may come after this).
    w.removeAllListeners('exit');
    w.removeAllListeners('error');
    w.ref();
    w.postMessage(input);
    return w;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    await w?.terminate();
  }
}

export class AnalysisRunner implements AnalysisJobs {
  readonly mode = 'embedded' as const;
  readonly owner: string;
  readonly leaseMs: number;
  private readonly queuedBy: string;
  private readonly renewal: NodeJS.Timeout;
  private readonly spare: SpareWorker;
  /** Threads each analysis may use: the cores shared out among the analyses run at once (never oversubscribed by this runner). */
  private readonly threadsPerAnalysis: number;
  /** Warm-ups of the spare workers (options.warmUp) that ran to their end, and that were stopped because an analysis arrived. */
  readonly warmUps = { completed: 0, stopped: 0 };
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
    this.owner = options.owner ?? instanceId('api');
    this.queuedBy = options.queuedBy ?? this.owner;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    if (!(this.concurrency >= 1)) throw new RangeError('jobs/analysis-runner: concurrency must be >= 1');
    if (!(this.queueLimit >= 0)) throw new RangeError('jobs/analysis-runner: queueLimit must be >= 0');
    if (!(this.leaseMs >= 100)) throw new RangeError('jobs/analysis-runner: leaseMs must be >= 100');
    this.threadsPerAnalysis = Math.max(1, Math.floor(availableParallelism() / this.concurrency));
    this.spare = new SpareWorker(this.threadsPerAnalysis, options.warmUp ?? false, (m) => {
      if (m.completed) this.warmUps.completed++;
      else this.warmUps.stopped++;
      this.log.debug({ warmUp: m.completed ? 'completed' : 'stopped for an analysis', ms: m.ms }, 'analysis worker warm-up');
    });
    this.finished.setMaxListeners(0);
    this.renewal = setInterval(() => void this.renewLeases(), Math.max(50, Math.floor(this.leaseMs / 3)));
    this.renewal.unref();
    this.spare.prepare();
  }

  newLease(): Lease {
    return { owner: this.queuedBy, until: this.queuedBy === this.owner ? Date.now() + this.leaseMs : null };
  }

  orphanOf(): string | null {
    return null;
  }

  async canAccept(): Promise<boolean> {
    return this.hasRoom();
  }

  private hasRoom(): boolean {
    return !this.closed && (this.running < this.concurrency || this.queue.length < this.queueLimit);
  }

  async submit(analysis: AnalysisRecord): Promise<void> {
    this.enqueue(analysis);
  }

  /** submit, synchronously: once it returns, cancel() and holds() know the analysis. */
  enqueue(analysis: AnalysisRecord): void {
    if (this.closed) throw new Error('analysis runner is closed');
    if (!this.hasRoom()) throw new QueueFullError(this.queue.length);
    const job: Job = { analysis, phase: 'queued', worker: null, cancelled: false, held: this.queuedBy === this.owner };
    this.jobs.set(analysis.id, job);
    this.queue.push(job);
    this.drain();
  }

  /** Resolves once the analysis has left this runner (finished, cancelled, lost or abandoned). */
  settled(analysisId: string): Promise<void> {
    if (!this.jobs.has(analysisId)) return Promise.resolve();
    return new Promise((resolve) => this.finished.once(analysisId, () => resolve()));
  }

  /** Whether this runner is queueing or running the analysis. */
  holds(analysisId: string): boolean {
    return this.jobs.has(analysisId);
  }

  /** Analyses queued or running here. */
  get size(): number {
    return this.jobs.size;
  }

  /**
   * Renews the leases of what this runner holds; stops the analyses whose lease was taken
   * from it (they write nothing). A failed renewal (database away) is retried next tick:
   * the leases last three ticks.
   */
  private async renewLeases(): Promise<void> {
    const held = [...this.jobs.values()].filter((j) => j.held && !j.lost);
    if (held.length === 0) return;
    let kept: Set<string>;
    try {
      kept = new Set(await this.store.renewLeases(held.map((j) => j.analysis.id), this.owner, Date.now() + this.leaseMs));
    } catch (err) {
      this.log.warn({ err }, 'could not renew analysis leases (retried)');
      return;
    }
    for (const job of held) {
      if (kept.has(job.analysis.id) || !this.jobs.has(job.analysis.id)) continue;
      this.log.warn({ analysisId: job.analysis.id }, LEASE_LOST);
      job.lost = true;
      const queuedAt = this.queue.indexOf(job);
      if (queuedAt >= 0) {
        this.queue.splice(queuedAt, 1);
        this.settle(job);
      } else await job.worker?.terminate();
    }
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

  async progress(analysisId: string): Promise<Progress | null> {
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
      const holder = job.held ? this.owner : this.queuedBy;
      await this.store.markFailed(analysisId, CANCELLED, finishedAt, holder);
      await this.store.recordTimings(analysisId, { queued: elapsed(job.analysis.createdAt, finishedAt), total: elapsed(job.analysis.createdAt, finishedAt) }, holder);
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
    if (this.closed) {
      await Promise.allSettled([...this.inFlight]);
      return;
    }
    this.closed = true;
    clearInterval(this.renewal);
    await this.spare.close();
    const dropped = this.queue.splice(0);
    const now = new Date().toISOString();
    for (const job of dropped) {
      if (job.held) await this.store.markFailed(job.analysis.id, 'interrupted: the service shut down before the analysis started', now, this.owner).catch(() => {});
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

  /**
   * Fleet shutdown: stops taking work and stops the running analyses without failing them,
   * then releases their leases at once, so another worker takes them over (claimAnalysis on
   * an expired lease) instead of waiting for the leases to run out. Resolves with their ids.
   */
  async abandon(): Promise<string[]> {
    this.closed = true;
    clearInterval(this.renewal);
    await this.spare.close();
    this.queue.splice(0).forEach((job) => this.settle(job));
    const running = [...this.jobs.values()];
    for (const job of running) {
      job.lost = true;
      await job.worker?.terminate();
    }
    await Promise.allSettled([...this.inFlight]);
    const ids = running.filter((j) => j.held).map((j) => j.analysis.id);
    await this.store.renewLeases(ids, this.owner, Date.now() - 1).catch((err: unknown) => {
      this.log.warn({ err }, 'could not release the leases of abandoned analyses (they expire by themselves)');
    });
    return running.map((j) => j.analysis.id);
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
        if (!this.closed) {
          this.drain();
          if (this.running === 0) this.spare.prepare();
        }
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
    // The worker ended without writing the Browser view of an analysis that may have succeeded.
    let viewToWrite = false;
    try {
      if (!(await this.claim(job, startedAt))) {
        // Cancelled while waiting to take over from a dead runner: fail it if nobody holds it now.
        if (job.cancelled) await this.store.failUnheld(analysis.id, CANCELLED, new Date().toISOString(), Date.now(), this.queuedBy);
        return;
      }
      // A cancel, a shutdown or a lost lease that arrived while the claim, or the
      // projection-cache check, was on its way found no worker to stop: it is honoured
      // before one starts (inWorker starts it in the same tick as the last check).
      stopIfAsked(job);
      const cached = await this.cachedProjection(analysis);
      if (cached) log.debug('projection from the cache');
      stopIfAsked(job);
      const outcome = await this.inWorker(job, cached);
      timings = { ...timings, ...outcome.timings };
      viewToWrite = outcome.type !== 'done' || outcome.browserView === 'failed';
      if (outcome.type === 'failed') failure = outcome.message;
      else if (outcome.type === 'exited') failure = job.cancelled ? CANCELLED : job.interrupted ? INTERRUPTED_RUNNING : job.timedOut ? this.timedOutMessage() : outcome.message;
    } catch (err) {
      failure = err instanceof Error ? err.message : String(err);
    }
    if (job.lost) {
      log.warn({ timings }, 'analysis stopped without writing anything: its lease was taken, or it was abandoned at shutdown');
      return;
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
    await this.store.recordTimings(analysis.id, timings, this.owner).catch((e: unknown) => {
      log.error({ err: e }, 'could not record the timings of the analysis');
    });
    if (viewToWrite) await this.writeBrowserView(analysis.id, log);
  }

  /**
   * Once more, here, the Browser view of an analysis whose worker ended without writing it
   * (crashed or terminated after the analysis succeeded, or its write failed): from the
   * stored result (store/browser-view.ts). Nothing for an analysis that did not succeed;
   * one still not written is left to the next boot (server.ts).
   */
  private async writeBrowserView(analysisId: string, log: FastifyBaseLogger): Promise<void> {
    try {
      const view = (await this.store.getAnalysis(analysisId))?.browserView;
      if (view !== 'pending' && view !== 'failed') return;
      const outcome = await this.store.materializeBrowserView(analysisId, this.owner);
      log.info({ browserView: outcome }, 'wrote the Browser view again after the worker ended without it');
    } catch (err) {
      log.error({ err }, 'could not write the Browser view of the analysis');
    }
  }

  /** The error recorded for an analysis stopped at maxRunMs. */
  private timedOutMessage(): string {
    return `${TIMED_OUT}: the analysis ran longer than ${Math.round((this.options.maxRunMs ?? 0) / 1000)} s (ANALYSIS_MAX_SECONDS)`;
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
        await this.store.markFailed(analysisId, failure, finishedAt, this.owner);
        return;
      } catch (err) {
        if (this.closed || Date.now() + delay > until) {
          log.error({ err }, 'could not record the failure of the analysis (its expired lease is reclaimed, or the next boot marks it failed)');
          return;
        }
        log.warn({ err, retryInMs: delay }, 'could not record the failure of the analysis yet; retrying');
        await new Promise((r) => setTimeout(r, delay).unref());
      }
    }
  }

  /**
   * Takes the analysis under this runner's lease. False (skip it, write nothing) when it is
   * finished or cancelled, or held by another live runner (with awaitTakeover: only once
   * waiting for that lease to expire is pointless: cancelled, closed).
   */
  private async claim(job: Job, startedAt: string): Promise<boolean> {
    const { analysis } = job;
    for (;;) {
      const outcome = await this.store.claimAnalysis(analysis.id, { owner: this.owner, until: Date.now() + this.leaseMs }, this.queuedBy, startedAt);
      if (outcome.claimed) {
        job.held = true;
        return true;
      }
      const heldElsewhere = (outcome.status === 'queued' || outcome.status === 'running') && outcome.leaseUntil !== null;
      if (!this.options.awaitTakeover || !heldElsewhere || job.cancelled || this.closed) {
        this.log.info({ analysisId: analysis.id, status: outcome.status }, 'analysis not claimed: finished, cancelled or held by another runner');
        return false;
      }
      // Its previous runner died holding it: take it over once that lease has run out.
      const wait = Math.min(this.leaseMs, Math.max(20, (outcome.leaseUntil as number) - Date.now() + 20));
      this.log.info({ analysisId: analysis.id, waitMs: wait }, 'waiting for the lease of a previous runner to expire');
      await sleep(wait);
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
      owner: this.owner,
      connection: this.options.connection,
      erasureKeys: this.options.erasureKeys ?? null,
      projection,
      shareProjectionUpTo: projection === null ? this.projectionCache.maxBytes : 0,
      threads: this.threadsPerAnalysis,
      // The worker's store lines (e.g. the result write's phases at debug) come back to this logger.
      logLevel: this.log.level,
    };
    return new Promise((resolve) => {
      const worker = this.spare.take(input) ?? startWorker(input);
      job.worker = worker;
      // The maximum duration counts from here: the worker runs this analysis from now on.
      const limit = this.options.maxRunMs ?? 0;
      const deadline =
        limit > 0
          ? setTimeout(() => {
              job.timedOut = true;
              this.log.warn({ analysisId: job.analysis.id, maxSeconds: limit / 1000, phase: job.phase }, 'analysis ran past its maximum duration: its worker is stopped');
              void worker.terminate();
            }, limit)
          : null;
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
          this.options.onPhase?.(job.analysis.id, m.phase);
        } else if (m.type === 'log') {
          this.log[m.level](m.fields, m.msg);
        } else if (m.type === 'warm-up') {
          // The spare's warm-up, stopped for this analysis: counted by the spare's own listener.
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
        if (deadline !== null) clearTimeout(deadline);
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

/** Throws when the job was cancelled, interrupted or lost while no worker was running it. */
function stopIfAsked(job: Job): void {
  if (job.cancelled) throw new Error(CANCELLED);
  if (job.interrupted) throw new Error(INTERRUPTED_RUNNING);
  if (job.lost) throw new Error(LEASE_LOST);
}

function projectionParams(analysis: AnalysisRecord): ProjectionParams {
  const { typeWeights, from, to, minWeight, halfLife } = analysis.params;
  return { typeWeights, from, to, minWeight, halfLife: halfLife ?? null };
}

function elapsed(fromIso: string, toIso: string): number {
  return Math.max(0, Date.parse(toIso) - Date.parse(fromIso));
}
