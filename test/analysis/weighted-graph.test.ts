/**
 * contract (src/analysis/weighted-graph.ts): the contracted graph is the one a plain
 * group-by-group merge builds, bit for bit: rows sorted by target, each weight summed over the
 * group's members in node order and over their rows in order (fractional weights, so a
 * different order of the additions would show), loops and sizes carried.
 */
import t from 'tap';
import type { Csr } from '../../src/analysis/compact-graph.js';
import { accountGraph, contract, type WeightedGraph } from '../../src/analysis/weighted-graph.js';
import { createRng } from '../../src/analysis/random.js';

/** A random undirected graph (both directions stored, rows sorted) with fractional weights. */
function randomGraph(n: number, ties: number, seed: number): Csr {
  const rng = createRng(seed);
  const pair = new Map<number, number>();
  for (let k = 0; k < ties; k++) {
    const a = Math.floor(rng() * n);
    const b = Math.floor(rng() * n);
    if (a === b) continue;
    pair.set(Math.min(a, b) * n + Math.max(a, b), 0.1 + rng() * 3);
  }
  const rows: Array<Array<[number, number]>> = Array.from({ length: n }, () => []);
  for (const [key, w] of pair) {
    const a = Math.floor(key / n);
    const b = key - a * n;
    rows[a]!.push([b, w]);
    rows[b]!.push([a, w]);
  }
  const offsets = new Int32Array(n + 1);
  const targets: number[] = [];
  const weights: number[] = [];
  rows.forEach((row, i) => {
    row.sort((x, y) => x[0] - y[0]);
    for (const [j, w] of row) {
      targets.push(j);
      weights.push(w);
    }
    offsets[i + 1] = targets.length;
  });
  return { offsets, targets: Int32Array.from(targets), weights: Float64Array.from(weights) };
}

/** The reference: group by group, members in node order, a Map per merged row. */
function plainContract(g: WeightedGraph, labels: Int32Array, count: number): WeightedGraph {
  const n = labels.length;
  const loops = new Float64Array(count);
  const size = new Float64Array(count);
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    size[c] = size[c]! + g.size[i]!;
    loops[c] = loops[c]! + g.loops[i]!;
  }
  const offsets = new Int32Array(count + 1);
  const targets: number[] = [];
  const weights: number[] = [];
  for (let c = 0; c < count; c++) {
    const row = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      if (labels[i] !== c) continue;
      for (let e = g.csr.offsets[i]!; e < g.csr.offsets[i + 1]!; e++) {
        const d = labels[g.csr.targets[e]!]!;
        if (d === c) loops[c] = loops[c]! + g.csr.weights[e]!;
        else row.set(d, (row.get(d) ?? 0) + g.csr.weights[e]!);
      }
    }
    for (const d of [...row.keys()].sort((a, b) => a - b)) {
      targets.push(d);
      weights.push(row.get(d)!);
    }
    offsets[c + 1] = targets.length;
  }
  return { csr: { offsets, targets: Int32Array.from(targets), weights: Float64Array.from(weights) }, loops, size };
}

t.test('contract: the plain merge, bit for bit, at every grouping (short and long rows, twice contracted)', async (t) => {
  for (const [n, ties, groups, seed] of [[200, 800, 37, 1], [300, 3000, 5, 2], [120, 2000, 60, 3], [50, 100, 50, 4]] as const) {
    const g = accountGraph(randomGraph(n, ties, seed));
    const rng = createRng(seed + 10);
    // Labels 0 .. groups - 1, each used, in no particular order.
    const labels = Int32Array.from({ length: n }, (_, i) => (i < groups ? groups - 1 - i : Math.floor(rng() * groups)));
    const got = contract(g, labels, groups);
    t.same(got, plainContract(g, labels, groups), `n ${n}, ${groups} groups`);
    // Contracting the contracted graph again (loops and sizes carried).
    const again = Int32Array.from({ length: groups }, (_, c) => c % 3);
    t.same(contract(got, again, 3), plainContract(got, again, 3), `n ${n}, then 3 groups`);
  }
});
