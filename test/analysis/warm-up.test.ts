/**
 * warm-up.ts: the generated graph is deterministic and has what a real projection has (so the
 * warm-up runs every step with real value types, and its runs go to the helper threads); the
 * warm-up runs to its end, or stops at the first step after stop() says so; and a runner that
 * warmed up, fully or not, analyses a real graph exactly as a cold one does.
 */
import t from 'tap';
import { analyseProjection } from '../../src/analysis/analyse.js';
import { buildCompactGraph } from '../../src/analysis/compact-graph.js';
import { createThreadRunner, DEFAULTS as THREAD_DEFAULTS } from '../../src/analysis/partition-threads.js';
import { warmUpAnalysis, warmUpTable } from '../../src/analysis/warm-up.js';
import { loadEmailEuCore, toProjection } from '../helpers/datasets.js';
import { untilHelped } from '../helpers/until-helped.js';

const table = warmUpTable();

t.test('the warm-up graph: deterministic, with the value types of a real projection, large enough for the helpers', async (t) => {
  const again = warmUpTable();
  t.same(again.accounts, table.accounts, 'same accounts');
  t.same([...again.source], [...table.source], 'same sources');
  t.same([...again.target], [...table.target], 'same targets');
  t.same([...again.positive], [...table.positive], 'same weights');
  t.not(warmUpTable({ seed: 2 }).size, 0);
  t.ok(table.accounts.length > 30_000, `${table.accounts.length} accounts`);
  let negative = 0;
  let undated = 0;
  let fractional = 0;
  let multiType = 0;
  for (let r = 0; r < table.size; r++) {
    if ((table.negative[r] as number) > 0) negative++;
    if (Number.isNaN(table.firstTs[r] as number)) undated++;
    if (!Number.isInteger(table.positive[r] as number)) fractional++;
    if ((table.typeOffsets[r + 1] as number) - (table.typeOffsets[r] as number) > 1) multiType++;
  }
  t.ok(negative > 0 && undated > 0 && fractional > 0 && multiType > 0, `negative ${negative}, undated ${undated}, fractional ${fractional}, several types ${multiType}`);
  t.ok(table.typeNames.length >= 3, `types ${table.typeNames.join(', ')}`);
  const graph = buildCompactGraph(table);
  t.ok(graph.order >= THREAD_DEFAULTS.minNodes, `${graph.order} nodes: the batches are spread over the helpers as a real graph's are`);
});

t.test('a warm-up runs to its end on the helpers, or stops at the first step after stop() says so', async (t) => {
  const runner = createThreadRunner({ threads: 2 });
  t.teardown(() => runner.close());
  untilHelped(t, runner, 'the warm-up (the helper warmed up too)', () => t.equal(warmUpAnalysis(runner, () => false, table), true, 'ran to its end'));

  let asked = 0;
  const stopped = warmUpAnalysis(runner, () => ++asked >= 3, table);
  t.equal(stopped, false, 'stopped');
  t.equal(asked, 3, 'at the first step after stop() said so');
});

t.test('an analysis on a runner that warmed up (to its end, or stopped mid-way) equals a cold one', async (t) => {
  const email = toProjection(loadEmailEuCore().edges);
  const options = { seed: 7, topK: 5, runs: 2 };
  const cold = analyseProjection(email, options);
  for (const [name, stopAfter] of [
    ['full warm-up', Infinity],
    ['warm-up stopped at its 4th step, side tasks still pending', 4],
  ] as const) {
    // minNodes 0: email-eu-core's batches go to the helper too.
    const runner = createThreadRunner({ threads: 2, minNodes: 0 });
    t.teardown(() => runner.close());
    let asked = 0;
    warmUpAnalysis(runner, () => ++asked > stopAfter, table);
    const warm = analyseProjection(email, options, { runner });
    t.same(warm.summary, cold.summary, `${name}: same summary`);
    t.same([...warm.accounts.niche], [...cold.accounts.niche], `${name}: same niches`);
    t.same([...warm.accounts.score], [...cold.accounts.score], `${name}: same trust scores`);
  }
});
