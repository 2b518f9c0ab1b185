import t from 'tap';
import { buildCompactGraph } from '../../src/analysis/compact-graph.js';
import { resolutionForBand, typicalNicheSize } from '../../src/analysis/resolution-band.js';
import { toProjection, type Edge } from '../helpers/datasets.js';

// A ring of 16 cliques of 5, each joined to the next by one tie.
const edges: Edge[] = [];
for (let c = 0; c < 16; c++) {
  for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) edges.push({ source: `c${c}m${i}`, target: `c${c}m${j}` });
  edges.push({ source: `c${c}m0`, target: `c${(c + 1) % 16}m4` });
}
const g = buildCompactGraph(toProjection(edges, { undirected: true }));

t.test('typical size = the niche of the median connected account', async (t) => {
  const community = Int32Array.from([0, 0, 0, 1, 1, 2]);
  const csr = { offsets: Int32Array.from([0, 1, 2, 3, 4, 5, 5]), targets: new Int32Array(5), weights: new Float64Array(5) };
  // Connected accounts 0..4 sit in niches of sizes 3, 3, 3, 2, 2 -> sorted 2 2 3 3 3 -> median 3.
  t.equal(typicalNicheSize(community, 3, csr), 3);
});

t.test('the band steers the resolution: cliques of 5, or groups of them', async (t) => {
  const small = resolutionForBand(g.order, g.undirected, { min: 4, max: 6 }, 1);
  t.equal(small.typicalSize, 5, `gamma ${small.resolution}`);
  const large = resolutionForBand(g.order, g.undirected, { min: 15, max: 25 }, 1);
  t.ok(large.typicalSize >= 10 && large.typicalSize <= 30, `typical ${large.typicalSize} at gamma ${large.resolution}`);
  t.ok(large.resolution < small.resolution);
  t.throws(() => resolutionForBand(g.order, g.undirected, { min: 5, max: 4 }, 1), /1 <= min <= max/);
});
