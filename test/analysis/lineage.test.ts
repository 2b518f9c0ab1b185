import t from 'tap';
import { analyseProjection } from '../../src/analysis/analyse.js';
import { assignNicheIds, lineageCounts, nicheLineage, type LineageInput } from '../../src/analysis/lineage.js';
import { generateConversationGraph } from '../../src/synthetic/conversation-graph.js';
import { sameIdShare, warmStart } from '../../scripts/quality/warm-start.js';
import { loadBitcoinOtc, loadEmailEuCore, toProjection } from '../helpers/datasets.js';

/** Lineage input from niches given as member lists over a common account space. */
function input(accounts: number, baseline: number[][], current: number[][]): LineageInput {
  const b = new Int32Array(accounts).fill(-1);
  const c = new Int32Array(accounts).fill(-1);
  baseline.forEach((members, k) => members.forEach((i) => (b[i] = k)));
  current.forEach((members, k) => members.forEach((i) => (c[i] = k)));
  return { baseline: b, current: c, currentCount: current.length, baselineSize: baseline.map((m) => m.length) };
}
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, k) => from + k);

t.test('identical partitions: everything continues and keeps its id', async (t) => {
  const niches = [range(0, 10), range(10, 15), range(15, 18)];
  const lineage = nicheLineage(input(20, niches, niches));
  t.same(lineage.niches.map((n) => [n.event, n.keeps, n.from.map((f) => [f.baseline, f.jaccard])]), [
    ['continued', 0, [[0, 1]]],
    ['continued', 1, [[1, 1]]],
    ['continued', 2, [[2, 1]]],
  ]);
  t.same(lineage.dissolved, []);
  t.same(assignNicheIds(lineage, ['n0', 'n1', 'n2'], 3), { ids: ['n0', 'n1', 'n2'], used: 0 });
});

t.test('the current order does not matter: ids follow the members', async (t) => {
  const lineage = nicheLineage(input(18, [range(0, 10), range(10, 15), range(15, 18)], [range(15, 18), range(0, 10), range(10, 15)]));
  t.same(assignNicheIds(lineage, ['n0', 'n1', 'n7'], 9).ids, ['n7', 'n0', 'n1']);
});

t.test('split: the best overlap keeps the id, the other part gets a new one', async (t) => {
  // Baseline niche 0 = 0..19 splits into 0..11 and 12..19; niche 1 continues.
  const lineage = nicheLineage(input(30, [range(0, 20), range(20, 30)], [range(0, 12), range(12, 20), range(20, 30)]));
  t.same(lineage.niches.map((n) => n.event), ['split', 'split', 'continued']);
  t.same(lineage.niches[0]?.from, [{ baseline: 0, jaccard: 12 / 20 }]);
  t.same(lineage.niches[1]?.from, [{ baseline: 0, jaccard: 8 / 20 }]);
  t.same(lineage.niches.map((n) => n.keeps), [0, -1, 1]);
  t.same(assignNicheIds(lineage, ['n0', 'n1'], 2), { ids: ['n0', 'n2', 'n1'], used: 1 });
  t.same(lineageCounts(lineage), { continued: 1, grown: 0, shrunk: 0, split: 2, merged: 0, born: 0, dissolved: 0 });
});

t.test('merge: keeps the id of its best parent; the other id retires', async (t) => {
  const lineage = nicheLineage(input(20, [range(0, 12), range(12, 20)], [range(0, 20)]));
  t.same(lineage.niches, [{ event: 'merged', from: [{ baseline: 0, jaccard: 12 / 20 }, { baseline: 1, jaccard: 8 / 20 }], keeps: 0 }]);
  t.same(lineage.dissolved, [], 'merged parents are not dissolved');
  t.same(assignNicheIds(lineage, ['n3', 'n4'], 5).ids, ['n3']);
});

t.test('born, dissolved, grown and shrunk', async (t) => {
  const lineage = nicheLineage(
    input(
      60,
      [range(0, 10), range(10, 30), range(30, 40)], // 30..39 will be scattered
      [range(0, 13), range(10 + 6, 30), range(40, 50), [30, 31, 41]].map((m, k) => (k === 0 ? [...range(0, 10), 50, 51, 52] : m)),
    ),
  );
  // 0: 0..9 + 50..52 (13 vs 10: +30% -> grown); 1: 16..29 (14 vs 20: -30% -> shrunk);
  // 2: 40..49, none of them in a baseline niche -> born; 3: {30, 31, 41}: J = 2 / 11 with
  // baseline 2 -> below 0.3 -> born; baseline 2 matched by nothing -> dissolved.
  t.same(lineage.niches.map((n) => n.event), ['grown', 'shrunk', 'born', 'born']);
  t.same(lineage.dissolved, [2]);
  t.same(assignNicheIds(lineage, ['n0', 'n1', 'n2'], 3), { ids: ['n0', 'n1', 'n3', 'n4'], used: 2 });
  const exactly = nicheLineage(input(25, [range(0, 20)], [range(0, 25)]));
  t.equal(exactly.niches[0]?.event, 'grown', '+25% exactly: grown');
  const almost = nicheLineage(input(24, [range(0, 20)], [range(0, 24)]));
  t.equal(almost.niches[0]?.event, 'continued', '+20%: continued');
});

t.test('members absent from the current analysis count in the baseline size', async (t) => {
  // Baseline niche of 10, of which only 3 accounts are still there (a later window): J = 3 / 10.
  const lineage = nicheLineage({ current: Int32Array.from([0, 0, 0]), currentCount: 1, baseline: Int32Array.from([0, 0, 0]), baselineSize: [10] });
  t.same(lineage.niches[0], { event: 'shrunk', from: [{ baseline: 0, jaccard: 0.3 }], keeps: 0 }, 'exactly at the threshold: related');
  const below = nicheLineage({ current: Int32Array.from([0, 0, 0]), currentCount: 1, baseline: Int32Array.from([0, 0, 0]), baselineSize: [11] });
  t.equal(below.niches[0]?.event, 'born');
  t.same(below.dissolved, [0]);
});

t.test('input errors', async (t) => {
  t.throws(() => nicheLineage({ current: Int32Array.from([0]), currentCount: 1, baseline: Int32Array.from([0, 0]), baselineSize: [2] }), /current has 1 labels, baseline 2/);
  t.throws(() => nicheLineage({ current: Int32Array.from([1]), currentCount: 1, baseline: Int32Array.from([0]), baselineSize: [1] }), /outside/);
  t.throws(() => nicheLineage({ current: Int32Array.from([0, 0]), currentCount: 1, baseline: Int32Array.from([0, 0]), baselineSize: [1] }), /has size 1 but 2 accounts/);
  t.throws(() => nicheLineage(input(1, [], []), { match: 0 }), /match must be in \(0, 1\]/);
  t.throws(() => nicheLineage(input(1, [], []), { sizeChange: 1 }), /sizeChange must be in \(0, 1\)/);
  t.throws(() => assignNicheIds({ niches: [], dissolved: [] }, [], -1), /firstFree/);
  t.same(nicheLineage(input(3, [], [])), { niches: [], dissolved: [] }, 'no niches at all');
});

t.test('a re-run with another seed, started from the first (as the service does with a baseline), keeps more accounts under the same niche id than a cold one, and >= 95% (issue 12)', async (t) => {
  const email = loadEmailEuCore();
  const demo = generateConversationGraph({});
  // Default settings. scripts/quality/warm-start.ts prints these with cold re-runs next to them
  // (cold: email-eu-core 92.3%, demo 93.4%, bitcoin-otc 89.4% at this seed).
  const cases = [
    { name: 'email-eu-core', projection: toProjection(email.edges, { accounts: email.departments.keys() }) },
    { name: 'demo graph', projection: toProjection(demo.interactions.map((i) => ({ source: i.source, target: i.target, weight: i.weight })), { accounts: demo.accounts.map((a) => a.id) }) },
    { name: 'bitcoin-otc', projection: toProjection(loadBitcoinOtc().map((r) => ({ source: r.source, target: r.target, weight: r.rating }))) },
  ];
  for (const { name, projection } of cases) {
    const a = analyseProjection(projection, { seed: 42, topK: 5 });
    const b = analyseProjection(projection, { seed: 4242, topK: 5, ...warmStart(a) });
    const share = sameIdShare(a, b, projection.accounts);
    const cold = sameIdShare(a, analyseProjection(projection, { seed: 4242, topK: 5 }), projection.accounts);
    t.ok(share > cold, `${name}: warm ${(100 * share).toFixed(1)}% > cold ${(100 * cold).toFixed(1)}% under the same id`);
    // Issue 12's target. At this seed: email-eu-core 98.6%, demo 99.2%, bitcoin-otc 97.2%
    // (96.8-97.4% over five re-run seeds, scripts/quality/warm-start.ts).
    t.ok(share >= 0.95, `${name}: ${(100 * share).toFixed(1)}% under the same id (>= 95%)`);
    // Runs that disagree somewhere (confidence below 1) went through a consensus, decided by the start.
    t.equal(b.summary.consensusRounds, b.summary.meanConfidence < 1 ? 1 : 0, `${name}: consensusRounds says whether the warm runs disagreed`);
  }
});
