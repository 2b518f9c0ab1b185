import t from 'tap';
import { analyseObjects as analyseProjection } from '../helpers/object-result.js';
import { assignNicheIds, nicheLineage } from '../../src/analysis/lineage.js';
import { generateEvolvingNiche } from '../../src/synthetic/evolving-niche.js';
import { toProjection } from '../helpers/datasets.js';

t.test('the planted niche is one niche in the first window and splits in the second; lineage says so', async (t) => {
  const evo = generateEvolvingNiche();
  t.same(generateEvolvingNiche(), evo, 'seeded: same output');
  t.equal(evo.accounts.length, 40);
  t.ok(evo.before.interactions.every((e) => e.timestamp >= evo.before.from && e.timestamp < evo.before.to), 'first window');
  t.ok(evo.after.interactions.every((e) => e.timestamp >= evo.after.from && e.timestamp < evo.after.to), 'second window');
  t.equal(new Set([...evo.before.interactions, ...evo.after.interactions].map((e) => e.id)).size, evo.before.interactions.length + evo.after.interactions.length, 'ids unique across windows');

  const options = { resolution: 1, seed: 42, topK: 3, runs: 10 };
  const project = (events: typeof evo.before.interactions) => toProjection(events.map((e) => ({ source: e.source, target: e.target, weight: e.weight })), { accounts: evo.accounts });
  const first = analyseProjection(project(evo.before.interactions), options);
  const second = analyseProjection(project(evo.after.interactions), options);
  const nichesOf = (r: typeof first) => r.niches.filter((n) => !n.unassigned);
  t.equal(nichesOf(first).length, 1, 'first window: one niche');
  t.equal(nichesOf(second).length, 2, 'second window: two');
  t.same(nichesOf(second).map((n) => n.members.map((m) => m.accountId).sort()).sort(), [...evo.halves].sort());

  const index = new Map(evo.accounts.map((id, i) => [id, i]));
  const labels = (r: typeof first) => {
    const out = new Int32Array(evo.accounts.length).fill(-1);
    nichesOf(r).forEach((n, k) => n.members.forEach((m) => (out[index.get(m.accountId) as number] = k)));
    return out;
  };
  const lineage = nicheLineage({ current: labels(second), currentCount: 2, baseline: labels(first), baselineSize: nichesOf(first).map((n) => n.size) });
  t.same(lineage.niches.map((n) => n.event), ['split', 'split']);
  t.same(assignNicheIds(lineage, ['n0'], 1).ids, ['n0', 'n1'], 'one half keeps the id, the other gets the next unused one');
});
