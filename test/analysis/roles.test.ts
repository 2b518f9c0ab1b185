import t from 'tap';
import { buildCompactGraph } from '../../src/analysis/compact-graph.js';
import { accountRoles, roleOf } from '../../src/analysis/roles.js';
import { tieWeights, tieWeightsInput } from '../../src/analysis/tie-strength.js';
import { loadEmailEuCore, toProjection, type Edge } from '../helpers/datasets.js';

t.test('Guimera-Amaral role boundaries', async (t) => {
  t.equal(roleOf(3, 0.3, 5), 'provincial-hub');
  t.equal(roleOf(3, 0.31, 5), 'connector-hub');
  t.equal(roleOf(3, 0.76, 5), 'kinless-hub');
  t.equal(roleOf(2.49, 0.05, 5), 'ultra-peripheral');
  t.equal(roleOf(0, 0.62, 5), 'peripheral');
  t.equal(roleOf(0, 0.8, 5), 'connector');
  t.equal(roleOf(0, 0.81, 5), 'kinless');
  t.equal(roleOf(0, 0, 0), 'isolated');
});

t.test('a star inside its niche is a provincial hub; z and P as defined', async (t) => {
  const edges: Edge[] = [];
  for (let i = 0; i < 20; i++) edges.push({ source: `l${i}`, target: 'hub' }, { source: 'hub', target: `l${i}` });
  const g = buildCompactGraph(toProjection(edges));
  const r = accountRoles(g, new Int32Array(g.order), 1);
  const hub = g.index.get('hub') as number;
  // kappa: hub 20, leaves 1: mean 40/21, sd sqrt(420/21 - (40/21)^2).
  const mean = 40 / 21;
  const sd = Math.sqrt(420 / 21 - mean * mean);
  t.ok(Math.abs((r.withinDegreeZ[hub] as number) - (20 - mean) / sd) < 1e-12);
  t.equal(r.participation[hub], 0);
  t.equal(r.role[hub], 'provincial-hub');
  t.equal(r.role[g.index.get('l0') as number], 'ultra-peripheral');
  t.equal(r.answeredShare[hub], 1, 'answers everyone: not a broadcaster');
});

t.test('a broadcaster: everyone writes to it, it answers almost nobody', async (t) => {
  const edges: Edge[] = [];
  // Two niches of 15 mutual pairs in a ring each, everyone mentions "brand", brand answers one.
  for (const p of ['a', 'b']) {
    for (let i = 0; i < 15; i++) {
      edges.push({ source: `${p}${i}`, target: `${p}${(i + 1) % 15}` }, { source: `${p}${(i + 1) % 15}`, target: `${p}${i}` });
      edges.push({ source: `${p}${i}`, target: 'brand' });
    }
  }
  edges.push({ source: 'brand', target: 'a0' });
  const g = buildCompactGraph(toProjection(edges));
  const community = Int32Array.from(g.ids, (id) => (id.startsWith('a') ? 0 : id.startsWith('b') && id !== 'brand' ? 1 : 2));
  const r = accountRoles(g, community, 3);
  const brand = g.index.get('brand') as number;
  t.equal(r.inContacts[brand], 30);
  t.equal(r.answeredShare[brand], 1 / 30);
  t.equal(r.role[brand], 'broadcaster');
  t.not(r.role[g.index.get('a0') as number], 'broadcaster');
});

t.test('with the tie weights, the in-contacts written back to are counted the same (broadcaster case and email-eu-core)', async (t) => {
  const edges: Edge[] = [];
  for (let i = 0; i < 30; i++) edges.push({ source: `a${i}`, target: 'brand' }, { source: `a${i}`, target: `a${(i + 1) % 30}` });
  edges.push({ source: 'brand', target: 'a0' }, { source: 'a1', target: 'a0' });
  for (const graph of [buildCompactGraph(toProjection(edges)), buildCompactGraph(toProjection(loadEmailEuCore().edges))]) {
    const community = Int32Array.from({ length: graph.order }, (_, i) => i % 7);
    const plain = accountRoles(graph, community, 7);
    const given = accountRoles(graph, community, 7, tieWeights(tieWeightsInput(graph)).reciprocalWeight);
    t.same([...given.answeredShare], [...plain.answeredShare]);
    t.same([...given.inContacts], [...plain.inContacts]);
    t.same([...given.roleIndex], [...plain.roleIndex]);
    t.ok(plain.answeredShare.some((s) => s > 0 && s < 1), 'partly answered accounts');
  }
});
