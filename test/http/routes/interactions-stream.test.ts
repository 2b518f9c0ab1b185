/**
 * Streamed ingestion (NDJSON, CSV) through the API into the real Neo4j, with tiny
 * limits (3 rows per batch, 8 rows, 4 KiB per body) so that batching, partial commits
 * and caps show on a handful of lines.
 */
import t from 'tap';
import { startTestApp, uniqueId } from '../../helpers/app.js';

const ctx = await startTestApp({ INGEST_STREAM_BATCH_ROWS: '3', INGEST_STREAM_MAX_ROWS: '8', INGEST_STREAM_BYTE_LIMIT: '4096' });
t.teardown(() => ctx.close());
const { app } = ctx;

async function newGraph(): Promise<string> {
  const id = uniqueId('st');
  await app.inject({ method: 'POST', url: '/v1/graphs', payload: { id, name: id } });
  t.teardown(async () => {
    await app.inject({ method: 'DELETE', url: `/v1/graphs/${id}` });
  });
  return id;
}

const send = (graphId: string, type: string, payload: string) =>
  app.inject({ method: 'POST', url: `/v1/graphs/${graphId}/interactions`, headers: { 'content-type': type }, payload });

async function stored(graphId: string): Promise<string[]> {
  const { records } = await ctx.driver.executeQuery(
    'MATCH (s:Account {graphId: $g})-[r:INTERACTED]->(t) RETURN s.id + ">" + t.id + ":" + toString(r.weight) AS e ORDER BY e',
    { g: graphId },
  );
  return records.map((r) => r.get('e') as string);
}

const nd = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n');

t.test('NDJSON: batches, blank lines, idempotent replay', async (t) => {
  const g = await newGraph();
  const rows = [
    { source: 'a', target: 'b', id: 'e1' },
    { source: 'b', target: 'c', id: 'e2', weight: 2 },
    { source: 'c', target: 'a', type: 'reply' },
    { source: 'a', target: 'c', timestamp: '2026-11-01T00:00:00Z', id: 'e4' },
    { source: 'c', target: 'd', weight: -1, id: 'e5' },
  ];
  const body = nd(rows.slice(0, 2)) + '\n\n' + nd(rows.slice(2)) + '\n';
  const res = await send(g, 'application/x-ndjson', body);
  t.equal(res.statusCode, 200);
  t.same(res.json(), { received: 5, stored: 5, duplicates: 0, suppressed: 0, batches: 2 });
  t.same(await stored(g), ['a>b:1.0', 'a>c:1.0', 'b>c:2.0', 'c>a:1.0', 'c>d:-1.0']);
  const replay = await send(g, 'application/x-ndjson; charset=utf-8', body);
  t.same(replay.json(), { received: 5, stored: 1, duplicates: 4, suppressed: 0, batches: 2 }, 'only the id-less row is stored again');
});

t.test('NDJSON: an invalid row stops the stream; earlier batches stay committed', async (t) => {
  const g = await newGraph();
  const lines = [
    nd([{ source: 'a', target: 'b' }, { source: 'b', target: 'c' }, { source: 'c', target: 'a' }]), // lines 1-3: batch 1
    nd([{ source: 'a', target: 'd' }]), // line 4: batch 2
    '{not json', // line 5
    nd([{ source: 'd', target: 'd' }]), // line 6: self-interaction
    nd([{ source: 'e', target: 'f', colour: 'red' }]), // line 7: batch 3, never read
  ].join('\n');
  const res = await send(g, 'application/x-ndjson', lines);
  t.equal(res.statusCode, 400);
  const problem = res.json();
  t.match(problem, { code: 'NG_VALIDATION', status: 400 });
  t.match(res.headers['content-type'], /application\/problem\+json/);
  t.same(
    problem.errors.map((e: { index: number; field: string }) => [e.index, e.field]),
    [
      [5, 'line[5]'],
      [6, 'line[6].target'],
    ],
    'every invalid row of the failing batch, by line number',
  );
  t.match(problem.detail, /3 rows in 1 batches .* were stored before it/);
  t.same(await stored(g), ['a>b:1.0', 'b>c:1.0', 'c>a:1.0'], 'batch 1 committed, batch 2 (with line 4) not');
});

t.test('CSV: header, empty cells, typed columns, errors by line', async (t) => {
  const g = await newGraph();
  const csv = 'source,target,type,weight,timestamp,id\r\nx,y,reply,2,1763631000000,c1\r\ny,z,,,,\r\nz,x,mention,-3,2026-11-20T09:30:00Z,c3\r\n';
  const res = await send(g, 'text/csv', csv);
  t.equal(res.statusCode, 200);
  t.same(res.json(), { received: 3, stored: 3, duplicates: 0, suppressed: 0, batches: 1 });
  t.same(await stored(g), ['x>y:2.0', 'y>z:1.0', 'z>x:-3.0']);
  const { records } = await ctx.driver.executeQuery(
    'MATCH (:Account {graphId: $g, id: "x"})-[r:INTERACTED]->() RETURN r.type AS type, r.ts AS ts, r.id AS id',
    { g },
  );
  t.match(records[0]?.toObject(), { type: 'reply', id: 'c1' });
  t.equal(Number(records[0]?.get('ts')), 1763631000000);

  const header = await send(g, 'text/csv', 'source,dest\nx,y\n');
  t.equal(header.statusCode, 400);
  t.match(header.json().errors, [{ index: 1, message: /missing: target; unknown: dest/ }]);
  const bad = await send(g, 'text/csv', 'source,target,weight\nx,y,1\nx,y,zero\nx,y,1,9\n');
  t.equal(bad.statusCode, 400);
  t.same(bad.json().errors.map((e: { index: number; field: string }) => [e.index, e.field]), [[3, 'line[3].weight'], [4, 'line[4]']], 'a non-numeric weight, a record with a field too many');
});

t.test('caps: rows and bytes -> 413; other routes still refuse streams with 415; unknown graph -> 404', async (t) => {
  const g = await newGraph();
  const rows = Array.from({ length: 10 }, (_, i) => ({ source: `s${i}`, target: `t${i}` }));
  const tooMany = await send(g, 'application/x-ndjson', nd(rows));
  t.equal(tooMany.statusCode, 413);
  t.match(tooMany.json(), { code: 'NG_BATCH_TOO_LARGE', detail: /at most 8 rows.*6 rows in 2 batches/ });
  t.equal((await stored(g)).length, 6, 'the two full batches before the cap stay');

  const big = await send(g, 'application/x-ndjson', nd(Array.from({ length: 2 }, () => ({ source: 'a'.repeat(250), target: 'b'.repeat(250) }))) + ' '.repeat(5000));
  t.equal(big.statusCode, 413);
  t.match(big.json(), { code: 'NG_BODY_TOO_LARGE' });

  const elsewhere = await app.inject({ method: 'POST', url: '/v1/graphs', headers: { 'content-type': 'text/csv' }, payload: 'id\nx\n' });
  t.equal(elsewhere.statusCode, 415);
  const unknown = await send('no-such-graph', 'text/csv', 'source,target\na,b\n');
  t.equal(unknown.statusCode, 404);
  t.match(unknown.json(), { code: 'NG_GRAPH_NOT_FOUND' });
});
