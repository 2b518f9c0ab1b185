/**
 * How the consensus defaults (src/analysis/consensus.ts) were chosen: run-to-run ARI
 * on email-eu-core over seeds 1-6, rounds used and time, for several runs and tau.
 * `node --import=tsx scripts/quality/consensus-sweep.ts`
 */
import { buildCompactGraph } from '../../src/analysis/compact-graph.js';
import { consensusCommunities } from '../../src/analysis/consensus.js';
import { loadEmailEuCore, toProjection } from '../../test/helpers/datasets.js';
import { meanPairwiseAri } from './measures.js';

const email = loadEmailEuCore();
const g = buildCompactGraph(toProjection(email.edges, { accounts: email.departments.keys() }));
const seeds = [1, 2, 3, 4, 5, 6];
process.stdout.write('| runs | tau | run-to-run ARI | rounds per seed | ms per analysis |\n| --- | --- | --- | --- | --- |\n');
for (const runs of [1, 10, 20, 30, 40]) {
  for (const threshold of runs === 1 ? [0.5] : [0.5, 0.7, 0.8]) {
    const started = performance.now();
    const results = seeds.map((seed) => consensusCommunities(g.order, g.undirected, { resolution: 1, seed, runs, threshold }));
    const ms = (performance.now() - started) / seeds.length;
    const ari = meanPairwiseAri(results.map((r) => r.community));
    const rounds = results.map((r) => `${r.rounds}${r.converged ? '' : '!'}`).join(',');
    process.stdout.write(`| ${runs} | ${threshold} | ${ari.toFixed(3)} | ${rounds} | ${ms.toFixed(0)} |\n`);
  }
}
