/**
 * `npm run quality`: nichegraph's figures on the ground-truth datasets in
 * ../shared/datasets, side by side with anchors computed in the same run by
 * scripts/quality/anchors.py (Debian's python3-igraph and python3-leidenalg).
 *
 * - email-eu-core: NMI and ARI of the niches vs the 42 departments, default settings
 *   and the size-band mode (nicheSize 15..50, Dunbar's sympathy group to band layers:
 *   W.-X. Zhou, D. Sornette, R. A. Hill, R. I. M. Dunbar, Proc. R. Soc. B 272, 2005);
 *   accounts in the unassigned group count as singletons.
 * - bitcoin-otc: Spearman of the trust score vs the mean received rating (accounts with
 *   >= 3 ratings), fraudsters (mean < 0) and accounts with mean >= 2 in the top 100.
 * - forecast (scripts/quality/forecast.ts): scores from the bitcoin-otc ratings before the
 *   median rating time vs the mean rating received after it, next to anchors on the same
 *   past; `--ratings a.csv.gz,b.csv` adds other rating networks.
 * - stability: mean ARI between the partitions of seeds 1..5, plain Louvain (runs 1)
 *   vs consensus (default runs).
 * - timing: one analysis of the 3,000-account synthetic demo graph (npm run demo's
 *   defaults), plain and default settings.
 * `--higgs` also times one analysis of higgs-retweet (256k accounts), runs 1 and default.
 *
 * Environment: NICHEGRAPH_DATASETS_DIR (default ../shared/datasets), QUALITY_PYTHON
 * (default /usr/bin/python3, where Debian installs the anchors' packages).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { analyseProjection } from '../src/analysis/analyse.js';
import { generateConversationGraph } from '../src/synthetic/conversation-graph.js';
import { DEFAULTS as CONSENSUS } from '../src/analysis/consensus.js';
import { adjustedRandIndex, normalizedMutualInformation } from '../src/analysis/partition-similarity.js';
import type { AnalysisOptions, AnalysisResult, Projection } from '../src/analysis/types.js';
import { datasetPath, datasetsDir, loadBitcoinOtc, loadEmailEuCore, toProjection } from '../test/helpers/datasets.js';
import { countInTop, meanPairwiseAri, spearman } from './quality/measures.js';
import { extraRatingFiles, forecastNetwork, readRatings } from './quality/forecast.js';
import { DEBIAN_PYTHON, ensureDebianPython } from './debian-python.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SEED = 42;
const SEEDS = [1, 2, 3, 4, 5];
const BAND = { min: 15, max: 50 };
const base: AnalysisOptions = { resolution: 1, seed: SEED, topK: 10 };

/** Niche label per account; unassigned accounts are singletons. */
function labelsOf(result: AnalysisResult, people: readonly string[]): string[] {
  const niche = new Map<string, string>();
  for (const n of result.niches) for (const m of n.members) niche.set(m.accountId, n.unassigned ? `unassigned:${m.accountId}` : n.id);
  return people.map((p) => niche.get(p) as string);
}

function timed<T>(work: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = work();
  return { value, ms: performance.now() - started };
}

const f3 = (x: number): string => x.toFixed(3);
const row = (cells: Array<string | number>): string => `| ${cells.join(' | ')} |`;

function emailFigures() {
  const email = loadEmailEuCore();
  const projection = toProjection(email.edges, { accounts: email.departments.keys() });
  const people = [...email.departments.keys()];
  const truth = people.map((p) => email.departments.get(p) as string);
  const run = (options: Partial<AnalysisOptions>) => {
    const { value, ms } = timed(() => analyseProjection(projection, { ...base, ...options }));
    const labels = labelsOf(value, people);
    return { result: value, ms, nmi: normalizedMutualInformation(truth, labels), ari: adjustedRandIndex(truth, labels) };
  };
  const stability = (options: Partial<AnalysisOptions>) =>
    meanPairwiseAri(SEEDS.map((seed) => labelsOf(analyseProjection(projection, { ...base, ...options, seed }), people)));
  return {
    plain: run({ runs: 1 }),
    consensus: run({}),
    band: run({ nicheSize: BAND }),
    stability: {
      plain: stability({ runs: 1 }),
      consensus: stability({}),
      band: stability({ nicheSize: BAND }),
    },
  };
}

function bitcoinFigures() {
  const ratings = loadBitcoinOtc();
  const projection = toProjection(ratings.map((r) => ({ source: r.source, target: r.target, weight: r.rating })));
  const { value: result, ms } = timed(() => analyseProjection(projection, base));
  const received = new Map<string, number[]>();
  for (const r of ratings) {
    const list = received.get(r.target) ?? [];
    list.push(r.rating);
    received.set(r.target, list);
  }
  const mean = new Map<string, number>();
  for (const [id, list] of received) if (list.length >= 3) mean.set(id, list.reduce((s, x) => s + x, 0) / list.length);
  const eligible = [...mean.keys()].sort();
  const figures = (score: Map<string, number>) => ({
    spearman: spearman(eligible.map((id) => score.get(id) as number), eligible.map((id) => mean.get(id) as number)),
    fraudstersTop100: countInTop(score, 100, (id) => (mean.get(id) ?? 0) < 0),
    goodTop100: countInTop(score, 100, (id) => (mean.get(id) ?? -Infinity) >= 2),
  });
  const trust = new Map<string, number>();
  const globalPr = new Map<string, number>();
  for (const n of result.niches) {
    for (const m of n.members) {
      trust.set(m.accountId, m.score);
      globalPr.set(m.accountId, m.globalPagerank);
    }
  }
  return { ms, summary: result.summary, trust: figures(trust), globalPagerank: figures(globalPr) };
}

function demoTiming() {
  const g = generateConversationGraph({});
  const projection = toProjection(
    g.interactions.map((i) => ({ source: i.source, target: i.target, weight: i.weight })),
    { accounts: g.accounts.map((a) => a.id) },
  );
  analyseProjection(projection, { ...base, runs: 1 }); // warm-up (JIT)
  const one = timed(() => analyseProjection(projection, { ...base, runs: 1 }));
  const consensus = timed(() => analyseProjection(projection, base));
  return { accounts: projection.accounts.length, pairs: projection.pairs.length, one, consensus };
}

function higgsFigures() {
  const text = gunzipSync(readFileSync(datasetPath('higgs-twitter', 'higgs-retweet_network.edgelist.gz'))).toString('utf8');
  const edges = text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [source, target, weight] = l.trim().split(/\s+/);
      return { source: source as string, target: target as string, weight: Number(weight) };
    });
  const projection: Projection = toProjection(edges);
  const one = timed(() => analyseProjection(projection, { ...base, runs: 1 }));
  const consensus = timed(() => analyseProjection(projection, base));
  return { accounts: projection.accounts.length, one, consensus };
}

function main(): void {
  const root = datasetsDir();
  const email = emailFigures();
  const bitcoin = bitcoinFigures();
  const python = process.env.QUALITY_PYTHON ?? DEBIAN_PYTHON;
  if (process.env.QUALITY_PYTHON === undefined) {
    ensureDebianPython('quality', ['igraph', 'leidenalg'], ['python3-igraph', 'python3-leidenalg']);
  }
  const anchors = JSON.parse(
    execFileSync(python, [path.join(here, 'quality', 'anchors.py'), root, String(email.band.result.summary.resolution)], { encoding: 'utf8', maxBuffer: 1 << 24 }),
  );
  const forecasts = [
    forecastNetwork('bitcoin-otc', datasetPath('bitcoin-otc', 'soc-sign-bitcoinotc.csv.gz'), loadBitcoinOtc(), python, base),
    ...extraRatingFiles(process.argv).map((file) => forecastNetwork(path.basename(file), file, readRatings(file), python, base)),
  ];
  const ea = anchors.email;
  const ba = anchors.bitcoin;
  const out: string[] = [];
  out.push(`nichegraph quality (seed ${SEED}; consensus runs ${CONSENSUS.runs}; anchors: python-igraph ${anchors.versions.igraph}, leidenalg ${anchors.versions.leidenalg})`);
  out.push('');
  out.push('email-eu-core vs 42 departments (1,005 people; unassigned accounts count as singletons)');
  out.push(row(['method', 'resolution', 'niches', 'NMI', 'ARI', 'run-to-run ARI (seeds 1-5)', 'time']));
  out.push(row(['---', '---', '---', '---', '---', '---', '---']));
  const ours = (name: string, r: typeof email.plain, stability: number) =>
    row([name, r.result.summary.resolution, `${r.result.summary.niches} (+${r.result.summary.unassigned} unassigned)`, f3(r.nmi), f3(r.ari), f3(stability), `${r.ms.toFixed(0)} ms`]);
  out.push(ours('nichegraph plain Louvain (runs 1)', email.plain, email.stability.plain));
  out.push(ours(`nichegraph default (consensus, runs ${CONSENSUS.runs})`, email.consensus, email.stability.consensus));
  out.push(ours(`nichegraph size band ${BAND.min}-${BAND.max}`, email.band, email.stability.band));
  out.push(row(['igraph Louvain (multilevel)', 1, ea.igraphLouvain.niches, f3(ea.igraphLouvain.nmi), f3(ea.igraphLouvain.ari), f3(ea.igraphLouvain.runToRunAri), '']));
  out.push(row(['leidenalg RBConfiguration', 1, ea.leiden.niches, f3(ea.leiden.nmi), f3(ea.leiden.ari), f3(ea.leiden.runToRunAri), '']));
  out.push(row(['leidenalg RBConfiguration (same resolution as band)', ea.leidenBand.resolution, ea.leidenBand.niches, f3(ea.leidenBand.nmi), f3(ea.leidenBand.ari), f3(ea.leidenBand.runToRunAri), '']));
  out.push(`plain Louvain disconnected niches (split by the refinement): default ${email.consensus.result.summary.louvainDisconnected}, band ${email.band.result.summary.louvainDisconnected}`);
  out.push('');
  out.push(`bitcoin-otc: ${ba.eligible} accounts with >= 3 ratings, ${ba.fraudsters} fraudsters (mean < 0)`);
  out.push(row(['score', 'Spearman vs mean rating', 'fraudsters in top 100', 'mean >= 2 in top 100']));
  out.push(row(['---', '---', '---', '---']));
  out.push(row([`nichegraph trust score (default settings, ${bitcoin.ms.toFixed(0)} ms)`, f3(bitcoin.trust.spearman), bitcoin.trust.fraudstersTop100, bitcoin.trust.goodTop100]));
  out.push(row(['nichegraph globalPagerank (positive ties)', f3(bitcoin.globalPagerank.spearman), bitcoin.globalPagerank.fraudstersTop100, bitcoin.globalPagerank.goodTop100]));
  for (const [name, key] of [
    ['igraph in-degree', 'inDegree'],
    ['igraph PageRank ignoring sign', 'pagerankIgnoringSign'],
    ['igraph PageRank, positive ratings only', 'pagerankPositive'],
  ] as const) {
    out.push(row([name, f3(ba[key].spearman), ba[key].fraudstersTop100, ba[key].goodTop100]));
  }
  for (const forecast of forecasts) out.push('', ...forecast.lines);
  out.push('');
  const targets = [
    [`email-eu-core NMI >= 0.70 (size band)`, email.band.nmi >= 0.7],
    [`bitcoin-otc Spearman >= 0.55 with <= 2 fraudsters in the top 100`, bitcoin.trust.spearman >= 0.55 && bitcoin.trust.fraudstersTop100 <= 2],
    [`run-to-run ARI >= 0.95 with consensus (default settings)`, email.stability.consensus >= 0.95],
    ...forecasts.flatMap((forecast) => forecast.targets),
  ] as const;
  for (const [name, ok] of targets) out.push(`target ${ok ? 'met   ' : 'MISSED'}: ${name}`);
  const demo = demoTiming();
  out.push('');
  out.push(
    `demo graph (${demo.accounts} accounts, ${demo.pairs} pairs): analyseProjection runs 1 ${demo.one.ms.toFixed(0)} ms; ` +
      `default (runs ${CONSENSUS.runs}, ${demo.consensus.value.summary.consensusRounds} rounds) ${demo.consensus.ms.toFixed(0)} ms`,
  );
  if (process.argv.includes('--higgs')) {
    const h = higgsFigures();
    out.push('');
    out.push(`higgs-retweet (${h.accounts} accounts): analyseProjection runs 1 ${(h.one.ms / 1000).toFixed(1)} s; default (runs ${CONSENSUS.runs}, ${h.consensus.value.summary.consensusRounds} rounds) ${(h.consensus.ms / 1000).toFixed(1)} s`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

main();
