/**
 * The analysis pipeline: projection -> stable niches -> trusted members.
 *
 * 1. compact graph (typed arrays, sorted ids)                   compact-graph.ts
 * 2-4. communities (Leiden, modularity at resolution 1) and, niches.ts (Traag et al. 2019;
 *    inside each, niches (Leiden at the niche-level resolution:  Dunbar 1993; Zhou et al. 2005;
 *    given, aimed at a size band, or at Dunbar's band layer),    Lancichinetti & Fortunato 2012)
 *    stable by consensus over the accounts the runs disagree on
 * 5. groups below minNicheSize -> the unassigned group (scored in their own small group)
 * 6. whole-graph and within-niche weighted PageRank             pagerank.ts (Page et al. 1999)
 *    (whole-graph PageRank is started before step 2 and the       side-tasks.ts
 *    partition-free part of tie strength at step 4's consensus,
 *    on a helper thread when the runner has one, and taken
 *    here; the partition's figures, within-niche PageRank and
 *    the roles start once the partition is known and are taken
 *    by step 7 once the steps that do not need them are done)
 * 7. tie strength, roles, trust score and its components,       assemble.ts (tie-strength.ts, roles.ts,
 *    niche figures and activity, laid out as typed columns        trust.ts, niche-metrics.ts, niche-profile.ts)
 *
 * Steps 2-5 produce a partition of the NicheHierarchy shape (findNiches, niches.ts: the
 * team's contract 1); step 7 reads only that shape (assemble.ts).
 *
 * Pure and deterministic: same projection + options -> same result. The result is columnar
 * (types.ts AnalysisResult; result-view.ts builds objects). Niches are ordered largest
 * first, ties by smallest member id, and named "n" + rank (n0 = largest); the unassigned
 * group, when there is one, comes last with id "unassigned". Communities are ordered the
 * same way and named "c" + rank; every niche names its community.
 */
import { assembleResult, TOP_TIES, UNASSIGNED_ID } from './assemble.js';
import { buildCompactGraph, inRows } from './compact-graph.js';
import { findPartition, DEFAULTS as NICHE_DEFAULTS } from './niches.js';
import type { PartitionFigures } from './partition-figures.js';
import { activityTable, isPairTable, pairTableFromProjection, type ActivityTable, type PairTable } from './pair-table.js';
import { computeCentralities } from './centrality/select.js';
import { pagerankOf, partitionFiguresOf, roleColumnsOf, sideInThisThread, tieWeightsOf, type PendingSide, type SideRunner } from './side-tasks.js';
import { answeredContacts } from './roles.js';
import { tieWeightsInput } from './tie-strength.js';
import type { AnalysisHooks } from './phases.js';
import type { AnalysisOptions, AnalysisResult, Projection } from './types.js';

const PREFIX = 'nichegraph/analysis/analyse';

export const DEFAULTS = {
  runs: NICHE_DEFAULTS.runs,
  /** A group of two is a dyad, not a group: the triad is the smallest one (G. Simmel, 1908; cf. Krackhardt 1999). */
  minNicheSize: 3,
  /** Strongest reciprocal ties reported per account. */
  topTies: TOP_TIES,
};

export { UNASSIGNED_ID };

function checkInteger(value: unknown, name: string, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`${PREFIX}: options.${name} must be an integer in ${min}..${max}, got ${String(value)}.`);
  }
}

/** Throws a RangeError naming the first invalid option. */
export function validateAnalysisOptions(options: AnalysisOptions): void {
  if (options === null || typeof options !== 'object') throw new TypeError(`${PREFIX}: options must be an object.`);
  const { resolution, seed, topK } = options;
  if (resolution !== undefined && resolution !== null && (typeof resolution !== 'number' || !Number.isFinite(resolution) || resolution <= 0)) {
    throw new RangeError(`${PREFIX}: options.resolution must be a finite number > 0 or null, got ${String(resolution)}.`);
  }
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    throw new RangeError(`${PREFIX}: options.seed must be a safe integer, got ${String(seed)}.`);
  }
  if (typeof topK !== 'number' || !Number.isSafeInteger(topK) || topK < 1) {
    throw new RangeError(`${PREFIX}: options.topK must be an integer >= 1, got ${String(topK)}.`);
  }
  if (options.runs !== undefined) checkInteger(options.runs, 'runs', 1, 1000);
  if (options.minNicheSize !== undefined) checkInteger(options.minNicheSize, 'minNicheSize', 1, 1_000_000);
  const band = options.nicheSize;
  if (band !== undefined && band !== null) {
    if (typeof band !== 'object') throw new TypeError(`${PREFIX}: options.nicheSize must be {min, max} or null.`);
    checkInteger(band.min, 'nicheSize.min', 1, 1_000_000);
    checkInteger(band.max, 'nicheSize.max', band.min, 1_000_000);
  }
}

/**
 * Analyses a projection given as a PairTable (the store's form), as validated row objects, or
 * as a function that hands a PairTable over. Handed over (or built here from rows), the table
 * is held only as long as it is read: its weights after the compact graph is built, the rest
 * after the niche activity, at the start of the scoring, so that a caller that keeps no other
 * reference lets its memory be reclaimed (0.7 GB on a 1M-account graph).
 */
export function analyseProjection(projection: Projection | PairTable | (() => PairTable), options: AnalysisOptions, hooks: AnalysisHooks = {}): AnalysisResult {
  validateAnalysisOptions(options);
  const runs = options.runs ?? DEFAULTS.runs;
  const minNicheSize = options.minNicheSize ?? DEFAULTS.minNicheSize;
  let table: PairTable | null = typeof projection === 'function' ? projection() : isPairTable(projection) ? projection : pairTableFromProjection(projection);
  const sideRunner: SideRunner = hooks.runner?.begin === undefined ? sideInThisThread : (hooks.runner as SideRunner);
  // The arrays the helpers read, built in shared memory when there are helpers (one copy of
  // each, not this thread's and the helpers': 0.8 GB on a 1M-account graph).
  const graph = buildCompactGraph(table, sideRunner.toShared);
  // From here on only the niche activity reads the table (not its weights): handed to the
  // scoring phase, which reads it first and keeps nothing of it.
  let activityColumns: ActivityTable | null = activityTable(table);
  table = null;
  const handOverTable = (): ActivityTable => {
    const columns = activityColumns;
    if (columns === null) throw new Error(`${PREFIX}: the table was handed over already.`);
    activityColumns = null;
    return columns;
  };
  // What reads only the graph runs on a helper thread (when the runner has one) while this
  // thread finds the niches, in the stretches where the helper has no partition run of its
  // own: whole-graph PageRank during the rung-0 probe (the ladder's first, single run), the
  // partition-free part of tie strength from the consensus on (the niche runs are done then,
  // and the rest of the phase is single runs in this thread). Started during the probe, the
  // tie weights would still hold the helper when the next rung's parts arrive.
  const globalPending = sideRunner.begin([{ kind: 'pagerank', order: graph.order, csr: graph.out }]);
  let tiePending: PendingSide | null = null;
  const beginTies = (): PendingSide => (tiePending ??= sideRunner.begin([{ kind: 'tie-weights', input: tieWeightsInput(graph) }]));
  const onStep: AnalysisHooks['onStep'] = (step, detail) => {
    if (step === 'consensus') beginTies();
    hooks.onStep?.(step, detail);
  };

  hooks.onPhase?.('communities');
  const found = findPartition(graph, {
    seed: options.seed,
    runs,
    resolution: options.resolution ?? null,
    nicheSize: options.nicheSize ?? null,
    initial: options.initialPartition ?? null,
    initialCommunity: options.initialCommunities ?? null,
    ...(hooks.runner === undefined ? {} : { runner: hooks.runner }),
  }, onStep);
  // The partition's figures (both modularities, confidence, stability) are read only at the
  // end of the scoring phase: computed meanwhile, on a helper thread when there is one (below).
  onStep('figures');
  const { partition } = found;

  hooks.onPhase?.('centrality');
  const global = pagerankOf(globalPending.take()[0]);
  const ties = tieWeightsOf(beginTies().take()[0]);
  // Within-niche PageRank, the roles and the partition's figures start now (on a helper thread
  // while this one computes the scoring steps that do not need them; assemble.ts takes them
  // when it does).
  const within = sideRunner.begin([{ kind: 'community-pagerank', order: graph.order, csr: graph.out, community: partition.niche, count: partition.nicheCount }]);
  const rows = inRows(graph.order, graph.out);
  const roles = sideRunner.begin([
    {
      kind: 'roles',
      input: { order: graph.order, undirected: graph.undirected, out: graph.out, inOffsets: rows.offsets, inSources: rows.sources, community: partition.niche, count: partition.nicheCount, answered: answeredContacts(graph.undirected, ties.reciprocalWeight) },
    },
  ]);
  // Begun last: assemble.ts reads them last (a helper claims the tasks in the order they are begun).
  const figuresPending = sideRunner.begin([{ kind: 'partition-figures', input: found.figures }]);
  // (take() keeps its results: a second call waits for nothing.)
  const figuresNow = (): PartitionFigures => partitionFiguresOf(figuresPending.take()[0]);
  const extra = options.centralities !== undefined && options.centralities.length > 0 ? computeCentralities(graph, options.centralities, options.seed) : null;

  hooks.onPhase?.('scoring');
  return assembleResult({
    graph,
    table: handOverTable,
    // The figures as getters: assemble.ts reads them last (ScoringInputs).
    partition: {
      ...partition,
      get confidence() {
        return figuresNow().confidence;
      },
      get nicheStability() {
        return figuresNow().stability;
      },
    },
    globalPagerank: global,
    withinPagerank: () => pagerankOf(within.take()[0]),
    roles: () => roleColumnsOf(roles.take()[0]),
    tieWeights: ties,
    centralities: extra,
    topK: options.topK,
    minNicheSize,
    summary: {
      get modularity() {
        return figuresNow().communityModularity;
      },
      get nicheModularity() {
        return figuresNow().nicheModularity;
      },
      resolution: partition.summary.nicheResolution,
      runs,
      consensusRounds: partition.summary.consensusRounds,
      louvainDisconnected: partition.summary.louvainDisconnected,
    },
  });
}
