import t from 'tap';
import { buildCompactGraph, inRows, type Csr } from '../../src/analysis/compact-graph.js';
import type { ProjectedPair, Projection } from '../../src/analysis/types.js';

function pair(source: string, target: string, positive: number, negative = 0): ProjectedPair {
  return { source, target, positive, negative, count: 1 };
}

function rows(csr: Csr, ids: readonly string[]): Record<string, Array<[string, number]>> {
  const out: Record<string, Array<[string, number]>> = {};
  for (let i = 0; i + 1 < csr.offsets.length; i++) {
    const row: Array<[string, number]> = [];
    for (let k = csr.offsets[i] as number; k < (csr.offsets[i + 1] as number); k++) {
      row.push([ids[csr.targets[k] as number] as string, csr.weights[k] as number]);
    }
    out[ids[i] as string] = row;
  }
  return out;
}

const projection: Projection = {
  accounts: ['a', 'b', 'c', 'd', 'e'],
  pairs: [
    pair('a', 'b', 2),
    pair('a', 'c', 1, 3),
    pair('b', 'a', 1),
    pair('c', 'a', 0, 2), // negative only: no adjacency
    pair('c', 'c', 5, 5), // self pair: ignored
    pair('d', 'c', 4),
  ],
};

t.test('builds directed and undirected positive CSR and strengths', async (t) => {
  const g = buildCompactGraph(projection);
  t.equal(g.order, 5);
  t.same(g.ids, ['a', 'b', 'c', 'd', 'e']);
  t.equal(g.index.get('d'), 3);
  t.same(rows(g.out, g.ids), { a: [['b', 2], ['c', 1]], b: [['a', 1]], c: [], d: [['c', 4]], e: [] });
  t.same(rows(g.undirected, g.ids), {
    a: [['b', 3], ['c', 1]],
    b: [['a', 3]],
    c: [['a', 1], ['d', 4]],
    d: [['c', 4]],
    e: [],
  });
  t.equal(g.undirectedEdges, 3);
  t.same([...g.positiveOutStrength], [3, 1, 0, 4, 0]);
  t.same([...g.positiveInStrength], [1, 2, 5, 0, 0]);
  t.same([...g.negativeInStrength], [2, 0, 3, 0, 0]);
  t.same([...g.weightedDegree], [4, 3, 5, 4, 0]);
});

t.test('the result does not depend on the order of accounts or pairs', async (t) => {
  const shuffled: Projection = {
    accounts: ['e', 'c', 'a', 'd', 'b'],
    pairs: [...projection.pairs].reverse(),
  };
  const a = buildCompactGraph(projection);
  const b = buildCompactGraph(shuffled);
  t.same(b.ids, a.ids);
  t.same(rows(b.out, b.ids), rows(a.out, a.ids));
  t.same(rows(b.undirected, b.ids), rows(a.undirected, a.ids));
  t.same([...b.negativeInStrength], [...a.negativeInStrength]);
});

t.test('rejects malformed projections with a clear message', async (t) => {
  t.throws(() => buildCompactGraph({ accounts: ['a', 'b', 'a'], pairs: [] }), /account 'a' is listed twice/);
  t.throws(() => buildCompactGraph({ accounts: ['a'], pairs: [pair('a', 'x', 1)] }), /pairs\[0\]\.target 'x' is not in projection\.accounts/);
  t.throws(() => buildCompactGraph({ accounts: ['a', 'b'], pairs: [pair('a', 'b', -1)] }), /pairs\[0\]\.positive must be a finite number >= 0/);
  t.throws(() => buildCompactGraph({ accounts: ['a', 'b'], pairs: [pair('a', 'b', 1, Number.NaN)] }), /pairs\[0\]\.negative/);
  t.throws(
    () => buildCompactGraph({ accounts: ['a', 'b', 'c'], pairs: [pair('a', 'b', 1), pair('b', 'c', 1), pair('a', 'b', 0, 1)] }),
    /the pair 'a' -> 'b' appears twice/,
  );
});

t.test('an empty projection gives an empty graph', async (t) => {
  const g = buildCompactGraph({ accounts: [], pairs: [] });
  t.equal(g.order, 0);
  t.equal(g.undirectedEdges, 0);
  t.same([...g.out.offsets], [0]);
});

t.test('inRows: computed once per CSR object, and right for each', async (t) => {
  const a: Csr = { offsets: Int32Array.from([0, 2, 3, 3]), targets: Int32Array.from([1, 2, 2]), weights: Float64Array.from([1, 2, 3]) };
  const b: Csr = { offsets: Int32Array.from([0, 1, 1, 2]), targets: Int32Array.from([2, 0]), weights: Float64Array.from([4, 5]) };
  const first = inRows(3, a);
  t.equal(inRows(3, a), first, 'the same arrays for the same CSR');
  t.same([Array.from(first.offsets), Array.from(first.sources), Array.from(first.slots)], [[0, 0, 1, 3], [0, 0, 1], [0, 1, 2]]);
  const other = inRows(3, b);
  t.not(other, first);
  t.same([Array.from(other.offsets), Array.from(other.sources), Array.from(other.slots)], [[0, 1, 1, 2], [2, 0], [1, 0]]);
});

t.test('a placement (e.g. into shared memory) keeps the same graph, with the placed arrays and in-rows', async (t) => {
  const plain = buildCompactGraph(projection);
  const toShared = <T extends Int32Array | Float64Array>(a: T): T => {
    const copy = new (a.constructor as new (b: SharedArrayBuffer) => T)(new SharedArrayBuffer(a.byteLength));
    copy.set(a as never);
    return copy;
  };
  const placed = buildCompactGraph(projection, toShared);
  const arrays = { out: placed.out, undirected: placed.undirected };
  for (const [name, csr] of Object.entries(arrays)) {
    t.ok([csr.offsets, csr.targets, csr.weights].every((a) => a.buffer instanceof SharedArrayBuffer), `${name} placed`);
  }
  t.ok(placed.outCounts.buffer instanceof SharedArrayBuffer, 'outCounts placed');
  t.same(rows(placed.out, placed.ids), rows(plain.out, plain.ids), 'same out-rows');
  t.same(rows(placed.undirected, placed.ids), rows(plain.undirected, plain.ids), 'same undirected rows');
  t.same([...placed.outCounts], [...plain.outCounts]);
  const inPlaced = inRows(placed.order, placed.out);
  const inPlain = inRows(plain.order, plain.out);
  t.ok([inPlaced.offsets, inPlaced.sources, inPlaced.slots].every((a) => a.buffer instanceof SharedArrayBuffer), 'the in-rows of out placed too');
  t.same([[...inPlaced.offsets], [...inPlaced.sources], [...inPlaced.slots]], [[...inPlain.offsets], [...inPlain.sources], [...inPlain.slots]], 'same in-rows');
});
