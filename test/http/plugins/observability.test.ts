import { Writable } from 'node:stream';
import t from 'tap';
import { buildApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { sha256Hex } from '../../../src/http/api-keys.js';
import { AnalysisRunner } from '../../../src/jobs/analysis-runner.js';
import { createLogger } from '../../../src/logger.js';
import { createDriver } from '../../../src/store/driver.js';
import { Neo4jIdempotencyStore } from '../../../src/store/idempotency-store.js';
import { Neo4jGraphStore } from '../../../src/store/neo4j-store.js';
import { uniqueId } from '../../helpers/app.js';

// The real app with a logger writing into `lines`, to check what reaches the logs.
const lines: string[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    lines.push(...String(chunk).split('\n').filter((l) => l !== ''));
    done();
  },
});
const ADMIN = 'obs-admin-secret-key';
const config = loadConfig({ ...process.env, API_KEYS: `admin:${sha256Hex(ADMIN)}`, MAX_EVENT_LOOP_DELAY_MS: '0' });
const driver = await createDriver({ uri: config.NEO4J_URI, database: config.NEO4J_DATABASE });
const logger = createLogger('info', { destination: sink });
const store = new Neo4jGraphStore({ driver, database: config.NEO4J_DATABASE });
await store.init();
const idempotency = new Neo4jIdempotencyStore(driver, config.NEO4J_DATABASE);
const jobs = new AnalysisRunner(store, logger, {
  concurrency: 1,
  connection: { uri: config.NEO4J_URI, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD, database: config.NEO4J_DATABASE },
});
const app = await buildApp({ store, jobs, config, logger, idempotency });
t.teardown(async () => {
  await app.close();
  await store.close();
});
const as = { authorization: `Bearer ${ADMIN}` };
const root = t;

t.test('logs carry request, graph and analysis ids, and never the API key', async (t) => {
  const g = uniqueId('obs');
  // Kept until the end of the file: the metrics test below counts its analysis.
  root.teardown(() => store.deleteGraph(g).then(() => {}));
  await app.inject({ method: 'POST', url: '/v1/graphs', headers: { ...as, 'x-request-id': 'obs-req-1' }, payload: { id: g, name: g } });
  await app.inject({
    method: 'POST',
    url: `/v1/graphs/${g}/interactions`,
    headers: { ...as, 'x-request-id': 'obs-req-2' },
    payload: { interactions: [{ source: 'a', target: 'b' }, { source: 'b', target: 'c' }] },
  });
  const started = await app.inject({ method: 'POST', url: `/v1/graphs/${g}/analyses?wait=30`, headers: { ...as, 'x-request-id': 'obs-req-3' }, payload: {} });
  const analysisId = (started.json() as { id: string }).id;
  await app.inject({ url: `/v1/analyses/${analysisId}`, headers: { ...as, 'x-request-id': 'obs-req-4' } });
  await app.inject({ url: '/v1/graphs', headers: { authorization: 'Bearer obs-wrong-secret' } });
  logger.info({ headers: { authorization: `Bearer ${ADMIN}` } }, 'a careless log line');

  const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  const ingested = entries.find((e) => e.msg === 'interactions ingested');
  t.match(ingested, { reqId: 'obs-req-2', graphId: g, keyId: sha256Hex(ADMIN).slice(0, 12), stored: 2 });
  t.ok(entries.some((e) => e.reqId === 'obs-req-3' && e.msg === 'analysis queued' && e.analysisId === analysisId));
  t.ok(entries.some((e) => e.reqId === 'obs-req-4' && e.msg === 'request completed' && e.analysisId === analysisId), 'the completion line has the analysis id');
  t.ok(entries.some((e) => e.msg === 'analysis succeeded' && e.analysisId === analysisId && e.graphId === g));
  const all = lines.join('\n');
  t.notOk(all.includes(ADMIN), 'the API key never appears');
  t.notOk(all.includes('obs-wrong-secret'), 'nor a wrong key');
  t.ok(all.includes('[redacted]'));
});

t.test('GET /metrics: request durations, analyses by status, interactions ingested, Neo4j latency', async (t) => {
  const res = await app.inject({ url: '/metrics', headers: as });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/plain/);
  const text = res.body;
  t.match(text, /http_request_duration_seconds_count\{method="POST",route="\/v1\/graphs\/:graphId\/interactions",status_code="200"\} 1/);
  t.match(text, /nichegraph_interactions_ingested_total 2/);
  t.match(text, /nichegraph_analyses\{status="succeeded"\} [1-9]\d*/);
  t.match(text, /nichegraph_store_operation_duration_seconds_count\{operation="ingest",outcome="ok"\} 1/);
  t.match(text, /nichegraph_store_operation_duration_seconds_bucket\{le="[0-9.]+",operation="graphExists",outcome="ok"\}/);
});

t.test('streamed uploads and analysis POSTs check the graph exists without reading its counts (no getGraph)', async (t) => {
  const g = uniqueId('obs-exists');
  root.teardown(() => store.deleteGraph(g).then(() => {}));
  await app.inject({ method: 'POST', url: '/v1/graphs', headers: as, payload: { id: g, name: g } });
  const count = async (operation: string) => {
    const text = (await app.inject({ url: '/metrics', headers: as })).body;
    const m = new RegExp(`nichegraph_store_operation_duration_seconds_count\\{operation="${operation}",outcome="ok"\\} (\\d+)`).exec(text);
    return Number(m?.[1] ?? 0);
  };
  const before = await count('getGraph');
  const streamed = await app.inject({
    method: 'POST',
    url: `/v1/graphs/${g}/interactions`,
    headers: { ...as, 'content-type': 'application/x-ndjson' },
    payload: '{"source":"a","target":"b"}\n',
  });
  t.equal(streamed.statusCode, 200);
  const analysis = await app.inject({ method: 'POST', url: `/v1/graphs/${g}/analyses?wait=30`, headers: as, payload: {} });
  t.equal(analysis.statusCode, 200);
  const unknown = await app.inject({ method: 'POST', url: `/v1/graphs/${g}-none/analyses`, headers: as, payload: {} });
  t.equal(unknown.statusCode, 404, 'an unknown graph is still 404');
  t.equal(await count('getGraph'), before, 'getGraph (a scan of every account) was not called');
  t.ok((await count('graphExists')) >= 3, 'graphExists was');
});
