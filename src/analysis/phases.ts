/**
 * Observing the analysis pipeline from outside: analyseProjection calls
 * `hooks.onPhase(phase)` when it enters each compute phase, so a caller (the analysis
 * worker) can time the phases and report progress without the pipeline knowing about
 * clocks, workers or messages.
 *
 *   communities  Louvain on the compact graph (entered once the compact graph is built)
 *   centrality   whole-graph and within-niche PageRank
 *   scoring      niche metrics, trust scores, ranking and the result objects
 */
import type { PartitionRunner } from './partition-tasks.js';

export type ComputePhase = 'communities' | 'centrality' | 'scoring';

export interface AnalysisHooks {
  onPhase?(phase: ComputePhase): void;
  /**
   * Where the independent partition runs execute (partition-tasks.ts; e.g. partition-threads.ts
   * over worker threads). Default: one after the other in this thread. The result is the same.
   */
  runner?: PartitionRunner;
}
