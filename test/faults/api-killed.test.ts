/**
 * The API process SIGKILLed in the middle of a streamed upload sent with an Upload-Id (the
 * real server, src/server.ts, in a child process; Neo4j keeps running):
 *   - the upload's progress record says exactly what is stored: its `rows` are the first
 *     rows of the body, in whole batches, and nothing else of the body is in Neo4j (the
 *     batch in flight died with its transaction);
 *   - re-sending the same body under the same Upload-Id skips exactly those rows and stores
 *     the rest: every row once, no batch twice, though the rows carry no ids;
 *   - once complete, a further re-send stores nothing; another body under that Upload-Id
 *     is refused (409 NG_UPLOAD_MISMATCH); Upload-Id on a JSON batch is refused (400).
 * No Neo4j restart: only the API dies.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import t from 'tap';
import { startTestApp, uniqueId } from '../helpers/app.js';

const entry = new URL('../../src/server.ts', import.meta.url).pathname;
const BATCH = 500;
const ROWS = 10_000;
const T0 = 1_700_000_000_000;
/** Rows without ids: only the Upload-Id keeps a re-send from storing them twice. The timestamp names the row. */
const line = (i: number, salt = '') => `{"source":"a${i % 499}${salt}","target":"b${(i * 7) % 503}","type":"reply","timestamp":${T0 + i}}\n`;

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

/** POSTs the NDJSON body with backpressure; resolves with the answer, or with the socket error once the server is gone. */
function upload(port: number, graphId: string, uploadId: string, salt = ''): Promise<{ status: number; body: Record<string, unknown> } | { error: string }> {
  return new Promise((resolve) => {
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `/v1/graphs/${graphId}/interactions`,
      headers: { 'content-type': 'application/x-ndjson', 'upload-id': uploadId },
    });
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
      res.on('error', (err) => resolve({ error: String(err) }));
    });
    req.on('error', (err) => {
      if (!answered) resolve({ error: String(err) });
    });
    let i = 0;
    const pump = () => {
      while (!answered && i < ROWS) {
        let chunk = '';
        for (let k = 0; k < 100 && i < ROWS; k++) chunk += line(i++, i === 1 ? salt : '');
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

t.test('API SIGKILLed mid-stream: exactly the committed batches are stored, and a resume stores the rest once', async (t) => {
  const ctx = await startTestApp();
  t.teardown(() => ctx.close());
  const g = uniqueId('apikill');
  t.equal((await ctx.app.inject({ method: 'POST', url: '/v1/graphs', payload: { id: g, name: g } })).statusCode, 201);
  t.teardown(() => ctx.store.deleteGraph(g).then(() => {}, () => {}));
  const stored = async (): Promise<number[]> => {
    const { records } = await ctx.driver.executeQuery('MATCH (:Account {graphId: $g})-[r:INTERACTED]->() RETURN r.ts AS ts', { g });
    return records.map((r) => Number(r.get('ts')) - T0).sort((a, b) => a - b);
  };
  const count = async (): Promise<number> =>
    Number((await ctx.driver.executeQuery('MATCH (:Account {graphId: $g})-[r:INTERACTED]->() RETURN count(r) AS n', { g })).records[0]?.get('n'));

  // The real server, in its own process.
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import=tsx', entry], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      // The embedded mode (analyses in this process), whatever the environment says.
      REDIS_URL: '',
      LOG_LEVEL: 'warn',
      INGEST_STREAM_BATCH_ROWS: String(BATCH),
      RATE_LIMIT_ADDRESS_MAX: '1000000',
      RATE_LIMIT_MAX: '1000000',
      MAX_EVENT_LOOP_DELAY_MS: '0',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  t.teardown(() => void child.kill('SIGKILL'));
  let ready = false;
  for (let i = 0; i < 240 && !ready && child.exitCode === null; i++) {
    ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false);
    if (!ready) await new Promise((r) => setTimeout(r, 250));
  }
  t.ok(ready, `the server is up ${stderr.slice(-500)}`);

  const uploadId = uniqueId('up');
  const answer = upload(port, g, uploadId);
  // Kill once at least two batches are committed (Neo4j says so), while the stream goes on.
  let seen = 0;
  for (let i = 0; i < 6000 && seen < 2 * BATCH; i++) {
    seen = await count();
    if (seen < 2 * BATCH) await new Promise((r) => setTimeout(r, 10));
  }
  child.kill('SIGKILL');
  await once(child, 'exit');
  const cut = await answer;
  t.ok('error' in cut, `the client saw the connection die (${JSON.stringify(cut).slice(0, 120)})`);
  t.ok(seen >= 2 * BATCH && seen < ROWS, `killed mid-stream, with at least ${seen} of ${ROWS} rows stored`);

  // The progress, read through the app (a fresh process would read the same record).
  const progress = await ctx.app.inject({ url: `/v1/graphs/${g}/uploads/${uploadId}` });
  t.equal(progress.statusCode, 200);
  const { rows, batches, batchRows } = progress.json() as { rows: number; batches: number; batchRows: number };
  t.equal(batchRows, BATCH);
  t.equal(rows, batches * BATCH, `${batches} whole batches committed`);
  t.ok(rows < ROWS, 'not all of them');
  t.same(await stored(), Array.from({ length: rows }, (_, i) => i), 'what is stored is exactly the committed rows: the first rows of the body, each once');

  // Resume through a fresh app on a real socket.
  await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  const appPort = (ctx.app.server.address() as net.AddressInfo).port;
  const resumed = await upload(appPort, g, uploadId);
  t.match(resumed, { status: 200, body: { received: ROWS, skipped: rows, stored: ROWS - rows, duplicates: 0, suppressed: 0, uploadId } }, 'the re-send skips the committed rows and stores the rest');
  t.same(await stored(), Array.from({ length: ROWS }, (_, i) => i), 'every row stored exactly once');
  t.match((await ctx.app.inject({ url: `/v1/graphs/${g}/uploads/${uploadId}` })).json(), { rows: ROWS, batches: ROWS / BATCH, stored: ROWS });

  const again = await upload(appPort, g, uploadId);
  t.match(again, { status: 200, body: { received: ROWS, skipped: ROWS, stored: 0 } }, 'a complete upload re-sent stores nothing');
  const other = await upload(appPort, g, uploadId, 'x');
  t.match(other, { status: 409, body: { code: 'NG_UPLOAD_MISMATCH' } }, 'another body under the same Upload-Id is refused');
  t.equal(await count(), ROWS);

  const json = await ctx.app.inject({ method: 'POST', url: `/v1/graphs/${g}/interactions`, headers: { 'upload-id': uploadId }, payload: { interactions: [{ source: 'p', target: 'q' }] } });
  t.equal(json.statusCode, 400);
  t.equal(json.json().code, 'NG_UPLOAD_ID_NOT_STREAMED');
  t.equal((await ctx.app.inject({ url: `/v1/graphs/${g}/uploads/nothing-here` })).json().code, 'NG_UPLOAD_NOT_FOUND');
  t.equal((await ctx.app.inject({ url: `/v1/graphs/${g}/uploads/bad%20id` })).statusCode, 400, 'an Upload-Id outside the pattern: 400');
});
