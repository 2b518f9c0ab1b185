/**
 * The typical group of a partition: the size of the group of its median unit of weight
 * (niches.ts reads it to climb the niche-scale ladder: the niche of the median account with
 * two ties or more, R. I. M. Dunbar 1993's band layer as the aim).
 *
 * When the sizes and weights are whole numbers (accounts counted per node, as niches.ts
 * gives them), the groups are bucketed by size in one pass (a counting sort: sizes are at
 * most the number of accounts) instead of sorted by a comparator; otherwise they are sorted.
 * Both give the same size: the lower weighted median.
 */

/** Sizes counted per bucket up to this many accounts; beyond, the groups are sorted. */
const MAX_BUCKETS = 1 << 24;

/** The size (in accounts: the sum of `size`) of the group of the median unit of `weight` (the lower median); 0 when there is no weight. */
export function weightedMedianSize(labels: Int32Array, size: Float64Array, weight: Float64Array): number {
  let count = 0;
  for (let i = 0; i < labels.length; i++) if ((labels[i] as number) + 1 > count) count = (labels[i] as number) + 1;
  const groupSize = new Float64Array(count);
  const groupWeight = new Float64Array(count);
  let total = 0;
  let whole = true;
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i] as number;
    const s = size[i] as number;
    const w = weight[i] as number;
    groupSize[c] = (groupSize[c] as number) + s;
    groupWeight[c] = (groupWeight[c] as number) + w;
    total += w;
    if (!Number.isInteger(s) || !Number.isInteger(w)) whole = false;
  }
  if (total === 0) return 0;
  const half = Math.floor((total - 1) / 2);
  let largest = 0;
  for (let c = 0; c < count; c++) if ((groupWeight[c] as number) > 0 && (groupSize[c] as number) > largest) largest = groupSize[c] as number;
  if (whole && largest >= 0 && largest < MAX_BUCKETS) {
    const bySize = new Float64Array(largest + 1);
    for (let c = 0; c < count; c++) {
      const w = groupWeight[c] as number;
      if (w > 0) bySize[groupSize[c] as number] = (bySize[groupSize[c] as number] as number) + w;
    }
    let seen = 0;
    for (let s = 0; s <= largest; s++) {
      seen += bySize[s] as number;
      if (seen > half) return s;
    }
    return 0;
  }
  const order = Array.from({ length: count }, (_, c) => c)
    .filter((c) => (groupWeight[c] as number) > 0)
    .sort((a, b) => (groupSize[a] as number) - (groupSize[b] as number));
  let seen = 0;
  for (const c of order) {
    seen += groupWeight[c] as number;
    if (seen > half) return groupSize[c] as number;
  }
  return 0;
}
