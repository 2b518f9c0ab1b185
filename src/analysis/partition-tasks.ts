/**
 * The independent runs of the niche engine as plain data: a task names the algorithm, the
 * graph (typed arrays only) and its own seed, so that its result depends on nothing else
 * and a batch of tasks can run in this thread or, with a runner that does so, spread over
 * worker threads with the same results in the same order.
 */
import type { Csr } from './compact-graph.js';
import { leidenPartition, type LeidenQuality } from './leiden.js';
import { louvain } from './louvain.js';
import { createRng } from './random.js';

export interface LeidenTask {
  kind: 'leiden';
  csr: Csr;
  quality: LeidenQuality;
  resolution: number;
  /** s_i of each node (leiden.ts). */
  nodeWeights: Float64Array;
  seed: number;
  iterations?: number;
  initial?: Int32Array;
  /** Also count the disconnected communities of its first local-moving pass (leiden.ts countFirstPass). */
  countFirstPass?: boolean;
}

export interface LouvainTask {
  kind: 'louvain';
  csr: Csr;
  /** Internal weight of each node (louvain.ts). */
  loops: Float64Array;
  seed: number;
}

export type PartitionTask = LeidenTask | LouvainTask;

/** A task's partition (labels 0 .. count - 1 by first appearance), and its first-pass count when asked. */
export interface TaskResult {
  community: Int32Array;
  firstPassDisconnected: number | null;
}

/** Runs a batch of tasks; result k is task k's. */
export interface PartitionRunner {
  run(tasks: readonly PartitionTask[]): TaskResult[];
  /** Tasks it runs at once (1: one after the other); callers may batch speculative work up to it. */
  threads?: number;
}

export function runTask(task: PartitionTask): TaskResult {
  if (task.kind === 'louvain') return { community: louvain(task.csr, { rng: createRng(task.seed), loops: task.loops }).community, firstPassDisconnected: null };
  const { community, firstPassDisconnected } = leidenPartition(task.csr, {
    quality: task.quality,
    resolution: task.resolution,
    nodeWeights: task.nodeWeights,
    rng: createRng(task.seed),
    ...(task.iterations === undefined ? {} : { iterations: task.iterations }),
    ...(task.initial === undefined ? {} : { initial: task.initial }),
    ...(task.countFirstPass === true ? { countFirstPass: true } : {}),
  });
  return { community, firstPassDisconnected };
}

/** Every task in this thread, one after the other. */
export const inThisThread: PartitionRunner = { run: (tasks) => tasks.map(runTask), threads: 1 };
