import t from 'tap';
import { compareMemberships, type MembershipRow } from '../../src/analysis/compare.js';

const row = (accountId: string, nicheId: string, score: number, trusted = false): MembershipRow => ({ accountId, nicheId, unassigned: nicheId === 'unassigned', score, trusted });

t.test('a split niche, a mover, a newcomer, a leaver and the trusted members', async (t) => {
  // Before: n0 = a0..a5 (a0, a1 trusted), n1 = b0..b3 (b0 trusted), u unassigned, gone leaves.
  const before = [
    row('a0', 'n0', 5, true), row('a1', 'n0', 4, true), row('a2', 'n0', 3), row('a3', 'n0', 2), row('a4', 'n0', 1), row('a5', 'n0', 0.5),
    row('b0', 'n1', 6, true), row('b1', 'n1', 1), row('b2', 'n1', 1), row('b3', 'n1', 1),
    row('u', 'unassigned', 0.1), row('gone', 'n1', 0.2),
  ];
  // After: n0 keeps a0..a2 (a2 now trusted, a1 not), a3..a5 split off as n2 (a3 trusted);
  // n1 = b0..b3 + u; new joins n1.
  const after = [
    row('a0', 'n0', 5, true), row('a1', 'n0', 2), row('a2', 'n0', 4, true),
    row('a3', 'n2', 7, true), row('a4', 'n2', 1), row('a5', 'n2', 0.5),
    row('b0', 'n1', 6, true), row('b1', 'n1', 1), row('b2', 'n1', 1), row('b3', 'n1', 1), row('u', 'n1', 0.1), row('new', 'n1', 0.3),
  ];
  const c = compareMemberships(before, after, { movers: 2 });
  t.same(c.events, { continued: 1, grown: 0, shrunk: 0, split: 2, merged: 0, born: 0, dissolved: 0 });
  const byId = new Map(c.niches.map((n) => [n.nicheId, n]));
  t.same(byId.get('n0'), { nicheId: 'n0', event: 'split', from: [{ nicheId: 'n0', jaccard: 0.5 }], corresponds: 'n0', size: 3, trustedGained: ['a2'], trustedLost: ['a1'] });
  t.match(byId.get('n2'), { event: 'split', corresponds: null, trustedGained: ['a3'], trustedLost: [] });
  t.match(byId.get('n1'), { event: 'continued', corresponds: 'n1', trustedGained: [], trustedLost: [] });
  t.same(c.accounts, { inBoth: 11, changedNiche: 4, joined: 1, left: 1 }, 'a3..a5 (to the new niche) and u (out of the unassigned group)');
  t.same(c.rose[0], { accountId: 'a3', before: { rank: 5, score: 2, nicheId: 'n0' }, after: { rank: 1, score: 7, nicheId: 'n2' }, change: 4 });
  t.equal(c.rose.length, 1, 'only a3 rose (ranks by score over all accounts, ties by id)');
  t.equal(c.fell[0]?.accountId, 'a1');
});

t.test('dissolved niches lose their trusted members; identical analyses change nothing', async (t) => {
  const before = [row('x', 'n0', 1, true), row('y', 'n0', 1), row('z', 'n0', 1), row('p', 'n1', 1, true), row('q', 'n1', 1), row('r', 'n1', 1)];
  const after = [row('x', 'unassigned', 1), row('y', 'unassigned', 1), row('z', 'unassigned', 1), row('p', 'n1', 1, true), row('q', 'n1', 1), row('r', 'n1', 1)];
  const c = compareMemberships(before, after);
  t.same(c.dissolved, [{ nicheId: 'n0', size: 3, trustedLost: ['x'] }]);
  t.equal(c.accounts.changedNiche, 3);
  const same = compareMemberships(before, before);
  t.same(same.accounts, { inBoth: 6, changedNiche: 0, joined: 0, left: 0 });
  t.same([same.rose, same.fell, same.dissolved], [[], [], []]);
  t.ok(same.niches.every((n) => n.event === 'continued' && n.trustedGained.length === 0 && n.trustedLost.length === 0));
  t.throws(() => compareMemberships([row('x', 'n0', 1), row('x', 'n0', 1)], []), /listed twice in before/);
  t.throws(() => compareMemberships([], [], { movers: -1 }), /movers/);
});
