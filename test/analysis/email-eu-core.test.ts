/**
 * SNAP email-Eu-core (Yin, Benson, Leskovec & Gleich, KDD 2017; Leskovec, Kleinberg &
 * Faloutsos, TKDD 2007): do the niches recover the 42 departments?
 *
 * Anchors (DOMAIN.md, python-igraph 0.10.2 on the undirected simple graph): Louvain at
 * resolution 1 gets Q 0.415 and NMI 0.57. Our projection keeps the e-mail direction and
 * sums both directions into the undirected weight (a reciprocal pair weighs 2), so our
 * weighted Q is a little higher; the Q of the same partition on the unweighted simple
 * graph is also checked against the anchor.
 */
import t from 'tap';
import { analyseObjects } from '../helpers/object-result.js';
import { modularity } from '../../src/analysis/communities.js';
import { buildCompactGraph } from '../../src/analysis/compact-graph.js';
import { adjustedRandIndex, normalizedMutualInformation } from '../../src/analysis/partition-similarity.js';
import { loadEmailEuCore, nicheOf, toProjection } from '../helpers/datasets.js';

const SEED = 42;

const email = loadEmailEuCore();
// Every labelled person is an account, including the 19 without any e-mail.
const projection = toProjection(email.edges, { accounts: email.departments.keys() });

t.test('the dataset is what the README says', async (t) => {
  t.equal(email.edges.length, 25_571);
  t.equal(email.departments.size, 1005);
  t.equal(new Set(email.departments.values()).size, 42);
  t.equal(projection.accounts.length, 1005);
});

t.test('Louvain at resolution 1 recovers departments (NMI >= 0.5), Q close to 0.41', async (t) => {
  const started = performance.now();
  const result = analyseObjects(projection, { resolution: 1, seed: SEED, topK: 5 });
  const elapsed = performance.now() - started;

  const niche = nicheOf(result);
  const people = [...email.departments.keys()];
  const departments = people.map((p) => email.departments.get(p) as string);
  const labels = people.map((p) => niche.get(p) as string);
  const nmi = normalizedMutualInformation(departments, labels);
  const ari = adjustedRandIndex(departments, labels);

  // Q of the same partition on the undirected simple graph (what igraph saw).
  const simple = new Map<string, { source: string; target: string }>();
  for (const { source, target } of email.edges) {
    if (source === target) continue;
    const [a, b] = source < target ? [source, target] : [target, source];
    simple.set(`${a} ${b}`, { source: a, target: b });
  }
  const simpleGraph = buildCompactGraph(toProjection(simple.values(), { accounts: people }));
  t.equal(simpleGraph.undirectedEdges, 16_064, 'undirected simple edges as in the README');
  const nicheIndex = new Map(result.niches.map((n, i) => [n.id, i]));
  const community = Int32Array.from(simpleGraph.ids, (id) => nicheIndex.get(niche.get(id) as string) as number);
  const simpleQ = modularity(simpleGraph, community, result.niches.length);

  t.comment(
    `email-eu-core, resolution 1, seed ${SEED}: ${result.summary.niches} niches ` +
      `(${result.summary.unassigned} accounts unassigned), weighted Q = ${result.summary.modularity.toFixed(4)}, ` +
      `Q on the simple graph = ${simpleQ.toFixed(4)}, NMI = ${nmi.toFixed(4)}, ARI = ${ari.toFixed(4)}, ${elapsed.toFixed(0)} ms`,
  );
  t.ok(nmi >= 0.5, `NMI = ${nmi} (igraph Louvain: 0.57)`);
  t.ok(Math.abs(result.summary.modularity - 0.415) < 0.02, `weighted Q = ${result.summary.modularity}`);
  t.ok(Math.abs(simpleQ - 0.415) < 0.02, `simple-graph Q = ${simpleQ} (igraph: 0.415)`);

  // Every one of the 1,005 people is in exactly one niche.
  t.equal(result.summary.accounts, 1005);
  t.equal(result.summary.edges, 16_064);
  const members = result.niches.flatMap((n) => n.members.map((m) => m.accountId));
  t.equal(members.length, 1005);
  t.equal(new Set(members).size, 1005);
  t.same([...members].sort(), [...projection.accounts].sort());
  t.equal(result.niches.reduce((s, n) => s + n.size, 0), 1005);
  // The 19 people without any e-mail to someone else are niches of one.
  const connected = new Set(email.edges.filter((e) => e.source !== e.target).flatMap((e) => [e.source, e.target]));
  const loners = people.filter((p) => !connected.has(p));
  t.equal(loners.length, 19);
  t.ok(loners.every((p) => niche.get(p) === 'unassigned'), 'each of them in the unassigned group, none dropped');
  t.equal(result.summary.unassigned, result.niches.find((n) => n.unassigned)?.size);
});

t.test('size-band mode (typical niche 15-50 people) recovers departments better: NMI >= 0.70', async (t) => {
  const result = analyseObjects(projection, { resolution: 1, seed: SEED, topK: 5, nicheSize: { min: 15, max: 50 } });
  const niche = nicheOf(result);
  const people = [...email.departments.keys()];
  // Unassigned accounts count as singletons.
  const labels = people.map((p) => (niche.get(p) === 'unassigned' ? `u:${p}` : (niche.get(p) as string)));
  const nmi = normalizedMutualInformation(people.map((p) => email.departments.get(p) as string), labels);
  t.comment(`email-eu-core, size band 15-50: resolution ${result.summary.resolution}, ${result.summary.niches} niches, NMI ${nmi.toFixed(4)}`);
  t.ok(result.summary.resolution > 1, 'the band asks for smaller niches than resolution 1 gives');
  t.ok(nmi >= 0.7, `NMI = ${nmi} (leidenalg at resolution 2: 0.71)`);
});

t.test('same seed, same niches (on a real graph)', async (t) => {
  const a = analyseObjects(projection, { resolution: 1, seed: 7, topK: 3 });
  const b = analyseObjects(projection, { resolution: 1, seed: 7, topK: 3 });
  t.same(b, a);
});
