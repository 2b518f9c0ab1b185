import t, { type Test } from 'tap';
import { buildCompactGraph } from '../../src/analysis/compact-graph.js';
import { nicheMetrics } from '../../src/analysis/niche-metrics.js';
import { toProjection } from '../helpers/datasets.js';

/**
 * Undirected positive weights: a-b 2 (given as a->b 1 and b->a 1), b-c 1, c-d 3,
 * d-e 2, e-g 1, g-h 1; f has no tie. Niches: {a,b,c}, {d,e}, {g,h}, {f}.
 * Weighted degrees: a 2, b 3, c 4, d 5, e 3, g 2, h 1, f 0; total volume 20.
 */
const projection = toProjection(
  [
    { source: 'a', target: 'b', weight: 1 },
    { source: 'b', target: 'a', weight: 1 },
    { source: 'b', target: 'c', weight: 1 },
    { source: 'd', target: 'c', weight: 3 },
    { source: 'd', target: 'e', weight: 2 },
    { source: 'e', target: 'g', weight: 1 },
    { source: 'h', target: 'g', weight: 1 },
    { source: 'f', target: 'a', weight: -4 }, // negative: not a tie
  ],
  { accounts: ['f'] },
);
const g = buildCompactGraph(projection);
const labels: Record<string, number> = { a: 0, b: 0, c: 0, d: 1, e: 1, g: 2, h: 2, f: 3 };
const community = Int32Array.from(g.ids, (id) => labels[id] as number);

function close(t: Test, actual: number, expected: number, message: string): void {
  t.ok(Math.abs(actual - expected) < 1e-12, `${message}: ${actual} vs ${expected}`);
}

t.test('size, density and conductance by hand', async (t) => {
  const m = nicheMetrics(g, community, 4);
  t.same([...m.size], [3, 2, 2, 1]);
  // {a,b,c}: internal pairs a-b, b-c of 3 possible; cut c-d = 3; vol 9 vs 11.
  close(t, m.density[0] as number, 2 / 3, 'density {a,b,c}');
  close(t, m.conductance[0] as number, 3 / 9, 'conductance {a,b,c}');
  // {d,e}: cut c-d + e-g = 4; vol 8 vs 12.
  close(t, m.density[1] as number, 1, 'density {d,e}');
  close(t, m.conductance[1] as number, 4 / 8, 'conductance {d,e}');
  // {g,h}: cut e-g = 1; vol 3 vs 17.
  close(t, m.conductance[2] as number, 1 / 3, 'conductance {g,h}');
  // {f}: a niche of one without ties.
  t.equal(m.density[3], 0);
  t.equal(m.conductance[3], 0);
});

t.test('internal share per member', async (t) => {
  const m = nicheMetrics(g, community, 4);
  const expected: Record<string, number> = { a: 1, b: 1, c: 1 / 4, d: 2 / 5, e: 2 / 3, g: 1 / 2, h: 1, f: 0 };
  for (const [id, share] of Object.entries(expected)) close(t, m.internalShare[g.index.get(id) as number] as number, share, id);
});

t.test('conductance uses the smaller side: a big niche against a small rest', async (t) => {
  // {a..e, g} against {h}: cut g-h = 1, vol(rest) = 1 < vol(niche) = 19.
  const two = Int32Array.from(g.ids, (id) => (id === 'h' ? 1 : 0));
  const m = nicheMetrics(g, two, 2);
  close(t, m.conductance[0] as number, 1, 'big side');
  close(t, m.conductance[1] as number, 1, 'small side');
});

t.test('one niche holding everything has conductance 0', async (t) => {
  const m = nicheMetrics(g, new Int32Array(g.order), 1);
  t.equal(m.conductance[0], 0);
  close(t, m.density[0] as number, 6 / 28, 'density over 8 accounts');
});

t.test('rejects labels that do not fit', async (t) => {
  t.throws(() => nicheMetrics(g, new Int32Array(3), 1), /3 labels for 8 accounts/);
  t.throws(() => nicheMetrics(g, new Int32Array(g.order).fill(5), 2), /outside/);
});
