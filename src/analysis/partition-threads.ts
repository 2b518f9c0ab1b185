/**
 * A PartitionRunner on worker threads: the independent partition tasks of a batch
 * (partition-tasks.ts) spread over this thread and `threads - 1` helper threads.
 *
 * Results are the same whatever the thread count, and in the same order: a task carries
 * its own graph and seed, so its result depends on nothing else, and result k is task k's
 * whoever ran it. Only the scheduling varies: every participant (this thread included)
 * claims the next task of the batch from a shared counter (Atomics.add), so a slow or
 * still-starting helper delays nothing but the tasks it claimed.
 *
 * run() is synchronous, as findNiches expects: this thread runs tasks itself, then blocks
 * (Atomics.wait) until the tasks the helpers claimed are done, and reads their results
 * with receiveMessageOnPort. The graphs cross as SharedArrayBuffer copies (made once per
 * array and kept while the array lives), so a batch of tasks on one graph copies it once,
 * not once per task and helper; the results (one Int32Array each) are transferred.
 *
 * The runner also starts side tasks (side-tasks.ts: steps that read only the graph) with
 * begin(): the helpers claim them at once, from the same kind of shared counter, while this
 * thread goes on with the analysis; take() runs itself whatever no helper has claimed yet,
 * then waits for the rest. So a helper that is idle while this thread runs a single
 * partition run (the rung-0 probe, the consensus) computes them meanwhile.
 *
 * Helpers start on the first batch worth spreading (at least two tasks, one of them on a
 * graph of `minNodes` nodes or more: below that a run takes milliseconds and a thread
 * would cost more than it saves), are unref'd (they never keep a process alive) and end
 * with close() or with the thread that made them. A task that throws in a helper throws
 * here, with its message.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Csr } from './compact-graph.js';
import { runTask, type PartitionRunner, type PartitionTask, type TaskResult } from './partition-tasks.js';
import { runSideTask, type PendingSide, type SideResult, type SideRunner, type SideTask } from './side-tasks.js';

export const DEFAULTS = {
  /** Nodes of a task's graph from which a batch is spread over threads. */
  minNodes: 20_000,
};

export interface ThreadRunnerOptions {
  /** Threads in all, this one included (default: os.availableParallelism()). */
  threads?: number;
  minNodes?: number;
}

/** A batch as a helper receives it. */
export interface HelperBatch {
  batch: number;
  /** [next task to claim, tasks finished] */
  control: Int32Array;
  tasks: Array<PartitionTask | SideTask>;
}

/** A helper's answer for one task. */
export type HelperResult = { batch: number; k: number; result: TaskResult | SideResult } | { batch: number; k: number; error: string };

const PREFIX = 'nichegraph/analysis/partition-threads';
const RUNNING_TS = import.meta.url.endsWith('.ts');
const ENTRY = new URL(RUNNING_TS ? './partition-thread.ts' : './partition-thread.js', import.meta.url);

interface Helper {
  worker: Worker;
  port: MessagePort;
}

function startHelper(ready: Int32Array): Helper {
  const { port1, port2 } = new MessageChannel();
  // Under tsx (tests, scripts) the entry is TypeScript: a bootstrap registers tsx first
  // (a worker does not always inherit the parent's loader hooks; analysis-runner.ts does the same).
  const worker = RUNNING_TS
    ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(ENTRY.href)}); });`, { eval: true, workerData: { port: port2, ready }, transferList: [port2] })
    : new Worker(ENTRY, { workerData: { port: port2, ready }, transferList: [port2] });
  worker.unref();
  port1.unref();
  return { worker, port: port1 };
}

type Typed = Int32Array | Float64Array;

export interface ThreadRunner extends PartitionRunner, SideRunner {
  threads: number;
  /** Starts the helper threads now (e.g. while the projection loads) instead of on the first batch. */
  start(): void;
  /** Resolves once every helper thread is up (starting them if needed). */
  ready(): Promise<void>;
  /** Tasks whose result came from a helper thread, since the runner was made. */
  readonly helperTasks: number;
  /** Ends the helper threads. */
  close(): Promise<void>;
}

export function createThreadRunner(options: ThreadRunnerOptions = {}): ThreadRunner {
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  const minNodes = options.minNodes ?? DEFAULTS.minNodes;
  if (!(minNodes >= 0)) throw new RangeError(`${PREFIX}: minNodes must be >= 0, got ${String(minNodes)}.`);
  const helpers: Helper[] = [];
  const up = new Int32Array(new SharedArrayBuffer(4));
  let helperTasks = 0;
  const start = (): void => {
    while (helpers.length < threads - 1) helpers.push(startHelper(up));
  };
  const shared = new WeakMap<Typed, Typed>();
  let batches = 0;

  const share = <T extends Typed>(a: T): T => {
    if (a.buffer instanceof SharedArrayBuffer) return a;
    let copy = shared.get(a) as T | undefined;
    if (copy === undefined) {
      const Ctor = a.constructor as new (buffer: SharedArrayBuffer) => T;
      copy = new Ctor(new SharedArrayBuffer(a.byteLength));
      copy.set(a as never);
      shared.set(a, copy);
    }
    return copy;
  };
  const shareCsr = (csr: Csr): Csr => ({ offsets: share(csr.offsets), targets: share(csr.targets), weights: share(csr.weights) });
  const shareTask = (task: PartitionTask): PartitionTask =>
    task.kind === 'louvain'
      ? { ...task, csr: shareCsr(task.csr), loops: share(task.loops) }
      : { ...task, csr: shareCsr(task.csr), nodeWeights: share(task.nodeWeights), ...(task.initial === undefined ? {} : { initial: share(task.initial) }) };
  const shareSide = (task: SideTask): SideTask => {
    if (task.kind === 'pagerank') return { ...task, csr: shareCsr(task.csr) };
    if (task.kind === 'community-pagerank') return { ...task, csr: shareCsr(task.csr), community: share(task.community) };
    const i = task.input;
    return { kind: 'tie-weights', input: { order: i.order, undirected: shareCsr(i.undirected), out: shareCsr(i.out), outCounts: share(i.outCounts), inOffsets: share(i.inOffsets), inSources: share(i.inSources), inSlots: share(i.inSlots) } };
  };
  // Answers that arrived while another batch was being read (a side batch's, read by run()).
  const early = new Map<number, HelperResult[]>();
  const answersOf = (batch: number): HelperResult[] => {
    const mine = early.get(batch) ?? [];
    early.delete(batch);
    for (const h of helpers) {
      for (let m = receiveMessageOnPort(h.port); m !== undefined; m = receiveMessageOnPort(h.port)) {
        const r = m.message as HelperResult;
        if (r.batch === batch) mine.push(r);
        else early.set(r.batch, [...(early.get(r.batch) ?? []), r]);
      }
    }
    return mine;
  };
  /** Claims and runs this batch's unclaimed tasks here, waits for the helpers' ones, returns every result in task order. */
  const finish = <T>(batch: number, control: Int32Array, tasks: readonly unknown[], here: (k: number) => T): T[] => {
    const results: Array<T | undefined> = new Array(tasks.length);
    const errors: string[] = [];
    const n = tasks.length;
    for (let k = Atomics.add(control, 0, 1); k < n; k = Atomics.add(control, 0, 1)) {
      try {
        results[k] = here(k);
      } catch (err) {
        errors.push(err instanceof Error ? err.message : String(err));
      }
      Atomics.add(control, 1, 1);
    }
    // The tasks the helpers claimed: each posts its result, then counts it finished.
    for (let done = Atomics.load(control, 1); done < n; done = Atomics.load(control, 1)) Atomics.wait(control, 1, done, 1000);
    for (const r of answersOf(batch)) {
      if ('error' in r) errors.push(r.error);
      else {
        results[r.k] = r.result as T;
        helperTasks++;
      }
    }
    if (errors.length > 0) throw new Error(errors[0]);
    const missing = results.findIndex((r) => r === undefined);
    if (missing >= 0) throw new Error(`${PREFIX}: no result for task ${missing}.`);
    return results as T[];
  };

  const worthSpreading = (tasks: readonly PartitionTask[]): boolean =>
    threads > 1 && tasks.length > 1 && tasks.some((t) => t.csr.offsets.length - 1 >= minNodes);

  return {
    threads,
    start,
    async ready(): Promise<void> {
      start();
      while (Atomics.load(up, 0) < helpers.length) await new Promise((resolve) => setTimeout(resolve, 5));
    },
    get helperTasks(): number {
      return helperTasks;
    },
    run(tasks: readonly PartitionTask[]): TaskResult[] {
      if (!worthSpreading(tasks)) return tasks.map(runTask);
      start();
      const batch = ++batches;
      const control = new Int32Array(new SharedArrayBuffer(8));
      const message: HelperBatch = { batch, control, tasks: tasks.map(shareTask) };
      for (const h of helpers) h.port.postMessage(message);
      return finish(batch, control, tasks, (k) => runTask(tasks[k] as PartitionTask));
    },
    begin(tasks: readonly SideTask[]): PendingSide {
      // Worth a helper on a graph of minNodes or more (as a batch of partition runs); else run at take().
      let results: SideResult[] | null = null;
      if (threads === 1 || tasks.length === 0 || !tasks.some((t) => (t.kind === 'tie-weights' ? t.input.order : t.order) >= minNodes)) {
        return { take: () => (results ??= tasks.map(runSideTask)) };
      }
      start();
      const batch = ++batches;
      const control = new Int32Array(new SharedArrayBuffer(8));
      const message: HelperBatch = { batch, control, tasks: tasks.map(shareSide) };
      for (const h of helpers) h.port.postMessage(message);
      return { take: () => (results ??= finish(batch, control, tasks, (k) => runSideTask(tasks[k] as SideTask))) };
    },
    async close(): Promise<void> {
      Atomics.store(up, 0, 0);
      const ending = helpers.splice(0).map(async (h) => {
        h.port.close();
        await h.worker.terminate();
      });
      await Promise.all(ending);
    },
  };
}
