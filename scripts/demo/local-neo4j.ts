/**
 * The local Neo4j the demo uses when NEO4J_URI is not set: `node scripts/neo4j.mjs start`
 * (idempotent: starts, or finds running, a server on 127.0.0.1), its progress shown as it
 * comes. The Bolt and Browser addresses are read from what the script prints, falling
 * back to NEO4J_BOLT_PORT / NEO4J_HTTP_PORT (defaults 7687 / 7474).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { DemoError } from './demo-error.js';

export interface Neo4jEndpoints {
  boltUri: string;
  browserUrl: string;
}

/** The addresses printed by scripts/neo4j.mjs ("Bolt:    bolt://..." and "Browser: http://..."). */
export function parseNeo4jOutput(output: string, fallback: Neo4jEndpoints): Neo4jEndpoints {
  const bolt = /Bolt:\s+(bolt:\/\/\S+)/.exec(output)?.[1];
  const browser = /Browser:\s+(https?:\/\/\S+)/.exec(output)?.[1];
  return { boltUri: bolt ?? fallback.boltUri, browserUrl: browser ?? fallback.browserUrl };
}

export function defaultEndpoints(env: NodeJS.ProcessEnv): Neo4jEndpoints {
  return {
    boltUri: `bolt://127.0.0.1:${env.NEO4J_BOLT_PORT || 7687}`,
    browserUrl: `http://127.0.0.1:${env.NEO4J_HTTP_PORT || 7474}/browser/`,
  };
}

/** Runs the start script, echoing its output with `echo`; throws a DemoError if it fails. */
export async function startLocalNeo4j(repoDir: string, echo: (line: string) => void): Promise<Neo4jEndpoints> {
  const script = path.join(repoDir, 'scripts', 'neo4j.mjs');
  const child = spawn(process.execPath, [script, 'start'], { cwd: repoDir, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let pending = '';
  const onData = (chunk: Buffer): void => {
    const text = chunk.toString('utf8');
    output += text;
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) echo(line);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (c) => resolve(c));
  }).catch((err: Error) => {
    throw new DemoError(`cannot run ${script}: ${err.message}`);
  });
  if (pending) echo(pending);
  if (code !== 0) {
    const why = code === 2 ? 'a port it needs is taken by another process' : `exit code ${code}`;
    throw new DemoError(
      `Neo4j did not start (${why}); see the [neo4j] messages above.`,
      ['To use a Neo4j you already run, set NEO4J_URI (and NEO4J_USER / NEO4J_PASSWORD if it needs them).'],
    );
  }
  return parseNeo4jOutput(output, defaultEndpoints(process.env));
}
