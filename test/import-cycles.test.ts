/**
 * No import cycles anywhere in src/ (relative imports, type-only and side-effect ones
 * included: a cycle of types still ties two modules' designs together). A cycle is reported
 * as its chain of files. `npx madge --circular --extensions ts src/` agrees (it found the
 * src/analysis cycle through types.ts and centrality/select.ts that this test once left out).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const root = fileURLToPath(new URL('../src/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

const IMPORT = /^\s*(?:(?:import|export)\b[^'"]*?from\s+|import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;

/** The graph file -> the files it imports (relative specifiers, .js mapped back to .ts). */
export function importGraph(files: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const targets: string[] = [];
    for (const m of text.matchAll(IMPORT)) targets.push(path.resolve(path.dirname(file), m[1]!.replace(/\.js$/, '.ts')));
    graph.set(file, targets.filter((f) => graph.has(f) || files.includes(f)));
  }
  return graph;
}

/** Every cycle found by a depth-first search, each as a list of files. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

t.test('the cycle finder finds a cycle it is given', async (t) => {
  const g = new Map([
    ['a', ['b']],
    ['b', ['c']],
    ['c', ['a']],
    ['d', ['a']],
  ]);
  t.same(findCycles(g), [['a', 'b', 'c', 'a']]);
});

t.test('the import reader follows named, type-only, re-exported and side-effect imports', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cycles-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  const a = file('a.ts', "import { b } from './b.js';\nimport type {\n  C,\n} from './c.js';\nexport { d } from './d.js';\nimport './e.js';\n");
  const [b, c, d, e] = ['b', 'c', 'd', 'e'].map((n) => file(`${n}.ts`, ''));
  t.same(importGraph([a, b!, c!, d!, e!]).get(a), [b, c, d, e]);
});

t.test('no import cycle in src/', async (t) => {
  const files = sources(root);
  t.ok(files.length > 50, `${files.length} files read`);
  const cycles = findCycles(importGraph(files))
    .map((c) => c.map((f) => path.relative(root, f)))
    .map((c) => c.join(' -> '));
  t.same(cycles, [], cycles.join('\n'));
});
