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
 *
 * A helper thread that ends while it holds a task (a worker can be ended alone, e.g. by
 * Node when its heap runs out) would leave that task's batch waiting forever. So each helper
 * writes its OS thread id and the task it holds into a shared `watch` array, and while this
 * thread waits it checks, about once a second, that the helpers it waits for still exist
 * (/proc/self/task/<tid>, Linux; elsewhere the check is skipped): it runs a dead helper's
 * task itself (same task, same result) and never sends that helper another batch.
 */
import { existsSync, readlinkSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Csr } from './compact-graph.js';
import { runTask, type PartitionRunner, type PartitionTask, type TaskResult } from './partition-tasks.js';
import { runSideTask, sideTaskOrder, type PendingSide, type SideResult, type SideRunner, type SideTask } from './side-tasks.js';

export const DEFAULTS = {
  /** Nodes of a task's graph from which a batch is spread over threads. */
  minNodes: 20_000,
};

export interface ThreadRunnerOptions {
  /** Threads in all, this one included (default: os.availableParallelism()). */
  threads?: number;
  minNodes?: number;
  /** The module a helper thread runs (default: partition-thread.ts); tests give one that ends on purpose. */
  helperEntry?: URL;
}

/**
 * The shared array each helper writes to (WATCH_SLOTS Int32 per helper, at helper * WATCH_SLOTS):
 * its OS thread id (0 until known, -1 when there is none to read), then the batch and the task
 * index it holds (-1: none).
 */
export const WATCH_SLOTS = 3;

/** This thread's OS thread id (Linux: /proc/thread-self), or -1 where it cannot be read. */
export function osThreadId(): number {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isSafeInteger(tid) && tid > 0 ? tid : -1;
  } catch {
    return -1;
  }
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
  /** Its thread was found gone: its task was run here, and it gets no more batches. */
  dead: boolean;
}

function startHelper(entry: URL, ready: Int32Array, watch: Int32Array, slot: number): Helper {
  const { port1, port2 } = new MessageChannel();
  // Under tsx (tests, scripts) the entry is TypeScript: a bootstrap registers tsx first
  // (a worker does not always inherit the parent's loader hooks; analysis-runner.ts does the same).
  const workerData = { port: port2, ready, watch, slot };
  const worker = entry.pathname.endsWith('.ts')
    ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`, { eval: true, workerData, transferList: [port2] })
    : new Worker(entry, { workerData, transferList: [port2] });
  worker.unref();
  port1.unref();
  return { worker, port: port1, dead: false };
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
  /** Tasks run in this thread because the helper thread that held them was found gone. */
  readonly recoveredTasks: number;
  /** Started helper threads whose OS thread still exists (where that cannot be read: every started one not found gone). */
  helperThreadsAlive(): number;
  /** Ends the helper threads. */
  close(): Promise<void>;
}

export function createThreadRunner(options: ThreadRunnerOptions = {}): ThreadRunner {
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  const minNodes = options.minNodes ?? DEFAULTS.minNodes;
  if (!(minNodes >= 0)) throw new RangeError(`${PREFIX}: minNodes must be >= 0, got ${String(minNodes)}.`);
  const entry = options.helperEntry ?? ENTRY;
  const helpers: Helper[] = [];
  const up = new Int32Array(new SharedArrayBuffer(4));
  const watch = new Int32Array(new SharedArrayBuffer(4 * WATCH_SLOTS * Math.max(1, threads - 1)));
  let helperTasks = 0;
  let recoveredTasks = 0;
  const start = (): void => {
    while (helpers.length < threads - 1) helpers.push(startHelper(entry, up, watch, helpers.length));
  };
  const post = (message: HelperBatch): void => {
    for (const h of helpers) if (!h.dead) h.port.postMessage(message);
  };
  /** Marks the helpers whose thread is gone (see the module doc); true if any is. */
  const anyHelperGone = (): boolean => {
    helpers.forEach((h, slot) => {
      const tid = Atomics.load(watch, slot * WATCH_SLOTS);
      if (!h.dead && tid > 0 && !existsSync(`/proc/self/task/${tid}`)) h.dead = true;
    });
    return helpers.some((h) => h.dead);
  };
  const heldByLivingHelper = (batch: number, k: number): boolean =>
    helpers.some((h, slot) => !h.dead && Atomics.load(watch, slot * WATCH_SLOTS + 1) === batch && Atomics.load(watch, slot * WATCH_SLOTS + 2) === k);
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
    if (task.kind === 'partition-figures') {
      const f = task.input;
      return { kind: 'partition-figures', input: { ...f, csr: shareCsr(f.csr), community: share(f.community), niche: share(f.niche), node: share(f.node), nodeSize: share(f.nodeSize), runs: f.runs.map(share) } };
    }
    if (task.kind === 'roles') {
      const r = task.input;
      return { kind: 'roles', input: { ...r, undirected: shareCsr(r.undirected), out: shareCsr(r.out), inOffsets: share(r.inOffsets), inSources: share(r.inSources), community: share(r.community), ...(r.answered === undefined ? {} : { answered: share(r.answered) }) } };
    }
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
    const settled = new Uint8Array(n);
    const runHere = (k: number): void => {
      try {
        results[k] = here(k);
      } catch (err) {
        errors.push(err instanceof Error ? err.message : String(err));
      }
      settled[k] = 1;
    };
    for (let k = Atomics.add(control, 0, 1); k < n; k = Atomics.add(control, 0, 1)) {
      runHere(k);
      Atomics.add(control, 1, 1);
    }
    const absorb = (): void => {
      for (const r of answersOf(batch)) {
        if (settled[r.k] === 1) continue; // also run here after its helper was found gone
        settled[r.k] = 1;
        if ('error' in r) errors.push(r.error);
        else {
          results[r.k] = r.result as T;
          helperTasks++;
        }
      }
    };
    // The tasks the helpers claimed: each posts its result, then counts it finished. Once a
    // helper is found gone, the batch ends when every task has a result instead, and each
    // task no living helper holds is run here (a task run twice gives the same result).
    let lost = false;
    for (;;) {
      const done = Atomics.load(control, 1);
      if (!lost && done >= n) break;
      if (lost) {
        absorb();
        if (settled.every((v) => v === 1)) break;
      }
      if (Atomics.wait(control, 1, done, 1000) !== 'timed-out') continue;
      if (!lost && !anyHelperGone()) continue;
      lost = true;
      absorb();
      for (let k = 0; k < n; k++) {
        if (settled[k] === 0 && !heldByLivingHelper(batch, k)) {
          runHere(k);
          recoveredTasks++;
        }
      }
    }
    absorb();
    if (errors.length > 0) throw new Error(errors[0]);
    const missing = results.findIndex((r, k) => r === undefined && settled[k] === 0);
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
    get recoveredTasks(): number {
      return recoveredTasks;
    },
    helperThreadsAlive(): number {
      anyHelperGone();
      return helpers.filter((h) => !h.dead).length;
    },
    run(tasks: readonly PartitionTask[]): TaskResult[] {
      if (!worthSpreading(tasks)) return tasks.map(runTask);
      start();
      const batch = ++batches;
      const control = new Int32Array(new SharedArrayBuffer(8));
      post({ batch, control, tasks: tasks.map(shareTask) });
      return finish(batch, control, tasks, (k) => runTask(tasks[k] as PartitionTask));
    },
    // With helpers, arrays placed here are the ones they read: one copy instead of two.
    ...(threads > 1 ? { toShared: share } : {}),
    begin(tasks: readonly SideTask[]): PendingSide {
      // Worth a helper on a graph of minNodes or more (as a batch of partition runs); else run at take().
      let results: SideResult[] | null = null;
      if (threads === 1 || tasks.length === 0 || !tasks.some((t) => sideTaskOrder(t) >= minNodes)) {
        return { take: () => (results ??= tasks.map(runSideTask)) };
      }
      start();
      const batch = ++batches;
      const control = new Int32Array(new SharedArrayBuffer(8));
      post({ batch, control, tasks: tasks.map(shareSide) });
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
