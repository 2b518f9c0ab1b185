import t from 'tap';
import { buildCompactGraph } from '../../src/analysis/compact-graph.js';
import { pairTableFromProjection } from '../../src/analysis/pair-table.js';
import { eventsPerDay, nicheActivity, nicheProfiles } from '../../src/analysis/niche-profile.js';
import { tieStrength } from '../../src/analysis/tie-strength.js';
import type { Projection } from '../../src/analysis/types.js';

const DAY = 86_400_000;
// Niche 0 = a, b, c; niche 1 = d. a <-> b replies, c -> a mentions, c -> d (crosses).
const projection: Projection = {
  accounts: ['a', 'b', 'c', 'd'],
  pairs: [
    { source: 'a', target: 'b', positive: 2, negative: 0, count: 2, types: { reply: 2 }, firstTs: 0, lastTs: DAY },
    { source: 'b', target: 'a', positive: 1, negative: 0, count: 1, types: { reply: 1 }, firstTs: 2 * DAY, lastTs: 2 * DAY },
    { source: 'c', target: 'a', positive: 1, negative: 0, count: 1, types: { mention: 1 }, firstTs: null, lastTs: null },
    { source: 'c', target: 'd', positive: 5, negative: 0, count: 5, types: { share: 5 }, firstTs: 10 * DAY, lastTs: 20 * DAY },
  ],
};
const graph = buildCompactGraph(projection);
const community = Int32Array.from([0, 0, 0, 1]);

t.test('activity and dominant types count internal events only', async (t) => {
  const a = nicheActivity(pairTableFromProjection(projection), community, 2);
  t.same([...a.events], [4, 0]);
  t.same([a.firstTs[0], a.lastTs[0]], [0, 2 * DAY]);
  t.ok(Number.isNaN(a.firstTs[1] as number), 'no internal event in niche 1');
  t.same(a.dominantTypes[0], [
    { type: 'reply', share: 3 / 4 },
    { type: 'mention', share: 1 / 4 },
  ]);
  t.same(a.dominantTypes[1], []);
  t.equal(eventsPerDay(4, 0, 2 * DAY), 2);
  t.equal(eventsPerDay(4, 0, 0), 4, 'at least one day');
  t.equal(eventsPerDay(4, Number.NaN, Number.NaN), 0);
});

t.test('pairs without type counts count as "unknown"', async (t) => {
  const a = nicheActivity(pairTableFromProjection({ accounts: projection.accounts, pairs: [{ source: 'a', target: 'b', positive: 1, negative: 0, count: 3 }] }), community, 2);
  t.same(a.dominantTypes[0], [{ type: 'unknown', share: 1 }]);
});

t.test('niche reciprocity and where a bridge leads', async (t) => {
  const ties = tieStrength(graph, community);
  const p = nicheProfiles(graph, community, 2, ties.reciprocalWeight);
  // Internal pairs: a-b (2 and 1: 2 * 1 returned of 3), a-c (one-way 1): 2 / 4.
  t.equal(p.reciprocity[0], 2 / 4);
  t.same(p.reachedGroups(graph.index.get('c') as number, 3), [1]);
  t.same(p.reachedGroups(graph.index.get('a') as number, 3), []);
});
