import t from 'tap';
import { analyseObjects } from '../../helpers/object-result.js';
import { betweenness } from '../../../src/analysis/centrality/betweenness.js';
import { coreNumbers } from '../../../src/analysis/centrality/k-core.js';
import { hits } from '../../../src/analysis/centrality/hits.js';
import { computeCentralities } from '../../../src/analysis/centrality/select.js';
import { buildCompactGraph } from '../../../src/analysis/compact-graph.js';
import { loadKarateClub, toProjection } from '../../helpers/datasets.js';

const club = loadKarateClub();
const projection = toProjection(club.edges, { undirected: true });
const graph = buildCompactGraph(projection);

t.test('computes exactly the requested centralities, each equal to its own module', async (t) => {
  const got = computeCentralities(graph, ['coreNumber', 'betweenness', 'authorities'], 5);
  t.same([...got.keys()].sort(), ['authorities', 'betweenness', 'coreNumber']);
  t.same(Array.from(got.get('coreNumber')!), Array.from(coreNumbers(graph)));
  t.same(Array.from(got.get('betweenness')!), Array.from(betweenness(graph, { seed: 5 }).values));
  t.same(Array.from(got.get('authorities')!), Array.from(hits(graph).authorities));
  t.throws(() => computeCentralities(graph, ['closeness' as never], 1), /unknown centrality 'closeness'/);
});

t.test('analyseProjection reports them per member only when asked', async (t) => {
  const base = { resolution: 0.5, seed: 42, topK: 3, runs: 1 };
  const plain = analyseObjects(projection, base);
  t.notOk(plain.niches[0]?.members[0]?.centralities, 'absent when not asked');
  const withExtra = analyseObjects(projection, { ...base, centralities: ['coreNumber', 'harmonic'] });
  const cores = coreNumbers(graph);
  for (const niche of withExtra.niches) {
    for (const m of niche.members) {
      t.same(Object.keys(m.centralities ?? {}).sort(), ['coreNumber', 'harmonic']);
      t.equal(m.centralities?.coreNumber, cores[graph.index.get(m.accountId)!]);
    }
  }
  // The trust ranking does not depend on them.
  t.same(
    withExtra.niches.map((n) => n.members.map((m) => [m.accountId, m.score])),
    plain.niches.map((n) => n.members.map((m) => [m.accountId, m.score])),
  );
});
