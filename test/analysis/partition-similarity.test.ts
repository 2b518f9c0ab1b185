import t, { type Test } from 'tap';
import { adjustedRandIndex as ari, normalizedMutualInformation as nmi } from '../../src/analysis/partition-similarity.js';
import { createRng } from '../../src/analysis/random.js';

function close(t: Test, actual: number, expected: number, message: string): void {
  t.ok(Math.abs(actual - expected) < 1e-12, `${message}: ${actual} vs ${expected}`);
}

t.test('identical partitions up to renaming: 1', async (t) => {
  close(t, nmi([0, 0, 1, 1, 2], ['x', 'x', 'y', 'y', 'z']), 1, 'NMI');
  close(t, ari([0, 0, 1, 1, 2], ['x', 'x', 'y', 'y', 'z']), 1, 'ARI');
});

t.test('independent halves: NMI 0, ARI -1/2', async (t) => {
  // Every cell of the 2x2 contingency table holds 1: I = 0.
  // ARI: sum C(n_ij,2) = 0, rows 2, cols 2, C(4,2) = 6 -> (0 - 4/6) / (2 - 4/6).
  close(t, nmi([0, 0, 1, 1], [0, 1, 0, 1]), 0, 'NMI');
  close(t, ari([0, 0, 1, 1], [0, 1, 0, 1]), -0.5, 'ARI');
});

t.test('halves against thirds', async (t) => {
  const a = [0, 0, 0, 1, 1, 1];
  const b = [0, 0, 1, 1, 2, 2];
  // H(a) = ln 2, H(b) = ln 3; cells 2,1,1,2 out of 6 -> I = (2/3) ln 2.
  close(t, nmi(a, b), ((2 / 3) * Math.LN2) / ((Math.LN2 + Math.log(3)) / 2), 'NMI');
  // sum C(n_ij,2) = 2, rows 3 + 3 = 6, cols 1 + 1 + 1 = 3, C(6,2) = 15: (2 - 18/15) / (4.5 - 18/15) = 8/33.
  close(t, ari(a, b), 8 / 33, 'ARI');
});

t.test('a refinement (scikit-learn documentation example)', async (t) => {
  // b splits a's second cluster: I = H(a) = ln 2, H(b) = 1.5 ln 2 -> NMI = 2 / 2.5.
  close(t, nmi([0, 0, 1, 1], [0, 0, 1, 2]), 0.8, 'NMI');
  // scikit-learn's adjusted_rand_score docs: 0.57 (exactly 4/7).
  close(t, ari([0, 0, 1, 1], [0, 0, 1, 2]), 4 / 7, 'ARI');
});

t.test('degenerate partitions', async (t) => {
  close(t, nmi([1, 1, 1], [2, 2, 2]), 1, 'one cluster each: NMI');
  close(t, ari([1, 1, 1], [2, 2, 2]), 1, 'one cluster each: ARI');
  close(t, nmi([0, 0, 0, 0], [0, 0, 1, 1]), 0, 'one cluster against two: NMI');
  close(t, ari([0, 0, 0, 0], [0, 0, 1, 1]), 0, 'one cluster against two: ARI');
  close(t, nmi([0, 1, 2, 3], [3, 2, 1, 0]), 1, 'all singletons: NMI');
  close(t, ari([0, 1, 2, 3], [3, 2, 1, 0]), 1, 'all singletons: ARI');
  t.equal(nmi([], []), 1);
  t.equal(ari([7], [8]), 1);
  t.throws(() => nmi([0, 1], [0]), /different lengths \(2 and 1\)/);
  t.throws(() => ari([0], [0, 1]), /different lengths/);
});

t.test('symmetric, invariant under renaming, within bounds (random labelings)', async (t) => {
  const rng = createRng(2024);
  for (let trial = 0; trial < 50; trial++) {
    const n = 2 + Math.floor(rng() * 60);
    const ka = 1 + Math.floor(rng() * 6);
    const kb = 1 + Math.floor(rng() * 6);
    const a = Array.from({ length: n }, () => Math.floor(rng() * ka));
    const b = Array.from({ length: n }, () => Math.floor(rng() * kb));
    const renamed = a.map((label) => `c${(label * 7 + 3) % 11}`);
    const v = nmi(a, b);
    if (!(v >= 0 && v <= 1)) t.fail(`NMI out of [0, 1]: ${v}`);
    if (Math.abs(v - nmi(b, a)) > 1e-12 || Math.abs(v - nmi(renamed, b)) > 1e-12) t.fail(`NMI not symmetric/invariant, trial ${trial}`);
    const r = ari(a, b);
    if (!(r <= 1 + 1e-12)) t.fail(`ARI above 1: ${r}`);
    if (Math.abs(r - ari(b, a)) > 1e-12 || Math.abs(r - ari(renamed, b)) > 1e-12) t.fail(`ARI not symmetric/invariant, trial ${trial}`);
  }
  t.pass('50 random pairs checked');
});
