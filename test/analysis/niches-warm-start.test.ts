/**
 * findNiches' warm start (`initial`, `initialCommunity`; issue 12): a re-run started from an
 * earlier partition keeps its niches where the data did not change, still follows the data
 * where it did, and refuses labels of the wrong length.
 */
import t from 'tap';
import { analyseProjection } from '../../src/analysis/analyse.js';
import { buildCompactGraph } from '../../src/analysis/compact-graph.js';
import { findNiches } from '../../src/analysis/niches.js';
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
  // Measured (scripts/quality/warm-start.ts, seed 4242): cold 96.1%, warm 99.8%.
  t.ok(warmShare >= 0.99, `warm: ${(100 * warmShare).toFixed(1)}% under the same id`);
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
