import t from 'tap';
import { fairnessGoodness } from '../../scripts/quality/fairness-goodness.js';
import { forecastFigures, forecastTruth, medianCut, pastProjection } from '../../scripts/quality/forecast.js';
import type { Rating } from '../helpers/datasets.js';

const r = (source: string, target: string, rating: number, time: number): Rating => ({ source, target, rating, time });

// Past (time < 5): a rates b and c; later: b gets 3 good ratings, c 3 bad ones, d (unknown before) 3 good ones.
const ratings: Rating[] = [
  r('a', 'b', 5, 1),
  r('a', 'c', 5, 2),
  r('e', 'c', 1, 3),
  r('x', 'x', 9, 4),
  r('a', 'b', 2, 5),
  r('e', 'b', 4, 6),
  r('x', 'b', 3, 7),
  r('a', 'c', -9, 8),
  r('e', 'c', -2, 9),
  r('x', 'c', -1, 10),
  r('a', 'd', 1, 11),
  r('e', 'd', 1, 12),
  r('x', 'd', 1, 13),
  r('c', 'c', -10, 14),
];

t.test('the split: median time, past strictly before, truth from the cut on', async (t) => {
  t.equal(medianCut(ratings), 8, 'the 8th of 14 in time order');
  const truth = forecastTruth(ratings, medianCut(ratings));
  t.equal(truth.past.length, 7);
  t.ok(truth.past.every((x) => x.time < 8), 'the future is never in the past');
  t.same([...truth.known].sort(), ['a', 'b', 'c', 'e', 'x']);
  t.same([...truth.laterMean.entries()].sort(), [['c', -4]], 'c: -9, -2, -1 (its self-rating does not count); b has 2 later ratings only');
  t.equal(truth.laterAll, 2, 'd has 3 later ratings but was unknown before the cut');
  t.throws(() => medianCut([]), /at least 2 ratings/);
});

t.test('the past projection never sees a later rating, and decays from the cut', async (t) => {
  const truth = forecastTruth(ratings, 8);
  const plain = pastProjection(truth, null);
  t.same(plain.pairs.find((p) => p.source === 'a' && p.target === 'b'), { source: 'a', target: 'b', positive: 7, negative: 0, count: 2 });
  t.notOk(plain.pairs.some((p) => p.target === 'd'));
  const decayed = pastProjection(truth, 3000); // half-life: 3 seconds
  const ab = decayed.pairs.find((p) => p.source === 'a' && p.target === 'b');
  t.ok(ab !== undefined && Math.abs(ab.positive - (5 * 2 ** (-7 / 3) + 2 * 2 ** (-1))) < 1e-12, 'rating x 2^(-(cut - t) / halfLife)');
});

t.test('figures over the known accounts; missing scores count as 0', async (t) => {
  const truth = forecastTruth(ratings, 5);
  // Known before 5: a, b, c, e, x. Later means (>= 3 later): b (2, 4, 3) = 3, c (-9, -2, -1) = -4.
  t.same([...truth.laterMean.entries()].sort(), [['b', 3], ['c', -4]]);
  const good = forecastFigures(new Map([['b', 2], ['c', 1]]), truth);
  t.same(good, { spearman: 1, fraudstersTop: 1, judgedTop: 2 });
  const bad = forecastFigures(new Map([['c', 1]]), truth);
  t.equal(bad.spearman, -1, 'b scores 0, below c');
});

t.test('fairness and goodness (Kumar et al. 2016)', async (t) => {
  // u1 and u2 agree that v is good; u3 says the opposite: u3 is the unfair one.
  const out = fairnessGoodness([
    { source: 'u1', target: 'v', weight: 1 },
    { source: 'u2', target: 'v', weight: 1 },
    { source: 'u3', target: 'v', weight: -1 },
    { source: 'u1', target: 'w', weight: -0.5 },
  ]);
  const f = (id: string) => out.fairness.get(id) as number;
  const g = (id: string) => out.goodness.get(id) as number;
  t.ok(f('u3') < f('u1') && f('u3') < f('u2'), `u3 ${f('u3')} is the least fair`);
  t.ok(g('v') > 0 && g('v') < 1, `goodness of v ${g('v')}`);
  t.equal(f('w'), 1, 'rates nobody: fairness 1');
  t.equal(g('u1'), 0, 'rated by nobody: goodness 0');
  // Fixed point: g(v) = mean f(u) w(u, v); f(u) = 1 - mean |w - g| / 2.
  t.ok(Math.abs(g('v') - (f('u1') + f('u2') - f('u3')) / 3) < 1e-8);
  t.ok(Math.abs(f('u3') - (1 - Math.abs(-1 - g('v')) / 2)) < 1e-8);
  t.throws(() => fairnessGoodness([{ source: 'a', target: 'b', weight: 2 }]), /outside \[-1, 1\]/);
});
