/**
 * Hostile input refused early, on real sockets: a streamed body whose line (or CSV
 * record) never ends is refused at INGEST_STREAM_MAX_LINE_LENGTH while the body is still
 * arriving; a key's graph allow-list is checked from the headers, before any of the body
 * is read or parsed; floods without a valid key meet the per-address rate limit.
 */
import t from 'tap';
import { sha256Hex } from '../../src/http/api-keys.js';
import { startTestApp, uniqueId } from '../helpers/app.js';
import { partialUpload } from '../helpers/raw-http.js';

const ADMIN = 'hostile-admin';
const SCOPED = 'hostile-scoped';
const mine = uniqueId('hostile');
const ctx = await startTestApp({
  API_KEYS: `admin:${sha256Hex(ADMIN)},write:${sha256Hex(SCOPED)}:${mine}`,
  INGEST_STREAM_BATCH_ROWS: '2',
  INGEST_STREAM_MAX_LINE_LENGTH: '2048',
});
t.teardown(() => ctx.close());
const { app } = ctx;
await app.listen({ host: '127.0.0.1', port: 0 });
const port = (app.server.address() as { port: number }).port;
const as = (key: string) => ({ authorization: `Bearer ${key}` });

const theirs = uniqueId('hostile-other');
for (const id of [mine, theirs]) {
  const created = await app.inject({ method: 'POST', url: '/v1/graphs', headers: as(ADMIN), payload: { id, name: id } });
  if (created.statusCode !== 201) throw new Error(`could not create graph ${id}: ${created.body}`);
  t.teardown(() => ctx.store.deleteGraph(id).then(() => {}));
}

async function storedCount(graphId: string): Promise<number> {
  const { records } = await ctx.driver.executeQuery('MATCH (:Account {graphId: $g})-[r:INTERACTED]->() RETURN count(r) AS n', { g: graphId });
  return Number(records[0]?.get('n'));
}

t.test('NDJSON: a line over the cap is 413 NG_LINE_TOO_LONG naming the line; earlier batches stay', async (t) => {
  const rows = [0, 1, 2].map((i) => JSON.stringify({ source: `s${i}`, target: `t${i}` })).join('\n');
  const padded = JSON.stringify({ source: 'a', target: 'b' }).replace('{', '{' + ' '.repeat(2000));
  const ok = await app.inject({
    method: 'POST',
    url: `/v1/graphs/${mine}/interactions`,
    headers: { ...as(ADMIN), 'content-type': 'application/x-ndjson' },
    payload: padded + '\n',
  });
  t.equal(ok.statusCode, 200, 'a line under the cap (2,000 characters) is accepted');
  const res = await app.inject({
    method: 'POST',
    url: `/v1/graphs/${mine}/interactions`,
    headers: { ...as(ADMIN), 'content-type': 'application/x-ndjson' },
    payload: rows + '\n' + 'x'.repeat(4 * 1024 * 1024) + '\n',
  });
  t.equal(res.statusCode, 413);
  t.match(res.json(), { code: 'NG_LINE_TOO_LONG', detail: /^Line 4 of the streamed body is longer than 2048 characters.*2 rows in 1 batches/ });
  t.equal(await storedCount(mine), 3, 'the padded line and batch 1 (lines 1-2) are stored, line 3 is not');
});

t.test('CSV: a record over the cap is 413 NG_LINE_TOO_LONG', async (t) => {
  const res = await app.inject({
    method: 'POST',
    url: `/v1/graphs/${mine}/interactions`,
    headers: { ...as(ADMIN), 'content-type': 'text/csv' },
    payload: 'source,target\na,b\n"' + 'y'.repeat(1024 * 1024) + '",c\n',
  });
  t.equal(res.statusCode, 413);
  t.match(res.json(), { code: 'NG_LINE_TOO_LONG', detail: /^Line 3 of the streamed body is longer than 2048 characters/ });
});

t.test('a body with no line break is refused while it is still arriving (real socket)', async (t) => {
  const answer = await partialUpload(
    port,
    `/v1/graphs/${mine}/interactions`,
    { ...as(ADMIN), 'content-type': 'application/x-ndjson' },
    1024 * 1024 * 1024,
    Buffer.alloc(1024 * 1024, 'x'),
  );
  t.ok(answer, 'answered although 1 MiB of the declared 1 GiB was sent');
  t.equal(answer?.status, 413);
  t.match(JSON.parse(answer?.body ?? '{}'), { code: 'NG_LINE_TOO_LONG' });
});

t.test('the graph allow-list is checked before the body is read or parsed (real socket)', async (t) => {
  // Not JSON at all: parsing it would answer 400; the allow-list answers first.
  const garbage = await app.inject({
    method: 'POST',
    url: `/v1/graphs/${theirs}/interactions`,
    headers: { ...as(SCOPED), 'content-type': 'application/json' },
    payload: '{"interactions": [nope',
  });
  t.equal(garbage.statusCode, 404);
  t.match(garbage.json(), { code: 'NG_GRAPH_NOT_FOUND' });
  const answer = await partialUpload(
    port,
    `/v1/graphs/${theirs}/interactions`,
    { ...as(SCOPED), 'content-type': 'application/json' },
    30 * 1024 * 1024,
    Buffer.from('{"interactions": ['),
  );
  t.ok(answer, 'answered with 30 MiB of the body still to come');
  t.equal(answer?.status, 404);
  const analysis = await app.inject({ method: 'POST', url: `/v1/graphs/${theirs}/analyses`, headers: { ...as(ADMIN) }, payload: {} });
  const foreign = await partialUpload(port, `/v1/analyses/${(analysis.json() as { id: string }).id}`, as(SCOPED), 1024 * 1024, Buffer.from('{'));
  t.equal(foreign?.status, 404, "another graph's analysis: 404 before the body too");
  t.equal(await storedCount(theirs), 0);
});

t.test('requests without a valid key are rate limited per client address, before authentication', async (t) => {
  const limited = await startTestApp({ API_KEYS: `admin:${sha256Hex(ADMIN)}`, RATE_LIMIT_ADDRESS_MAX: '20', RATE_LIMIT_MAX: '1000' });
  t.teardown(() => limited.close());
  const statuses: number[] = [];
  for (let i = 0; i < 25; i++) {
    statuses.push((await limited.app.inject({ url: '/v1/graphs', headers: as('wrong-key'), remoteAddress: '192.0.2.7' })).statusCode);
  }
  t.same(statuses, [...Array(20).fill(401), ...Array(5).fill(429)], '20 x 401, then 429');
  const refused = await limited.app.inject({ url: '/v1/graphs', headers: as(ADMIN), remoteAddress: '192.0.2.7' });
  t.equal(refused.statusCode, 429, 'the address is limited whatever key it sends next');
  t.match(refused.json(), { code: 'NG_RATE_LIMITED', detail: /from one client address/ });
  t.match(refused.headers['retry-after'], /^\d+$/);
  t.equal((await limited.app.inject({ url: '/v1/graphs', headers: as(ADMIN), remoteAddress: '192.0.2.8' })).statusCode, 200, 'another address is not');
  t.equal((await limited.app.inject({ url: '/health/live', remoteAddress: '192.0.2.7' })).statusCode, 200, 'health stays open');
});
