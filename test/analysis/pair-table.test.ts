import t from 'tap';
import { PairTableBuilder, pairTableBytes, pairTableFromProjection, pairTableRows, type PairRow } from '../../src/analysis/pair-table.js';

const row = (source: string, target: string, positive: number, extra: Partial<PairRow> = {}): PairRow => ({
  source,
  target,
  positive,
  negative: 0,
  count: 1,
  types: ['reply'],
  typeCounts: [1],
  firstTs: null,
  lastTs: null,
  ...extra,
});

t.test('rows come out sorted by (source, target) with accounts in code-unit order, whatever the input order', async (t) => {
  const rows = [
    row('b', 'a', 1),
    row('a', 'c', 2, { types: ['like', 'reply'], typeCounts: [2, 3], count: 5, firstTs: 10, lastTs: 20 }),
    row('Z', 'a', 3),
    row('a', 'b', 4, { negative: 1 }),
  ];
  const forward = new PairTableBuilder();
  for (const r of rows) forward.add(r);
  const backward = new PairTableBuilder();
  for (const r of [...rows].reverse()) backward.add(r);
  const accounts = ['c', 'lonely', 'b', 'a', 'Z'];
  const a = forward.finish(accounts);
  const b = backward.finish([...accounts].reverse());
  t.same(a.accounts, ['Z', 'a', 'b', 'c', 'lonely']);
  t.same(
    pairTableRows(a).map((p) => `${p.source}>${p.target}`),
    ['Z>a', 'a>b', 'a>c', 'b>a'],
  );
  t.same(pairTableRows(b), pairTableRows(a), 'same table from either order');
  t.same(pairTableRows(a)[2], { source: 'a', target: 'c', positive: 2, negative: 0, count: 5, types: { like: 2, reply: 3 }, firstTs: 10, lastTs: 20 });
  t.equal(pairTableRows(a)[0]?.firstTs, null, 'no timestamp: null (NaN in the column)');
  t.ok(Number.isNaN(a.firstTs[0] as number));
});

t.test('columns live in shared memory, so a worker gets them without a copy', async (t) => {
  const builder = new PairTableBuilder();
  builder.add(row('a', 'b', 1));
  const table = builder.finish(['a', 'b']);
  for (const column of [table.source, table.target, table.positive, table.negative, table.count, table.firstTs, table.lastTs, table.typeOffsets, table.typeIds, table.typeCounts]) {
    t.ok(column.buffer instanceof SharedArrayBuffer);
  }
  t.ok(pairTableBytes(table) > 0);
  const { port1, port2 } = new MessageChannel();
  const received = new Promise<typeof table>((resolve) => port2.once('message', resolve));
  port1.postMessage(table);
  const copy = await received;
  port1.close();
  port2.close();
  copy.positive[0] = 42;
  t.equal(table.positive[0], 42, 'the posted table shares its memory with the original');
});

t.test('grows past its initial capacity and keeps type counts aligned', async (t) => {
  const builder = new PairTableBuilder();
  const n = 5000;
  for (let i = n - 1; i >= 0; i--) builder.add(row(`s${i}`, `t${i}`, i + 1, { types: i % 2 ? ['a', 'b'] : ['c'], typeCounts: i % 2 ? [i, 1] : [i] }));
  const accounts = Array.from({ length: n }, (_, i) => [`s${i}`, `t${i}`]).flat();
  const table = builder.finish(accounts);
  t.equal(table.size, n);
  const rows = pairTableRows(table);
  for (const p of rows) {
    const i = Number(p.source.slice(1));
    if (p.target !== `t${i}` || p.positive !== i + 1) t.fail(`row ${p.source} misaligned`);
    const expected = i % 2 ? { a: i, b: 1 } : { c: i };
    if (JSON.stringify(p.types) !== JSON.stringify(expected)) t.fail(`types of ${p.source} misaligned`);
  }
  t.pass('all rows aligned');
});

t.test('rejects what a projection may not contain, naming the row', async (t) => {
  const dup = new PairTableBuilder();
  dup.add(row('a', 'b', 1));
  dup.add(row('a', 'b', 2));
  t.throws(() => dup.finish(['a', 'b']), /the pair 'a' -> 'b' appears twice in pairs/);
  const missing = new PairTableBuilder();
  missing.add(row('a', 'b', 1));
  missing.add(row('a', 'x', 1));
  t.throws(() => missing.finish(['a', 'b']), /pairs\[1\]\.target 'x' is not in accounts/);
  t.throws(() => new PairTableBuilder().finish(['a', 'a']), /account 'a' is listed twice/);
  t.throws(() => pairTableFromProjection({ accounts: ['a', 'b'], pairs: [{ source: 'a', target: 'b', positive: Number.POSITIVE_INFINITY, negative: 0, count: 1 }] }), /projection\.pairs\[0\]\.positive must be a finite number >= 0/);
  t.throws(() => pairTableFromProjection({ accounts: ['a'], pairs: [{ source: 'a', target: 7 as unknown as string, positive: 1, negative: 0, count: 1 }] }), /projection\.pairs\[0\]\.target is not a string/);
});

t.test('row objects convert with defaults: missing types count as "unknown", a bad count as 1 event', async (t) => {
  const table = pairTableFromProjection({ accounts: ['a', 'b'], pairs: [{ source: 'a', target: 'b', positive: 1, negative: 0, count: Number.NaN }] });
  t.same(pairTableRows(table), [{ source: 'a', target: 'b', positive: 1, negative: 0, count: 1, types: { unknown: 1 }, firstTs: null, lastTs: null }]);
  const empty = pairTableFromProjection({ accounts: [], pairs: [] });
  t.equal(empty.size, 0);
  t.equal(empty.typeOffsets.length, 1);
});

t.test('mergeDuplicates folds rows of the same pair; a builder is spent after finish', async (t) => {
  const builder = new PairTableBuilder();
  builder.add(row('a', 'b', 1, { types: ['reply'], typeCounts: [1], firstTs: 50, lastTs: 60 }));
  builder.add(row('b', 'a', 7));
  builder.add(row('a', 'b', 2, { negative: 3, count: 2, types: ['like', 'reply'], typeCounts: [1, 1], firstTs: 10, lastTs: 20 }));
  builder.add(row('a', 'b', 4, { types: [], typeCounts: [], firstTs: null, lastTs: 99 }));
  const table = builder.finish(['a', 'b'], undefined, { mergeDuplicates: true });
  t.same(pairTableRows(table), [
    { source: 'a', target: 'b', positive: 7, negative: 3, count: 4, types: { reply: 2, like: 1 }, firstTs: 10, lastTs: 99 },
    { source: 'b', target: 'a', positive: 7, negative: 0, count: 1, types: { reply: 1 }, firstTs: null, lastTs: null },
  ]);
  t.equal(table.source.length, 2, 'columns sized to the distinct pairs');
  t.throws(() => builder.finish(['a', 'b']), /already called/);
  t.throws(() => builder.add(row('a', 'b', 1)), /after finish/);
});
