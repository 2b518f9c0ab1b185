import t from 'tap';
import { startTestApp, uniqueId } from '../../helpers/app.js';

const ctx = await startTestApp();
t.teardown(() => ctx.close());
const { app } = ctx;

t.test("GET /v1/graphs/{graphId}/analyses: a graph's analyses, newest first, paged", async (t) => {
  const id = uniqueId('list');
  await app.inject({ method: 'POST', url: '/v1/graphs', payload: { id, name: id } });
  t.teardown(async () => {
    await app.inject({ method: 'DELETE', url: `/v1/graphs/${id}` });
  });
  const interactions = [];
  for (const s of ['a', 'b', 'c']) for (const tg of ['a', 'b', 'c']) if (s !== tg) interactions.push({ source: s, target: tg, type: 'reply' });
  t.equal((await app.inject({ method: 'POST', url: `/v1/graphs/${id}/interactions`, payload: { interactions } })).statusCode, 200);

  const empty = (await app.inject({ url: `/v1/graphs/${id}/analyses` })).json();
  t.same(empty, { total: 0, limit: 50, offset: 0, items: [] }, 'none yet');

  const created: string[] = [];
  for (const seed of [1, 2, 3]) {
    const res = await app.inject({ method: 'POST', url: `/v1/graphs/${id}/analyses?wait=30`, payload: { seed, runs: 1 } });
    t.equal(res.statusCode, 200);
    created.push(res.json().id);
  }
  const all = (await app.inject({ url: `/v1/graphs/${id}/analyses` })).json();
  t.equal(all.total, 3);
  t.same(all.items.map((a: { id: string }) => a.id), [...created].reverse(), 'newest first');
  t.match(all.items[0], { graphId: id, status: 'succeeded', params: { seed: 3, runs: 1 }, summary: { accounts: 3, niches: 1 } });
  t.same(all.items[0], (await app.inject({ url: `/v1/analyses/${created[2]}` })).json(), 'each item reads as GET /v1/analyses/{id}');

  const first = (await app.inject({ url: `/v1/graphs/${id}/analyses?limit=2` })).json();
  t.same([first.total, first.limit, first.offset, first.items.map((a: { id: string }) => a.id)], [3, 2, 0, [created[2], created[1]]]);
  const second = (await app.inject({ url: `/v1/graphs/${id}/analyses?limit=2&offset=2` })).json();
  t.same(second.items.map((a: { id: string }) => a.id), [created[0]]);
  const past = (await app.inject({ url: `/v1/graphs/${id}/analyses?offset=10` })).json();
  t.same([past.total, past.items], [3, []], 'past the end: empty page, same total');
});

t.test('unknown graph: 404; bad paging: 400 naming the field', async (t) => {
  const missing = await app.inject({ url: `/v1/graphs/${uniqueId('none')}/analyses` });
  t.equal(missing.statusCode, 404);
  t.match(missing.headers['content-type'], /application\/problem\+json/);
  const bad = await app.inject({ url: `/v1/graphs/${uniqueId('none')}/analyses?limit=0` });
  t.equal(bad.statusCode, 400);
  t.match(bad.body, /limit/);
});
