/**
 * Stable niche ids across re-runs (issue 12 item 3): how many accounts keep their niche id
 * when the same data is analysed again with another seed, cold or warm-started from the
 * first analysis (its niches and communities as the starting partition, as GDS's
 * seedProperty: AnalysisOptions.initialPartition / initialCommunities, findNiches' `initial`
 * / `initialCommunity`), what each costs, and what it does to the niches' modularity and to
 * the membership confidence. Ids carry over by lineage (src/analysis/lineage.ts); unassigned
 * accounts count as keeping their id when they stay unassigned.
 *
 *   node --import=tsx scripts/quality/warm-start.ts
 *
 * Times are wall-clock on this machine, each after a warm-up run: compare within a row.
 * Last, the same on changed data (changedData): what the warm start keeps and costs when the
 * re-run sees more ratings than the first analysis.
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

/** The starting partition of a warm re-run: niche and community per account index of `result` (-1: unassigned). */
export function warmStart(result: AnalysisResult): { initialPartition: Int32Array; initialCommunities: Int32Array } {
  const { accounts, niches } = result;
  const initialPartition = Int32Array.from(accounts.niche, (row) => (row === niches.unassignedRow ? -1 : row));
  const initialCommunities = Int32Array.from(initialPartition, (row) => (row < 0 ? -1 : (niches.community[row] as number)));
  return { initialPartition, initialCommunities };
}

export const RERUN_SEEDS = [7, 99, 4242, 2024, 31337];

function main(): void {
  const email = loadEmailEuCore();
  const demo = generateConversationGraph({});
  const graphs: Array<[string, Projection]> = [
    ['email-eu-core', toProjection(email.edges, { accounts: email.departments.keys() })],
    ['bitcoin-otc', toProjection(loadBitcoinOtc().map((r) => ({ source: r.source, target: r.target, weight: r.rating })))],
    ['demo graph', toProjection(demo.interactions.map((i) => ({ source: i.source, target: i.target, weight: i.weight })), { accounts: demo.accounts.map((a) => a.id) })],
  ];
  // The service's defaults (the niche scale by the default rule, runs 3).
  const base: AnalysisOptions = { seed: 42, topK: 10 };
  const rows = [
    '| graph | re-run seed | cold: same id | cold: ms | cold: niche Q, mean confidence, niche resolution | warm: same id | warm: ms | warm: niche Q, mean confidence, niche resolution |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const totals: string[] = [];
  const firsts: string[] = [];
  for (const [name, projection] of graphs) {
    analyseProjection(projection, base); // warm-up (JIT)
    const first = analyseProjection(projection, base);
    firsts.push(`${name} ${String(first.summary.resolution)}`);
    const start = warmStart(first);
    const share = { cold: [] as number[], warm: [] as number[] };
    const ms = { cold: 0, warm: 0 };
    for (const seed of RERUN_SEEDS) {
      const cold = timed(() => analyseProjection(projection, { ...base, seed }));
      const warm = timed(() => analyseProjection(projection, { ...base, seed, ...start }));
      share.cold.push(sameIdShare(first, cold.value, projection.accounts));
      share.warm.push(sameIdShare(first, warm.value, projection.accounts));
      ms.cold += cold.ms;
      ms.warm += warm.ms;
      const figures = (r: AnalysisResult) => `${(r.summary.nicheModularity ?? Number.NaN).toFixed(4)}, ${r.summary.meanConfidence.toFixed(3)}, ${String(r.summary.resolution)}`;
      const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
      rows.push(
        `| ${name} | ${seed} | ${pct(share.cold.at(-1) as number)} | ${cold.ms.toFixed(0)} | ${figures(cold.value)} | ${pct(share.warm.at(-1) as number)} | ${warm.ms.toFixed(0)} | ${figures(warm.value)} |`,
      );
    }
    const summary = (xs: number[]) => `min ${(100 * Math.min(...xs)).toFixed(1)}%, mean ${((100 * xs.reduce((a, b) => a + b, 0)) / xs.length).toFixed(1)}%`;
    totals.push(`${name}: cold ${summary(share.cold)}; warm ${summary(share.warm)}; warm/cold time ${(ms.warm / ms.cold).toFixed(2)}`);
  }
  process.stdout.write(
    `niche ids kept on a re-run with another seed (first run: seed 42, default settings; niche Q: modularity at resolution 1 of the niches; first run's niche resolution: ${firsts.join(', ')})\n${rows.join('\n')}\n${totals.join('\n')}\n`,
  );
  process.stdout.write(changedData(base));
}

/**
 * Changed data, the weekly case: the first analysis sees the bitcoin-otc ratings up to a
 * quantile of their times, the re-runs (cold, and warm from the first) see all of them; the
 * same account list throughout (accounts not rated yet are isolated at first).
 */
function changedData(base: AnalysisOptions): string {
  const ratings = loadBitcoinOtc();
  const times = ratings.map((r) => r.time).sort((a, b) => a - b);
  const accounts = [...new Set(ratings.flatMap((r) => [r.source, r.target]))];
  const project = (rs: typeof ratings) => toProjection(rs.map((r) => ({ source: r.source, target: r.target, weight: r.rating })), { accounts });
  const all = project(ratings);
  const lines = [
    'changed data: bitcoin-otc, first analysis (seed 42) on the ratings up to a quantile of their times, re-runs on all of them',
    '| first analysis sees | re-run seeds | cold: same id | cold: niche Q | warm: same id | warm: niche Q |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const q of [0.8, 0.95]) {
    const cut = times[Math.floor(q * (times.length - 1))] as number;
    const first = analyseProjection(project(ratings.filter((r) => r.time <= cut)), base);
    const start = warmStart(first);
    const cold = { share: [] as number[], q: [] as number[] };
    const warm = { share: [] as number[], q: [] as number[] };
    for (const seed of RERUN_SEEDS) {
      for (const [into, options] of [[cold, { ...base, seed }], [warm, { ...base, seed, ...start }]] as const) {
        const r = analyseProjection(all, options);
        into.share.push(sameIdShare(first, r, all.accounts));
        into.q.push(r.summary.nicheModularity ?? Number.NaN);
      }
    }
    const range = (xs: number[], f: (x: number) => string) => `${f(Math.min(...xs))}-${f(Math.max(...xs))}`;
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    const q4 = (x: number) => x.toFixed(4);
    lines.push(`| ${100 * q}% of the ratings | ${RERUN_SEEDS.length} | ${range(cold.share, pct)} | ${range(cold.q, q4)} | ${range(warm.share, pct)} | ${range(warm.q, q4)} |`);
  }
  return `${lines.join('\n')}\n`;
}

// Run as a script, not when a test imports sameIdShare.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
