/**
 * Harmonic closeness on the CSR. graphology-metrics 2.4.2 (the installed version) has no
 * harmonic option on `centrality/closeness` (only `wassermanFaust`), so the reference here
 * is computed independently: all-pairs distances by Floyd-Warshall on an adjacency matrix
 * built from the projection pairs, then sum of 1/d. Checked on the karate club, on a hand
 * graph whose values are worked out below, and on error handling.
 */
import t from 'tap';
import { buildCompactGraph } from '../../../src/analysis/compact-graph.js';
import { harmonicCloseness } from '../../../src/analysis/centrality/harmonic-closeness.js';
import { loadKarateClub, toProjection, type Edge } from '../../helpers/datasets.js';
import type { Projection } from '../../../src/analysis/types.js';

/** Reference from the projection itself (not from the CSR): Floyd-Warshall over positive ties, either direction. */
function floydHarmonic(p: Projection): Map<string, number> {
  const ids = p.accounts;
  const n = ids.length;
  const at = new Map(ids.map((id, i) => [id, i]));
  const d: number[][] = ids.map((_, i) => ids.map((__, j) => (i === j ? 0 : Infinity)));
  for (const pair of p.pairs) {
    if (pair.positive > 0 && pair.source !== pair.target) {
      const i = at.get(pair.source) as number;
      const j = at.get(pair.target) as number;
      (d[i] as number[])[j] = 1;
      (d[j] as number[])[i] = 1;
    }
  }
  for (let k = 0; k < n; k++)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const via = (d[i] as number[])[k]! + (d[k] as number[])[j]!;
        if (via < (d[i] as number[])[j]!) (d[i] as number[])[j] = via;
      }
  const out = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) if (i !== j && Number.isFinite((d[i] as number[])[j])) s += 1 / (d[i] as number[])[j]!;
    out.set(ids[i] as string, s);
  }
  return out;
}

const hand: Edge[] = [
  { source: 'a', target: 'b' },
  { source: 'c', target: 'b' }, // direction does not matter
  { source: 'c', target: 'd', weight: 2 }, // nor does weight
  { source: 'd', target: 'z', weight: -3 }, // a dispute is no path
];

t.test('hand graph: path a-b-c-d and an account reached only by a dispute', async (t) => {
  const g = buildCompactGraph(toProjection(hand));
  const order = ['a', 'b', 'c', 'd', 'z'];
  const raw = harmonicCloseness(g);
  const expected = [1 + 1 / 2 + 1 / 3, 1 + 1 + 1 / 2, 1 + 1 + 1 / 2, 1 + 1 / 2 + 1 / 3, 0];
  order.forEach((id, k) => t.ok(Math.abs((raw[g.index.get(id) as number] as number) - (expected[k] as number)) < 1e-12, `${id}`));
  const norm = harmonicCloseness(g, { normalized: true });
  order.forEach((id, k) => t.ok(Math.abs((norm[g.index.get(id) as number] as number) - (expected[k] as number) / 4) < 1e-12, `${id} normalised`));
});

t.test('karate club matches Floyd-Warshall distances', async (t) => {
  const p = toProjection(loadKarateClub().edges);
  const g = buildCompactGraph(p);
  const ref = floydHarmonic(p);
  const ours = harmonicCloseness(g);
  const ourNorm = harmonicCloseness(g, { normalized: true });
  let worst = 0;
  for (const [id, value] of ref) {
    const i = g.index.get(id) as number;
    worst = Math.max(worst, Math.abs((ours[i] as number) - value), Math.abs((ourNorm[i] as number) - value / (g.order - 1)));
  }
  t.ok(worst < 1e-12, `max abs difference ${worst}`);
  // The club's two leaders (instructor '0' and administrator '33', 0-based ids of the GML) rank on top.
  const ourTop = g.ids.map((id, i) => [id, ours[i] as number] as const).sort((x, y) => y[1] - x[1]).slice(0, 2).map(([id]) => id);
  t.same(ourTop, ['33', '0']);
  t.ok(Math.abs((ours[g.index.get('33') as number] as number) - 23.25) < 1e-9, 'harmonic closeness of 33 is 23.25');
});

t.test('edge cases and validation', async (t) => {
  t.same(Array.from(harmonicCloseness(buildCompactGraph({ accounts: [], pairs: [] }))), []);
  t.same(Array.from(harmonicCloseness(buildCompactGraph({ accounts: ['x'], pairs: [] }), { normalized: true })), [0]);
  t.throws(() => harmonicCloseness(null as never), /nichegraph\/analysis\/centrality\/harmonic-closeness/);
  t.throws(
    () => harmonicCloseness(buildCompactGraph({ accounts: ['x'], pairs: [] }), { normalized: 'yes' as never }),
    /nichegraph\/analysis\/centrality\/harmonic-closeness: normalized/,
  );
});
