/**
 * Real graphs with ground truth, through the HTTP API into the real Neo4j and back.
 * Karate club: niches match the two factions (NMI >= 0.5; resolution 0.5 is the niche level now, which cannot be coarser than the four communities of resolution 1, NMI about 0.59).
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
  t.comment(`karate club NMI vs factions at resolution 0.5: ${nmi.toFixed(3)}`);
  t.ok(nmi >= 0.5, `NMI ${nmi}`);
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
