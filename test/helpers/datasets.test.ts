import t from 'tap';
import { datasetsDir, loadGraphologyBench, toProjection } from './datasets.js';

t.test('datasetsDir throws a clear error when the datasets are missing', async (t) => {
  const saved = process.env.NICHEGRAPH_DATASETS_DIR;
  process.env.NICHEGRAPH_DATASETS_DIR = '/nonexistent/nichegraph-datasets';
  try {
    t.throws(() => datasetsDir(), /datasets directory not found at \/nonexistent\/nichegraph-datasets/);
  } finally {
    if (saved === undefined) delete process.env.NICHEGRAPH_DATASETS_DIR;
    else process.env.NICHEGRAPH_DATASETS_DIR = saved;
  }
  t.ok(datasetsDir().endsWith('datasets'));
});

t.test('toProjection aggregates pairs, splits signs and sorts', async (t) => {
  const projection = toProjection(
    [
      { source: 'b', target: 'a', weight: 2 },
      { source: 'a', target: 'b' },
      { source: 'b', target: 'a', weight: -3 },
      { source: 'c', target: 'a', weight: 1 },
    ],
    { accounts: ['d'], undirected: false },
  );
  t.same(projection.accounts, ['a', 'b', 'c', 'd']);
  t.same(projection.pairs, [
    { source: 'a', target: 'b', positive: 1, negative: 0, count: 1 },
    { source: 'b', target: 'a', positive: 2, negative: 3, count: 2 },
    { source: 'c', target: 'a', positive: 1, negative: 0, count: 1 },
  ]);
  const mutual = toProjection([{ source: 'x', target: 'y', weight: 2 }], { undirected: true });
  t.same(mutual.pairs, [
    { source: 'x', target: 'y', positive: 2, negative: 0, count: 1 },
    { source: 'y', target: 'x', positive: 2, negative: 0, count: 1 },
  ]);
});

t.test('graphology-bench graphs have the sizes the datasets README gives', async (t) => {
  t.equal(loadGraphologyBench('eurosis').length, 7524);
  t.equal(loadGraphologyBench('undirected1000').length, 9724);
});
