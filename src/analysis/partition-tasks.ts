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

/**
 * Runs the partition code once on a small synthetic graph (a ring of `order / 8` cliques of
 * 8 with one chord per node, fixed seeds), so that a helper thread's first real task does
 * not run in the interpreter: a helper starts before the projection is read
 * (partition-threads.ts), and this takes a few milliseconds of that wait. The result is
 * thrown away; nothing depends on it.
 */
export function warmUp(order = 4096): void {
  const { csr, nodeWeights } = warmUpGraph(order);
  const first = runTask({ kind: 'leiden', csr, quality: 'modularity', resolution: 1, nodeWeights, seed: 1 });
  runTask({ kind: 'leiden', csr, quality: 'modularity', resolution: 4, nodeWeights, seed: 2, initial: first.community, iterations: 1 });
}

/** The warm-up graph of warmUp (symmetric rows, sorted; weight 1 per tie) and each node's degree. */
export function warmUpGraph(order = 4096): { csr: Csr; nodeWeights: Float64Array } {
  const cliques = Math.max(2, Math.floor(order / 8));
  const n = cliques * 8;
  const rng = createRng(1);
  const rows: number[][] = Array.from({ length: n }, () => []);
  const tie = (a: number, b: number): void => {
    if (a === b || rows[a]!.includes(b)) return;
    rows[a]!.push(b);
    rows[b]!.push(a);
  };
  for (let c = 0; c < cliques; c++) {
    for (let a = 0; a < 8; a++) for (let b = a + 1; b < 8; b++) tie(c * 8 + a, c * 8 + b);
    tie(c * 8, ((c + 1) % cliques) * 8 + 1);
  }
  for (let i = 0; i < n; i++) tie(i, Math.floor(rng() * n));
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = (offsets[i] as number) + rows[i]!.length;
  const targets = new Int32Array(offsets[n] as number);
  for (let i = 0; i < n; i++) targets.set(rows[i]!.sort((a, b) => a - b), offsets[i] as number);
  const csr: Csr = { offsets, targets, weights: new Float64Array(targets.length).fill(1) };
  const nodeWeights = new Float64Array(n);
  for (let i = 0; i < n; i++) nodeWeights[i] = rows[i]!.length;
  return { csr, nodeWeights };
}
