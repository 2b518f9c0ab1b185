import t from 'tap';
import { parseGml, readGmlGraph } from './gml.js';

t.test('reads nodes, edges, numbers, strings and comments', async (t) => {
  const text = [
    '# a comment',
    'Creator "someone"',
    'graph [',
    '  directed 1',
    '  node [ id 0 label "zero" club "Mr. Hi" ]',
    '  node [',
    '    id 1',
    '    value -2.5e1',
    '    graphics [ x 1.0 y 2 ]',
    '  ]',
    '  edge [ source 0 target 1 value 3 ]',
    ']',
  ].join('\r\n');
  const graph = readGmlGraph(text);
  t.equal(graph.directed, true);
  t.same(graph.nodes, [
    { id: 0, label: 'zero', club: 'Mr. Hi' },
    { id: 1, value: -25 },
  ]);
  t.same(graph.edges, [{ source: 0, target: 1, value: 3 }]);
  t.equal(parseGml(text).entries[0]?.[1], 'someone');
});

t.test('rejects malformed documents', async (t) => {
  t.throws(() => readGmlGraph('graph [ node [ id 0 ]'), /missing \]/);
  t.throws(() => readGmlGraph('graph [ ] ]'), /unbalanced/);
  t.throws(() => readGmlGraph('graph [ label "open ]'), /unterminated string/);
  t.throws(() => readGmlGraph('node [ id 0 ]'), /exactly one graph/);
  t.throws(() => readGmlGraph('graph [ id ]'), /followed by close/);
});
