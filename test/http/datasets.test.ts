/**
 * Real graphs with ground truth, through the HTTP API into the real Neo4j and back.
 * Karate club: niches nest inside the two factions (purity >= 31/34; resolution 0.5 is the niche level now, which cannot be coarser
 * than the four communities of resolution 1, so NMI against two labels is printed, not asserted).
 * email-eu-core: niches match departments (NMI >= 0.5 at resolution 1; igraph's Louvain gets 0.57).
 */
import t from 'tap';
import { normalizedMutualInformation } from '../../src/analysis/partition-similarity.js';
import { startTestApp, uniqueId } from '../helpers/app.js';
import { loadEmailEuCore, loadKarateClub } from '../helpers/datasets.js';

const ctx = await startTestApp();
t.teardown(() => ctx.close());
const { app } = ctx;

async function ingestAndAnalyse(
  interactions: Array<{ source: string; target: string }>,
  accounts: string[],
  params: object,
): Promise<Map<string, string>> {
  const id = uniqueId('ds');
  t.equal((await app.inject({ method: 'POST', url: '/v1/graphs', payload: { id, name: id } })).statusCode, 201);
  t.teardown(async () => {
    await app.inject({ method: 'DELETE', url: `/v1/graphs/${id}` });
  });
  const res = await app.inject({
    method: 'POST',
    url: `/v1/graphs/${id}/interactions`,
    payload: { interactions, accounts: accounts.map((a) => ({ id: a })) },
  });
  t.equal(res.statusCode, 200, res.body.slice(0, 300));
  const analysis = (await app.inject({ method: 'POST', url: `/v1/graphs/${id}/analyses?wait=60`, payload: params })).json();
  t.equal(analysis.status, 'succeeded', analysis.error ?? '');
  const nicheOf = new Map<string, string>();
  const niches = (await app.inject({ url: `/v1/analyses/${analysis.id}/niches?limit=1000` })).json();
  for (const niche of niches.items) {
    const members = (await app.inject({ url: `/v1/analyses/${analysis.id}/niches/${niche.id}/members?limit=1000` })).json();
    t.equal(members.total, niche.size);
    for (const m of members.items) {
      t.notOk(nicheOf.has(m.accountId), 'in exactly one niche');
      nicheOf.set(m.accountId, niche.id);
    }
  }
  t.equal(nicheOf.size, accounts.length, 'every account is in a niche');
  return nicheOf;
}

t.test('karate club: niches match the two factions', async (t) => {
  const club = loadKarateClub();
  // Friendships are mutual: send each as an interaction both ways.
  const interactions = club.edges.flatMap((e) => [e, { source: e.target, target: e.source }]);
  const nicheOf = await ingestAndAnalyse(interactions, club.nodes.map((n) => n.id), { resolution: 0.5, seed: 42 });
  const nmi = normalizedMutualInformation(
    club.nodes.map((n) => nicheOf.get(n.id) ?? '?'),
    club.nodes.map((n) => n.club),
  );
  // The niche level is finer than the two factions (four niches here), and NMI against two
  // labels falls with the number of parts however clean they are (0.49-0.59 over seeds 1-20
  // for the same four-way nesting). What "match" means for finer niches is that they nest
  // inside the factions: purity, the share of members in their niche's majority faction.
  // At most 3 of the 34 on the wrong side: members with ties to both leaders, whom the network
  // alone cannot place (Zachary's own flow model, 1977, misplaced one).
  const members = new Map<string, string[]>();
  for (const node of club.nodes) {
    const niche = nicheOf.get(node.id) ?? '?';
    members.set(niche, [...(members.get(niche) ?? []), node.club]);
  }
  let inMajority = 0;
  for (const factions of members.values()) {
    const counts = new Map<string, number>();
    for (const f of factions) counts.set(f, (counts.get(f) ?? 0) + 1);
    inMajority += Math.max(...counts.values());
  }
  const purity = inMajority / club.nodes.length;
  t.comment(`karate club at resolution 0.5: ${members.size} niches, purity ${purity.toFixed(3)}, NMI vs factions ${nmi.toFixed(3)}`);
  t.ok(purity >= 31 / 34, `purity ${purity}: niches nest inside the factions`);
  t.ok(members.size >= 2, 'more than one niche');
});

t.test('email-eu-core: niches match departments', async (t) => {
  const email = loadEmailEuCore();
  // The API rejects self-interactions; the file's 642 self-loops carry no tie between people.
  const interactions = email.edges.filter((e) => e.source !== e.target);
  const people = [...email.departments.keys()];
  const nicheOf = await ingestAndAnalyse(interactions, people, { resolution: 1, seed: 42 });
  const nmi = normalizedMutualInformation(
    people.map((p) => nicheOf.get(p) ?? '?'),
    people.map((p) => email.departments.get(p) ?? '?'),
  );
  t.comment(`email-eu-core NMI vs departments at resolution 1: ${nmi.toFixed(3)}`);
  t.ok(nmi >= 0.5, `NMI ${nmi}`);
});
