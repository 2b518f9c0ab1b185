/**
 * Worker-thread entry of one analysis (started by src/jobs/analysis-runner.ts).
 *
 * The worker does the whole CPU- and memory-heavy part itself: it opens its own Neo4j
 * driver, streams the projection into a PairTable (or takes the one the parent had
 * cached), reads the niches of its baseline analysis (niche-lineage.ts: the warm start and
 * the lineage), builds the compact graph, runs the pipeline, gives the niches their stable
 * ids and writes the result back. The independent Leiden runs of the analysis spread over
 * the machine's cores on helper threads of this worker (analysis/partition-threads.ts; the
 * result is the same for any thread count). The
 * only large thing that crosses the thread boundary is the PairTable, whose columns are
 * SharedArrayBuffers (shared, not copied); no graph, no result objects. So the main
 * thread's event loop stays free while a large graph is analysed, and terminating the
 * worker cancels the analysis (an open write transaction dies with the connection and is
 * rolled back by Neo4j).
 *
 * Messages to the parent (WorkerMessage): `phase` when a phase starts; `projection` with
 * the table it projected (when asked to share it, for the parent's cache); then exactly
 * one of `done` or `failed`, each with the timings of the phases that ran.
 */
import { availableParallelism } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import pino from 'pino';
import { analyseProjection } from '../analysis/analyse.js';
import { createThreadRunner, DEFAULTS as THREAD_DEFAULTS, type ThreadRunner } from '../analysis/partition-threads.js';
import { warmStartOf } from '../analysis/result-lineage.js';
import { warmUpAnalysis } from '../analysis/warm-up.js';
import { pairTableBytes, type PairTable } from '../analysis/pair-table.js';
import type { AnalysisResult } from '../analysis/types.js';
import { createDriver, type DriverOptions } from '../store/driver.js';
import type { ErasureKeys } from '../store/erasure-keys.js';
import type { StoreLogger } from '../store/neo4j-context.js';
import { Neo4jGraphStore } from '../store/neo4j-store.js';
import type { AnalysisRecord, AnalysisTimings, BrowserViewOutcome } from '../store/port.js';
import { readBaseline, resolveBaseline, withStableIds } from './niche-lineage.js';
import type { BaselinePartition } from '../analysis/result-lineage.js';
import type { Phase } from './progress.js';

export interface WorkerInput {
  analysis: AnalysisRecord;
  /** The lease holder the analysis was claimed by: the result is written only while it still holds it. */
  owner: string;
  connection: DriverOptions & { database: string };
  /** The erasure ledger's keys (Buffers arrive as Uint8Arrays, which HMAC takes alike). */
  erasureKeys?: ErasureKeys | null;
  /** The projection and its graph version, when the parent had it cached; null: project from Neo4j. */
  projection: { table: PairTable; version: number } | null;
  /**
   * Post the projected table back to the parent (to cache it) when it holds at most this many
   * bytes (pair-table.ts pairTableBytes): the cache's budget, which a larger table cannot
   * enter (one posted anyway would stay alive in the parent until its next collection). 0: never.
   */
  shareProjectionUpTo: number;
  /** Threads the analysis may use, its own included (partition-threads.ts); default: the machine's cores. */
  threads?: number;
  /**
   * The parent's log level (pino's names): the worker's store posts its lines at or above it
   * (e.g. the result write's phases at debug) to the parent, which logs them; none: silent.
   */
  logLevel?: string;
}

/** What a spare worker (analysis-runner.ts SpareWorker) is started with: its input comes later, by message. */
export interface SpareData {
  spare: {
    /** Run the warm-up analysis (analysis/warm-up.ts) while waiting, on a runner of `threads` threads. */
    warmUp: boolean;
    threads: number;
    /** wanted[0] becomes 1 when the parent posts the input: the warm-up stops at its next step. */
    wanted: Int32Array;
  };
}

export type WorkerMessage =
  | { type: 'phase'; phase: Phase }
  | { type: 'projection'; version: number; table: PairTable }
  | { type: 'done'; timings: AnalysisTimings; browserView: BrowserViewOutcome }
  | { type: 'failed'; message: string; timings: AnalysisTimings }
  | { type: 'log'; level: 'debug' | 'info' | 'warn'; fields: object; msg?: string }
  /** A spare's warm-up ended: run to its end (`completed`) or stopped for its analysis, after `ms`. */
  | { type: 'warm-up'; completed: boolean; ms: number };

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

/** The store's logger in the worker: each line at or above `level` goes to the parent (`log` messages). */
function parentLogger(level: string | undefined): StoreLogger {
  // pino's numeric levels: a level logs the lines at or above it.
  const levels: Record<string, number> = pino.levels.values;
  const least = level === undefined ? Infinity : (levels[level] ?? Infinity);
  const at = (name: 'debug' | 'info' | 'warn') =>
    levels[name]! >= least
      ? (fields: object, msg?: string) => {
          // A line that cannot be cloned to the parent is dropped: logging never fails a write.
          try {
            post({ type: 'log', level: name, fields, ...(msg === undefined ? {} : { msg }) });
          } catch {}
        }
      : () => {};
  return { debug: at('debug'), info: at('info'), warn: at('warn') };
}

/** Times consecutive phases: entering a phase closes the previous one. */
class PhaseClock {
  readonly timings: AnalysisTimings = {};
  private current: Phase | null = null;
  private since = 0;

  enter(phase: Phase): void {
    this.stop();
    this.current = phase;
    this.since = performance.now();
    post({ type: 'phase', phase });
  }

  stop(): void {
    if (this.current !== null) this.timings[this.current] = Math.round(performance.now() - this.since);
    this.current = null;
  }
}

async function run(input: WorkerInput, prestarted: ThreadRunner | null): Promise<void> {
  const { analysis, connection } = input;
  const clock = new PhaseClock();
  // Set inside compute() (closed in `finally`); typed so that TypeScript does not take them for null after it.
  let store = null as Neo4jGraphStore | null;
  let threads = null as ThreadRunner | null;
  // Projection and compute in a function of their own: the projected table (0.7 GB on a
  // 1M-account graph) is handed over to the analysis, which drops it as soon as it has read
  // it, and nothing compute() holds outlives it, so the scoring, the persistence and the
  // Browser view do not hold the table or the compact graph.
  const compute = async (): Promise<{ writer: Neo4jGraphStore; computed: AnalysisResult; baseline: BaselinePartition | null }> => {
    clock.enter('projection');
    const driver = await createDriver(connection);
    const opened = new Neo4jGraphStore({ driver, database: connection.database, erasureKeys: input.erasureKeys ?? null, logger: parentLogger(input.logLevel) });
    store = opened;
    const { resolution, seed, topK, runs, minNicheSize, nicheSize, centralities, baseline: _baseline, warmStart, ...projectionParams } = analysis.params;
    // Held here only until the analysis takes it (handOver below): it drops each column once
    // read, so that a table the parent does not cache is reclaimed during the analysis.
    let projected: { table: PairTable; version: number } | null = input.projection ?? (await opened.project(analysis.graphId, projectionParams));
    if (projected === null) throw new Error(`graph '${analysis.graphId}' was deleted before the analysis ran`);
    const { version } = projected;
    const { accounts } = projected.table;
    // The independent Leiden runs spread over the cores (results identical for any thread
    // count); on a large graph the helper threads start now, while the baseline is read.
    // A spare's runner, warmed up while it waited (its helpers' code optimized), when its size fits.
    const wantedThreads = Math.max(1, Math.floor(input.threads ?? availableParallelism()));
    if (prestarted !== null && prestarted.threads === wantedThreads) threads = prestarted;
    else {
      void prestarted?.close();
      threads = createThreadRunner({ threads: wantedThreads });
    }
    if (accounts.length >= THREAD_DEFAULTS.minNodes) threads.start();
    if (input.projection === null && pairTableBytes(projected.table) <= input.shareProjectionUpTo) post({ type: 'projection', version, table: projected.table });
    await opened.recordProjection(analysis.id, { graphVersion: version, cached: input.projection !== null }, input.owner);
    // The baseline's niches over these accounts: the lineage's reference and the warm start.
    const baselineRecord = await resolveBaseline(opened, analysis);
    const baseline = baselineRecord === null ? null : await readBaseline(opened, baselineRecord.id, accounts);
    // Analyses stored before runs/minNicheSize/nicheSize existed ran plain Louvain.
    const options = {
      resolution,
      seed,
      topK,
      runs: runs ?? 1,
      nicheSize: nicheSize ?? null,
      ...(minNicheSize === undefined ? {} : { minNicheSize }),
      ...(centralities === undefined ? {} : { centralities }),
      ...(baseline !== null && warmStart !== false ? warmStartOf(baseline) : {}),
    };
    const handOver = (): PairTable => {
      const { table } = projected as { table: PairTable };
      projected = null;
      return table;
    };
    const computed = analyseProjection(handOver, options, { onPhase: (phase) => clock.enter(phase), runner: threads });
    if (threads.recoveredTasks > 0) {
      // Same result (the tasks were run here), but a helper thread died: worth an operator's look.
      post({ type: 'log', level: 'warn', fields: { analysisId: analysis.id, recoveredTasks: threads.recoveredTasks }, msg: 'a helper thread of the analysis ended while it held a task; this thread ran the task itself' });
    }
    void threads.close();
    return { writer: opened, computed, baseline };
  };
  try {
    const { writer, computed, baseline } = await compute();
    clock.enter('persistence');
    const result = await withStableIds(writer, analysis.graphId, computed, baseline);
    // Guarded by the lease: a runner that was cancelled or taken over meanwhile writes nothing.
    // The analysis says succeeded once its compact form is stored; its Browser view is
    // materialized next (store/browser-view.ts), timed apart.
    let viewStarted = 0;
    const { browserView } = await writer.writeResult(analysis.id, result, new Date().toISOString(), input.owner, {
      onSucceeded: () => {
        clock.stop();
        viewStarted = performance.now();
      },
    });
    const timings: AnalysisTimings = { ...clock.timings, browserView: Math.round(performance.now() - viewStarted) };
    post({ type: 'done', timings, browserView });
  } catch (err) {
    clock.stop();
    post({ type: 'failed', message: err instanceof Error ? err.message : String(err), timings: clock.timings });
  } finally {
    await threads?.close().catch(() => {});
    await store?.close().catch(() => {});
  }
}

/**
 * A spare (analysis-runner.ts SpareWorker) runs the warm-up analysis until its input is
 * posted, so the analysis it is given runs in optimized code on warm helper threads. The
 * warm-up is synchronous: the input message waits in the port until it has stopped.
 */
function warmUp({ spare }: SpareData): ThreadRunner | null {
  if (!spare.warmUp) return null;
  const runner = createThreadRunner({ threads: spare.threads });
  const started = performance.now();
  let completed = false;
  try {
    completed = warmUpAnalysis(runner, () => Atomics.load(spare.wanted, 0) === 1);
  } catch {
    // A warm-up that fails has cost only its time: the analysis runs as it would have cold.
  }
  post({ type: 'warm-up', completed, ms: Math.round(performance.now() - started) });
  return runner;
}

// Started ahead of its analysis (a spare, analysis-runner.ts: its modules are loaded by now),
// the worker gets its input as its first message.
const data = workerData as WorkerInput | SpareData;
const prestarted = 'spare' in data ? warmUp(data) : null;
const input = 'spare' in data ? await new Promise<WorkerInput>((resolve) => parentPort!.once('message', resolve)) : data;
await run(input, prestarted);
