/**
 * Stable niche ids across re-runs (issue 12 item 3): how many accounts keep their niche id
 * when the same data is analysed again with another seed, cold (the default) or warm-started
 * from the first analysis' niches (AnalysisOptions.initialPartition, Louvain seeded as GDS's
 * seedProperty does), and what each costs. Ids carry over by lineage (src/analysis/lineage.ts);
 * unassigned accounts count as keeping their id when they stay unassigned.
 *
 *   node --import=tsx scripts/quality/warm-start.ts
 *
 * Times are wall-clock on this machine, each after a warm-up run: compare within a row.
 */
import { pathToFileURL } from 'node:url';
import { analyseProjection } from '../../src/analysis/analyse.js';
import { assignNicheIds, nicheLineage } from '../../src/analysis/lineage.js';
import type { AnalysisOptions, AnalysisResult, Projection } from '../../src/analysis/types.js';
import { generateConversationGraph } from '../../src/synthetic/conversation-graph.js';
import { loadBitcoinOtc, loadEmailEuCore, toProjection } from '../../test/helpers/datasets.js';

function labels(result: AnalysisResult, ids: readonly string[]) {
  const index = new Map(ids.map((id, i) => [id, i]));
  const out = new Int32Array(ids.length).fill(-1);
  const { accounts, niches } = result;
  // Niche rows come first, the unassigned group (if any) last.
  for (let i = 0; i < accounts.count; i++) {
    const row = accounts.niche[i] as number;
    if (row !== niches.unassignedRow) out[index.get(accounts.ids[i] as string) as number] = row;
  }
  const rows = niches.unassignedRow >= 0 ? niches.count - 1 : niches.count;
  return { labels: out, nicheIds: niches.ids.slice(0, rows), sizes: Array.from(niches.size.subarray(0, rows)) };
}

/** Share of accounts under the same niche id after lineage from `a` to `b`. */
export function sameIdShare(a: AnalysisResult, b: AnalysisResult, ids: readonly string[]): number {
  const base = labels(a, ids);
  const cur = labels(b, ids);
  const lineage = nicheLineage({ current: cur.labels, currentCount: cur.nicheIds.length, baseline: base.labels, baselineSize: base.sizes });
  const next = assignNicheIds(lineage, base.nicheIds, base.nicheIds.length).ids;
  let same = 0;
  for (let i = 0; i < ids.length; i++) {
    const before = (base.labels[i] as number) < 0 ? 'unassigned' : base.nicheIds[base.labels[i] as number];
    const after = (cur.labels[i] as number) < 0 ? 'unassigned' : next[cur.labels[i] as number];
    if (before === after) same++;
  }
  return same / ids.length;
}

function timed<T>(work: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = work();
  return { value, ms: performance.now() - started };
}

function main(): void {
  const email = loadEmailEuCore();
  const demo = generateConversationGraph({});
  const graphs: Array<[string, Projection]> = [
    ['email-eu-core', toProjection(email.edges, { accounts: email.departments.keys() })],
    ['bitcoin-otc', toProjection(loadBitcoinOtc().map((r) => ({ source: r.source, target: r.target, weight: r.rating })))],
    ['demo graph', toProjection(demo.interactions.map((i) => ({ source: i.source, target: i.target, weight: i.weight })), { accounts: demo.accounts.map((a) => a.id) })],
  ];
  const base: AnalysisOptions = { resolution: 1, seed: 42, topK: 10 };
  const rows = ['| graph | re-run seed | cold: same id | cold: ms (rounds, Q) | warm: same id | warm: ms (rounds, Q) |', '| --- | --- | --- | --- | --- | --- |'];
  for (const [name, projection] of graphs) {
    analyseProjection(projection, base); // warm-up (JIT)
    const first = analyseProjection(projection, base);
    const initialPartition = labels(first, projection.accounts).labels;
    for (const seed of [7, 99, 4242]) {
      const cold = timed(() => analyseProjection(projection, { ...base, seed }));
      const warm = timed(() => analyseProjection(projection, { ...base, seed, initialPartition }));
      const cell = (r: { value: AnalysisResult; ms: number }) => `${r.ms.toFixed(0)} (${r.value.summary.consensusRounds}, ${r.value.summary.modularity.toFixed(3)})`;
      rows.push(`| ${name} | ${seed} | ${(100 * sameIdShare(first, cold.value, projection.accounts)).toFixed(1)}% | ${cell(cold)} | ${(100 * sameIdShare(first, warm.value, projection.accounts)).toFixed(1)}% | ${cell(warm)} |`);
    }
  }
  process.stdout.write(`niche ids kept on a re-run with another seed (first run: seed 42, default settings)\n${rows.join('\n')}\n`);
}

// Run as a script, not when a test imports sameIdShare.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
