/**
 * The demo's settings, read from the environment and checked up front; a bad value stops
 * the demo with a message naming the variable.
 *
 *   DEMO_SEED        seed of the synthetic graph                    default 7
 *   DEMO_GRAPH_ID    graph id, deleted and re-created on each run   default demo
 *   DEMO_TOP_K       trusted members reported per niche             default 5
 *   DEMO_RESOLUTION  Louvain resolution                             default: the API's
 *   DEMO_API_URL     use an API already running there (no Neo4j start, no child API)
 *   DEMO_VERBOSE     1: stream the API's log
 *   PORT             port of the child API                          default: a free port
 *   NEO4J_URI        use this Neo4j instead of starting the local one
 *
 * Argument: --serve keeps the API running after the demo (for the explorer) until Ctrl-C.
 */
import { DemoError } from './demo-error.js';

export interface DemoSettings {
  seed: number;
  graphId: string;
  topK: number;
  resolution: number | undefined;
  apiUrl: string | undefined;
  verbose: boolean;
  port: number | undefined;
  neo4jUri: string | undefined;
  /** Keep the API up after the demo (`npm run demo -- --serve`). */
  serve: boolean;
}

function integer(env: NodeJS.ProcessEnv, name: string, min: number, max: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new DemoError(`${name} must be an integer in ${min}..${max}, got "${raw}"`);
  return n;
}

export function readSettings(env: NodeJS.ProcessEnv, argv: readonly string[] = []): DemoSettings {
  const unknown = argv.filter((a) => a !== '--serve');
  if (unknown.length > 0) throw new DemoError(`unknown argument ${unknown[0]}: the demo takes only --serve (settings come from the environment)`);
  const graphId = env.DEMO_GRAPH_ID?.trim() || 'demo';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(graphId)) throw new DemoError(`DEMO_GRAPH_ID must be 1-64 of [A-Za-z0-9_-], got "${graphId}"`);
  let resolution: number | undefined;
  const rawResolution = env.DEMO_RESOLUTION?.trim();
  if (rawResolution) {
    resolution = Number(rawResolution);
    if (!(resolution > 0 && resolution <= 100)) throw new DemoError(`DEMO_RESOLUTION must be a number in (0, 100], got "${rawResolution}"`);
  }
  let apiUrl = env.DEMO_API_URL?.trim() || undefined;
  if (apiUrl !== undefined) {
    try {
      apiUrl = new URL(apiUrl).toString().replace(/\/$/, '');
    } catch {
      throw new DemoError(`DEMO_API_URL must be a URL such as http://127.0.0.1:3000, got "${apiUrl}"`);
    }
  }
  return {
    seed: integer(env, 'DEMO_SEED', -2147483648, 4294967295) ?? 7,
    graphId,
    topK: integer(env, 'DEMO_TOP_K', 1, 100) ?? 5,
    resolution,
    apiUrl,
    verbose: env.DEMO_VERBOSE === '1' || env.DEMO_VERBOSE === 'true',
    port: integer(env, 'PORT', 1, 65535),
    neo4jUri: env.NEO4J_URI?.trim() || undefined,
    serve: argv.includes('--serve'),
  };
}
