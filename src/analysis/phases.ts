/**
 * Observing the analysis pipeline from outside: analyseProjection calls
 * `hooks.onPhase(phase)` when it enters each compute phase, so a caller (the analysis
 * worker) can time the phases and report progress without the pipeline knowing about
 * clocks, workers or messages.
 *
 *   communities  Leiden on the compact graph (entered once the compact graph is built); the
 *                steps that read only the graph (side-tasks.ts: whole-graph PageRank, started
 *                before it, and the partition-free part of tie strength, started at the
 *                consensus step) run on a helper thread when the runner has one
 *   centrality   the side tasks' results taken (what was not done yet is done here);
 *                within-niche PageRank, the roles and the partition's figures started; the
 *                extra centralities asked for
 *   scoring      niche metrics, trust scores, ranking and the result objects; it takes
 *                within-niche PageRank, the roles and the figures after the steps that do
 *                not need them: with helper threads they ran on one of them meanwhile,
 *                otherwise they run here (in this phase's time)
 */
import type { NicheStep, NicheStepDetail } from './niches.js';
import type { PartitionRunner } from './partition-tasks.js';
import type { SideRunner } from './side-tasks.js';

export type ComputePhase = 'communities' | 'centrality' | 'scoring';

export interface AnalysisHooks {
  onPhase?(phase: ComputePhase): void;
  /** The steps of the communities phase as they start (niches.ts NicheStep), for benchmarks that time them. */
  onStep?(step: NicheStep, detail?: NicheStepDetail): void;
  /**
   * Where the independent partition runs execute (partition-tasks.ts; e.g. partition-threads.ts
   * over worker threads). Default: one after the other in this thread. The result is the same.
   * With `begin` (side-tasks.ts), it also runs the steps that read only the graph while the
   * niches are found; without, they run in this thread in the centrality phase.
   */
  runner?: PartitionRunner & Partial<SideRunner>;
}
