/**
 * Folded graphs through the API (fold: "day", src/store/fold.ts): the option on graph
 * creation (named in a 400 when wrong), the replay guard asked of every batch with events
 * without ids (NG_FOLD_UNGUARDED), and retries that never count a batch twice.
 */
import { createHash } from 'node:crypto';
import t from 'tap';
import { startTestApp, uniqueId } from '../../helpers/app.js';

const ctx = await startTestApp();
t.teardown(() => ctx.close());
const { app } = ctx;

async function foldedGraph(): Promise<string> {
  const id = uniqueId('fold');
  const res = await app.inject({ method: 'POST', url: '/v1/graphs', payload: { id, name: id, fold: 'day' } });
  if (res.statusCode !== 201) throw new Error(res.body);
  t.teardown(async () => {
    await app.inject({ method: 'DELETE', url: `/v1/graphs/${id}` });
  });
  return id;
}

const events = [
  { source: 'alice', target: 'bob', type: 'reply', timestamp: '2026-11-20T09:30:00Z' },
  { source: 'alice', target: 'bob', type: 'reply', timestamp: '2026-11-20T17:00:00Z', weight: 2 },
  { source: 'bob', target: 'alice', type: 'mention', timestamp: '2026-11-21T08:00:00Z' },
];

/** Drops this test's idempotency record (as src/http/plugins/app/idempotency.ts names it; no API keys here). */
async function forgetKey(key: string): Promise<number> {
  const id = createHash('sha256').update(`anonymous\n${key}`, 'utf8').digest('hex');
  const { summary } = await ctx.driver.executeQuery('MATCH (i:IdempotencyKey {id: $id}) DETACH DELETE i', { id });
  return summary.counters.updates().nodesDeleted;
}

async function folded(graphId: string): Promise<number[]> {
  const { records } = await ctx.driver.executeQuery('MATCH (:Account {graphId: $g})-[r:INTERACTED]->() RETURN coalesce(r.count, 1) AS n ORDER BY n', { g: graphId });
  return records.map((r) => Number(r.get('n')));
}

t.test('the fold option: shown on the graph, refused by name when wrong', async (t) => {
  const g = await foldedGraph();
  t.match((await app.inject({ url: `/v1/graphs/${g}` })).json(), { id: g, fold: 'day' });
  const plain = uniqueId('plain');
  const created = await app.inject({ method: 'POST', url: '/v1/graphs', payload: { id: plain, name: plain } });
  t.equal(created.json().fold, 'none', 'default: none');
  await app.inject({ method: 'DELETE', url: `/v1/graphs/${plain}` });
  const bad = await app.inject({ method: 'POST', url: '/v1/graphs', payload: { name: 'x', fold: 'week' } });
  t.equal(bad.statusCode, 400);
  t.match(bad.json(), { code: 'NG_VALIDATION', errors: [{ field: 'fold' }] });
});

t.test('a JSON batch without an Idempotency-Key is refused, and nothing is stored', async (t) => {
  const g = await foldedGraph();
  const res = await app.inject({ method: 'POST', url: `/v1/graphs/${g}/interactions`, payload: { interactions: events } });
  t.equal(res.statusCode, 400);
  t.equal(res.json().code, 'NG_FOLD_UNGUARDED');
  t.match(res.json().detail, /Idempotency-Key/);
  t.same(await folded(g), []);
});

t.test('a JSON batch with an Idempotency-Key is folded, and its retry changes nothing', async (t) => {
  const g = await foldedGraph();
  const key = uniqueId('fold-batch');
  const send = () => app.inject({ method: 'POST', url: `/v1/graphs/${g}/interactions`, headers: { 'idempotency-key': key }, payload: { interactions: events } });
  const first = await send();
  t.equal(first.statusCode, 200);
  t.same(first.json(), { received: 3, stored: 3, duplicates: 0, suppressed: 0 });
  t.same(await folded(g), [1, 2], 'alice -> bob on 2026-11-20 folded: 2 events in one relationship');
  const again = await send();
  t.equal(again.statusCode, 200);
  t.same(again.json(), first.json());
  // The idempotency record gone (expired, or never written: a crash after the commit), the
  // batch's own record in the store still answers the retry.
  t.equal(await forgetKey(key), 1, 'the idempotency record is gone');
  const afterLoss = await send();
  t.equal(afterLoss.statusCode, 200);
  t.same(afterLoss.json(), first.json());
  t.same(await folded(g), [1, 2], 'still 3 events');
  // The same key with another batch, once the idempotency record is gone: refused.
  t.equal(await forgetKey(key), 1, 'the idempotency record is gone');
  const other = await app.inject({
    method: 'POST',
    url: `/v1/graphs/${g}/interactions`,
    headers: { 'idempotency-key': key },
    payload: { interactions: events.slice(0, 1) },
  });
  t.equal(other.statusCode, 422);
  t.equal(other.json().code, 'NG_IDEMPOTENCY_KEY_REUSED');
  t.same(await folded(g), [1, 2]);
});

t.test('a streamed body needs an Upload-Id; re-sent under it, it is not counted twice', async (t) => {
  const g = await foldedGraph();
  const body = events.map((e) => JSON.stringify(e)).join('\n');
  const url = `/v1/graphs/${g}/interactions`;
  const unguarded = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-ndjson' }, payload: body });
  t.equal(unguarded.statusCode, 400);
  t.equal(unguarded.json().code, 'NG_FOLD_UNGUARDED');
  const headers = { 'content-type': 'application/x-ndjson', 'upload-id': uniqueId('fold-upload') };
  const first = await app.inject({ method: 'POST', url, headers, payload: body });
  t.equal(first.statusCode, 200);
  t.match(first.json(), { received: 3, stored: 3 });
  const again = await app.inject({ method: 'POST', url, headers, payload: body });
  t.equal(again.statusCode, 200);
  t.match(again.json(), { received: 3, skipped: 3, stored: 0 });
  t.same(await folded(g), [1, 2]);
});
