/**
 * partition-threads.ts: the independent partition runs on worker threads give what the same
 * tasks give one after the other in this thread, in the same order, for any thread count;
 * a task that fails in a helper fails the batch with its message; side tasks (side-tasks.ts)
 * started with begin() give what they give in this thread.
 */
import t from 'tap';
import { buildCompactGraph } from '../../src/analysis/compact-graph.js';
import { rowSums } from '../../src/analysis/leiden.js';
import { findNiches, findPartition } from '../../src/analysis/niches.js';
import { inRows } from '../../src/analysis/compact-graph.js';
import { inThisThread, type PartitionTask } from '../../src/analysis/partition-tasks.js';
import { createThreadRunner } from '../../src/analysis/partition-threads.js';
import { analyseProjection } from '../../src/analysis/analyse.js';
import { pagerankOf, partitionFiguresOf, roleColumnsOf, sideInThisThread, tieWeightsOf, type SideTask } from '../../src/analysis/side-tasks.js';
import { tieWeightsInput } from '../../src/analysis/tie-strength.js';
import { answeredContacts } from '../../src/analysis/roles.js';
import { loadEmailEuCore, toProjection } from '../helpers/datasets.js';
import { untilHelped } from '../helpers/until-helped.js';

const email = loadEmailEuCore();
const graph = buildCompactGraph(toProjection(email.edges));

t.test('findNiches on 2 and 3 threads equals findNiches in this thread, array for array', async (t) => {
  const here = findNiches(graph, { seed: 5, runner: inThisThread });
  for (const threads of [2, 3]) {
    // minNodes 0: spread even this small graph's batches.
    const runner = createThreadRunner({ threads, minNodes: 0 });
    t.teardown(() => runner.close());
    await runner.ready();
    untilHelped(t, runner, `${threads} threads`, () => {
      const there = findNiches(graph, { seed: 5, runner });
      t.same([...there.niche], [...here.niche], `${threads} threads: same niches`);
      t.same([...there.community], [...here.community], `${threads} threads: same communities`);
      t.same([...there.confidence], [...here.confidence], `${threads} threads: same confidence`);
      t.same(there.summary, here.summary, `${threads} threads: same summary`);
    });
  }
});

t.test('a batch keeps task order; a helper task that throws fails the batch with its message', async (t) => {
  const csr = graph.undirected;
  const nodeWeights = rowSums(csr);
  const tasks: PartitionTask[] = [1, 2, 3, 4, 5, 6].map((seed) => ({ kind: 'leiden', csr, quality: 'modularity', resolution: 1 + seed / 2, nodeWeights, seed }));
  const runner = createThreadRunner({ threads: 2, minNodes: 0 });
  t.teardown(() => runner.close());
  await runner.ready();
  const inOrder = inThisThread.run(tasks).map((r) => [...r.community]);
  untilHelped(t, runner, 'six runs', () => t.same(runner.run(tasks).map((r) => [...r.community]), inOrder, 'result k is task k'));
  // A bad task among good ones: whichever thread claims it, the batch throws its error.
  const bad: PartitionTask = { kind: 'leiden', csr, quality: 'modularity', resolution: -1, nodeWeights, seed: 1 };
  t.throws(() => runner.run([...tasks.slice(0, 3), bad, ...tasks.slice(3)]), /resolution must be a finite number > 0/);
  // And the runner still works afterwards.
  t.same(runner.run(tasks).map((r) => [...r.community]), inOrder);
});

t.test('below minNodes, or with one thread, everything runs in this thread', async (t) => {
  const runner = createThreadRunner({ threads: 1 });
  t.equal(runner.threads, 1);
  t.equal(runner.toShared, undefined, 'no helpers: nothing to place in shared memory');
  const here = findNiches(graph, { seed: 9 });
  t.same([...findNiches(graph, { seed: 9, runner }).niche], [...here.niche]);
  await runner.close();
  t.throws(() => createThreadRunner({ minNodes: -1 }), /minNodes must be >= 0/);
});

/** A 2-thread runner (helpers from 0 nodes), started, closed at the end of the test. */
async function startedRunner(t: { teardown(fn: () => unknown): void }): Promise<ReturnType<typeof createThreadRunner>> {
  const runner = createThreadRunner({ threads: 2, minNodes: 0 });
  t.teardown(() => runner.close());
  await runner.ready();
  return runner;
}

t.test('toShared: one shared copy per array, and a shared array is its own', async (t) => {
  const runner = createThreadRunner({ threads: 2, minNodes: 0 });
  t.teardown(() => runner.close());
  const toShared = runner.toShared;
  if (toShared === undefined) throw new Error('a runner with helpers places arrays in shared memory');
  const plain = Float64Array.from([1, 2, 3]);
  const shared = toShared(plain);
  t.ok(shared.buffer instanceof SharedArrayBuffer);
  t.same([...shared], [...plain]);
  t.equal(toShared(plain), shared, 'the same copy again');
  t.equal(toShared(shared), shared, 'a shared array is not copied');
});

/** Leiden runs at resolution 1 on the email graph, one per seed. */
function leidenBatch(seeds: number[]): PartitionTask[] {
  const csr = graph.undirected;
  const nodeWeights = rowSums(csr);
  return seeds.map((seed) => ({ kind: 'leiden', csr, quality: 'modularity', resolution: 1, nodeWeights, seed }));
}

t.test('side tasks started with begin(): helpers run them while this thread runs a batch, results as in this thread', async (t) => {
  const tasks: SideTask[] = [
    { kind: 'pagerank', order: graph.order, csr: graph.out },
    { kind: 'tie-weights', input: tieWeightsInput(graph) },
  ];
  const here = sideInThisThread.begin(tasks).take();
  const runner = await startedRunner(t);
  const batch = leidenBatch([1, 2, 3]);
  const inOrder = inThisThread.run(batch).map((r) => [...r.community]);
  untilHelped(t, runner, 'side tasks', () => {
    const pending = runner.begin(tasks);
    // A partition batch in between: its reading of the helpers' answers must keep the side batch's.
    t.same(runner.run(batch).map((r) => [...r.community]), inOrder);
    const there = pending.take();
    t.same([...pagerankOf(there[0])], [...pagerankOf(here[0])], 'same whole-graph PageRank');
    const a = tieWeightsOf(there[1]);
    const b = tieWeightsOf(here[1]);
    t.same([...a.overlap], [...b.overlap], 'same overlap');
    t.same([...a.reciprocalWeight], [...b.reciprocalWeight], 'same reciprocated weight');
    t.same([...a.received], [...b.received], 'same received weight');
    t.same([...a.inArc], [...b.inArc], 'same in-arcs');
    t.equal(pending.take(), there, 'a second take returns the same results');
  });
  // Below minNodes the side tasks wait for take() and run in this thread.
  const small = createThreadRunner({ threads: 2, minNodes: graph.order + 1 });
  t.teardown(() => small.close());
  t.same([...pagerankOf(small.begin(tasks).take()[0])], [...pagerankOf(here[0])]);
  t.equal(small.helperTasks, 0);
});

t.test('the partition-figures and roles side tasks on a helper give what they give in this thread', async (t) => {
  const found = findPartition(graph, { seed: 9 });
  const rows = inRows(graph.order, graph.out);
  const reciprocalWeight = tieWeightsOf(sideInThisThread.begin([{ kind: 'tie-weights', input: tieWeightsInput(graph) }]).take()[0]).reciprocalWeight;
  const tasks: SideTask[] = [
    { kind: 'partition-figures', input: found.figures },
    { kind: 'roles', input: { order: graph.order, undirected: graph.undirected, out: graph.out, inOffsets: rows.offsets, inSources: rows.sources, community: found.partition.niche, count: found.partition.nicheCount, answered: answeredContacts(graph.undirected, reciprocalWeight) } },
  ];
  const here = sideInThisThread.begin(tasks).take();
  const runner = await startedRunner(t);
  untilHelped(t, runner, 'figures and roles', () => {
    const pending = runner.begin(tasks);
    // Busy here for a while, so that the helper claims both.
    inThisThread.run(leidenBatch([1, 2]));
    const there = pending.take();
    const [a, b] = [partitionFiguresOf(there[0]), partitionFiguresOf(here[0])];
    t.same([a.communityModularity, a.nicheModularity], [b.communityModularity, b.nicheModularity], 'same modularities');
    t.same([...a.confidence], [...b.confidence], 'same confidence');
    t.same([...a.stability], [...b.stability], 'same stability');
    const [ra, rb] = [roleColumnsOf(there[1]), roleColumnsOf(here[1])];
    t.same([...ra.roleIndex], [...rb.roleIndex], 'same roles');
    t.same([...ra.participation], [...rb.participation], 'same participation');
  });
});

t.test('a helper thread that ends while it holds a task: this thread runs the task itself, and the runner goes on without that helper', async (t) => {
  const tasks: SideTask[] = [{ kind: 'pagerank', order: graph.order, csr: graph.out }];
  const here = pagerankOf(sideInThisThread.begin(tasks).take()[0]);
  const runner = createThreadRunner({ threads: 2, minNodes: 0, helperEntry: new URL('../helpers/ending-helper.ts', import.meta.url) });
  t.teardown(() => runner.close());
  await runner.ready();
  // begin() leaves the task to the helper until take(); the helper claims it and ends.
  const pending = runner.begin(tasks);
  const started = Date.now();
  while (runner.helperThreadsAlive() > 0 && Date.now() - started < 30_000) await new Promise((resolve) => setTimeout(resolve, 20));
  t.equal(runner.helperThreadsAlive(), 0, 'the helper thread is gone');
  t.same([...pagerankOf(pending.take()[0])], [...here], 'take() returns the task run here, instead of waiting forever');
  t.equal(runner.recoveredTasks, 1, 'one task was run here for the helper that held it');
  t.equal(runner.helperTasks, 0);
  // Later batches are not sent to the dead helper: this thread runs them all.
  const csr = graph.undirected;
  const nodeWeights = rowSums(csr);
  const batch: PartitionTask[] = [1, 2, 3].map((seed) => ({ kind: 'leiden', csr, quality: 'modularity', resolution: 1, nodeWeights, seed }));
  t.same(runner.run(batch).map((r) => [...r.community]), inThisThread.run(batch).map((r) => [...r.community]));
  t.equal(runner.recoveredTasks, 1);
});

t.test('analyseProjection on 2 threads (side tasks included) equals analyseProjection in this thread', async (t) => {
  const projection = toProjection(email.edges);
  const here = analyseProjection(projection, { seed: 4, topK: 5 });
  const runner = createThreadRunner({ threads: 2, minNodes: 0 });
  t.teardown(() => runner.close());
  await runner.ready();
  untilHelped(t, runner, 'the analysis', () => {
    const there = analyseProjection(projection, { seed: 4, topK: 5 }, { runner });
    t.same([...there.accounts.score], [...here.accounts.score], 'same scores');
    t.same([...there.accounts.embeddedness], [...here.accounts.embeddedness], 'same embeddedness');
    t.same([...there.accounts.globalPagerank], [...here.accounts.globalPagerank], 'same global PageRank');
    t.same([...there.accounts.pagerank], [...here.accounts.pagerank], 'same within-niche PageRank');
    t.same([...there.niches.members], [...here.niches.members], 'same niches, same ranks');
    t.same(there.summary, here.summary);
  });
});
