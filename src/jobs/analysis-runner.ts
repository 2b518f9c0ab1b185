/**
 * Runs analyses off the request path: a FIFO queue drained by at most `concurrency`
 * analyses at a time. Each analysis moves queued -> running -> succeeded | failed in the
 * store, so its state survives the process; `failUnfinished` at boot marks the ones a
 * restart cut off.
 *
 * The analysis itself is CPU-bound and runs in this process between awaits (a later
 * step moves it to worker threads); the request that created it has already been answered.
 */
import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import { analyseProjection } from '../analysis/analyse.js';
import type { AnalysisRecord, GraphStore } from '../store/port.js';

const INTERRUPTED_RUNNING = 'interrupted: the service shut down while the analysis ran';

export class AnalysisRunner {
  private readonly queue: AnalysisRecord[] = [];
  private running = 0;
  private closed = false;
  private readonly finished = new EventEmitter();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly activeIds = new Set<string>();

  constructor(
    private readonly store: GraphStore,
    private readonly log: FastifyBaseLogger,
    private readonly concurrency = 1,
  ) {
    this.finished.setMaxListeners(0);
  }

  /** Queues an analysis already saved with status "queued". */
  submit(analysis: AnalysisRecord): void {
    if (this.closed) throw new Error('analysis runner is closed');
    this.activeIds.add(analysis.id);
    this.queue.push(analysis);
    this.drain();
  }

  /** Resolves true once the analysis has finished, false when `timeoutMs` passes first. */
  waitFor(analysisId: string, timeoutMs: number): Promise<boolean> {
    if (!this.activeIds.has(analysisId)) return Promise.resolve(true);
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

  /** Whether the analysis is queued or running in this process. */
  isActive(analysisId: string): boolean {
    return this.activeIds.has(analysisId);
  }

  /**
   * Stops taking work and marks queued and running analyses failed ("interrupted: ..."),
   * then waits for the running ones to stop: they write no result once closed.
   */
  async close(): Promise<void> {
    this.closed = true;
    const dropped = this.queue.splice(0);
    const now = new Date().toISOString();
    for (const a of dropped) {
      await this.store.markFailed(a.id, 'interrupted: the service shut down before the analysis started', now).catch(() => {});
      this.activeIds.delete(a.id);
      this.finished.emit(a.id);
    }
    for (const id of this.activeIds) {
      await this.store.markFailed(id, INTERRUPTED_RUNNING, now).catch(() => {});
    }
    await Promise.allSettled([...this.inFlight]);
  }

  private drain(): void {
    while (this.running < this.concurrency && this.queue.length > 0) {
      const next = this.queue.shift()!;
      this.running++;
      const job = this.run(next).finally(() => {
        this.running--;
        this.inFlight.delete(job);
        this.activeIds.delete(next.id);
        this.finished.emit(next.id);
        if (!this.closed) this.drain();
      });
      this.inFlight.add(job);
    }
  }

  private async run(analysis: AnalysisRecord): Promise<void> {
    const log = this.log.child({ analysisId: analysis.id, graphId: analysis.graphId });
    const started = Date.now();
    try {
      await this.store.markRunning(analysis.id, new Date().toISOString());
      const { resolution, seed, topK, ...projectionParams } = analysis.params;
      const projection = await this.store.project(analysis.graphId, projectionParams);
      if (!projection) throw new Error(`graph '${analysis.graphId}' was deleted before the analysis ran`);
      const projected = Date.now();
      // Let pending I/O run before the CPU-bound part.
      await new Promise((resolve) => setImmediate(resolve));
      const result = analyseProjection(projection, { resolution, seed, topK });
      const computed = Date.now();
      if (this.closed) throw new Error(INTERRUPTED_RUNNING);
      await this.store.writeResult(analysis.id, result, new Date().toISOString());
      log.info(
        {
          ...result.summary,
          projectionMs: projected - started,
          computeMs: computed - projected,
          persistenceMs: Date.now() - computed,
        },
        'analysis succeeded',
      );
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      log.error({ err }, 'analysis failed');
      await this.store.markFailed(analysis.id, message, new Date().toISOString()).catch((e: unknown) => {
        log.error({ err: e }, 'could not record the failure of the analysis');
      });
    }
  }
}
