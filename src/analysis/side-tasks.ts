/**
 * The analysis steps that read only the graph, never the niches, as plain-data tasks, so
 * that they can run while the niches are still being found: on a helper thread during the
 * communities phase's single-run stretches (the rung-0 probe, the consensus, the community
 * level), which leave the machine's second core idle otherwise.
 *
 * - whole-graph PageRank (pagerank.ts pagerankCsr on the positive arcs: globalPagerank);
 * - within-niche PageRank (pagerank.ts communityPagerankCsr), once the niches are known: it
 *   runs on a helper while this thread computes the scoring steps that do not need it
 *   (niche figures, tie strength, roles, niche profiles and activity: assemble.ts);
 * - the partition-free part of tie strength (tie-strength.ts tieWeights: triangles per tie,
 *   neighbourhood overlap, reciprocated and received weight, repeated arcs);
 * - once the partition is known, its figures (partition-figures.ts: both modularities,
 *   confidence, stability) and the roles (roles.ts roleColumns), which the scoring phase
 *   reads only after its other steps (assemble.ts).
 *
 * A task carries typed arrays only and its result depends on the task alone, so whichever
 * thread runs it, the result is the same (the test compares it with the direct calls). The
 * lazy runner here (`sideInThisThread`) runs the tasks when their result is taken; a runner
 * over threads (partition-threads.ts) starts them at once on its helpers and takes back, at
 * take(), whatever a helper has not claimed by then.
 */
import { inRows, type Csr, type Placement } from './compact-graph.js';
import { warmUpGraph } from './partition-tasks.js';
import { communityPagerankCsr, pagerankCsr } from './pagerank.js';
import { partitionFigures, type PartitionFigures, type PartitionFiguresInput } from './partition-figures.js';
import { answeredContacts, roleColumns, type RoleColumns, type RolesInput } from './roles.js';
import { tieWeights, type TieWeights, type TieWeightsInput } from './tie-strength.js';

export interface PagerankTask {
  kind: 'pagerank';
  order: number;
  /** Positive arcs (the compact graph's `out`). */
  csr: Csr;
}

export interface CommunityPagerankTask {
  kind: 'community-pagerank';
  order: number;
  csr: Csr;
  /** Account -> niche 0 .. count - 1. */
  community: Int32Array;
  count: number;
}

export interface TieWeightsTask {
  kind: 'tie-weights';
  input: TieWeightsInput;
}

export interface PartitionFiguresTask {
  kind: 'partition-figures';
  input: PartitionFiguresInput;
}

export interface RolesTask {
  kind: 'roles';
  input: RolesInput;
}

export type SideTask = PagerankTask | CommunityPagerankTask | TieWeightsTask | PartitionFiguresTask | RolesTask;

export type SideResult =
  | { kind: 'pagerank'; values: Float64Array }
  | { kind: 'tie-weights'; weights: TieWeights }
  | { kind: 'partition-figures'; figures: PartitionFigures }
  | { kind: 'roles'; roles: RoleColumns };

/** Started side tasks; take() blocks until every result is there (result k is task k's). */
export interface PendingSide {
  take(): SideResult[];
}

export interface SideRunner {
  begin(tasks: readonly SideTask[]): PendingSide;
  /**
   * Where the graph's arrays should live so that its helpers read them without copies of
   * their own (shared memory; compact-graph.ts Placement); absent when there are none.
   */
  toShared?: Placement;
}

const PREFIX = 'nichegraph/analysis/side-tasks';

export function isSideTask(task: { kind: string }): task is SideTask {
  return task.kind === 'pagerank' || task.kind === 'community-pagerank' || task.kind === 'tie-weights' || task.kind === 'partition-figures' || task.kind === 'roles';
}

/** The accounts (or nodes) a side task works on: whether it is worth a helper thread. */
export function sideTaskOrder(task: SideTask): number {
  if (task.kind === 'pagerank' || task.kind === 'community-pagerank') return task.order;
  if (task.kind === 'partition-figures') return task.input.niche.length;
  return task.input.order;
}

export function runSideTask(task: SideTask): SideResult {
  if (task.kind === 'pagerank') return { kind: 'pagerank', values: pagerankCsr(task.order, task.csr) };
  if (task.kind === 'community-pagerank') return { kind: 'pagerank', values: communityPagerankCsr(task.order, task.csr, task.community, task.count) };
  if (task.kind === 'tie-weights') return { kind: 'tie-weights', weights: tieWeights(task.input) };
  if (task.kind === 'partition-figures') return { kind: 'partition-figures', figures: partitionFigures(task.input) };
  if (task.kind === 'roles') return { kind: 'roles', roles: roleColumns(task.input) };
  throw new TypeError(`${PREFIX}: unknown task kind ${String((task as { kind: unknown }).kind)}.`);
}

/** The buffers of a result, to transfer it between threads instead of copying it. */
export function resultBuffers(result: SideResult): ArrayBuffer[] {
  const arrays =
    result.kind === 'pagerank'
      ? [result.values]
      : result.kind === 'tie-weights'
        ? [result.weights.reciprocalWeight, result.weights.overlap, result.weights.received, result.weights.inArc]
        : result.kind === 'partition-figures'
          ? [result.figures.confidence, result.figures.stability]
          : [result.roles.withinDegreeZ, result.roles.participation, result.roles.inContacts, result.roles.answeredShare, result.roles.roleIndex];
  return arrays.map((a) => a.buffer).filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}

/** The result of a PagerankTask or CommunityPagerankTask (throws when the result is of another kind). */
export function pagerankOf(result: SideResult | undefined): Float64Array {
  if (result?.kind !== 'pagerank') throw new TypeError(`${PREFIX}: expected a pagerank result, got ${String(result?.kind)}.`);
  return result.values;
}

/** The result of a TieWeightsTask (throws when the result is of another kind). */
export function tieWeightsOf(result: SideResult | undefined): TieWeights {
  if (result?.kind !== 'tie-weights') throw new TypeError(`${PREFIX}: expected a tie-weights result, got ${String(result?.kind)}.`);
  return result.weights;
}

/** The result of a PartitionFiguresTask (throws when the result is of another kind). */
export function partitionFiguresOf(result: SideResult | undefined): PartitionFigures {
  if (result?.kind !== 'partition-figures') throw new TypeError(`${PREFIX}: expected a partition-figures result, got ${String(result?.kind)}.`);
  return result.figures;
}

/** The result of a RolesTask (throws when the result is of another kind). */
export function roleColumnsOf(result: SideResult | undefined): RoleColumns {
  if (result?.kind !== 'roles') throw new TypeError(`${PREFIX}: expected a roles result, got ${String(result?.kind)}.`);
  return result.roles;
}

/** Runs the tasks in this thread when their result is taken (once: a second take returns the same results). */
export const sideInThisThread: SideRunner = {
  begin(tasks) {
    let results: SideResult[] | null = null;
    return { take: () => (results ??= tasks.map(runSideTask)) };
  },
};

/**
 * Runs every kind of side task once on partition-tasks.ts's small warm-up graph (its ties
 * as arcs both ways, one event each but every third arc two), as a helper thread does
 * after warmUp, so that a side task of the first analysis does not run in the interpreter.
 * The results are thrown away.
 */
export function warmUpSide(order = 4096): void {
  const { csr } = warmUpGraph(order);
  const n = csr.offsets.length - 1;
  const rows = inRows(n, csr);
  const outCounts = Float64Array.from(csr.weights, (_, k) => (k % 3 === 0 ? 2 : 1));
  const community = Int32Array.from({ length: n }, (_, i) => i >> 3);
  runSideTask({ kind: 'pagerank', order: n, csr });
  runSideTask({ kind: 'community-pagerank', order: n, csr, community, count: (community[n - 1] as number) + 1 });
  const ties = runSideTask({ kind: 'tie-weights', input: { order: n, undirected: csr, out: csr, outCounts, inOffsets: rows.offsets, inSources: rows.sources, inSlots: rows.slots } });
  const count = (community[n - 1] as number) + 1;
  const answered = answeredContacts(csr, tieWeightsOf(ties).reciprocalWeight);
  runSideTask({ kind: 'roles', input: { order: n, undirected: csr, out: csr, inOffsets: rows.offsets, inSources: rows.sources, community, count, answered } });
  // Figures against two runs on nodes of two accounts each (what they are does not matter here).
  const node = Int32Array.from({ length: n }, (_, i) => i >> 1);
  const nodes = (node[n - 1] as number) + 1;
  const runs = [Int32Array.from({ length: nodes }, (_, v) => v >> 2), Int32Array.from({ length: nodes }, (_, v) => v >> 3)];
  runSideTask({ kind: 'partition-figures', input: { csr, community: Int32Array.from(community, (c) => c >> 2), communityCount: (count + 3) >> 2, niche: community, nicheCount: count, node, nodeSize: new Float64Array(nodes).fill(2), runs } });
}
