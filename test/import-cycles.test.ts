/**
 * No import cycles through src/http, src/app.ts or src/server.ts (relative imports,
 * type-only ones included: a cycle of types still ties two modules' designs together).
 * A cycle is reported as its chain of files. (src/analysis has cycles of its own through
 * types.ts and centrality/select.ts, owned elsewhere: not checked here yet.)
 */
import { readdirSync, readFileSync } from 'node:fs';
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

const IMPORT = /^\s*(?:import|export)\b[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/gm;

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

const HTTP_SIDE = (file: string) => file.startsWith('http/') || file === 'app.ts' || file === 'server.ts';

t.test('no import cycle goes through the HTTP side', async (t) => {
  const files = sources(root);
  t.ok(files.length > 50, `${files.length} files read`);
  const cycles = findCycles(importGraph(files))
    .map((c) => c.map((f) => path.relative(root, f)))
    .filter((c) => c.some(HTTP_SIDE))
    .map((c) => c.join(' -> '));
  t.same(cycles, [], cycles.join('\n'));
});
