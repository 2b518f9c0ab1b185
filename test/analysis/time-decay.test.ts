import t from 'tap';
import { decayFactor, MAX_HALF_LIFE_MS, parseDuration } from '../../src/analysis/time-decay.js';

const DAY = 86_400_000;

t.test('ISO 8601 durations', async (t) => {
  t.equal(parseDuration('P30D'), 30 * DAY);
  t.equal(parseDuration('P2W'), 14 * DAY);
  t.equal(parseDuration('PT12H'), DAY / 2);
  t.equal(parseDuration('PT90M'), 90 * 60_000);
  t.equal(parseDuration('PT1.5S'), 1500);
  t.equal(parseDuration('P0,5D'), DAY / 2, 'comma as decimal sign');
  t.equal(parseDuration('P1Y'), 365.2425 * DAY, 'mean Gregorian year');
  t.equal(parseDuration('P1M'), (365.2425 * DAY) / 12, 'a twelfth of it');
  t.equal(parseDuration('P1DT12H'), 1.5 * DAY);
  t.equal(parseDuration('P1Y2M3W4DT5H6M7S'), 365.2425 * DAY + (2 * 365.2425 * DAY) / 12 + 25 * DAY + 5 * 3_600_000 + 6 * 60_000 + 7000);
  for (const bad of ['', 'P', 'PT', 'P1DT', '30D', 'P-1D', 'P1.D', 'P1H', 'PT1D', 'P1D1Y', 'p30d', 'P30 D', 'P0D', 'PT0S', 'P1001Y', 'P1e3D']) {
    t.equal(parseDuration(bad), null, `'${bad}' is refused`);
  }
  t.equal(parseDuration('P1000Y'), MAX_HALF_LIFE_MS, 'the longest accepted');
  t.equal(parseDuration('P'.padEnd(70, '1')), null, 'too long');
});

t.test('decay factor 2^(-age / halfLife)', async (t) => {
  t.equal(decayFactor(0, 30 * DAY, 30 * DAY), 0.5, 'one half-life old: half');
  t.equal(decayFactor(0, 60 * DAY, 30 * DAY), 0.25, 'two: a quarter');
  t.equal(decayFactor(10, 10, DAY), 1, 'age 0: unchanged');
  t.equal(decayFactor(20, 10, DAY), 1, 'after the reference: unchanged');
  t.ok(Math.abs(decayFactor(0, DAY, 7 * DAY) - Math.pow(2, -1 / 7)) < 1e-15);
  t.throws(() => decayFactor(0, 1, 0), /halfLifeMs must be > 0/);
});
