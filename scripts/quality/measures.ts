/**
 * The figures `npm run quality` prints, as pure functions (tested in
 * test/scripts/quality-measures.test.ts).
 *
 * - Spearman's rank correlation (C. Spearman, Am. J. Psychol. 15, 1904): Pearson's
 *   correlation of the ranks, ties given their average rank (as scipy.stats.spearmanr).
 * - Top-k counts: how many of the k highest scores fall in a labelled set.
 * - Run-to-run agreement: mean adjusted Rand index over all pairs of partitions.
 */
import { adjustedRandIndex, type Labels } from '../../src/analysis/partition-similarity.js';

/** 1-based ranks, ties sharing their average rank. */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
  const ranks = new Array<number>(values.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1] as number] === values[order[i] as number]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k] as number] = rank;
    i = j + 1;
  }
  return ranks;
}

export function spearman(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError(`quality/measures: spearman needs equal lengths, got ${a.length} and ${b.length}.`);
  const n = a.length;
  if (n < 2) return Number.NaN;
  const ra = averageRanks(a);
  const rb = averageRanks(b);
  const ma = ra.reduce((s, x) => s + x, 0) / n;
  const mb = rb.reduce((s, x) => s + x, 0) / n;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < n; i++) {
    const da = (ra[i] as number) - ma;
    const db = (rb[i] as number) - mb;
    cov += da * db;
    va += da * da;
    vb += db * db;
  }
  return va === 0 || vb === 0 ? Number.NaN : cov / Math.sqrt(va * vb);
}

/**
 * How many of the k ids with the highest scores satisfy `is` (ties on the score broken
 * by id, ascending, so the count is deterministic).
 */
export function countInTop(scores: ReadonlyMap<string, number>, k: number, is: (id: string) => boolean): number {
  const top = [...scores.entries()]
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    .slice(0, k);
  return top.filter(([id]) => is(id)).length;
}

export function meanPairwiseAri(partitions: readonly Labels[]): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < partitions.length; i++) {
    for (let j = i + 1; j < partitions.length; j++) {
      sum += adjustedRandIndex(partitions[i] as Labels, partitions[j] as Labels);
      pairs++;
    }
  }
  return pairs > 0 ? sum / pairs : 1;
}
