/**
 * Neo4j killed (SIGKILL, no clean shutdown) in the middle of a streamed ingestion and of an
 * analysis' write-back at once (one restart serves both), with the real server of
 * scripts/neo4j.mjs (the one this suite runs against), restarted afterwards:
 *   - the write-back is held mid-way deterministically (the test holds, in an open
 *     transaction, the key of one niche the writer creates, as test/store/crash-mid-write
 *     does), so it has staged blocks when Neo4j dies; after the restart the same app ends
 *     the analysis by itself: failed with nothing of it readable and its staged rows gone,
 *     or (the write retried once the database is back) succeeded with the whole result;
 *   - the stream's client gets a 503 problem that says how many rows and batches were
 *     committed before the failure;
 *   - after the restart every one of those batches is stored, and what is stored is whole
 *     batches only (a prefix of the body: nothing half-written is visible);
 *   - the same app, never restarted, answers again by itself once Neo4j is back, and
 *     re-sending the whole body stores each interaction exactly once (ids).
 * Needs the pid file scripts/neo4j.mjs writes; against a Neo4j this repo did not start it is
 * skipped (it would not kill a server it does not own).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j from 'neo4j-driver';
import t from 'tap';
import { createDriver } from '../../src/store/driver.js';
import { startTestApp, uniqueId } from '../helpers/app.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const homeDir = path.resolve(repo, process.env.NEO4J_HOME_DIR ?? '.neo4j');
const pidFile = path.join(homeDir, 'run', 'nichegraph-neo4j.pid');
const uri = process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687';
const boltPort = new URL(uri.replace(/^(bolt|neo4j)/, 'http')).port || '7687';

function neo4jPid(): number | null {
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

async function startNeo4j(): Promise<void> {
  const child = spawn(process.execPath, [path.join(repo, 'scripts', 'neo4j.mjs'), 'start'], {
    cwd: repo,
    env: { ...process.env, NEO4J_BOLT_PORT: boltPort },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`could not restart Neo4j (exit ${code}): ${out.slice(-1000)}`);
}

const BATCH = 2000;
const ROWS = 20_000;
const line = (i: number) => `{"id":"k${i}","source":"a${i % 499}","target":"b${(i * 7) % 503}","type":"reply"}\n`;

/** POSTs the NDJSON body with backpressure; resolves with the answer, even one that comes before the body is sent. */
function upload(port: number, graphId: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: `/v1/graphs/${graphId}/interactions`, headers: { 'content-type': 'application/x-ndjson' } });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> });
      });
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    let i = 0;
    const pump = () => {
      while (!answered && i < ROWS) {
        let chunk = '';
        for (let k = 0; k < 200 && i < ROWS; k++) chunk += line(i++);
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

const pid = neo4jPid();
t.test('Neo4j SIGKILLed mid-stream: 503 naming the committed batches, all of them kept, whole batches only, recovery', { skip: pid === null ? `no Neo4j started by scripts/neo4j.mjs (${pidFile})` : false }, async (t) => {
  const ctx = await startTestApp({ INGEST_STREAM_BATCH_ROWS: String(BATCH), NEO4J_MAX_RETRY_MS: '2000' });
  let killed = false;
  t.teardown(async () => {
    if (killed && neo4jPid() === null) await startNeo4j();
    await ctx.close();
  });
  await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  const port = (ctx.app.server.address() as { port: number }).port;
  const g = uniqueId('killed');
  t.equal((await ctx.app.inject({ method: 'POST', url: '/v1/graphs', payload: { id: g, name: g } })).statusCode, 201);
  t.teardown(() => ctx.store.deleteGraph(g).then(() => {}, () => {}));

  const probe = await createDriver({ uri });
  t.teardown(() => probe.close());
  const stored = async (): Promise<number[]> => {
    const { records } = await probe.executeQuery('MATCH (:Account {graphId: $g})-[r:INTERACTED]->() RETURN r.id AS id', { g });
    return records.map((r) => Number(String(r.get('id')).slice(1))).sort((a, b) => a - b);
  };

  const t0 = Date.now();
  const stage = (what: string) => t.comment(`${what} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const nodes = async (label: 'ResultBlock' | 'Niche', analysisId: string) =>
    Number((await probe.executeQuery(`MATCH (x:${label} {analysisId: $analysisId}) RETURN count(x) AS n`, { analysisId })).records[0]?.get('n'));

  // An analysis whose write-back is held mid-way: 100 rings of 25 give 100 niches; the test
  // holds its catalogue block's key, so the writer stages its other blocks and waits on that key.
  const w = uniqueId('killedwb');
  t.equal((await ctx.app.inject({ method: 'POST', url: '/v1/graphs', payload: { id: w, name: w } })).statusCode, 201);
  t.teardown(() => ctx.store.deleteGraph(w).then(() => {}, () => {}));
  const rings = [];
  for (let i = 0; i < 2500; i++) {
    const next = `u${Math.floor(i / 25) * 25 + ((i + 1) % 25)}`;
    rings.push({ source: `u${i}`, target: next }, { source: next, target: `u${i}` });
  }
  t.equal((await ctx.app.inject({ method: 'POST', url: `/v1/graphs/${w}/interactions`, payload: { interactions: rings } })).statusCode, 200);
  const posted = await ctx.app.inject({ method: 'POST', url: `/v1/graphs/${w}/analyses`, payload: { seed: 1, runs: 4 } });
  t.equal(posted.statusCode, 202);
  const analysisId = posted.json().id as string;
  const lockSession = probe.session({ defaultAccessMode: neo4j.session.WRITE });
  const lock = await lockSession.beginTransaction();
  await lock.run("CREATE (:ResultBlock {analysisId: $analysisId, kind: 'catalogue', seq: 0})", { analysisId });
  t.teardown(() => lockSession.close().catch(() => {}));
  let staged = 0;
  for (let i = 0; i < 1200 && staged === 0; i++) {
    staged = await nodes('ResultBlock', analysisId);
    if (staged === 0) await new Promise((r) => setTimeout(r, 50));
  }
  t.ok(staged > 0, `the write-back is mid-way (${staged} blocks staged, held on the catalogue block's key)`);
  t.equal((await ctx.app.inject({ url: `/v1/analyses/${analysisId}` })).json().status, 'running');
  stage('the write-back held');

  const answer = upload(port, g);
  // Kill once at least two batches are committed (Neo4j says so), while the stream goes on.
  let seen = 0;
  for (let i = 0; i < 3000 && seen < 2 * BATCH; i++) {
    seen = (await stored()).length;
    if (seen < 2 * BATCH) await new Promise((r) => setTimeout(r, 20));
  }
  t.ok(seen >= 2 * BATCH && seen < ROWS, `killed mid-stream, with ${seen} of ${ROWS} rows stored`);
  process.kill(pid!, 'SIGKILL');
  killed = true;

  const res = await answer;
  stage('the stream answered');
  t.equal(res.status, 503, 'the stream is answered 503');
  t.match(res.body, { code: 'NG_STORE_UNAVAILABLE', detail: /(\d+) rows in (\d+) batches of up to 2000 were stored before it/ });
  const reported = Number(/(\d+) rows in/.exec(String(res.body.detail))?.[1]);
  const during = await ctx.app.inject({ method: 'POST', url: `/v1/graphs/${g}/interactions`, payload: { interactions: [{ source: 'x', target: 'y' }] } });
  t.equal(during.statusCode, 503, 'a JSON batch while Neo4j is down: 503 too');
  t.equal(during.headers['content-type'], 'application/problem+json; charset=utf-8');

  await startNeo4j();
  stage('Neo4j restarted');
  let ready = false;
  for (let i = 0; i < 120 && !ready; i++) {
    ready = (await ctx.app.inject({ url: '/health/ready' })).statusCode === 200;
    if (!ready) await new Promise((r) => setTimeout(r, 500));
  }
  t.ok(ready, 'the same app is ready again by itself');
  stage('the app ready');

  // The held write-back: the same app ends the analysis by itself (its write died with the
  // database; recording the failure is retried until the database is back, and the runner
  // may write the result again), never with part of a result readable.
  let status = 'running';
  for (let i = 0; i < 240 && status === 'running'; i++) {
    status = (await ctx.app.inject({ url: `/v1/analyses/${analysisId}` })).json().status as string;
    if (status === 'running') await new Promise((r) => setTimeout(r, 250));
  }
  t.ok(status === 'failed' || status === 'succeeded', `the analysis whose write-back Neo4j took down ends (${status}) by itself`);
  stage(`the analysis ${status}`);
  if (status === 'failed') {
    t.equal((await ctx.app.inject({ url: `/v1/analyses/${analysisId}/niches` })).statusCode, 409, 'its results: 409, nothing partial');
    t.equal(await nodes('ResultBlock', analysisId), 0, 'its staged blocks are gone');
    t.equal(await nodes('Niche', analysisId), 0, 'and its niches');
  } else {
    // Written again once the database was back (the runner retried it): whole, not a part.
    const record = (await ctx.app.inject({ url: `/v1/analyses/${analysisId}` })).json();
    t.equal(record.summary.accounts, 2500, 'retried: the result is whole');
    const niches = (await ctx.app.inject({ url: `/v1/analyses/${analysisId}/niches?limit=1000` })).json() as { total: number; items: Array<{ size: number }> };
    t.equal(niches.total, record.summary.niches, 'every niche readable');
    t.equal(niches.items.reduce((sum, n) => sum + n.size, 0), 2500, 'holding every account once');
  }
  const retried = await ctx.app.inject({ method: 'POST', url: `/v1/graphs/${w}/analyses?wait=60`, payload: { seed: 1, runs: 4 } });
  t.match(retried.json(), { status: 'succeeded', summary: { accounts: 2500 } }, 'the same analysis asked again succeeds');

  const ids = await stored();
  const m = ids.length;
  t.same(ids, Array.from({ length: m }, (_, i) => i), 'what is stored is a prefix of the body');
  t.equal(m % BATCH, 0, `whole batches only (${m} rows)`);
  t.ok(m >= reported, `every batch reported committed (${reported} rows) is stored`);
  t.ok(m <= reported + BATCH, 'at most the one batch in flight besides');

  const again = await upload(port, g);
  stage('the body re-sent');
  t.equal(again.status, 200, 're-sending the whole body is accepted');
  t.match(again.body, { received: ROWS, stored: ROWS - m, duplicates: m });
  t.equal((await stored()).length, ROWS, 'each interaction stored exactly once');
});
