/**
 * Zachary's karate club (J. Anthropological Research 33, 1977): the community level, the
 * two leaders, seed independence.
 *
 * Communities are modularity at resolution 1 (what peers report). Karate's best partition
 * at resolution 1 has 4 communities (Q 0.4198, Brandes et al. 2008), which cut the two
 * factions further: NMI against the factions is about 0.59 there, and Leiden reaches that
 * partition for every seed tried. The niche level cannot be coarser than the communities;
 * with 34 people the default rule keeps niches = communities (the typical one is below
 * Dunbar's band layer already).
 */
import t from 'tap';
import { analyseObjects as analyseProjection } from '../helpers/object-result.js';
import { normalizedMutualInformation } from '../../src/analysis/partition-similarity.js';
import { loadKarateClub, toProjection } from '../helpers/datasets.js';

const karate = loadKarateClub();
// Friendships are mutual: each undirected edge becomes a tie in both directions.
const projection = toProjection(karate.edges, { undirected: true, accounts: karate.nodes.map((n) => n.id) });
const factions = karate.nodes.map((n) => n.club);

function communitiesOf(seed: number) {
  const result = analyseProjection(projection, { seed, topK: 3 });
  const community = new Map<string, string>();
  for (const n of result.niches) for (const m of n.members) community.set(m.accountId, n.communityId ?? `unassigned:${m.accountId}`);
  return { result, nmi: normalizedMutualInformation(factions, karate.nodes.map((n) => community.get(n.id) as string)) };
}

t.test('the dataset is what the README says', async (t) => {
  t.equal(karate.nodes.length, 34);
  t.equal(karate.edges.length, 78);
  t.equal(factions.filter((c) => c === 'Mr. Hi').length, 17);
  t.equal(factions.filter((c) => c === 'Officer').length, 17);
});

t.test('communities: the best modularity partition (Q 0.4198), NMI about 0.59 against the factions', async (t) => {
  const { result, nmi } = communitiesOf(42);
  t.comment(`karate, seed 42: ${result.summary.communities} communities, Q = ${result.summary.modularity.toFixed(4)}, NMI = ${nmi.toFixed(4)}`);
  t.ok(Math.abs(result.summary.modularity - 0.4198) < 5e-4, `Q = ${result.summary.modularity}`);
  t.ok(nmi >= 0.55, `NMI = ${nmi}`);
  t.equal(result.communities?.length, result.summary.communities);
  // The two leaders are the most trusted members of different niches, in different communities.
  const top = result.niches.filter((n) => n.trusted[0]?.accountId === '0' || n.trusted[0]?.accountId === '33');
  t.equal(top.length, 2);
  t.not(top[0]?.communityId, top[1]?.communityId);
});

t.test('the same communities for seeds 1-10', async (t) => {
  const values = new Set<string>();
  for (let seed = 1; seed <= 10; seed++) values.add(communitiesOf(seed).nmi.toFixed(6));
  t.equal(values.size, 1, `NMI over seeds 1-10: ${[...values].join(', ')}`);
});
