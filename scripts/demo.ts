/**
 * `npm run demo`: the whole service on a fresh machine, end to end.
 *
 * 1. starts the local Neo4j (scripts/neo4j.mjs start) unless NEO4J_URI is set;
 * 2. starts the API (src/server.ts) as a child process on a free port and waits until ready;
 * 3. generates the seeded synthetic conversation graph (src/synthetic/conversation-graph.ts)
 *    and ingests it through the HTTP API in batches;
 * 4. runs an analysis and prints the niches next to the planted truth (NMI, trusted
 *    members found, broadcasters and trolls kept out of the trusted lists), then the
 *    communities next to the planted communities (NMI, how the niches nest in them);
 * 5. says how to explore the result in the explorer page and Neo4j Browser, stops the API
 *    (or, with --serve, keeps it up for the explorer until Ctrl-C), leaves Neo4j running;
 *    the last line is the explorer's URL of the analysis.
 *
 * Settings come from the environment (scripts/demo/settings.ts). Any failure prints a
 * readable message and exits non-zero; the API child is always stopped.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateConversationGraph } from '../src/synthetic/conversation-graph.js';
import { NichegraphApi } from './demo/api.js';
import { ApiProcess, findFreePort } from './demo/api-process.js';
import { browserHint } from './demo/browser-hint.js';
import { DemoError } from './demo/demo-error.js';
import { formatDuration, formatFixed, formatInt, formatRate } from './demo/format.js';
import { ApiError, HttpClient } from './demo/http-client.js';
import { ingestBatches, makeBatches, BATCH_SIZE } from './demo/ingest.js';
import { defaultEndpoints, startLocalNeo4j, type Neo4jEndpoints } from './demo/local-neo4j.js';
import { comparePlantedAndFound, comparePlantedCommunities, type FoundNiche } from './demo/matching.js';
import { communityLines, nicheTable, overallLines } from './demo/report.js';
import { readSettings } from './demo/settings.js';

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 60_000;

const say = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};
const step = (n: number, title: string): void => say(`\n== ${n}/5 ${title}`);

let api: ApiProcess | undefined;
let stopping: Promise<void> | undefined;

/** Stops the API child if it runs; concurrent and repeated calls share one stop. */
function stopApi(): Promise<void> {
  if (!stopping && api?.running) {
    say(`Stopping the API (pid ${api.pid}).`);
    stopping = api.stop();
  }
  return stopping ?? Promise.resolve();
}

async function main(): Promise<void> {
  const settings = readSettings(process.env, process.argv.slice(2));
  serving = settings.serve;
  const started = performance.now();

  // 1. Neo4j --------------------------------------------------------------------------------
  step(1, 'Neo4j');
  let neo4j: Neo4jEndpoints;
  let localNeo4j = false;
  if (settings.apiUrl) {
    neo4j = { ...defaultEndpoints(process.env), ...(settings.neo4jUri ? { boltUri: settings.neo4jUri } : {}) };
    say(`DEMO_API_URL is set: using the API at ${settings.apiUrl} and whatever Neo4j it is connected to.`);
  } else if (settings.neo4jUri) {
    neo4j = { ...defaultEndpoints(process.env), boltUri: settings.neo4jUri };
    say(`NEO4J_URI is set: using ${settings.neo4jUri} (no local Neo4j started).`);
  } else {
    say('Starting the local Neo4j (node scripts/neo4j.mjs start; the first run downloads it):');
    neo4j = await startLocalNeo4j(repoDir, (line) => say(`  ${line}`));
    localNeo4j = true;
  }

  // 2. API ------------------------------------------------------------------------------------
  step(2, 'API');
  let baseUrl: string;
  if (settings.apiUrl) {
    baseUrl = settings.apiUrl;
  } else {
    // The explorer page's assets (esbuild, well under a second; skipped when up to date).
    execFileSync(process.execPath, [path.join(repoDir, 'scripts', 'build-explorer.mjs'), '--if-stale'], { stdio: ['ignore', 'inherit', 'inherit'] });
    const port = settings.port ?? (await findFreePort(HOST));
    say(`Starting the API: node --import=tsx src/server.ts on http://${HOST}:${port} (NEO4J_URI=${neo4j.boltUri})`);
    api = ApiProcess.start({ repoDir, host: HOST, port, neo4jUri: neo4j.boltUri, verbose: settings.verbose });
    const t0 = performance.now();
    await api.waitUntilReady(READY_TIMEOUT_MS, (reason) => say(`  waiting for GET /health/ready (${reason})`));
    say(`API ready after ${formatDuration(performance.now() - t0)} (pid ${api.pid}).`);
    baseUrl = api.baseUrl;
  }
  const client = new NichegraphApi(new HttpClient(baseUrl));

  // 3. Synthetic graph and ingestion -----------------------------------------------------------
  step(3, 'Synthetic conversation graph');
  const t1 = performance.now();
  const graph = generateConversationGraph({ seed: settings.seed });
  const plantedTrusted = graph.planted.niches.reduce((s, n) => s + n.trusted.length, 0);
  say(
    `Generated in ${formatDuration(performance.now() - t1)} (seed ${settings.seed}): ${formatInt(graph.accounts.length)} accounts, ` +
      `${formatInt(graph.interactions.length)} interactions, ${graph.planted.niches.length} planted niches ` +
      `(${graph.planted.niches.at(-1)?.members.length}..${graph.planted.niches[0]?.members.length} members) with ` +
      `${plantedTrusted} planted trusted members, ${graph.planted.broadcasters.length} broadcasters, ${graph.planted.trolls.length} trolls.`,
  );
  const deleted = await client.deleteGraphIfExists(settings.graphId);
  if (deleted) say(`Deleted the previous graph '${settings.graphId}'.`);
  await client.createGraph({
    id: settings.graphId,
    name: 'nichegraph demo',
    description: `Synthetic conversations, seed ${settings.seed} (npm run demo)`,
  });
  const batches = makeBatches(graph.interactions, graph.accounts, BATCH_SIZE);
  say(`Created graph '${settings.graphId}'; sending ${batches.length} batches of up to ${formatInt(BATCH_SIZE)} interactions:`);
  const totals = await ingestBatches(client, settings.graphId, batches, say);
  say(
    `Ingested ${formatInt(totals.stored)} interactions (${formatInt(totals.duplicates)} duplicates) in ` +
      `${formatDuration(totals.elapsedMs)}: ${formatRate(totals.received, totals.elapsedMs)}.`,
  );

  // 4. Analysis ---------------------------------------------------------------------------------
  step(4, 'Analysis');
  const params = { topK: settings.topK, ...(settings.resolution !== undefined ? { resolution: settings.resolution } : {}) };
  say(`POST /v1/graphs/${settings.graphId}/analyses ${JSON.stringify(params)}`);
  const t2 = performance.now();
  const analysis = await client.runAnalysis(settings.graphId, params, {
    onWaiting: (a, ms) => say(`  analysis ${a.id} is ${a.status} after ${formatDuration(ms)}...`),
  });
  if (analysis.status === 'failed') {
    throw new DemoError(`analysis ${analysis.id} failed: ${analysis.error ?? 'no reason given'}`, api?.logTail() ?? []);
  }
  const s = analysis.summary;
  say(
    `Analysis ${analysis.id} succeeded in ${formatDuration(performance.now() - t2)}` +
      (s
        ? `: ${formatInt(s.accounts)} accounts, ${formatInt(s.edges)} edges, ${formatInt(s.niches)} niches` +
          (s.communities !== undefined ? ` in ${formatInt(s.communities)} communities` : '') +
          `, modularity ${formatFixed(s.modularity, 3)} (communities)` +
          (s.nicheModularity !== undefined ? `, ${formatFixed(s.nicheModularity, 3)} (niches)` : '') +
          '.'
        : '.'),
  );

  const niches = await client.listNiches(analysis.id);
  const found: FoundNiche[] = [];
  let unassigned = 0;
  for (const niche of niches.items) {
    // Accounts of the unassigned group are in no niche: they count as niches of their own.
    if (niche.unassigned) {
      unassigned = niche.size;
      continue;
    }
    const members = await client.listMembers(analysis.id, niche.id);
    found.push({ ...niche, members: members.map((m) => m.accountId) });
  }
  const comparison = comparePlantedAndFound(graph.planted, found);
  const reportOptions = { topK: settings.topK };
  say();
  for (const line of nicheTable(comparison, graph.planted, reportOptions)) say(line);
  say();
  for (const line of overallLines(comparison, graph.planted, reportOptions)) say(line);
  if (unassigned > 0) say(`${formatInt(unassigned)} accounts are in no niche (their group was smaller than minNicheSize).`);

  const communities = await client.listCommunities(analysis.id);
  const level = comparePlantedCommunities(graph.planted, communities.items, found);
  say();
  for (const line of communityLines(level, graph.planted, { communities: s?.modularity, niches: s?.nicheModularity })) say(line);

  // 5. Where to look next -------------------------------------------------------------------------
  step(5, 'Explore');
  const explorerUrl = `${baseUrl}/explorer?analysis=${analysis.id}`;
  say(`Exports: ${baseUrl}/v1/analyses/${analysis.id}/export?format=ndjson (csv, gexf, graphml); whom to equip: ${baseUrl}/v1/analyses/${analysis.id}/ambassadors?budget=10`);
  say('In Neo4j Browser:');
  for (const line of browserHint({
    browserUrl: neo4j.browserUrl,
    boltUri: neo4j.boltUri,
    local: localNeo4j,
    analysisId: analysis.id,
    exploreFile: path.join(repoDir, 'cypher', 'explore.cypher'),
  })) {
    say(line);
  }
  say();
  if (localNeo4j) say('Neo4j keeps running (the data stays); stop it with: npm run neo4j:stop');
  if (settings.serve && api) {
    done = true;
    say(`Demo done in ${formatDuration(performance.now() - started)}. The API stays up (pid ${api.pid}); Ctrl-C stops it.`);
    say(`Explorer: ${explorerUrl}`);
    await api.exited;
    return;
  }
  await stopApi();
  say(`Demo done in ${formatDuration(performance.now() - started)}. The API is stopped: \`npm run demo -- --serve\` keeps it up for the explorer.`);
  say(`Explorer: ${explorerUrl}`);
}

let interruptedBy: NodeJS.Signals | null = null;
/** --serve: a Ctrl-C once the demo is done is the normal way out. */
let serving = false;
let done = false;

async function interrupted(signal: NodeJS.Signals): Promise<void> {
  interruptedBy = signal;
  process.stderr.write(`\ndemo: ${signal} received, stopping.\n`);
  await stopApi().catch(() => {});
  process.exit(serving && done ? 0 : 130);
}
process.once('SIGINT', (sig) => void interrupted(sig));
process.once('SIGTERM', (sig) => void interrupted(sig));
// Never leave the API child behind, whatever ends this process.
process.on('exit', () => api?.killNow());

try {
  await main();
} catch (err) {
  process.stderr.write('\n');
  if (interruptedBy !== null) {
    // The interruption handler stops the API and exits; requests cut short fail meanwhile.
  } else if (err instanceof DemoError) {
    process.stderr.write(`demo failed: ${err.message}\n`);
    for (const line of err.details) process.stderr.write(`${line}\n`);
    // A 5xx says nothing more than its request id: the API's log has the cause.
    if (err instanceof ApiError && err.status >= 500) for (const line of api?.logTail() ?? []) process.stderr.write(`${line}\n`);
  } else {
    process.stderr.write(`demo failed unexpectedly: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    for (const line of api?.logTail() ?? []) process.stderr.write(`${line}\n`);
  }
  await stopApi().catch(() => {});
  process.exitCode = 1;
}
