/**
 * Resumable uploads in the store (src/store/uploads.ts) against the real Neo4j: a batch is
 * stored only at the progress its step expects, and the progress moves in the batch's
 * transaction; the same step again (a commit whose answer was lost) writes nothing; a step
 * behind the progress (another stream under the same Upload-Id) is refused; a failed batch
 * moves nothing. Through HTTP: a stream cut by an invalid row is resumed once the row is
 * fixed, the committed batches skipped.
 */
import t from 'tap';
import { uploadDigest } from '../../src/store/uploads.js';
import { startTestApp } from '../helpers/app.js';
import { ix, newGraph, openStore } from './helpers.js';

const { store, driver } = await openStore(t);
const count = async (g: string) => Number((await driver.executeQuery('MATCH (:Account {graphId: $g})-[r:INTERACTED]->() RETURN count(r) AS n', { g })).records[0]?.get('n'));

t.test('compare-and-set progress, replay of the same step, conflict', async (t) => {
  const g = await newGraph(t, store, 'upl');
  const batch = (from: number) => ({ interactions: [ix(`a${from}`, `b${from}`), ix(`b${from}`, `a${from}`)], accounts: [] });
  const d1 = uploadDigest('', ['r0', 'r1']);
  const step1 = { uploadId: 'u', rowsBefore: 0, rows: 2, batchRows: 2, digest: d1 };
  t.same(await store.ingest(g, batch(0), step1), { stored: 2, duplicates: 0, suppressed: 0 });
  t.match(await store.uploadProgress(g, 'u'), { rows: 2, batches: 1, stored: 2, batchRows: 2, digest: d1 });
  t.same(await store.ingest(g, batch(0), step1), { stored: 2, duplicates: 0, suppressed: 0, replayed: true }, 'the same step again: the first figures, nothing written');
  t.equal(await count(g), 2);
  const d2 = uploadDigest(d1, ['r2', 'r3']);
  await t.rejects(store.ingest(g, batch(2), { ...step1, rowsBefore: 0, digest: d2 }), { name: 'UploadConflict', committedRows: 2, expectedRows: 0 }, 'a step behind the progress is refused');
  t.equal(await count(g), 2, 'and stores nothing');
  t.same(await store.ingest(g, batch(2), { uploadId: 'u', rowsBefore: 2, rows: 2, batchRows: 2, digest: d2 }), { stored: 2, duplicates: 0, suppressed: 0 });
  t.match(await store.uploadProgress(g, 'u'), { rows: 4, batches: 2, stored: 4 });
  t.equal(await store.uploadProgress(g, 'other'), null);
  t.equal(await store.uploadProgress('no-such-graph', 'u'), null);
  await store.deleteGraph(g);
  t.equal(await store.uploadProgress(g, 'u'), null, 'deleted with its graph');
});

t.test('a stream cut by an invalid row, resumed with the row fixed: the committed batches are skipped', async (t) => {
  const ctx = await startTestApp({ INGEST_STREAM_BATCH_ROWS: '3' });
  t.teardown(() => ctx.close());
  const g = await newGraph(t, ctx.store, 'uplhttp');
  // No ids: without the Upload-Id a re-send would store the first batches again.
  const rows = (bad: boolean) => Array.from({ length: 8 }, (_, i) => (bad && i === 7 ? '{"source":"x","target":"x"}' : `{"source":"s${i}","target":"t${i}"}`)).join('\n') + '\n';
  const send = (body: string) =>
    ctx.app.inject({ method: 'POST', url: `/v1/graphs/${g}/interactions`, headers: { 'content-type': 'application/x-ndjson', 'upload-id': 'fix-me' }, payload: body });
  const first = await send(rows(true));
  t.equal(first.statusCode, 400, 'line 8 is a self-interaction');
  t.match(first.json().detail, /6 rows in 2 batches/);
  t.match((await ctx.app.inject({ url: `/v1/graphs/${g}/uploads/fix-me` })).json(), { rows: 6, batches: 2 });
  const resumed = await send(rows(false));
  t.match(resumed.json(), { received: 8, skipped: 6, stored: 2, batches: 1 });
  t.equal(await count(g), 8, 'every row once');
  const other = await ctx.app.inject({
    method: 'POST',
    url: `/v1/graphs/${g}/interactions`,
    headers: { 'content-type': 'application/x-ndjson', 'upload-id': 'fix-me' },
    payload: '{"source":"s0","target":"t0"}\n',
  });
  t.equal(other.statusCode, 409, 'a shorter body under the same Upload-Id');
  t.equal(other.json().code, 'NG_UPLOAD_MISMATCH');
});
