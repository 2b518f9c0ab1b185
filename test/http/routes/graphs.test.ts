import t from 'tap';
import { startTestApp, uniqueId } from '../../helpers/app.js';

const ctx = await startTestApp();
t.teardown(() => ctx.close());
const { app } = ctx;

t.test('create, read, list and delete a graph', async (t) => {
  const id = uniqueId('g');
  const created = await app.inject({ method: 'POST', url: '/v1/graphs', payload: { id, name: 'Forum', description: 'test' } });
  t.equal(created.statusCode, 201);
  t.equal(created.headers.location, `/v1/graphs/${id}`);
  t.match(created.json(), { id, name: 'Forum', description: 'test', createdAt: String });

  const read = await app.inject({ url: `/v1/graphs/${id}` });
  t.equal(read.statusCode, 200);
  t.match(read.json(), { id, accounts: 0, interactions: 0 });

  await app.inject({
    method: 'POST',
    url: `/v1/graphs/${id}/interactions`,
    payload: { interactions: [{ source: 'a', target: 'b' }, { source: 'b', target: 'c', type: 'reply' }] },
  });
  t.match((await app.inject({ url: `/v1/graphs/${id}` })).json(), { accounts: 3, interactions: 2 });

  const page = await app.inject({ url: '/v1/graphs?limit=1000' });
  t.equal(page.statusCode, 200);
  t.ok(page.json().items.some((g: { id: string }) => g.id === id), 'listed');
  t.equal(page.json().limit, 1000);

  const deleted = await app.inject({ method: 'DELETE', url: `/v1/graphs/${id}` });
  t.equal(deleted.statusCode, 204);
  t.equal(deleted.body, '');
  const gone = await app.inject({ url: `/v1/graphs/${id}` });
  t.equal(gone.statusCode, 404);
  t.equal(gone.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.match(gone.json(), { status: 404, code: 'NG_GRAPH_NOT_FOUND', instance: `/v1/graphs/${id}` });
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/graphs/${id}` })).statusCode, 404);
});

t.test('an id is generated when absent', async (t) => {
  const res = await app.inject({ method: 'POST', url: '/v1/graphs', payload: { name: 'no id' } });
  t.equal(res.statusCode, 201);
  const { id } = res.json();
  t.match(id, /^[A-Za-z0-9_-]{1,64}$/);
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/graphs/${id}` })).statusCode, 204);
});

t.test('a taken id answers 409', async (t) => {
  const id = uniqueId('g');
  t.equal((await app.inject({ method: 'POST', url: '/v1/graphs', payload: { id, name: 'one' } })).statusCode, 201);
  const again = await app.inject({ method: 'POST', url: '/v1/graphs', payload: { id, name: 'two' } });
  t.equal(again.statusCode, 409);
  t.match(again.json(), { code: 'NG_GRAPH_EXISTS', type: 'https://nichegraph.dev/problems/ng-graph-exists' });
  await app.inject({ method: 'DELETE', url: `/v1/graphs/${id}` });
});

t.test('invalid graph input names the field', async (t) => {
  const badId = await app.inject({ method: 'POST', url: '/v1/graphs', payload: { id: 'has space', name: 'x' } });
  t.equal(badId.statusCode, 400);
  t.match(badId.json(), { code: 'NG_VALIDATION', errors: [{ field: 'id', in: 'body' }] });
  const tooLong = await app.inject({ method: 'POST', url: '/v1/graphs', payload: { id: 'a'.repeat(65), name: 'x' } });
  t.equal(tooLong.statusCode, 400);
  const noName = await app.inject({ method: 'POST', url: '/v1/graphs', payload: { id: 'ok' } });
  t.equal(noName.statusCode, 400);
  t.match(noName.json().errors, [{ field: 'name', pointer: '/name' }]);
  const unknown = await app.inject({ method: 'POST', url: '/v1/graphs', payload: { name: 'x', colour: 'red' } });
  t.equal(unknown.statusCode, 400);
  t.match(unknown.json().errors, [{ field: 'colour', message: 'is not an allowed property' }]);
  const badPage = await app.inject({ url: '/v1/graphs?limit=0' });
  t.equal(badPage.statusCode, 400);
  t.match(badPage.json().errors, [{ in: 'querystring', field: 'limit' }]);
});

t.test('paging is stable and bounded', async (t) => {
  const ids = [uniqueId('p'), uniqueId('p'), uniqueId('p')];
  for (const id of ids) await app.inject({ method: 'POST', url: '/v1/graphs', payload: { id, name: id } });
  const all = (await app.inject({ url: '/v1/graphs?limit=1000' })).json();
  const first = (await app.inject({ url: '/v1/graphs?limit=2&offset=0' })).json();
  const second = (await app.inject({ url: '/v1/graphs?limit=2&offset=2' })).json();
  t.equal(first.items.length, 2);
  t.equal(first.total, all.total);
  t.same([...first.items, ...second.items].map((g: { id: string }) => g.id), all.items.slice(0, 4).map((g: { id: string }) => g.id));
  for (const id of ids) await app.inject({ method: 'DELETE', url: `/v1/graphs/${id}` });
});
