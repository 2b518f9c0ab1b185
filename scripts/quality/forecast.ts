/**
 * The forecast table of `npm run quality`: does a trust score computed on the ratings
 * before a date say how an account is treated after it?
 *
 * For a rating network (CSV `source,target,rating,time`, time in Unix seconds, as SNAP's
 * soc-sign-bitcoin* files; bitcoin-otc from ../shared/datasets by default):
 * - cut = the median rating time (the rating at position floor(n / 2) in time order);
 *   past = the ratings strictly before it, the only data any score sees (for nichegraph,
 *   `to` = cut; with a halfLife, age is measured from the cut);
 * - truth = the mean rating each account receives from the cut on, for accounts known
 *   before the cut (they rated or were rated: the only ones a past score can rank) with at
 *   least 3 later ratings; a "future fraudster" is one whose later mean is below 0;
 * - figures: Spearman (score vs later mean) over those accounts; among the 100 known
 *   accounts with the highest scores (ties by id), how many are future fraudsters and how
 *   many can be judged at all (>= 3 later ratings);
 * - anchors on the same past ratings, in the same run: in-degree, positive-only PageRank
 *   and positive PageRank x positive share of the received weight (python-igraph,
 *   scripts/quality/forecast_anchors.py);
 * - ablations (not the service's score): trust v1's positive share P / (P + N), and the net
 *   positive share with each rating weighted by its rater's fairness (Kumar et al., ICDM
 *   2016); reference: FxG goodness itself (the mean of the fairness-weighted ratings,
 *   which predicts a mean rating well but ranks one-rating accounts first: no list of
 *   whom to equip).
 * Target, per network, default settings: Spearman >= the best anchor's + 0.02, with no
 * more future fraudsters in the top 100 than that anchor.
 *
 * `npm run quality -- --ratings a.csv.gz,b.csv` adds other rating networks (same format).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { analyseProjection } from '../../src/analysis/analyse.js';
import { nicheResults } from '../../src/analysis/result-view.js';
import { decayFactor, parseDuration } from '../../src/analysis/time-decay.js';
import { positiveShare } from '../../src/analysis/trust.js';
import type { AnalysisOptions, Projection } from '../../src/analysis/types.js';
import { toProjection, type Rating } from '../../test/helpers/datasets.js';
import { fairnessGoodness } from './fairness-goodness.js';
import { countInTop, spearman } from './measures.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Half-lives shown next to the default (no decay): a quarter, half and one year. Not used to pick anything. */
export const HALF_LIVES = ['P90D', 'P180D', 'P365D'] as const;
const TOP = 100;
const MIN_LATER = 3;

/** Reads a `source,target,rating,time` CSV (gzip when the name ends in .gz). */
export function readRatings(file: string): Rating[] {
  const raw = readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const out: Rating[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const l = line.trim();
    if (l === '' || l.startsWith('#')) return;
    const [source, target, rating, time] = l.split(',');
    const r = Number(rating);
    const ts = Number(time);
    if (source === undefined || target === undefined || !Number.isFinite(r) || !Number.isFinite(ts)) {
      throw new Error(`${file}: line ${i + 1} is not 'source,target,rating,time'`);
    }
    out.push({ source, target, rating: r, time: ts });
  });
  return out;
}

/** The median rating time: the time at position floor(n / 2) in time order. */
export function medianCut(ratings: readonly Rating[]): number {
  if (ratings.length < 2) throw new RangeError('quality/forecast: needs at least 2 ratings.');
  const times = Float64Array.from(ratings, (r) => r.time).sort();
  return times[Math.floor(times.length / 2)] as number;
}

export interface ForecastTruth {
  cut: number;
  past: Rating[];
  /** Accounts in a past rating (rater or rated). */
  known: Set<string>;
  /** Later mean rating of the known accounts with >= 3 later ratings. */
  laterMean: Map<string, number>;
  /** Accounts with >= 3 later ratings, known or not. */
  laterAll: number;
}

export function forecastTruth(ratings: readonly Rating[], cut: number): ForecastTruth {
  const past = ratings.filter((r) => r.time < cut);
  const known = new Set<string>();
  for (const r of past) {
    known.add(r.source);
    known.add(r.target);
  }
  const later = new Map<string, { sum: number; n: number }>();
  for (const r of ratings) {
    if (r.time < cut || r.source === r.target) continue;
    const acc = later.get(r.target) ?? { sum: 0, n: 0 };
    acc.sum += r.rating;
    acc.n += 1;
    later.set(r.target, acc);
  }
  const laterMean = new Map<string, number>();
  let laterAll = 0;
  for (const [id, { sum, n }] of later) {
    if (n < MIN_LATER) continue;
    laterAll++;
    if (known.has(id)) laterMean.set(id, sum / n);
  }
  return { cut, past, known, laterMean, laterAll };
}

export interface ForecastFigures {
  spearman: number;
  fraudstersTop: number;
  judgedTop: number;
}

/** Figures of a score over the known accounts (a missing score counts as 0). */
export function forecastFigures(scores: ReadonlyMap<string, number>, truth: ForecastTruth): ForecastFigures {
  const eligible = [...truth.laterMean.keys()].sort();
  const all = new Map<string, number>();
  for (const id of truth.known) all.set(id, scores.get(id) ?? 0);
  return {
    spearman: spearman(eligible.map((id) => all.get(id) as number), eligible.map((id) => truth.laterMean.get(id) as number)),
    fraudstersTop: countInTop(all, TOP, (id) => (truth.laterMean.get(id) ?? 0) < 0),
    judgedTop: countInTop(all, TOP, (id) => truth.laterMean.has(id)),
  };
}

/** The past as the service would project it with `to` = cut: weight = rating, decayed from the cut when halfLife is set. */
export function pastProjection(truth: ForecastTruth, halfLifeMs: number | null): Projection {
  return toProjection(
    truth.past.map((r) => ({
      source: r.source,
      target: r.target,
      weight: halfLifeMs === null ? r.rating : r.rating * decayFactor(r.time * 1000, truth.cut * 1000, halfLifeMs),
    })),
  );
}

interface Row {
  name: string;
  figures: ForecastFigures;
}

interface Anchors {
  igraph: string;
  inDegree: Record<string, number>;
  pagerankPositive: Record<string, number>;
  pagerankPositiveShare: Record<string, number>;
}

export interface ForecastReport {
  lines: string[];
  targets: Array<readonly [string, boolean]>;
}

const f3 = (x: number): string => x.toFixed(3);
const row = (cells: Array<string | number>): string => `| ${cells.join(' | ')} |`;
const iso = (seconds: number): string => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

/** The forecast table and target of one rating network. `python` runs the igraph anchors. */
export function forecastNetwork(name: string, file: string, ratings: readonly Rating[], python: string, options: AnalysisOptions): ForecastReport {
  const cut = medianCut(ratings);
  const truth = forecastTruth(ratings, cut);
  const rows: Row[] = [];
  const scoresOf = (halfLife: string | null) => {
    const result = analyseProjection(pastProjection(truth, halfLife === null ? null : (parseDuration(halfLife) as number)), options);
    const members = nicheResults(result).flatMap((n) => n.members);
    return { members, score: new Map(members.map((m) => [m.accountId, m.score])) };
  };
  const base = scoresOf(null);
  rows.push({ name: 'nichegraph trust score (default settings)', figures: forecastFigures(base.score, truth) });
  for (const h of HALF_LIVES) rows.push({ name: `nichegraph trust score, halfLife ${h}`, figures: forecastFigures(scoresOf(h).score, truth) });

  // Ablations on the default run's components.
  const v1 = new Map(base.members.map((m) => {
    const total = m.inStrength + m.negativeInStrength;
    return [m.accountId, m.centrality * m.ties * (total > 0 ? m.inStrength / total : 1)];
  }));
  rows.push({ name: 'ablation: trust v1 (positive share P / (P + N), no prior)', figures: forecastFigures(v1, truth) });
  const pairs = pastProjection(truth, null).pairs.filter((p) => p.source !== p.target);
  let scale = 0;
  for (const p of pairs) scale = Math.max(scale, Math.abs((p.positive - p.negative) / p.count));
  const fxg = fairnessGoodness(pairs.map((p) => ({ source: p.source, target: p.target, weight: (p.positive - p.negative) / p.count / (scale || 1) })));
  const fairIn = new Map<string, { pos: number; neg: number }>();
  for (const p of pairs) {
    const f = Math.max(0, fxg.fairness.get(p.source) ?? 1);
    const acc = fairIn.get(p.target) ?? { pos: 0, neg: 0 };
    acc.pos += f * p.positive;
    acc.neg += f * p.negative;
    fairIn.set(p.target, acc);
  }
  const fair = new Map(base.members.map((m) => {
    const e = fairIn.get(m.accountId) ?? { pos: 0, neg: 0 };
    return [m.accountId, m.centrality * m.ties * positiveShare(e.pos, e.neg)];
  }));
  rows.push({ name: 'ablation: net positive share with ratings weighted by rater fairness (FxG)', figures: forecastFigures(fair, truth) });

  const anchors = JSON.parse(
    execFileSync(python, [path.join(here, 'forecast_anchors.py'), file, String(cut)], { encoding: 'utf8', maxBuffer: 1 << 26 }),
  ) as Anchors;
  const anchorIds = Object.keys(anchors.inDegree);
  if (anchorIds.length !== truth.known.size || anchorIds.some((id) => !truth.known.has(id))) {
    throw new Error(`quality/forecast: the anchors saw ${anchorIds.length} accounts before the cut, nichegraph ${truth.known.size}: different splits.`);
  }
  const anchorRows: Row[] = [
    { name: 'igraph in-degree', figures: forecastFigures(new Map(Object.entries(anchors.inDegree)), truth) },
    { name: 'igraph PageRank, positive ratings only', figures: forecastFigures(new Map(Object.entries(anchors.pagerankPositive)), truth) },
    { name: 'igraph PageRank positive x positive share of received weight', figures: forecastFigures(new Map(Object.entries(anchors.pagerankPositiveShare)), truth) },
  ];
  rows.push(...anchorRows);
  rows.push({ name: `reference: FxG goodness (Kumar et al. 2016; ${fxg.iterations} iterations), not a list of whom to equip`, figures: forecastFigures(fxg.goodness, truth) });

  const fraudsters = [...truth.laterMean.values()].filter((m) => m < 0).length;
  const lines = [
    `${name} forecast: scores from the ${truth.past.length} ratings before ${iso(cut)} (the median rating time); truth = mean rating received from then on, ` +
      `for the ${truth.laterMean.size} accounts known before it with >= ${MIN_LATER} later ratings (${truth.laterAll} have >= ${MIN_LATER} later ratings in all); ${fraudsters} future fraudsters (later mean < 0)`,
    row(['score (past ratings only)', 'Spearman vs later mean rating', `future fraudsters in top ${TOP}`, `top ${TOP} with >= ${MIN_LATER} later ratings`]),
    row(['---', '---', '---', '---']),
    ...rows.map((r) => row([r.name, f3(r.figures.spearman), r.figures.fraudstersTop, r.figures.judgedTop])),
  ];
  const best = anchorRows.reduce((a, b) => (b.figures.spearman > a.figures.spearman ? b : a));
  const ours = (rows[0] as Row).figures;
  const ok = ours.spearman >= best.figures.spearman + 0.02 && ours.fraudstersTop <= best.figures.fraudstersTop;
  return {
    lines,
    targets: [
      [
        `${name} forecast: trust Spearman ${f3(ours.spearman)} >= best anchor (${best.name}) ${f3(best.figures.spearman)} + 0.02, ` +
          `future fraudsters in the top ${TOP} ${ours.fraudstersTop} <= ${best.figures.fraudstersTop}`,
        ok,
      ],
    ],
  };
}

/** `--ratings a,b` from argv: extra rating networks as files. */
export function extraRatingFiles(argv: readonly string[]): string[] {
  const at = argv.indexOf('--ratings');
  if (at < 0) return [];
  const value = argv[at + 1];
  if (value === undefined || value.startsWith('--')) throw new Error('quality: --ratings needs a comma-separated list of CSV files (source,target,rating,time).');
  return value.split(',').filter((f) => f !== '').map((f) => path.resolve(f));
}
