import t from 'tap';
import { PairAggregator } from '../../src/store/pair-aggregator.js';
import { pairTableRows } from '../../src/analysis/pair-table.js';

const NaN_ = Number.NaN;

t.test('events of several records and types in one batch fold into one pair each', async (t) => {
  const agg = new PairAggregator({ typeWeights: { like: 0.5 }, minWeight: 0 });
  // Accounts in the server's order, node ids arbitrary.
  agg.addAccounts(['a', 'b'], [70, 12]);
  agg.addAccounts(['c'], [5]);
  agg.addEvents('reply', [1, 0, 1], [70, 12, 70], [1, 2, -3], [100, NaN_, 50]);
  agg.addEvents('like', [1, 0], [70, 5], [4, 1], [NaN_, 10]);
  agg.endBatch();
  agg.addEvents('reply', [2], [12], [1], [7]);
  const table = agg.finish();
  t.same(table.accounts, ['a', 'b', 'c']);
  t.same(table.typeNames, ['like', 'reply'], 'type names sorted');
  t.same(pairTableRows(table), [
    { source: 'a', target: 'b', positive: 2, negative: 0, count: 1, types: { reply: 1 }, firstTs: null, lastTs: null },
    { source: 'a', target: 'c', positive: 0.5, negative: 0, count: 1, types: { like: 1 }, firstTs: 10, lastTs: 10 },
    { source: 'b', target: 'a', positive: 3, negative: 3, count: 3, types: { reply: 2, like: 1 }, firstTs: 50, lastTs: 100 },
    { source: 'c', target: 'b', positive: 1, negative: 0, count: 1, types: { reply: 1 }, firstTs: 7, lastTs: 7 },
  ]);
});

t.test('minWeight, type weight 0, a per-event factor, events to accounts not listed', async (t) => {
  const agg = new PairAggregator({
    typeWeights: { spam: 0, like: -1 },
    minWeight: 1,
    eventFactor: (ts) => (Number.isNaN(ts) ? 1 : ts),
  });
  agg.addAccounts(['x', 'y'], [0, 1]);
  agg.addEvents('spam', [0], [1], [5], [NaN_]);
  agg.addEvents('like', [0], [1], [2], [NaN_]);
  agg.addEvents('reply', [1, 1, 1], [0, 0, 99], [0.25, 0.25, 9], [2, 1, NaN_]);
  const table = agg.finish();
  t.same(pairTableRows(table), [
    { source: 'x', target: 'y', positive: 0, negative: 2, count: 1, types: { like: 1 }, firstTs: null, lastTs: null },
  ], 'spam dropped; like negative; y -> x weighs 0.25 * 2 + 0.25 * 1 < 1');
  t.equal(agg.droppedEvents, 1, 'the event to node 99 (not in the account list) is left out');
  t.same(table.typeNames, ['like'], 'only the types of kept pairs are named');
});

t.test('accounts in code-point order are re-sorted by code unit, rows with them', async (t) => {
  const agg = new PairAggregator({ typeWeights: {}, minWeight: 0 });
  // Code-point order (the server's): U+FFFF < U+1F600; JavaScript puts the surrogate pair first.
  agg.addAccounts(['b', '\uffff', '😀'], [1, 2, 3]);
  agg.addEvents('reply', [1, 2, 2], [1, 1, 2], [1, 1, 1], [NaN_, NaN_, NaN_]);
  const table = agg.finish();
  t.same(table.accounts, ['b', '😀', '\uffff']);
  t.same(
    pairTableRows(table).map((r) => `${r.source}>${r.target}`),
    ['😀>b', '😀>\uffff', '\uffff>b'],
  );
});

t.test('a long run of one source sorts by target (packed sort)', async (t) => {
  const agg = new PairAggregator({ typeWeights: {}, minWeight: 0 });
  const ids = Array.from({ length: 200 }, (_, i) => `u${String(i).padStart(3, '0')}`);
  agg.addAccounts(ids, ids.map((_, i) => 1000 + i));
  const targets = Array.from({ length: 400 }, (_, k) => 1000 + ((k * 37) % 199) + 1);
  agg.addEvents('reply', targets.map(() => 0), targets, targets.map(() => 1), targets.map((_, k) => k));
  const rows = pairTableRows(agg.finish());
  t.equal(rows.length, 199);
  t.same(rows.map((r) => r.target), ids.slice(1), 'targets ascending');
  t.equal(rows.reduce((n, r) => n + r.count, 0), 400, 'every event counted once');
});

t.test('bad input is refused', async (t) => {
  const agg = new PairAggregator({ typeWeights: {}, minWeight: 0 });
  t.throws(() => agg.addAccounts(['a'], []), /1 account ids for 0 nodes/);
  agg.addAccounts(['a'], [1]);
  t.throws(() => agg.addEvents('x', [0], [1, 1], [1], [1]), /different lengths/);
  t.throws(() => agg.addEvents('x', [5], [1], [1], [1]), /outside the account list/);
  t.throws(() => agg.addAccounts(['b'], [2]), /accounts after the first events/);
});

t.test('addColumns (projection chunks): node ids, a window, dropped types, counts, unknown nodes', async (t) => {
  const agg = new PairAggregator({ typeWeights: { spam: 0 }, minWeight: 0 });
  agg.addAccounts(['a', 'b', 'c'], [70, 12, 5]);
  const window = { from: 10, to: 100, timedOnly: false };
  agg.addColumns(['reply', 'spam'], {
    source: Float64Array.from([70, 70, 12, 12, 5, 70, 5]),
    target: Float64Array.from([12, 12, 70, 70, 70, 999, 12]),
    type: Int32Array.from([0, 0, 0, 1, 0, 0, 0]),
    weight: Float64Array.from([1, -2, 3, 4, 5, 6, 7]),
    ts: Float64Array.from([10, 99, 50, 50, 100, 20, NaN_]),
    count: Float64Array.from([1, 3, 1, 1, 1, 1, 1]),
  }, window);
  t.equal(agg.droppedEvents, 1, 'the event naming node 999 (not in the account list) is left out');
  t.same(pairTableRows(agg.finish()), [
    { source: 'a', target: 'b', positive: 1, negative: 2, count: 4, types: { reply: 4 }, firstTs: 10, lastTs: 99 },
    { source: 'b', target: 'a', positive: 3, negative: 0, count: 1, types: { reply: 1 }, firstTs: 50, lastTs: 50 },
  ], 'ts 100 is outside [10, 100), no timestamp is outside any bound, spam (weight 0) is dropped, a row counts its count');
});
