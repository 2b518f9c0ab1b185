/**
 * typical-size.ts: weightedMedianSize is the size of the group of the lower median unit of
 * weight, by counting (whole sizes and weights) and by sorting (fractional ones) alike.
 */
import t from 'tap';
import { createRng } from '../../src/analysis/random.js';
import { weightedMedianSize } from '../../src/analysis/typical-size.js';

/** Every unit of weight listed with its group's size, sorted, and the lower median read off (whole weights only). */
function byUnits(labels: Int32Array, size: Float64Array, weight: Float64Array): number {
  const groupSize = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) groupSize.set(labels[i] as number, (groupSize.get(labels[i] as number) ?? 0) + (size[i] as number));
  const units: number[] = [];
  for (let i = 0; i < labels.length; i++) for (let u = 0; u < (weight[i] as number); u++) units.push(groupSize.get(labels[i] as number) as number);
  if (units.length === 0) return 0;
  units.sort((a, b) => a - b);
  return units[Math.floor((units.length - 1) / 2)] as number;
}

/** The groups sorted by size, their weights accumulated (any weights). */
function bySortedGroups(labels: Int32Array, size: Float64Array, weight: Float64Array): number {
  const groups = new Map<number, { size: number; weight: number }>();
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const g = groups.get(labels[i] as number) ?? { size: 0, weight: 0 };
    g.size += size[i] as number;
    g.weight += weight[i] as number;
    total += weight[i] as number;
    groups.set(labels[i] as number, g);
  }
  const half = Math.floor((total - 1) / 2);
  let seen = 0;
  for (const g of [...groups.values()].filter((g) => g.weight > 0).sort((a, b) => a.size - b.size)) {
    seen += g.weight;
    if (seen > half) return g.size;
  }
  return 0;
}

t.test('small cases by hand', async (t) => {
  // Groups {0,1} (size 2), {2} (size 1), {3,4,5} (size 3); every node weight 1: units sorted 1,2,2,3,3,3 -> lower median 2.
  t.equal(weightedMedianSize(Int32Array.of(0, 0, 1, 2, 2, 2), new Float64Array(6).fill(1), new Float64Array(6).fill(1)), 2);
  // The size counts accounts (size), the median counts weight: the big group holds no weight.
  t.equal(weightedMedianSize(Int32Array.of(0, 1, 1), Float64Array.of(1, 50, 50), Float64Array.of(1, 0, 0)), 1);
  t.equal(weightedMedianSize(Int32Array.of(0, 1), Float64Array.of(1, 1), Float64Array.of(0, 0)), 0, 'no weight');
  // Fractional weights take the sorting path: sizes 1 (weight 0.5), 4 (weight 2.5): total 3, half 1 -> size 4.
  t.equal(weightedMedianSize(Int32Array.of(0, 1), Float64Array.of(1, 4), Float64Array.of(0.5, 2.5)), 4);
});

t.test('equals the median over units of weight on random partitions', async (t) => {
  const rng = createRng(21);
  for (let trial = 0; trial < 200; trial++) {
    const n = 1 + Math.floor(rng() * 60);
    const groups = 1 + Math.floor(rng() * n);
    const labels = Int32Array.from({ length: n }, () => Math.floor(rng() * groups));
    const size = Float64Array.from({ length: n }, () => 1 + Math.floor(rng() * 5));
    const weight = Float64Array.from({ length: n }, () => Math.floor(rng() * 4));
    const expected = byUnits(labels, size, weight);
    if (weightedMedianSize(labels, size, weight) !== expected) {
      t.fail(`trial ${trial}: ${weightedMedianSize(labels, size, weight)} != ${expected}`);
      return;
    }
    // Fractional weights (the sorting path): the groups in size order, weight accumulated
    // until it passes floor((total - 1) / 2).
    const fractional = weight.map((w) => w * 0.75 + (rng() < 0.3 ? 0.1 : 0));
    if (weightedMedianSize(labels, size, fractional) !== bySortedGroups(labels, size, fractional)) {
      t.fail(`trial ${trial}: fractional weights`);
      return;
    }
  }
  t.pass('200 random partitions');
});
