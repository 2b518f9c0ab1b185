import t from 'tap';
import { newGraph, openStore, ix, uid } from './helpers.js';
import type { ProjectionParams } from '../../src/store/port.js';
import type { ProjectedPair } from '../../src/analysis/types.js';
import { pairTableRows } from '../../src/analysis/pair-table.js';

const { store } = await openStore(t);
const base: ProjectionParams = { typeWeights: {}, from: null, to: null, minWeight: 0 };
/** The weights and count of a pair, without the per-type counts and timestamps. */
/** A projection with its rows as objects, for readable assertions. */
async function projectRows(graphId: string, params: ProjectionParams) {
  const p = await store.project(graphId, params);
  return p && { version: p.version, accounts: p.table.accounts, pairs: pairTableRows(p.table) };
}
const core = (pairs: ProjectedPair[] | undefined) => pairs?.map(({ source, target, positive, negative, count }) => ({ source, target, positive, negative, count }));

t.test('unknown graph answers null', async (t) => {
  t.equal(await store.project(uid('nope'), base), null);
});

t.test('aggregation, type weights, negatives, minWeight, window, order', async (t) => {
  const g = await newGraph(t, store, 'proj');
  const T = 1_700_000_000_000;
  await store.ingest(g, {
    interactions: [
      ix('b', 'a', { type: 'reply', weight: 1, timestamp: T }),
      ix('b', 'a', { type: 'reply', weight: 2, timestamp: T + 10 }),
      ix('b', 'a', { type: 'like', weight: 1, timestamp: T + 20 }),
      ix('b', 'a', { type: 'complaint', weight: -3, timestamp: T + 30 }),
      ix('a', 'b', { type: 'reply', weight: 1, timestamp: null }),
      ix('a', 'c', { type: 'like', weight: 1, timestamp: T + 40 }),
      ix('c', 'a', { type: 'spam', weight: 5, timestamp: T + 50 }),
      ix('Z', 'a', { type: 'reply', weight: 0.25, timestamp: T + 60 }),
    ],
    accounts: [{ id: 'lonely', properties: {} }],
  });

  const all = await projectRows(g, base);
  t.same(all?.accounts, ['Z', 'a', 'b', 'c', 'lonely'], 'every account, code-unit order (Z < a)');
  t.same(
    all?.pairs.find((p) => p.source === 'b' && p.target === 'a'),
    { source: 'b', target: 'a', positive: 4, negative: 3, count: 4, types: { complaint: 1, like: 1, reply: 2 }, firstTs: T, lastTs: T + 30 },
    'events per type, first and last timestamp',
  );
  t.match(all?.pairs.find((p) => p.source === 'a' && p.target === 'b'), { types: { reply: 1 }, firstTs: null, lastTs: null }, 'no timestamp: null');
  t.same(
    core(all?.pairs),
    [
      { source: 'Z', target: 'a', positive: 0.25, negative: 0, count: 1 },
      { source: 'a', target: 'b', positive: 1, negative: 0, count: 1 },
      { source: 'a', target: 'c', positive: 1, negative: 0, count: 1 },
      { source: 'b', target: 'a', positive: 4, negative: 3, count: 4 },
      { source: 'c', target: 'a', positive: 5, negative: 0, count: 1 },
    ],
    'pairs sorted by (source, target), positive and negative apart',
  );

  const weighted = await projectRows(g, { ...base, typeWeights: { like: 0.5, spam: 0, complaint: 2 } });
  t.same(
    core(weighted?.pairs),
    [
      { source: 'Z', target: 'a', positive: 0.25, negative: 0, count: 1 },
      { source: 'a', target: 'b', positive: 1, negative: 0, count: 1 },
      { source: 'a', target: 'c', positive: 0.5, negative: 0, count: 1 },
      { source: 'b', target: 'a', positive: 3.5, negative: 6, count: 4 },
    ],
    'listed types multiplied, unlisted kept, weight 0 drops the type (c -> a is gone)',
  );
  t.same(weighted?.accounts, all?.accounts, 'accounts do not depend on the parameters');

  const negativeType = await projectRows(g, { ...base, typeWeights: { like: -1 } });
  t.same(
    core(negativeType?.pairs)?.find((p) => p.source === 'a' && p.target === 'c'),
    { source: 'a', target: 'c', positive: 0, negative: 1, count: 1 },
    'a negative type weight turns the interaction negative',
  );

  const strong = await projectRows(g, { ...base, minWeight: 1 });
  t.same(
    strong?.pairs.map((p) => `${p.source}>${p.target}`),
    ['a>b', 'a>c', 'b>a', 'c>a'],
    'minWeight drops Z -> a (0.25 < 1); positive + negative counts',
  );
  const onlyNegativeHelps = await projectRows(g, { ...base, minWeight: 7 });
  t.same(onlyNegativeHelps?.pairs.map((p) => `${p.source}>${p.target}`), ['b>a'], 'b -> a: 4 + 3 >= 7');

  const window = await projectRows(g, { ...base, from: T + 10, to: T + 40 });
  t.same(
    core(window?.pairs),
    [{ source: 'b', target: 'a', positive: 3, negative: 3, count: 3 }],
    '[from, to): T+10, T+20, T+30 kept; T excluded; T+40 excluded; no timestamp excluded',
  );
  const fromOnly = await projectRows(g, { ...base, from: T + 40 });
  t.same(fromOnly?.pairs.map((p) => `${p.source}>${p.target}`), ['Z>a', 'a>c', 'c>a'], 'from only');
  const toOnly = await projectRows(g, { ...base, to: T + 1 });
  t.same(toOnly?.pairs.map((p) => `${p.source}>${p.target}`), ['b>a'], 'to only (a -> b has no timestamp)');
  t.same(window?.accounts, all?.accounts, 'accounts are all accounts, even outside the window');
});

t.test('small records (several account chunks and event batches) project the same table', async (t) => {
  const { store: small } = await openStore(t, { projectionIdsPerRecord: 2, projectionEventsPerRecord: 1 });
  const g = await newGraph(t, store, 'batches');
  const T = 1_700_000_000_000;
  const interactions = Array.from({ length: 60 }, (_, k) =>
    ix(`u${k % 7}`, `u${(k * 3 + 1) % 9}`, { type: ['reply', 'like', 'share'][k % 3], weight: k % 5 === 0 ? -1 : 1 + (k % 4), timestamp: k % 6 === 0 ? null : T + k }),
  );
  await store.ingest(g, { interactions, accounts: [{ id: 'isolated', properties: {} }] });
  for (const params of [base, { ...base, typeWeights: { like: 0, share: 2 }, minWeight: 3 }, { ...base, from: T + 10, to: T + 50 }]) {
    const expected = await projectRows(g, params);
    const p = await small.project(g, params);
    t.same(p && { version: p.version, accounts: p.table.accounts, pairs: pairTableRows(p.table) }, expected, JSON.stringify(params));
  }
  const all = await projectRows(g, base);
  t.equal(all?.pairs.reduce((n, p) => n + p.count, 0), 60, 'every event counted once');
  t.equal(all?.accounts.length, new Set([...interactions.flatMap((i) => [i.source, i.target]), 'isolated']).size);
});

t.test('empty graph', async (t) => {
  const g = await newGraph(t, store, 'empty');
  t.same(await projectRows(g, base), { version: 0, accounts: [], pairs: [] });
});

t.test('ids with non-ASCII characters sort by code unit', async (t) => {
  const g = await newGraph(t, store, 'uni');
  await store.ingest(g, {
    interactions: [ix('é', 'b'), ix('z', 'b'), ix('E', 'b'), ix('😀', 'b'), ix('\uffff', 'b')],
    accounts: [],
  });
  const p = await projectRows(g, base);
  const expected = ['E', 'b', 'z', 'é', '😀', '\uffff']; // surrogate pair (0xd83d) < 0xffff
  t.same(p?.accounts, expected);
  t.same(
    p?.pairs.map((x) => x.source),
    expected.filter((x) => x !== 'b'),
  );
});

t.test('every ingest raises the graph version; a projection reports the version it is at least as new as', async (t) => {
  t.equal(await store.graphVersion(uid('nope')), null, 'unknown graph: null');
  const g = await newGraph(t, store, 'version');
  t.equal(await store.graphVersion(g), 0, 'no ingest yet');
  t.equal((await store.project(g, base))?.version, 0);
  await store.ingest(g, { interactions: [ix('a', 'b')], accounts: [] });
  t.equal(await store.graphVersion(g), 1);
  // A replay that stores nothing still counts: the version only says "maybe changed".
  await store.ingest(g, { interactions: [], accounts: [{ id: 'c', properties: {} }] });
  const v = await store.graphVersion(g);
  t.equal(v, 2);
  const p = await store.project(g, base);
  t.equal(p?.version, 2);
  t.same(p?.table.accounts, ['a', 'b', 'c']);
  t.equal(p?.table.size, 1);
});
