/**
 * Phases, progress and timings of one analysis.
 *
 * An analysis goes through five phases in this order:
 *   projection   read the aggregated interaction graph from Neo4j and build the compact graph
 *   communities  Louvain                      (src/analysis/communities.ts)
 *   centrality   PageRank, global and within-niche
 *   scoring      niche metrics, trust scores, ranking
 *   persistence  write niches and memberships back to Neo4j
 *
 * Progress is coarse on purpose: `fraction` is the share of a typical run's time spent in
 * the phases already finished (weights below, measured on higgs-retweet), so it only ever
 * grows and reaches 1 when the analysis is written. No phase reports progress from inside.
 */
export const PHASES = ['projection', 'communities', 'centrality', 'scoring', 'persistence'] as const;
export type Phase = (typeof PHASES)[number];

/** Typical share of the run time of each phase; sums to 1. */
const PHASE_WEIGHT: Record<Phase, number> = {
  projection: 0.35,
  communities: 0.3,
  centrality: 0.15,
  scoring: 0.05,
  persistence: 0.15,
};

export interface Progress {
  /** `queued` until a worker picks the analysis up, then the phase being run. */
  phase: 'queued' | Phase;
  /** 0..1, the weighted share of phases finished. */
  fraction: number;
}

/** Progress at the start of `phase`. */
export function progressAt(phase: 'queued' | Phase): Progress {
  if (phase === 'queued') return { phase, fraction: 0 };
  let fraction = 0;
  for (const p of PHASES) {
    if (p === phase) break;
    fraction += PHASE_WEIGHT[p];
  }
  return { phase, fraction: Math.round(fraction * 1000) / 1000 };
}

/**
 * Milliseconds per phase, plus `queued` (creation -> a worker starts it) and `total`
 * (creation -> finished). A phase that never ran (failure, cancellation) is absent.
 */
export type { AnalysisTimings as Timings } from '../store/port.js';
