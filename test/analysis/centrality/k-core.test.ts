/**
 * Core numbers against the definition, computed independently by repeated peeling
 * (for k = 1, 2, ...: remove every account with fewer than k remaining neighbours until
 * none is left; an account's core number is the last k whose k-core still held it), on
 * the karate club and email-Eu-core; plus a graph small enough to check by hand.
 */
import t from 'tap';
import { buildCompactGraph, type CompactGraph } from '../../../src/analysis/compact-graph.js';
import { coreNumbers } from '../../../src/analysis/centrality/k-core.js';
import { loadEmailEuCore, loadKarateClub, toProjection } from '../../helpers/datasets.js';

function peeling(g: CompactGraph): Int32Array {
  const n = g.order;
  const alive = new Uint8Array(n).fill(1);
  const core = new Int32Array(n);
  const remaining = (i: number) => {
    let d = 0;
    for (let k = g.undirected.offsets[i] as number; k < (g.undirected.offsets[i + 1] as number); k++) d += alive[g.undirected.targets[k] as number] as number;
    return d;
  };
  for (let k = 1; alive.some((a) => a === 1); k++) {
    let removed = true;
    while (removed) {
      removed = false;
      for (let i = 0; i < n; i++) {
        if (alive[i] === 1 && remaining(i) < k) {
          alive[i] = 0;
          removed = true;
        }
      }
    }
    for (let i = 0; i < n; i++) if (alive[i] === 1) core[i] = k;
  }
  return core;
}

t.test('a triangle with a tail and an isolated account', async (t) => {
  const g = buildCompactGraph(
    toProjection([
      { source: 'a', target: 'b' },
      { source: 'b', target: 'c' },
      { source: 'c', target: 'a' },
      { source: 'c', target: 'd' },
    ], { accounts: ['z'] }),
  );
  const core = coreNumbers(g);
  t.same(['a', 'b', 'c', 'd', 'z'].map((id) => core[g.index.get(id) as number]), [2, 2, 2, 1, 0]);
});

for (const [name, edges] of [
  ['karate club', loadKarateClub().edges],
  ['email-Eu-core', loadEmailEuCore().edges],
] as const) {
  t.test(`core numbers match the peeling definition on ${name}`, async (t) => {
    const g = buildCompactGraph(toProjection(edges));
    const ours = coreNumbers(g);
    t.same(Array.from(ours), Array.from(peeling(g)));
    t.ok(Math.max(...ours) >= 4, `max core ${Math.max(...ours)}`);
  });
}
