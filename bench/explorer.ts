/**
 * The explorer and the exports, timed (issue 11's targets: map drawn within 3 s for the
 * demo graph, 5 s for email-eu-core, in headless Chromium; NDJSON export of the higgs result
 * in under 10 s).
 *
 * usage: NEO4J_URI=bolt://... node --import=tsx bench/explorer.ts [--higgs] [--loads N]
 *
 * For the demo graph (3,000 accounts, seed 7) and email-eu-core, each ingested through the
 * API (the app in this process, on a free port) and analysed at the defaults:
 *   - the page opened on the analysis in Debian's Chromium (playwright-core), once cold (the
 *     server reads the analysis whole for the first time) and N times warm, for each layout:
 *     seeded (FA2 on the niche graph, members in discs: the default), fa2 (seeded, then
 *     ForceAtlas2 in a web worker on every account for 3 s) and random (random start, then
 *     FA2 in the worker for 3 s). Times from navigation start: data received, first frame; the time the page spent placing the nodes (what a layout computed in the analysis worker would save);
 *     the layout purity (share of accounts whose nearest account on the map is in the same
 *     niche) at the first frame and once the layout has stopped.
 *   - the NDJSON export, end to end (last byte), next to its floor: one Cypher query streaming
 *     the bytes of every stored block of the analysis through neo4j-driver, nothing decoded.
 * --higgs adds (--only-higgs: only) higgs-twitter's retweet layer (256k accounts, streamed in as NDJSON, analysed
 * with runs 1) for the export only. Prints markdown tables; bench/README.md keeps the last run.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import neo4j from 'neo4j-driver';
import { generateConversationGraph } from '../src/synthetic/conversation-graph.js';
import { startTestApp, uniqueId } from '../test/helpers/app.js';
import { launchBrowser, watchedPage } from '../test/helpers/browser.js';
import { loadEmailEuCore } from '../test/helpers/datasets.js';

const args = process.argv.slice(2);
const loads = Number(args[args.indexOf('--loads') + 1] ?? 3) || 3;
const withHiggs = args.includes('--higgs') || args.includes('--only-higgs');
const onlyHiggs = args.includes('--only-higgs');
const HIGGS = new URL('../../shared/datasets/higgs-twitter/higgs-retweet_network.edgelist.gz', import.meta.url).pathname;

const ctx = await startTestApp({ RATE_LIMIT_MAX: '1000000' });
const address = await ctx.app.listen({ host: '127.0.0.1', port: 0 });
const driver = neo4j.driver(process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687');
const created: string[] = [];

async function call(method: string, url: string, body?: unknown, type = 'application/json'): Promise<any> {
  const res = await fetch(address + url, {
    method,
    headers: body === undefined ? {} : { 'content-type': type },
    body: body === undefined ? undefined : typeof body === 'string' || body instanceof Readable ? (body as never) : JSON.stringify(body),
    ...(body instanceof Readable ? { duplex: 'half' } : {}),
  } as RequestInit);
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

async function analysed(name: string, interactions: Array<Record<string, unknown>> | (() => Readable), params: object): Promise<any> {
  const id = uniqueId(`bench-${name}`);
  created.push(id);
  await call('POST', '/v1/graphs', { id, name });
  if (typeof interactions === 'function') {
    await call('POST', `/v1/graphs/${id}/interactions`, interactions(), 'application/x-ndjson');
  } else {
    for (let i = 0; i < interactions.length; i += 50_000) await call('POST', `/v1/graphs/${id}/interactions`, { interactions: interactions.slice(i, i + 50_000) });
  }
  let a = await call('POST', `/v1/graphs/${id}/analyses?wait=60`, params);
  while (a.status === 'queued' || a.status === 'running') a = await call('GET', `/v1/analyses/${a.id}?wait=60`);
  if (a.status !== 'succeeded') throw new Error(`analysis of ${name}: ${a.status} ${a.error ?? ''}`);
  return a;
}

interface Load {
  dataMs: number;
  drawnMs: number;
  purityDrawn: number;
  puritySettled: number;
  /** Time the page spent placing the nodes before the first frame (what a layout computed in the analysis worker would save). */
  seedMs: number;
}

async function openPage(browser: Awaited<ReturnType<typeof launchBrowser>>, analysisId: string, layout: string): Promise<Load> {
  const { page, errors } = await watchedPage(browser);
  await page.goto(`${address}/explorer?analysis=${analysisId}&layout=${layout}&layoutMs=3000`);
  try {
    await page.waitForFunction(() => (globalThis as any).__explorer?.maps?.some((m: any) => m.drawnAt > 0), undefined, { timeout: 120_000 });
  } catch (err) {
    const state = await page.evaluate('JSON.stringify({ maps: window.__explorer?.maps, status: document.querySelector("#status")?.textContent })');
    throw new Error(`map not drawn (${layout}): ${state}; errors: ${errors.join(' | ')}`, { cause: err });
  }
  const first = (await page.evaluate('({ map: window.__explorer.maps[0], purity: window.__explorer.layoutPurity(), phases: window.__explorer.phases })')) as {
    map: any;
    purity: number;
    phases: { built: number; seeded: number };
  };
  await page.waitForFunction(() => (globalThis as any).__explorer.maps[0].settledAt > 0, undefined, { timeout: 60_000 });
  // FA2's worker writes positions back on its next frame after stopping.
  await page.waitForTimeout(200);
  const settled = (await page.evaluate('window.__explorer.layoutPurity()')) as number;
  if (errors.length > 0) throw new Error(`page errors: ${errors.join(' | ')}`);
  await page.context().close();
  return { dataMs: first.map.dataAt, drawnMs: first.map.drawnAt, purityDrawn: first.purity, puritySettled: settled, seedMs: first.phases.seeded - first.phases.built };
}

async function exportSeconds(analysisId: string): Promise<{ seconds: number; bytes: number; lines: number }> {
  const t0 = performance.now();
  const res = await fetch(`${address}/v1/analyses/${analysisId}/export?format=ndjson`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const b of chunk) if (b === 10) lines++;
  }
  return { seconds: (performance.now() - t0) / 1000, bytes, lines };
}

/** The floor: the bytes of every stored block of the analysis (bench/export.ts's), streamed by the driver in one query. */
async function rawReadSeconds(analysisId: string): Promise<number> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  const t0 = performance.now();
  let rows = 0;
  try {
    const result = session.run('MATCH (b:ResultBlock {analysisId: $analysisId}) RETURN b.data AS data, b.ids AS ids, b.tieIds AS tieIds', { analysisId });
    for await (const _ of result) rows++;
  } finally {
    await session.close();
  }
  return (performance.now() - t0) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
const s = (ms: number) => (ms / 1000).toFixed(2);

const browser = await launchBrowser();
const rows: string[] = [];
const exportRows: string[] = [];
try {
  const demo = generateConversationGraph({ seed: 7 });
  const email = loadEmailEuCore();
  const datasets: Array<[string, any, number]> = onlyHiggs
    ? []
    : [
        ['demo graph (3,000 accounts)', await analysed('demo', demo.interactions as never, {}), 3],
        ['email-eu-core (1,005 accounts)', await analysed('email', email.edges.filter((e) => e.source !== e.target) as never, {}), 5],
      ];
  for (const [name, a, target] of datasets) {
    const cold = await openPage(browser, a.id, 'seeded');
    rows.push(`| ${name} | seeded, cold | ${s(cold.dataMs)} | ${s(cold.drawnMs)} | ${s(cold.seedMs)} | ${cold.purityDrawn.toFixed(2)} | - | ${target} s |`);
    for (const layout of ['seeded', 'fa2', 'random']) {
      const runs: Load[] = [];
      for (let i = 0; i < loads; i++) runs.push(await openPage(browser, a.id, layout));
      rows.push(
        `| ${name} | ${layout}, warm (median of ${loads}) | ${s(median(runs.map((r) => r.dataMs)))} | ${s(median(runs.map((r) => r.drawnMs)))} | ${s(median(runs.map((r) => r.seedMs)))} | ` +
          `${median(runs.map((r) => r.purityDrawn)).toFixed(2)} | ${layout === 'seeded' ? '-' : median(runs.map((r) => r.puritySettled)).toFixed(2)} | ${target} s |`,
      );
    }
    const ex = await exportSeconds(a.id);
    const raw = await rawReadSeconds(a.id);
    exportRows.push(`| ${name} | ${ex.lines} | ${(ex.bytes / 1e6).toFixed(1)} MB | ${ex.seconds.toFixed(2)} | ${raw.toFixed(2)} | ${(ex.seconds / raw).toFixed(1)} | - |`);
  }
  if (withHiggs) {
    const ndjson = () =>
      Readable.from(
        (async function* () {
          for await (const line of createInterface({ input: createReadStream(HIGGS).pipe(createGunzip()), crlfDelay: Infinity })) {
            const [source, target, w] = line.trim().split(/\s+/);
            if (source && target && source !== target) yield `${JSON.stringify({ source, target, weight: Number(w ?? 1) })}\n`;
          }
        })(),
      );
    const a = await analysed('higgs', ndjson, { runs: 1 });
    const ex = await exportSeconds(a.id);
    const raw = await rawReadSeconds(a.id);
    exportRows.push(`| higgs-twitter retweet (256k accounts) | ${ex.lines} | ${(ex.bytes / 1e6).toFixed(1)} MB | ${ex.seconds.toFixed(2)} | ${raw.toFixed(2)} | ${(ex.seconds / raw).toFixed(1)} | 10 s |`);
  }
} finally {
  await browser.close();
  for (const id of created) await call('DELETE', `/v1/graphs/${id}`).catch(() => {});
  await driver.close();
  await ctx.close();
}

console.log('\n### Explorer: map drawn in headless Chromium (seconds from navigation start)\n');
console.log('| analysis | layout | data received | first frame | placing the nodes in the page | purity at first frame | purity after FA2 (3 s) | target |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) console.log(r);
console.log('\n### NDJSON export, end to end, next to a raw driver read of the stored blocks\n');
console.log('| analysis | lines | size | export (s) | raw read (s) | ratio | target |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const r of exportRows) console.log(r);
