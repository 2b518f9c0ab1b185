import t from 'tap';
import { validateAnalysisOptions } from '../../src/analysis/analyse.js';
import { analyseObjects } from '../helpers/object-result.js';
import type { AnalysisOptions, Projection } from '../../src/analysis/types.js';
import { loadKarateClub, toProjection, type Edge } from '../helpers/datasets.js';

/**
 * Niche A: a 5-clique {a0..a4} of mutual ties, where everybody also writes to a0 a lot.
 * Niche B: a 4-clique {b0..b3} of mutual ties. One bridge a4 - b3. z is isolated.
 * y receives only complaints from b1 (weight 2: as much as the net positive share's prior, so y scores 0).
 */
function fixture(): Projection {
  const edges: Edge[] = [];
  const clique = (prefix: string, size: number): void => {
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) if (i !== j) edges.push({ source: `${prefix}${i}`, target: `${prefix}${j}` });
    }
  };
  clique('a', 5);
  clique('b', 4);
  for (let i = 1; i < 5; i++) edges.push({ source: `a${i}`, target: 'a0', weight: 3 });
  edges.push({ source: 'a4', target: 'b3' });
  edges.push({ source: 'b2', target: 'b0', weight: -2 }); // b0 is disputed
  edges.push({ source: 'b1', target: 'y', weight: -2 });
  return toProjection(edges, { accounts: ['z'] });
}

const options: AnalysisOptions = { resolution: 1, seed: 42, topK: 2, runs: 10 };

t.test('niches, ids, ordering and members on a hand-made graph', async (t) => {
  const result = analyseObjects(fixture(), options);
  t.match(result.summary, { accounts: 11, edges: 10 + 6 + 1, niches: 2, unassigned: 2, runs: 10, louvainDisconnected: 0, resolution: 1 });
  t.ok(result.summary.modularity > 0.3, `Q = ${result.summary.modularity}`);
  t.equal(result.summary.meanConfidence, 1, 'two cliques: every run agrees');

  // Largest first; y and z (groups of one, below minNicheSize 3) are in the unassigned group, last.
  t.same(
    result.niches.map((n) => [n.id, n.size, n.unassigned, n.members.map((m) => m.accountId).sort()]),
    [
      ['n0', 5, false, ['a0', 'a1', 'a2', 'a3', 'a4']],
      ['n1', 4, false, ['b0', 'b1', 'b2', 'b3']],
      ['unassigned', 2, true, ['y', 'z']],
    ],
  );

  const [a, b, rest] = result.niches;
  if (a === undefined || b === undefined || rest === undefined) throw new Error('missing niche');
  t.same(rest.trusted, [], 'the unassigned group lists nobody as trusted');
  t.same(a.stability, 1);
  t.equal(a.reciprocity, 20 / 32, 'a1..a4 -> a0 carry 3 extra one-way each: 20 of 32 reciprocated');
  t.same(b.bridges, [], 'no connector hub in a 4-clique');
  const y = { members: rest.members.filter((m) => m.accountId === 'y'), trusted: rest.members.filter((m) => m.accountId === 'y').map((m) => ({ accountId: m.accountId, score: m.score })) };
  const z = { members: rest.members.filter((m) => m.accountId === 'z'), conductance: 0 };
  t.equal(a.density, 1);
  t.equal(b.density, 1);
  // a0 is the one everybody in niche A comes back to.
  t.equal(a.members[0]?.accountId, 'a0');
  t.same(
    a.trusted,
    a.members.slice(0, 2).map((m) => ({ accountId: m.accountId, score: m.score })),
  );
  // b0 gets complaints: it drops below its symmetric peers b1 and b2 (b3 has the bridge).
  const bOrder = b.members.map((m) => m.accountId);
  t.ok(bOrder.indexOf('b0') > bOrder.indexOf('b1') && bOrder.indexOf('b0') > bOrder.indexOf('b2'), bOrder.join(' > '));
  const b0 = b.members.find((m) => m.accountId === 'b0');
  t.equal(b0?.negativeInStrength, 2);
  t.ok(Math.abs((b0?.score ?? 0) - 4 * (b0?.pagerank ?? 0) * (b0?.ties ?? 0) * (3 / 7)) < 1e-12, 'score = 4 * pagerank * ties * (3 - 2 + 2) / (3 + 2 + 2)');
  t.equal(b0?.positiveShare, 3 / 7);
  t.equal(b0?.reciprocity, 1, 'every tie of a clique is returned');
  t.equal(b0?.repeat, 0, 'one event per pair (the disputed pair does not count as a return)');
  t.same(b0?.topTies.map((x) => x.accountId), ['b1', 'b2', 'b3'], 'ties of weight 1 each, by id');
  // b1 and b2 are symmetric: equal scores, ordered by id.
  t.ok(bOrder.indexOf('b1') < bOrder.indexOf('b2'));

  // The singletons: y only receives complaints -> score 0; z has no interaction at all.
  t.same(y.trusted, [{ accountId: 'y', score: 0 }]);
  t.equal(z.members[0]?.score, 1);
  t.equal(z.members[0]?.internalShare, 0);
  t.equal(z.members[0]?.role, 'isolated');

  for (const niche of result.niches) {
    if (niche.unassigned) continue;
    const total = niche.members.reduce((s, m) => s + m.pagerank, 0);
    t.ok(Math.abs(total - 1) < 1e-9, `${niche.id}: within-niche PageRank sums to 1`);
    if (niche.unassigned) continue;
    for (let k = 1; k < niche.members.length; k++) {
      const prev = niche.members[k - 1];
      const cur = niche.members[k];
      if (prev === undefined || cur === undefined) continue;
      if (prev.score < cur.score || (prev.score === cur.score && prev.accountId > cur.accountId)) t.fail(`${niche.id}: members out of order at ${k}`);
    }
  }
  const globalTotal = result.niches.flatMap((n) => n.members).reduce((s, m) => s + m.globalPagerank, 0);
  t.ok(Math.abs(globalTotal - 1) < 1e-9, 'global PageRank sums to 1');
});

t.test('a3 and a4 sit on a bridge: a4 has the lower internal share', async (t) => {
  const result = analyseObjects(fixture(), options);
  const member = (id: string) => result.niches[0]?.members.find((m) => m.accountId === id);
  t.equal(member('a3')?.internalShare, 1);
  // a4: undirected weights 2 * 3 (a1..a3 mutual) + (1 + 1 + 3) to a0 = 11 inside, 1 outside.
  t.ok(Math.abs((member('a4')?.internalShare ?? 0) - 11 / 12) < 1e-15);
  t.equal(member('a4')?.weightedDegree, 12);
});

t.test('every account in exactly one niche; topK larger than a niche keeps all members', async (t) => {
  const karate = loadKarateClub();
  const projection = toProjection(karate.edges, { undirected: true });
  // minNicheSize 1: every group is a niche (no unassigned group, whose trusted list is empty).
  const result = analyseObjects(projection, { resolution: 1, seed: 3, topK: 1000, runs: 5, minNicheSize: 1 });
  const seen = result.niches.flatMap((n) => n.members.map((m) => m.accountId)).sort();
  t.same(seen, [...projection.accounts].sort());
  for (const niche of result.niches) t.equal(niche.trusted.length, niche.size);
  t.same(result.niches.map((n) => n.id), result.niches.map((_, i) => `n${i}`));
});

t.test('deterministic: same projection and options give the same result; input order does not matter', async (t) => {
  const karate = loadKarateClub();
  const projection = toProjection(karate.edges, { undirected: true });
  const first = analyseObjects(projection, { resolution: 1, seed: 99, topK: 3 });
  t.same(analyseObjects(projection, { resolution: 1, seed: 99, topK: 3 }), first);
  const shuffled: Projection = { accounts: [...projection.accounts].reverse(), pairs: [...projection.pairs].reverse() };
  t.same(analyseObjects(shuffled, { resolution: 1, seed: 99, topK: 3 }), first);
});

t.test('empty projection', async (t) => {
  t.same(analyseObjects({ accounts: [], pairs: [] }, options), {
    summary: {
      accounts: 0,
      edges: 0,
      niches: 0,
      communities: 0,
      modularity: 0,
      nicheModularity: 0,
      resolution: 1,
      runs: 10,
      consensusRounds: 0,
      louvainDisconnected: 0,
      unassigned: 0,
      meanConfidence: 1,
    },
    communities: [],
    niches: [],
  });
});

t.test('invalid options are rejected with the option name', async (t) => {
  const projection = fixture();
  const bad: Array<[Partial<AnalysisOptions>, RegExp]> = [
    [{ resolution: 0 }, /options\.resolution must be a finite number > 0/],
    [{ resolution: -1 }, /options\.resolution/],
    [{ resolution: Number.NaN }, /options\.resolution/],
    [{ resolution: Number.POSITIVE_INFINITY }, /options\.resolution/],
    [{ seed: 1.5 }, /options\.seed must be a safe integer/],
    [{ seed: Number.NaN }, /options\.seed/],
    [{ topK: 0 }, /options\.topK must be an integer >= 1/],
    [{ topK: 2.5 }, /options\.topK/],
    [{ runs: 0 }, /options\.runs must be an integer in 1\.\.1000/],
    [{ minNicheSize: 0 }, /options\.minNicheSize/],
    [{ nicheSize: { min: 10, max: 5 } }, /options\.nicheSize\.max must be an integer in 10\.\./],
  ];
  for (const [patch, message] of bad) {
    t.throws(() => analyseObjects(projection, { ...options, ...patch }), message, JSON.stringify(patch));
  }
  t.throws(() => validateAnalysisOptions({ resolution: '1', seed: 1, topK: 1 } as unknown as AnalysisOptions), /options\.resolution/);
  t.doesNotThrow(() => validateAnalysisOptions({ resolution: 0.01, seed: -5, topK: 1 }));
});

t.test('malformed projections surface the compact-graph error', async (t) => {
  t.throws(
    () => analyseObjects({ accounts: ['a'], pairs: [{ source: 'a', target: 'b', positive: 1, negative: 0, count: 1 }] }, options),
    /'b' is not in projection\.accounts/,
  );
});
