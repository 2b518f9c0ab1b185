/**
 * The scoring phase beside the communities phase, on one edge list, in this process:
 * what issue 9 item 4 compares ("the scoring phase no slower than the communities phase").
 *
 * usage: node --import=tsx bench/scoring.ts EDGELIST [--runs N] [--reps N]
 *
 * Per repetition (the first pays the JIT; report the later ones): the communities phase as
 * analyse.ts runs it (findNiches with `runs`, default: its own default), the centrality
 * phase, then the scoring phase (assemble.ts) as a whole and split into its steps, each
 * step timed on its own: niche metrics, tie strength, roles, trust, niche profiles,
 * activity, and the rest (ranking and laying out the columns). Prints one JSON line per
 * repetition, milliseconds, with the 1-minute load average.
 */
import { loadavg } from 'node:os';
import { findNiches } from '../src/analysis/niches.js';
import { assembleResult } from '../src/analysis/assemble.js';
import { groupByCommunity } from '../src/analysis/communities.js';
import { buildCompactGraph } from '../src/analysis/compact-graph.js';
import { nicheMetrics } from '../src/analysis/niche-metrics.js';
import { nicheActivity, nicheProfiles } from '../src/analysis/niche-profile.js';
import { communityPagerank, globalPagerank } from '../src/analysis/pagerank.js';
import { accountRoles } from '../src/analysis/roles.js';
import { tieStrength } from '../src/analysis/tie-strength.js';
import { trustScores } from '../src/analysis/trust.js';
import { readProjection } from './edgelist.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const path = args[0];
if (!path || path.startsWith('--')) throw new Error('usage: bench/scoring.ts EDGELIST [--runs N] [--reps N]');
const runs = option('--runs', Number.NaN);
const reps = option('--reps', 3);

const table = await readProjection(path);
const graph = buildCompactGraph(table);
const ms = <T>(work: () => T): [T, number] => {
  const started = performance.now();
  const value = work();
  return [value, Math.round(performance.now() - started)];
};

for (let rep = 0; rep < reps; rep++) {
  const [partition, communities] = ms(() => findNiches(graph, { seed: 42, resolution: null, nicheSize: null, ...(Number.isNaN(runs) ? {} : { runs }) }));
  const summary = { modularity: partition.summary.communityModularity, nicheModularity: partition.summary.nicheModularity, resolution: partition.summary.nicheResolution, runs: partition.summary.runs, consensusRounds: partition.summary.consensusRounds, louvainDisconnected: partition.summary.louvainDisconnected };
  const [[global, within], centrality] = ms(() => [globalPagerank(graph), communityPagerank(graph, partition.niche, partition.nicheCount)] as const);
  const [result, scoring] = ms(() =>
    assembleResult({ graph, table, partition, globalPagerank: global, withinPagerank: within, centralities: null, topK: 10, minNicheSize: 3, summary }),
  );
  // The steps again, one at a time (same inputs as inside assembleResult).
  const { niche, nicheCount } = partition;
  const { starts } = groupByCommunity(niche, nicheCount);
  const [, metrics] = ms(() => nicheMetrics(graph, niche, nicheCount));
  const [ties, tieMs] = ms(() => tieStrength(graph, niche));
  const [, roles] = ms(() => accountRoles(graph, niche, nicheCount));
  const size = Int32Array.from(niche, (c: number) => (starts[c + 1] as number) - (starts[c] as number));
  const [, trust] = ms(() =>
    trustScores({ withinPagerank: within, nicheSize: size, reciprocity: ties.reciprocity, repeat: ties.repeat, embeddedness: ties.embeddedness, positiveInStrength: graph.positiveInStrength, negativeInStrength: graph.negativeInStrength }),
  );
  const [, profiles] = ms(() => nicheProfiles(graph, niche, nicheCount, ties.reciprocalWeight));
  const [, activity] = ms(() => nicheActivity(table, niche, nicheCount));
  const steps = metrics + tieMs + roles + trust + profiles + activity;
  process.stdout.write(
    JSON.stringify({
      rep,
      accounts: graph.order,
      runs: partition.summary.runs,
      niches: result.summary.niches,
      communities,
      centrality,
      scoring,
      scoringOverCommunities: Number((scoring / communities).toFixed(2)),
      steps: { metrics, ties: tieMs, roles, trust, profiles, activity, layout: scoring - steps },
      load1: Number(loadavg()[0]!.toFixed(2)),
    }) + '\n',
  );
}
