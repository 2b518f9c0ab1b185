import t from 'tap';
import { createRng } from '../../src/analysis/random.js';

t.test('same seed gives the same sequence, different seeds differ', async (t) => {
  const a = createRng(42);
  const b = createRng(42);
  const c = createRng(43);
  const sa = Array.from({ length: 100 }, () => a());
  const sb = Array.from({ length: 100 }, () => b());
  const sc = Array.from({ length: 100 }, () => c());
  t.same(sa, sb);
  t.not(sa.join(','), sc.join(','));
});

t.test('seeds that share their low 32 bits still differ', async (t) => {
  const a = createRng(1);
  const b = createRng(2 ** 32 + 1);
  t.not(a(), b());
});

t.test('values lie in [0, 1) and look uniform', async (t) => {
  const rng = createRng(-7);
  const bins = new Array<number>(10).fill(0);
  const n = 100_000;
  for (let i = 0; i < n; i++) {
    const x = rng();
    if (!(x >= 0 && x < 1)) t.fail(`out of range: ${x}`);
    const bin = Math.floor(x * 10);
    bins[bin] = (bins[bin] as number) + 1;
  }
  // Chi-square with 9 degrees of freedom; 27.88 is the 0.999 quantile.
  const expected = n / 10;
  const chi2 = bins.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
  t.ok(chi2 < 27.88, `chi2 = ${chi2.toFixed(2)}`);
});

t.test('rejects seeds that are not safe integers', async (t) => {
  t.throws(() => createRng(1.5), /seed must be a safe integer/);
  t.throws(() => createRng(Number.NaN), /seed must be a safe integer/);
  t.throws(() => createRng(2 ** 53), /seed must be a safe integer/);
});
