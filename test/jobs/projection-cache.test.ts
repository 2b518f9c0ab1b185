import t from 'tap';
import { PairTableBuilder, pairTableBytes, type PairTable } from '../../src/analysis/pair-table.js';
import { ProjectionCache, projectionParamsKey } from '../../src/jobs/projection-cache.js';
import type { ProjectionParams } from '../../src/store/port.js';

const params: ProjectionParams = { typeWeights: {}, from: null, to: null, minWeight: 0 };

function table(pairs: number): PairTable {
  const builder = new PairTableBuilder();
  for (let i = 0; i < pairs; i++) builder.add({ source: 'a', target: `b${i}`, positive: 1, negative: 0, count: 1, types: [], typeCounts: [], firstTs: null, lastTs: null });
  return builder.finish(['a', ...Array.from({ length: pairs }, (_, i) => `b${i}`)]);
}

t.test('hits only for the same graph, version and params; type weight order does not matter', async (t) => {
  const cache = new ProjectionCache(10 * 1024 * 1024);
  const x = table(10);
  t.ok(cache.set('g', 3, { ...params, typeWeights: { reply: 2, like: 1 } }, x));
  t.equal(cache.get('g', 3, { ...params, typeWeights: { like: 1, reply: 2 } }), x);
  t.equal(cache.get('g', 3, params), undefined, 'other type weights');
  t.equal(cache.get('g', 3, { ...params, typeWeights: { like: 1, reply: 2 }, minWeight: 1 }), undefined, 'other minWeight');
  t.equal(cache.get('h', 3, { ...params, typeWeights: { like: 1, reply: 2 } }), undefined, 'other graph');
  t.match(cache.stats(), { entries: 1, hits: 1, misses: 3 });
  t.equal(projectionParamsKey({ ...params, from: 5 }) === projectionParamsKey({ ...params, to: 5 }), false, 'from and to are told apart');
});

t.test('a newer version drops the older ones of that graph; invalidate drops them all', async (t) => {
  const cache = new ProjectionCache(10 * 1024 * 1024);
  cache.set('g', 1, params, table(5));
  cache.set('g', 1, { ...params, minWeight: 2 }, table(5));
  cache.set('other', 1, params, table(5));
  t.equal(cache.get('g', 2, params), undefined);
  t.equal(cache.stats().entries, 1, 'only the other graph is left');
  cache.set('g', 2, params, table(5));
  cache.invalidate('g');
  t.equal(cache.stats().entries, 1);
  t.ok(cache.get('other', 1, params));
});

t.test('least recently used go first when over budget; a table over the whole budget is not kept', async (t) => {
  const one = pairTableBytes(table(100));
  const cache = new ProjectionCache(Math.floor(2.5 * one));
  cache.set('a', 1, params, table(100));
  cache.set('b', 1, params, table(100));
  t.ok(cache.get('a', 1, params), 'a is now the most recently used');
  cache.set('c', 1, params, table(100));
  t.ok(cache.get('a', 1, params));
  t.equal(cache.get('b', 1, params), undefined, 'b was evicted');
  t.ok(cache.get('c', 1, params));
  t.ok(cache.stats().bytes <= cache.maxBytes);
  t.equal(cache.set('huge', 1, params, table(1000)), false);
  t.equal(new ProjectionCache(0).set('a', 1, params, table(1)), false, 'a zero budget keeps nothing');
  t.throws(() => new ProjectionCache(-1), /maxBytes/);
});
