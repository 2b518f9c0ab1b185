import t from 'tap';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CypherFiles, findCypherDir, splitStatements } from '../../src/store/cypher-files.js';

t.test('splitStatements', async (t) => {
  t.same(splitStatements('RETURN 1'), ['RETURN 1']);
  t.same(splitStatements('RETURN 1;\n'), ['RETURN 1']);
  t.same(splitStatements('// head\nRETURN 1;  \n\n// only a comment\n;\nMATCH (n)\nRETURN n ;'), [
    '// head\nRETURN 1',
    'MATCH (n)\nRETURN n',
  ]);
  t.same(splitStatements("RETURN 'a;b' AS x;\r\nRETURN 2"), ["RETURN 'a;b' AS x", 'RETURN 2'], 'a ; inside a line does not split');
  t.same(splitStatements('// nothing\n\n'), []);
});

t.test('findCypherDir walks up to package.json', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'cypher-files-'));
  writeFileSync(join(root, 'package.json'), '{}');
  mkdirSync(join(root, 'cypher'));
  mkdirSync(join(root, 'dist', 'src', 'store'), { recursive: true });
  const fake = pathToFileURL(join(root, 'dist', 'src', 'store', 'cypher-files.js')).href;
  t.equal(findCypherDir(fake), join(root, 'cypher'));
  t.throws(() => findCypherDir(pathToFileURL('/nowhere/at/all.js').href), /no package\.json/);
});

t.test('the repository files load', async (t) => {
  const files = new CypherFiles();
  t.ok(files.dir.endsWith('cypher'));
  for (const name of files.names()) t.ok(files.statements(name).length >= 1, name);
  t.ok(files.statements('schema').length >= 5, 'schema has several statements');
  t.match(files.get('ping'), /RETURN 1/);
  t.throws(() => files.get('schema'), /expected one/);
  t.throws(() => files.get('missing'), /no missing\.cypher/);
});

t.test('every statement the store names exists, with the right count', async (t) => {
  const files = new CypherFiles();
  const storeDir = new URL('../../src/store/', import.meta.url);
  const source = readdirSync(storeDir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(new URL(f, storeDir), 'utf8'))
    .join('\n');
  const single = [...source.matchAll(/(?:q\.get|this\.(?:ctx\.)?(?:read|write|run|inTransactions)|\bctx\.(?:read|write|run|inTransactions))\('([a-z0-9-]+)'/g)].map((m) => m[1]!);
  const multi = [...source.matchAll(/q\.statements\('([a-z0-9-]+)'\)/g)].map((m) => m[1]!);
  t.ok(single.length > 15, `${single.length} single-statement uses`);
  for (const name of new Set(single)) t.doesNotThrow(() => files.get(name), name);
  for (const name of new Set(multi)) t.ok(files.statements(name).length >= 1, name);
  const used = new Set([...single, ...multi, 'explore']);
  t.same(files.names().filter((n) => !used.has(n)), [], 'no unused file');
});
