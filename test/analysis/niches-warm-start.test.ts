/**
 * findNiches' warm start (`initial`, `initialCommunity`; issue 12): a re-run started from an
 * earlier partition keeps its niches where the data did not change, still follows the data
 * where it did, and refuses labels of the wrong length.
 */
import t from 'tap';
import { analyseProjection } from '../../src/analysis/analyse.js';
import { buildCompactGraph } from '../../src/analysis/compact-graph.js';
import { findNiches, statusQuo, warmCommunities } from '../../src/analysis/niches.js';
import { generateConversationGraph } from '../../src/synthetic/conversation-graph.js';
import { generateEvolvingNiche } from '../../src/synthetic/evolving-niche.js';
import { sameIdShare, warmStart } from '../../scripts/quality/warm-start.js';
import { toProjection } from '../helpers/datasets.js';

t.test('a warm re-run with another seed keeps more accounts under their niche id than a cold one', async (t) => {
  const demo = generateConversationGraph({});
  const projection = toProjection(
    demo.interactions.map((i) => ({ source: i.source, target: i.target, weight: i.weight })),
    { accounts: demo.accounts.map((a) => a.id) },
  );
  const first = analyseProjection(projection, { seed: 42, topK: 5 });
  const cold = analyseProjection(projection, { seed: 4242, topK: 5 });
  const warm = analyseProjection(projection, { seed: 4242, topK: 5, ...warmStart(first) });
  const coldShare = sameIdShare(first, cold, projection.accounts);
  const warmShare = sameIdShare(first, warm, projection.accounts);
  // Measured (scripts/quality/warm-start.ts, seed 4242, runs 2): cold 91.7%, warm 98.6% (issue 12's target: 95%).
  t.ok(warmShare >= 0.98, `warm: ${(100 * warmShare).toFixed(1)}% under the same id`);
  t.ok(warmShare > coldShare, `warm ${(100 * warmShare).toFixed(1)}% > cold ${(100 * coldShare).toFixed(1)}%`);
  t.ok(Math.abs((warm.summary.nicheModularity ?? 0) - (cold.summary.nicheModularity ?? 0)) < 0.01, 'niche modularity about the same');
});

t.test('a warm start still follows the data: the planted niche that split is two niches', async (t) => {
  const evo = generateEvolvingNiche();
  const project = (events: typeof evo.before.interactions) =>
    toProjection(events.map((e) => ({ source: e.source, target: e.target, weight: e.weight })), { accounts: evo.accounts });
  const options = { seed: 42, topK: 3, runs: 3 };
  const first = analyseProjection(project(evo.before.interactions), options);
  t.equal(first.summary.niches, 1, 'first window: one niche');
  const second = analyseProjection(project(evo.after.interactions), { ...options, seed: 7, ...warmStart(first) });
  t.equal(second.summary.niches, 2, 'second window, started from one niche: two');
});

t.test('labels of the wrong length or type are refused', async (t) => {
  const graph = buildCompactGraph(toProjection([{ source: 'a', target: 'b' }, { source: 'b', target: 'c' }, { source: 'c', target: 'a' }]));
  t.throws(() => findNiches(graph, { seed: 1, initial: new Int32Array(2) }), /initial has 2 labels for 3 accounts/);
  t.throws(() => findNiches(graph, { seed: 1, initialCommunity: new Int32Array(4) }), /initialCommunity has 4 labels for 3 accounts/);
  t.throws(() => findNiches(graph, { seed: 1, initial: [0, 0, 0] as unknown as Int32Array }), /initial must be an Int32Array/);
  const h = findNiches(graph, { seed: 1, initial: Int32Array.from([0, -1, 0]), initialCommunity: Int32Array.from([-1, -1, -1]) });
  t.equal(h.nicheCount, 1, 'a triangle is one niche, whatever the start');
});

// Two triangles a-b-c and d-e-f joined by the tie c-d (node indices 0..5 in id order).
const twoTriangles = buildCompactGraph(
  toProjection([['a', 'b'], ['b', 'c'], ['c', 'a'], ['d', 'e'], ['e', 'f'], ['f', 'd'], ['c', 'd']].map(([source, target]) => ({ source: source as string, target: target as string }))),
).undirected;

/** statusQuo's inputs from runs given per node: agreement per tie entry and the cores (ties every run keeps together). */
function decide(runs: number[][], start: number[]): number[] {
  const { offsets, targets } = twoTriangles;
  const n = offsets.length - 1;
  const agreement = new Float64Array(targets.length);
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i] as number)));
  for (let i = 0; i < n; i++) {
    for (let e = offsets[i] as number; e < (offsets[i + 1] as number); e++) {
      const j = targets[e] as number;
      agreement[e] = runs.filter((r) => r[i] === r[j]).length / runs.length;
      if (agreement[e] === 1) parent[find(i)] = find(j);
    }
  }
  const ids = new Map<number, number>();
  const community = Int32Array.from({ length: n }, (_, i) => (ids.has(find(i)) ? (ids.get(find(i)) as number) : (ids.set(find(i), ids.size), ids.size - 1)));
  const labels = statusQuo(twoTriangles, agreement, { community, count: ids.size }, Int32Array.from(start));
  // As groups: the label of each node's group's first node, so that the figures read as partitions.
  return Array.from(labels, (l) => Array.from(labels).indexOf(l));
}

t.test('statusQuo: where warm runs disagree the start decides; what they all change is taken', async (t) => {
  const start = [0, 0, 0, 1, 1, 1];
  t.same(decide([[0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 1, 1], [0, 0, 0, 1, 1, 1]], start), [0, 0, 0, 3, 3, 3], 'one run of three moves c: c stays');
  t.same(decide([[0, 0, 1, 1, 1, 1], [0, 0, 1, 1, 1, 1], [0, 0, 1, 1, 1, 1]], start), [0, 0, 2, 2, 2, 2], 'every run moves c: c moves');
  t.same(decide([[0, 0, 0, 1, 1, 1], [0, 0, 0, 1, 1, 1], [0, 0, 0, 1, 1, 1]], [0, 0, 0, 0, 0, 0]), [0, 0, 0, 3, 3, 3], 'every run splits the niche: split');
  t.same(decide([[0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]], start), [0, 0, 0, 0, 0, 0], 'every run merges the two: merged');
  // Every run moves c to d-e-f, one also b: b is disputed and stays with a, and does not pull
  // a into c's new niche (cores of different start labels are joined only by unanimous ties).
  t.same(decide([[0, 1, 1, 1, 1, 1], [0, 0, 1, 1, 1, 1], [0, 0, 1, 1, 1, 1]], start), [0, 0, 2, 2, 2, 2], 'b stays, c moves, a stays');
});

t.test('warmCommunities: each node where it was; one without a community where most of its niche was, or alone', async (t) => {
  const start = warmCommunities(Int32Array.from([0, 0, -1, 1, -1, -1]), Int32Array.from([0, 0, 0, 1, 1, 2]));
  t.same(Array.from(start.subarray(0, 5)), [0, 0, 0, 1, 1]);
  t.ok((start[5] as number) > 1, 'a niche without any starting community starts a new one');
});
