/**
 * openapi.yaml is generated from the route schemas, and src/client/openapi-types.ts
 * (TypeScript types for openapi-fetch clients) from openapi.yaml by openapi-typescript.
 * `write` regenerates both; `check` fails (exit 1, with the first differing line) when a
 * committed file and the code have drifted. The app is built without a database: spec
 * generation touches none.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { AnalysisJobs } from '../src/jobs/port.js';
import type { GraphStore } from '../src/store/port.js';
import type { IdempotencyStore } from '../src/store/idempotency-store.js';

const SPEC_PATH = fileURLToPath(new URL('../openapi.yaml', import.meta.url));
const TYPES_PATH = fileURLToPath(new URL('../src/client/openapi-types.ts', import.meta.url));

/** The client types: what `npx openapi-typescript openapi.yaml` prints, with a header. */
export async function generateClientTypes(spec: string): Promise<string> {
  const ast = await openapiTS(spec);
  return (
    '// Generated from openapi.yaml by openapi-typescript (npm run openapi). Do not edit.\n' +
    '// Use with openapi-fetch: createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${key}` } }).\n' +
    astToString(ast)
  );
}

/** Any call is a bug here: generating the spec must not reach a database or a job. */
function unreachable<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get: (_t, prop) => () => {
      throw new Error(`${name}.${String(prop)} called while generating the spec`);
    },
  });
}

export async function generateSpec(): Promise<string> {
  const app = await buildApp({
    store: unreachable<GraphStore>('store'),
    jobs: { ...unreachable<AnalysisJobs>('jobs'), close: async () => {} },
    idempotency: unreachable<IdempotencyStore>('idempotency'),
    config: loadConfig({}),
  });
  await app.ready();
  const yaml = app.swagger({ yaml: true });
  await app.close();
  return yaml;
}

function firstDifference(committed: string, generated: string): string {
  const a = committed.split('\n');
  const b = generated.split('\n');
  let i = 0;
  while (i < Math.max(a.length, b.length) && a[i] === b[i]) i++;
  return `first difference at line ${i + 1}:\n  committed: ${a[i] ?? '<end of file>'}\n  generated: ${b[i] ?? '<end of file>'}`;
}

const mode = process.argv[2];
const spec = await generateSpec();
const types = await generateClientTypes(spec);
const outputs: Array<[string, string]> = [
  [SPEC_PATH, spec],
  [TYPES_PATH, types],
];
if (mode === 'write') {
  for (const [path, text] of outputs) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
    console.log(`wrote ${path}`);
  }
} else if (mode === 'check') {
  let stale = false;
  for (const [path, text] of outputs) {
    const committed = await readFile(path, 'utf8').catch(() => '');
    if (committed !== text) {
      console.error(`${path} is out of date with the route schemas (${firstDifference(committed, text)})`);
      stale = true;
    }
  }
  if (stale) {
    console.error('Run `npm run openapi` and commit the result.');
    process.exit(1);
  }
  console.log('openapi.yaml and src/client/openapi-types.ts match the route schemas');
} else {
  console.error('usage: openapi.ts write|check');
  process.exit(2);
}
