import t from 'tap';
import { buildCompactGraph } from '../../src/analysis/compact-graph.js';
import { countDisconnected, splitDisconnected } from '../../src/analysis/connectivity.js';
import { toProjection } from '../helpers/datasets.js';

// Two triangles {a,b,c} and {d,e,f}, linked c - x - d through x.
const g = buildCompactGraph(
  toProjection(
    [['a', 'b'], ['b', 'c'], ['c', 'a'], ['d', 'e'], ['e', 'f'], ['f', 'd'], ['c', 'x'], ['x', 'd']].map(([source, target]) => ({ source: source as string, target: target as string })),
    { undirected: true },
  ),
);
const label = (groups: Record<string, number>) => Int32Array.from(g.ids, (id) => groups[id] as number);

t.test('a community whose members only connect through an outsider is split', async (t) => {
  // Community 0 = both triangles, community 1 = x alone: community 0 is disconnected.
  const community = label({ a: 0, b: 0, c: 0, d: 0, e: 0, f: 0, x: 1 });
  const split = splitDisconnected(g.undirected, community, 2);
  t.equal(split.disconnected, 1);
  t.equal(split.count, 3);
  const of = (id: string) => split.community[g.index.get(id) as number];
  t.ok(of('a') === of('b') && of('b') === of('c'));
  t.ok(of('d') === of('e') && of('e') === of('f'));
  t.not(of('a'), of('d'));
  t.not(of('x'), of('a'));
  t.equal(countDisconnected(g.undirected, community, 2), 1);
});

t.test('connected communities are left as they are', async (t) => {
  const community = label({ a: 0, b: 0, c: 0, x: 0, d: 1, e: 1, f: 1 });
  const split = splitDisconnected(g.undirected, community, 2);
  t.equal(split.disconnected, 0);
  t.same([...split.community], [...community]);
});
