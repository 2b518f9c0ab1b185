import { readFile } from 'node:fs/promises';
import t from 'tap';
import { startTestApp } from '../helpers/app.js';

const ctx = await startTestApp();
t.teardown(() => ctx.close());
const { app } = ctx;

t.test('/openapi.yaml serves the committed spec', async (t) => {
  const res = await app.inject({ url: '/openapi.yaml' });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /yaml/);
  t.equal(res.body, await readFile(new URL('../../openapi.yaml', import.meta.url), 'utf8'));
  t.match(res.body, /^openapi: 3\.1\.0/);
});

t.test('every route has an operationId', async (t) => {
  await app.ready();
  const spec = app.swagger() as { paths: Record<string, Record<string, { operationId?: string }>> };
  const ops = Object.entries(spec.paths).flatMap(([path, methods]) => Object.entries(methods).map(([m, op]) => ({ path, m, op })));
  t.ok(ops.length >= 12, `${ops.length} operations`);
  for (const { path, m, op } of ops) t.ok(op.operationId, `${m.toUpperCase()} ${path} has an operationId`);
  t.equal(new Set(ops.map((o) => o.op.operationId)).size, ops.length, 'operationIds are unique');
});

t.test('/docs serves the API browser', async (t) => {
  const res = await app.inject({ url: '/docs/' });
  t.equal(res.statusCode, 200);
  t.match(res.body, /swagger-ui/i);
});

t.test('health', async (t) => {
  t.same((await app.inject({ url: '/health/live' })).json(), { status: 'ok' });
  t.same((await app.inject({ url: '/health/ready' })).json(), { status: 'ok' });
});

t.test('unknown routes and methods answer problem+json; request ids are echoed', async (t) => {
  const res = await app.inject({ url: '/v2/nothing', headers: { 'x-request-id': 'trace-123' } });
  t.equal(res.statusCode, 404);
  t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.equal(res.headers['x-request-id'], 'trace-123');
  t.match(res.json(), { code: 'NG_ROUTE_NOT_FOUND', status: 404, requestId: 'trace-123', instance: '/v2/nothing' });
  const generated = await app.inject({ url: '/health/live' });
  t.match(generated.headers['x-request-id'], /^[0-9a-f-]{36}$/);
});

t.test('malformed URLs and over-long path parameters answer problem+json', async (t) => {
  const bad = await app.inject({ url: '/v1/graphs/%E0%A4%A' });
  t.equal(bad.statusCode, 400);
  t.equal(bad.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.match(bad.json(), { code: 'NG_BAD_URL' });
  const long = await app.inject({ url: `/v1/analyses/a/accounts/${'x'.repeat(600)}` });
  t.equal(long.statusCode, 414);
  t.match(long.json(), { code: 'NG_URI_TOO_LONG', detail: /512 characters/ });
  t.notMatch(long.json().detail, /xxxxxxxxxx/, 'the detail does not echo the path');
  const account = await app.inject({ url: `/v1/analyses/a/accounts/${'x'.repeat(256)}` });
  t.equal(account.statusCode, 404, 'a 256-character account id reaches its route');
});
