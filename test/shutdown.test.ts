/**
 * SIGTERM on the real entry point: the server stops accepting, an ingestion batch in
 * flight is finished and acknowledged (and therefore stored), an analysis queued or
 * running is marked interrupted, and the process exits 0.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import t from 'tap';
import { createDriver } from '../src/store/driver.js';
import { uniqueId } from './helpers/app.js';

const entry = new URL('../src/server.ts', import.meta.url).pathname;

async function freePort(): Promise<number> {
  const srv = createServer().listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const port = (srv.address() as { port: number }).port;
  srv.close();
  return port;
}

t.test('SIGTERM finishes the batch in flight and interrupts analyses', async (t) => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import=tsx', entry], {
    // Overload guard off: analyses still run on the event loop (until issue 3's workers) and
    // would otherwise make it shed the requests this test sends meanwhile.
    // The embedded mode (REDIS_URL empty): this process runs the analyses it interrupts.
    env: { ...process.env, REDIS_URL: '', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', API_KEYS: '', MAX_EVENT_LOOP_DELAY_MS: '0', MAX_ANALYSES_PER_KEY: '10' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  t.teardown(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let ready = false;
  for (let i = 0; i < 120 && !ready; i++) {
    ready = (await fetch(`${base}/health/ready`).catch(() => null))?.status === 200;
    if (!ready) await new Promise((r) => setTimeout(r, 250));
  }
  t.ok(ready, `ready (output: ${output.slice(0, 300)})`);
  t.match(output, /loopback address: the API is open to local callers only/, 'says that it runs without authentication');

  const g = uniqueId('sigterm');
  const json = { 'content-type': 'application/json' };
  await fetch(`${base}/v1/graphs`, { method: 'POST', headers: json, body: JSON.stringify({ id: g, name: g }) });
  const batch = (n: number, offset: number) =>
    JSON.stringify({ interactions: Array.from({ length: n }, (_, i) => ({ source: `s${(i + offset) % 997}`, target: `t${(i * 7) % 1009}` })) });
  const first = await fetch(`${base}/v1/graphs/${g}/interactions`, { method: 'POST', headers: json, body: batch(20_000, 0) });
  t.equal(first.status, 200);
  // Analyses run one at a time: at SIGTERM one is running and the others wait in the queue.
  const analysisIds: string[] = [];
  for (let seed = 1; seed <= 6; seed++) {
    const analysis = await fetch(`${base}/v1/graphs/${g}/analyses`, { method: 'POST', headers: json, body: JSON.stringify({ seed }) });
    t.equal(analysis.status, 202);
    analysisIds.push(((await analysis.json()) as { id: string }).id);
  }
  let answered = false;
  const inFlight = fetch(`${base}/v1/graphs/${g}/interactions`, { method: 'POST', headers: json, body: batch(30_000, 5) }).then(
    async (res) => {
      answered = true;
      return { status: res.status, body: (await res.json()) as unknown };
    },
  );
  // SIGTERM only once the service is inside the batch's transaction (Neo4j lists it), so the
  // batch is really in flight (analyses hold the event loop, so a fixed delay is not enough).
  const driver = await createDriver({ uri: process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687' });
  t.teardown(() => driver.close());
  let inside = false;
  for (let i = 0; i < 1500 && !inside && !answered; i++) {
    const { records } = await driver.executeQuery(
      'SHOW TRANSACTIONS YIELD currentQuery, parameters ' +
        "WHERE parameters.graphId = $g AND (parameters.rows IS NOT NULL OR parameters.ids IS NOT NULL OR parameters.sources IS NOT NULL OR currentQuery CONTAINS 'updatedAt') " +
        'RETURN count(*) AS n',
      { g },
    );
    inside = Number(records[0]?.get('n')) > 0;
    if (!inside) await new Promise((r) => setTimeout(r, 20));
  }
  t.ok(inside, 'the batch transaction is running');
  t.notOk(answered, 'the second batch is still in flight when SIGTERM arrives');
  child.kill('SIGTERM');
  const second = await inFlight;
  t.same(second, { status: 200, body: { received: 30_000, stored: 30_000, duplicates: 0, suppressed: 0 } }, 'the batch in flight is acknowledged');
  const refused = await fetch(`${base}/health/live`).then(
    (r) => r.status,
    () => 'refused',
  );
  t.not(refused, 200, 'no new request is served once shutdown has begun');
  t.equal(await exited, 0, `exits cleanly (output: ${output.slice(-500)})`);

  {
    const { records } = await driver.executeQuery(
      'MATCH (a:Account {graphId: $g})-[r:INTERACTED]->() RETURN count(r) AS n',
      { g },
    );
    t.equal(Number(records[0]?.get('n')), 50_000, 'both acknowledged batches are stored');
    const { records: analyses } = await driver.executeQuery(
      'MATCH (a:Analysis) WHERE a.id IN $ids RETURN a.status AS status, a.error AS error',
      { ids: analysisIds },
    );
    t.equal(analyses.length, 6);
    const interrupted = analyses.filter((r) => r.get('status') === 'failed' && /^interrupted: the service shut down/.test(r.get('error') as string));
    const succeeded = analyses.filter((r) => r.get('status') === 'succeeded');
    t.equal(interrupted.length + succeeded.length, 6, 'none is left queued or running');
    t.ok(interrupted.length >= 1, `${interrupted.length} interrupted: ${interrupted.map((r) => r.get('error')).join('; ')}`);
    await driver.executeQuery('MATCH (n) WHERE n.graphId = $g DETACH DELETE n', { g });
    await driver.executeQuery('MATCH (n:Graph {id: $g}) DETACH DELETE n', { g });
  }
});

t.test('refuses to start without API_KEYS on a non-loopback address', async (t) => {
  const child = spawn(process.execPath, ['--import=tsx', entry], {
    env: { ...process.env, REDIS_URL: '', HOST: '0.0.0.0', PORT: String(await freePort()), API_KEYS: '', AUTH_DISABLED: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (d) => (output += d));
  const [code] = await once(child, 'exit');
  t.equal(code, 1);
  t.match(output, /refusing to start: API_KEYS is unset but HOST 0\.0\.0\.0 is not a loopback address/);
});
