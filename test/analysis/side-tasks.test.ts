/**
 * side-tasks.ts: a side task gives what the direct call gives (whole-graph PageRank, the

 * partition-free part of tie strength, the partition's figures, the roles), and tie strength from precomputed tie weights equals
 * tie strength computed in one go, for any partition.
 */
import t from 'tap';
import { buildCompactGraph } from '../../src/analysis/compact-graph.js';
import { communityPagerank, globalPagerank } from '../../src/analysis/pagerank.js';
import { createRng } from '../../src/analysis/random.js';
import { findNiches, findPartition, withFigures } from '../../src/analysis/niches.js';
import { inRows } from '../../src/analysis/compact-graph.js';
import { accountRoles, answeredContacts } from '../../src/analysis/roles.js';
import { pagerankOf, partitionFiguresOf, roleColumnsOf, runSideTask, sideInThisThread, tieWeightsOf, warmUpSide, type SideTask } from '../../src/analysis/side-tasks.js';
import { tieStrength, tieWeights, tieWeightsInput } from '../../src/analysis/tie-strength.js';
import { loadEmailEuCore, toProjection } from '../helpers/datasets.js';

const graph = buildCompactGraph(toProjection(loadEmailEuCore().edges));

t.test('a pagerank task is globalPagerank, a tie-weights task is tieWeights', async (t) => {
  t.same([...pagerankOf(runSideTask({ kind: 'pagerank', order: graph.order, csr: graph.out }))], [...globalPagerank(graph)]);
  const w = tieWeightsOf(runSideTask({ kind: 'tie-weights', input: tieWeightsInput(graph) }));
  const direct = tieWeights(tieWeightsInput(graph));
  t.same([...w.overlap], [...direct.overlap]);
  t.same([...w.inArc], [...direct.inArc]);
  t.ok(w.inArc.some((a) => a === 1) && w.inArc.some((a) => a === 0), 'one-way and two-way ties');
  // c -> a twice: the entry (a, c) records that c came back; (c, a) that a wrote once.
  const small = buildCompactGraph(toProjection([{ source: 'c', target: 'a' }, { source: 'c', target: 'a' }, { source: 'a', target: 'c' }, { source: 'b', target: 'a' }]));
  const sw = tieWeights(tieWeightsInput(small));
  const [a, b, c] = ['a', 'b', 'c'].map((x) => small.index.get(x) as number) as [number, number, number];
  const entry = (i: number, j: number): number => {
    for (let k = small.undirected.offsets[i] as number; k < (small.undirected.offsets[i + 1] as number); k++) if (small.undirected.targets[k] === j) return k;
    return -1;
  };
  t.same([sw.inArc[entry(a, c)], sw.inArc[entry(c, a)], sw.inArc[entry(a, b)], sw.inArc[entry(b, a)]], [2, 1, 1, 0]);
  t.same([sw.received[entry(a, c)], sw.received[entry(b, a)]], [2, 0]);
  t.ok(w.received.every((x, k) => (x > 0) === ((w.inArc[k] as number) > 0)), 'a received weight exactly where there is an in-arc');
  t.throws(() => pagerankOf(runSideTask({ kind: 'tie-weights', input: tieWeightsInput(graph) })), /expected a pagerank result/);
  t.throws(() => runSideTask({ kind: 'nope' } as unknown as SideTask), /unknown task kind/);
});

t.test('a community-pagerank task is communityPagerank', async (t) => {
  const rng = createRng(3);
  const community = Int32Array.from({ length: graph.order }, () => Math.floor(rng() * 5));
  const within = pagerankOf(runSideTask({ kind: 'community-pagerank', order: graph.order, csr: graph.out, community, count: 5 }));
  t.same([...within], [...communityPagerank(graph, community, 5)]);
  const sums = new Float64Array(5);
  for (let i = 0; i < graph.order; i++) sums[community[i] as number] = (sums[community[i] as number] as number) + (within[i] as number);
  t.ok(sums.every((x) => Math.abs(x - 1) < 1e-9), 'sums to 1 inside each group');
  t.throws(() => runSideTask({ kind: 'community-pagerank', order: graph.order, csr: graph.out, community: new Int32Array(3), count: 1 }), /community has 3 labels/);
});

t.test('a partition-figures task gives findNiches its figures; a roles task is accountRoles without the names', async (t) => {
  const found = findPartition(graph, { seed: 5 });
  const figures = partitionFiguresOf(runSideTask({ kind: 'partition-figures', input: found.figures }));
  const direct = findNiches(graph, { seed: 5 });
  t.same(withFigures(found.partition, figures), direct, 'the same hierarchy, figures included');
  t.ok(direct.summary.communityModularity > direct.summary.nicheModularity && direct.summary.nicheModularity > 0, 'two distinct modularities');
  t.ok(figures.confidence.some((c) => c < 1) && figures.stability.every((s) => s > 0 && s <= 1), 'real figures of two runs');
  const rows = inRows(graph.order, graph.out);
  const reciprocalWeight = tieWeights(tieWeightsInput(graph)).reciprocalWeight;
  const input = { order: graph.order, undirected: graph.undirected, out: graph.out, inOffsets: rows.offsets, inSources: rows.sources, community: direct.niche, count: direct.nicheCount };
  for (const [name, extra] of [['with the answered counts', { answered: answeredContacts(graph.undirected, reciprocalWeight) }], ['without', {}]] as const) {
    const columns = roleColumnsOf(runSideTask({ kind: 'roles', input: { ...input, ...extra } }));
    const roles = accountRoles(graph, direct.niche, direct.nicheCount, 'answered' in extra ? reciprocalWeight : undefined);
    t.same([...columns.roleIndex], [...roles.roleIndex], `${name}: same roles`);
    t.same([...columns.withinDegreeZ], [...roles.withinDegreeZ], `${name}: same z`);
    t.same([...columns.participation], [...roles.participation], `${name}: same participation`);
    t.same([...columns.answeredShare], [...roles.answeredShare], `${name}: same answered share`);
    t.notOk('role' in columns, 'no role names');
  }
  t.throws(() => roleColumnsOf(runSideTask({ kind: 'pagerank', order: graph.order, csr: graph.out })), /expected a roles result/);
  t.throws(() => partitionFiguresOf(runSideTask({ kind: 'pagerank', order: graph.order, csr: graph.out })), /expected a partition-figures result/);
});

t.test('tieStrength from precomputed tie weights equals tieStrength in one go, for several partitions', async (t) => {
  const weights = tieWeights(tieWeightsInput(graph));
  const rng = createRng(11);
  const partitions = [new Int32Array(graph.order), Int32Array.from({ length: graph.order }, (_, i) => i), Int32Array.from({ length: graph.order }, () => Math.floor(rng() * 7))];
  for (const p of partitions) {
    const one = tieStrength(graph, p);
    const two = tieStrength(graph, p, weights);
    t.same([...two.reciprocity], [...one.reciprocity]);
    t.same([...two.repeat], [...one.repeat]);
    t.same([...two.embeddedness], [...one.embeddedness]);
  }
  // Everyone alone: no in-niche tie, every figure 0.
  t.ok(tieStrength(graph, partitions[1] as Int32Array, weights).embeddedness.every((x) => x === 0));
  t.ok(tieStrength(graph, partitions[0] as Int32Array, weights).reciprocity.some((x) => x > 0));
  const other = buildCompactGraph(toProjection([{ source: 'a', target: 'b' }]));
  t.throws(() => tieStrength(other, new Int32Array(other.order), weights), /tie weights have/);
});

t.test('sideInThisThread runs the tasks once, at take()', async (t) => {
  const pending = sideInThisThread.begin([{ kind: 'pagerank', order: graph.order, csr: graph.out }]);
  const first = pending.take();
  t.equal(pending.take(), first);
  t.equal(first.length, 1);
});

t.test('warmUpSide (run by every helper thread) changes no later result, and accepts small orders', async (t) => {
  const task: SideTask = { kind: 'tie-weights', input: tieWeightsInput(graph) };
  const before = tieWeightsOf(runSideTask(task));
  const rank = pagerankOf(runSideTask({ kind: 'pagerank', order: graph.order, csr: graph.out }));
  warmUpSide();
  warmUpSide(16);
  t.same([...tieWeightsOf(runSideTask(task)).overlap], [...before.overlap]);
  t.same([...pagerankOf(runSideTask({ kind: 'pagerank', order: graph.order, csr: graph.out }))], [...rank]);
});
