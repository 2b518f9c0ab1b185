import t from 'tap';
import { startTestApp, uniqueId } from '../../helpers/app.js';

const ctx = await startTestApp({ MAX_BATCH_ITEMS: '1000', INGEST_BODY_LIMIT: '200000' });
t.teardown(() => ctx.close());
const { app } = ctx;

async function newGraph(): Promise<string> {
  const id = uniqueId('i');
  await app.inject({ method: 'POST', url: '/v1/graphs', payload: { id, name: id } });
  t.teardown(async () => {
    await app.inject({ method: 'DELETE', url: `/v1/graphs/${id}` });
  });
  return id;
}

const ingest = (graphId: string, payload: unknown) =>
  app.inject({ method: 'POST', url: `/v1/graphs/${graphId}/interactions`, payload: payload as object });

async function counts(graphId: string): Promise<{ accounts: number; interactions: number }> {
  return (await app.inject({ url: `/v1/graphs/${graphId}` })).json();
}

t.test('a valid batch is stored with defaults and accounts', async (t) => {
  const g = await newGraph();
  const res = await ingest(g, {
    interactions: [
      { source: 'alice', target: 'bob', type: 'reply', timestamp: '2026-11-20T09:30:00Z', id: 'e1' },
      { source: 'bob', target: 'alice', weight: 2, timestamp: 1763631000000, id: 'e2' },
      { source: 'carol', target: 'bob', type: 'rating', weight: -3 },
    ],
    accounts: [{ id: 'alice', properties: { handle: '@alice', followers: 12, verified: false } }, { id: 'dave' }],
  });
  t.equal(res.statusCode, 200);
  t.same(res.json(), { received: 3, stored: 3, duplicates: 0, suppressed: 0 });
  t.match(await counts(g), { accounts: 4, interactions: 3 });
  const { records } = await ctx.driver.executeQuery(
    'MATCH (a:Account {graphId: $g, id: "alice"}) RETURN a.handle AS handle, a.followers AS followers',
    { g },
  );
  t.equal(records[0]?.get('handle'), '@alice', 'account properties are stored');
});

t.test('an interaction id is stored once per graph: replays are duplicates', async (t) => {
  const g = await newGraph();
  const batch = {
    interactions: [
      { id: 'x1', source: 'a', target: 'b' },
      { id: 'x2', source: 'b', target: 'c' },
      { id: 'x2', source: 'b', target: 'c' },
      { source: 'c', target: 'a' },
    ],
  };
  t.same((await ingest(g, batch)).json(), { received: 4, stored: 3, duplicates: 1, suppressed: 0 });
  t.same((await ingest(g, { interactions: batch.interactions.slice(0, 3) })).json(), { received: 3, stored: 0, duplicates: 3, suppressed: 0 });
  t.equal((await counts(g)).interactions, 3);
  // Ids are per graph: the same id in another graph is a new interaction.
  const other = await newGraph();
  t.same((await ingest(other, { interactions: [{ id: 'x1', source: 'a', target: 'b' }] })).json(), { received: 1, stored: 1, duplicates: 0, suppressed: 0 });
});

t.test('an invalid batch is rejected whole, listing every offending index and field', async (t) => {
  const g = await newGraph();
  const res = await ingest(g, {
    interactions: [
      { source: 'a', target: 'b', id: 'ok1' },
      { source: 'a', target: 'b', weight: 0 },
      { source: 'a', target: 'a' },
      { source: 'a', target: 'b', type: 'Bad Type' },
      { source: 'a', target: 'b', timestamp: 'yesterday' },
      { source: '', target: 'b' },
      { target: 'b' },
      { source: 'a', target: 'b', wieght: 2 },
    ],
  });
  t.equal(res.statusCode, 400);
  t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
  const body = res.json();
  t.equal(body.code, 'NG_VALIDATION');
  const got = body.errors.map((e: { index: number; field: string }) => `${e.index} ${e.field}`).sort();
  // The schema pass reports shapes (type pattern, empty and missing source, unknown field).
  t.same(got, ['3 interactions[3].type', '5 interactions[5].source', '6 interactions[6].source', '7 interactions[7].wieght']);
  t.match(await counts(g), { accounts: 0, interactions: 0 }, 'nothing stored');

  // Once shapes are right, the semantic pass reports the rest, all at once.
  const semantic = await ingest(g, {
    interactions: [
      { source: 'a', target: 'b', id: 'ok1' },
      { source: 'a', target: 'b', weight: 0 },
      { source: 'a', target: 'a' },
      { source: 'a', target: 'b', timestamp: 'yesterday' },
      { source: 'a', target: 'b', timestamp: '2026-11-20T09:30:00' },
    ],
  });
  t.equal(semantic.statusCode, 400);
  t.same(
    semantic.json().errors.map((e: { index: number; field: string }) => `${e.index} ${e.field}`),
    ['1 interactions[1].weight', '2 interactions[2].target', '3 interactions[3].timestamp', '4 interactions[4].timestamp'],
  );
  t.match(semantic.json().detail, /interactions\[1\]\.weight must be a finite, non-zero number/);
  t.equal((await counts(g)).interactions, 0, 'still nothing stored');
});

t.test('limits: items -> 413, bytes -> 413, wrong media type -> 415, malformed JSON -> 400', async (t) => {
  const g = await newGraph();
  const tooMany = Array.from({ length: 1001 }, (_, i) => ({ source: `a${i}`, target: 'b' }));
  const r413 = await ingest(g, { interactions: tooMany });
  t.equal(r413.statusCode, 413);
  t.match(r413.json(), { code: 'NG_BATCH_TOO_LARGE', detail: /at most 1000 interactions; this one has 1001/ });

  const bigBody = { interactions: [{ source: 'a'.repeat(200), target: 'b' }], accounts: Array.from({ length: 900 }, (_, i) => ({ id: `${'x'.repeat(250)}${i}` })) };
  const rBytes = await ingest(g, bigBody);
  t.equal(rBytes.statusCode, 413);
  t.match(rBytes.json(), { code: 'NG_BODY_TOO_LARGE' });

  const r415 = await app.inject({
    method: 'POST',
    url: `/v1/graphs/${g}/interactions`,
    headers: { 'content-type': 'text/plain' },
    payload: 'a,b',
  });
  t.equal(r415.statusCode, 415);
  t.match(r415.json(), { code: 'NG_UNSUPPORTED_MEDIA_TYPE', status: 415 });

  const malformed = await app.inject({
    method: 'POST',
    url: `/v1/graphs/${g}/interactions`,
    headers: { 'content-type': 'application/json' },
    payload: '{"interactions": [',
  });
  t.equal(malformed.statusCode, 400);
  t.match(malformed.json(), { code: 'NG_MALFORMED_BODY', status: 400 });
  t.equal((await counts(g)).interactions, 0);
});

t.test('an unknown graph answers 404 and stores nothing', async (t) => {
  const res = await ingest('no-such-graph-x', { interactions: [{ source: 'a', target: 'b' }] });
  t.equal(res.statusCode, 404);
  t.match(res.json(), { code: 'NG_GRAPH_NOT_FOUND' });
  const { records } = await ctx.driver.executeQuery('MATCH (a:Account {graphId: "no-such-graph-x"}) RETURN count(a) AS n');
  t.equal(Number(records[0]?.get('n')), 0);
});

t.test('a failing transaction stores nothing of its batch', async (t) => {
  const g = await newGraph();
  // Validation catches bad input before storage; this proves the storage itself is atomic: the
  // third 5,000-row chunk of one batch fails inside Neo4j (a map is not a storable property value).
  const rows = Array.from({ length: 12000 }, (_, i) => ({ id: `k${i}`, source: `s${i % 50}`, target: `t${i % 70}`, type: 'reply', weight: 1, timestamp: null }));
  const poisoned = rows.map((r, i) => (i === 11000 ? { ...r, weight: { nested: true } as unknown as number } : r));
  await t.rejects(ctx.store.ingest(g, { interactions: poisoned, accounts: [] }));
  t.match(await counts(g), { accounts: 0, interactions: 0 }, 'no account, no interaction');
});
