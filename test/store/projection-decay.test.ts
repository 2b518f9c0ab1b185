/**
 * Time decay in the projection (issue 12 item 4), against the real server: each event weighs
 * weight * 2^(-age / halfLife), age from `to` or, without `to`, from the latest event in the
 * window; events without a timestamp are left out; the projection cache tells half-lives apart.
 */
import t from 'tap';
import { pairTableRows } from '../../src/analysis/pair-table.js';
import { projectionParamsKey } from '../../src/jobs/projection-cache.js';
import type { ProjectionParams } from '../../src/store/port.js';
import { ix, newGraph, openStore } from './helpers.js';

const { store } = await openStore(t);
const base: ProjectionParams = { typeWeights: {}, from: null, to: null, minWeight: 0 };
const DAY = 86_400_000;
const T = Date.parse('2026-06-30T00:00:00Z');

async function pairs(graphId: string, params: ProjectionParams) {
  const p = await store.project(graphId, params);
  if (!p) throw new Error('graph missing');
  return new Map(pairTableRows(p.table).map((r) => [`${r.source}>${r.target}`, r]));
}

t.test('weights decay with age; the reference is `to`, else the latest event in the window', async (t) => {
  const g = await newGraph(t, store, 'decay');
  await store.ingest(g, {
    interactions: [
      ix('a', 'b', { weight: 4, timestamp: T }), // the latest event
      ix('a', 'b', { weight: 4, timestamp: T - 30 * DAY }), // one half-life older
      ix('b', 'a', { weight: -8, timestamp: T - 60 * DAY }), // two: a complaint decays too
      ix('c', 'a', { weight: 1, timestamp: null }), // no timestamp: left out with a decay
      ix('c', 'b', { weight: 2, timestamp: T - 10 * DAY, type: 'like' }),
    ],
    accounts: [],
  });

  const plain = await pairs(g, base);
  t.equal(plain.get('a>b')?.positive, 8, 'no decay: the sum');
  t.ok(plain.has('c>a'), 'no decay: untimed events count');

  const decayed = await pairs(g, { ...base, halfLife: 'P30D' });
  t.equal(decayed.get('a>b')?.positive, 4 + 2, 'age 0 and one half-life: 4 + 2');
  t.equal(decayed.get('a>b')?.count, 2, 'counts stay counts');
  t.equal(decayed.get('b>a')?.negative, 2, 'two half-lives: |-8| / 4');
  t.ok(Math.abs((decayed.get('c>b')?.positive as number) - 2 * 2 ** (-10 / 30)) < 1e-12, 'a third of a half-life');
  t.notOk(decayed.has('c>a'), 'an event without timestamp cannot be aged: left out, as `from` does');

  const fromTo = await pairs(g, { ...base, halfLife: 'P30D', to: T + 30 * DAY });
  t.equal(fromTo.get('a>b')?.positive, 2 + 1, 'age from `to` (one half-life after the latest event)');

  const windowed = await pairs(g, { ...base, halfLife: 'P30D', to: T - 5 * DAY });
  // The latest event (T) is outside [.., to): ages from `to` = T - 5 days.
  t.equal(windowed.get('a>b')?.count, 1, 'the window still applies');
  t.ok(Math.abs((windowed.get('a>b')?.positive as number) - 4 * 2 ** (-25 / 30)) < 1e-12, 'age from `to` inside the window');

  const onlyOld = await pairs(g, { ...base, halfLife: 'P30D', to: T - 45 * DAY });
  t.equal(onlyOld.get('b>a')?.negative, 8 * 2 ** (-15 / 30), 'only the oldest event is in the window: it ages from `to`');

  const fromOnly = await pairs(g, { ...base, halfLife: 'P30D', from: T - 40 * DAY });
  t.equal(fromOnly.get('a>b')?.positive, 6, 'without `to`, the latest event of the window is the reference');
  t.notOk(fromOnly.has('b>a'), 'events before `from` are left out');

  const weeks = await pairs(g, { ...base, halfLife: 'P4W2D' });
  t.equal(weeks.get('a>b')?.positive, 6, 'P4W2D is 30 days');

  const minWeight = await pairs(g, { ...base, halfLife: 'P30D', minWeight: 2.5 });
  t.notOk(minWeight.has('b>a'), 'minWeight applies to the decayed weight (2 < 2.5)');
  t.ok(minWeight.has('a>b'));

  await t.rejects(store.project(g, { ...base, halfLife: 'thirty days' }), /halfLife 'thirty days' is not an ISO 8601 duration/);
});

t.test('a graph whose window holds no timestamped event projects no pair under a decay', async (t) => {
  const g = await newGraph(t, store, 'decay-none');
  await store.ingest(g, { interactions: [ix('a', 'b', { timestamp: null })], accounts: [] });
  const decayed = await pairs(g, { ...base, halfLife: 'P1D' });
  t.equal(decayed.size, 0);
});

t.test('the projection cache key tells half-lives apart and equal durations together', async (t) => {
  const key = (halfLife: string | null | undefined) => projectionParamsKey({ ...base, ...(halfLife === undefined ? {} : { halfLife }) });
  t.equal(key(undefined), key(null), 'absent = null: no decay');
  t.not(key('P30D'), key(null));
  t.not(key('P30D'), key('P31D'));
  t.equal(key('P1W'), key('P7D'), 'same duration, same projection');
});
