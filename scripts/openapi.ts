/**
 * openapi.yaml is generated from the route schemas. `write` regenerates it; `check`
 * fails (exit 1, with the first differing line) when the committed file and the code
 * have drifted. The app is built without a database: spec generation touches none.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { AnalysisJobs } from '../src/jobs/port.js';
import type { GraphStore } from '../src/store/port.js';

const SPEC_PATH = fileURLToPath(new URL('../openapi.yaml', import.meta.url));

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
    config: loadConfig({}),
  });
  await app.ready();
  const yaml = app.swagger({ yaml: true });
  await app.close();
  return yaml;
}

const mode = process.argv[2];
const spec = await generateSpec();
if (mode === 'write') {
  await writeFile(SPEC_PATH, spec);
  console.log(`wrote ${SPEC_PATH}`);
} else if (mode === 'check') {
  const committed = await readFile(SPEC_PATH, 'utf8').catch(() => '');
  if (committed !== spec) {
    const a = committed.split('\n');
    const b = spec.split('\n');
    let i = 0;
    while (i < Math.max(a.length, b.length) && a[i] === b[i]) i++;
    console.error(`openapi.yaml is out of date with the route schemas (first difference at line ${i + 1}):`);
    console.error(`  committed: ${a[i] ?? '<end of file>'}`);
    console.error(`  generated: ${b[i] ?? '<end of file>'}`);
    console.error('Run `npm run openapi` and commit the result.');
    process.exit(1);
  }
  console.log('openapi.yaml matches the route schemas');
} else {
  console.error('usage: openapi.ts write|check');
  process.exit(2);
}
