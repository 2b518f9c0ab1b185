import t from 'tap';
import { authMode, isLoopbackHost, parseApiKeys, sha256Hex } from '../../../src/http/api-keys.js';
import { startTestApp, uniqueId } from '../../helpers/app.js';

const KEYS = { read: 'k-read-1', write: 'k-write-1', admin: 'k-admin-1', rotated: 'k-write-2', scoped: 'k-scoped-1' };
const mine = uniqueId('auth-mine');
const theirs = uniqueId('auth-theirs');
const API_KEYS = [
  `read:${sha256Hex(KEYS.read)}`,
  `write:${sha256Hex(KEYS.write)}`,
  `admin:${sha256Hex(KEYS.admin)}`,
  `write:${sha256Hex(KEYS.rotated)}`,
  `write:${sha256Hex(KEYS.scoped)}:${mine}|not-created-yet`,
].join(',');

const ctx = await startTestApp({ API_KEYS });
t.teardown(() => ctx.close());
const { app } = ctx;
const as = (key: string) => ({ authorization: `Bearer ${key}` });

t.test('parseApiKeys and authMode validate the configuration', async (t) => {
  const [entry] = parseApiKeys(`read:${sha256Hex('x')}:a|b`);
  t.equal(entry?.scope, 'read');
  t.same([...(entry?.graphs ?? [])], ['a', 'b']);
  t.equal(entry?.id, sha256Hex('x').slice(0, 12));
  t.throws(() => parseApiKeys('root:abc'), /entry #1: scope must be read, write or admin/);
  t.throws(() => parseApiKeys(`read:${sha256Hex('x')},write:nothex`), /entry #2: expected the 64 hex digits/);
  t.throws(() => parseApiKeys(`read:${sha256Hex('x')}:bad/graph`), /allow-list/);
  t.ok(isLoopbackHost('127.0.0.1') && isLoopbackHost('::1') && isLoopbackHost('localhost'));
  t.notOk(isLoopbackHost('0.0.0.0'));
  t.match(authMode({ API_KEYS: '', AUTH_DISABLED: false, HOST: '127.0.0.1' }), { enabled: false, reason: /loopback/ });
  t.throws(() => authMode({ API_KEYS: '', AUTH_DISABLED: false, HOST: '0.0.0.0' }), /not a loopback address/);
  t.match(authMode({ API_KEYS: '', AUTH_DISABLED: true, HOST: '0.0.0.0' }), { enabled: false, reason: /AUTH_DISABLED/ });
  t.same(authMode({ API_KEYS, AUTH_DISABLED: false, HOST: '0.0.0.0' }), { enabled: true, keys: 5 });
});

t.test('missing or unknown key -> 401 problem with WWW-Authenticate; health and spec stay open', async (t) => {
  for (const headers of [{}, as('wrong'), { authorization: `Basic ${KEYS.admin}` }]) {
    const res = await app.inject({ url: '/v1/graphs', headers });
    t.equal(res.statusCode, 401);
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    t.match(res.headers['www-authenticate'], /^Bearer/);
    t.match(res.json(), { code: 'NG_UNAUTHORIZED', status: 401 });
  }
  t.equal((await app.inject({ url: '/v2/unknown' })).statusCode, 401, 'unknown routes do not answer before auth');
  t.equal((await app.inject({ url: '/health/live' })).statusCode, 200);
  t.equal((await app.inject({ url: '/health/ready' })).statusCode, 200);
  t.equal((await app.inject({ url: '/openapi.yaml' })).statusCode, 200);
});

t.test('scopes: read < write < admin; GET read, POST/DELETE write, /metrics admin; rotated keys both work', async (t) => {
  t.equal((await app.inject({ url: '/v1/graphs', headers: as(KEYS.read) })).statusCode, 200);
  const denied = await app.inject({ method: 'POST', url: '/v1/graphs', headers: as(KEYS.read), payload: { name: 'x' } });
  t.equal(denied.statusCode, 403);
  t.match(denied.json(), { code: 'NG_FORBIDDEN', detail: /scope 'read'; this request needs scope 'write'/ });
  const g = uniqueId('auth');
  const created = await app.inject({ method: 'POST', url: '/v1/graphs', headers: as(KEYS.write), payload: { id: g, name: g } });
  t.equal(created.statusCode, 201);
  t.equal((await app.inject({ url: `/v1/graphs/${g}`, headers: as(KEYS.rotated) })).statusCode, 200);
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/graphs/${g}`, headers: as(KEYS.read) })).statusCode, 403);
  t.equal((await app.inject({ url: '/metrics', headers: as(KEYS.write) })).statusCode, 403);
  t.equal((await app.inject({ url: '/metrics', headers: as(KEYS.admin) })).statusCode, 200);
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/graphs/${g}`, headers: as(KEYS.admin) })).statusCode, 204);
});

t.test('a graph allow-list hides other graphs and their analyses (404), also in listings', async (t) => {
  for (const id of [mine, theirs]) {
    const res = await app.inject({ method: 'POST', url: '/v1/graphs', headers: as(KEYS.admin), payload: { id, name: id } });
    t.equal(res.statusCode, 201);
    t.teardown(() => app.inject({ method: 'DELETE', url: `/v1/graphs/${id}`, headers: as(KEYS.admin) }).then(() => {}));
  }
  const analysis = await app.inject({ method: 'POST', url: `/v1/graphs/${theirs}/analyses`, headers: as(KEYS.admin), payload: {} });
  t.equal(analysis.statusCode, 202);
  const analysisId = (analysis.json() as { id: string }).id;

  const hidden = await app.inject({ url: `/v1/graphs/${theirs}`, headers: as(KEYS.scoped) });
  t.equal(hidden.statusCode, 404);
  t.match(hidden.json(), { code: 'NG_GRAPH_NOT_FOUND' });
  t.equal((await app.inject({ url: `/v1/graphs/${mine}`, headers: as(KEYS.scoped) })).statusCode, 200);
  const ingest = await app.inject({
    method: 'POST',
    url: `/v1/graphs/${theirs}/interactions`,
    headers: as(KEYS.scoped),
    payload: { interactions: [{ source: 'a', target: 'b' }] },
  });
  t.equal(ingest.statusCode, 404);
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/graphs/${theirs}`, headers: as(KEYS.scoped) })).statusCode, 404);
  const foreign = await app.inject({ url: `/v1/analyses/${analysisId}`, headers: as(KEYS.scoped) });
  t.equal(foreign.statusCode, 404);
  t.match(foreign.json(), { code: 'NG_ANALYSIS_NOT_FOUND' });
  t.equal((await app.inject({ url: `/v1/analyses/${analysisId}/niches`, headers: as(KEYS.scoped) })).statusCode, 404);
  t.equal((await app.inject({ url: `/v1/analyses/${analysisId}`, headers: as(KEYS.admin) })).statusCode, 200);
  const compared = await app.inject({ url: `/v1/analyses/no-such-analysis/compare/${analysisId}`, headers: as(KEYS.scoped) });
  t.match(compared.json(), { code: 'NG_ANALYSIS_NOT_FOUND', detail: new RegExp(analysisId) }, 'the second analysis of a comparison is hidden too');

  const list = await app.inject({ url: '/v1/graphs?limit=1000', headers: as(KEYS.scoped) });
  const items = (list.json() as { total: number; items: Array<{ id: string }> });
  t.same(items.items.map((g) => g.id), [mine], 'only the allowed graph is listed');
  t.equal(items.total, 1);
  const all = (await app.inject({ url: '/v1/graphs?limit=1000', headers: as(KEYS.admin) })).json() as { items: Array<{ id: string }> };
  t.ok(all.items.some((g) => g.id === theirs), 'an unrestricted key lists every graph');

  const outside = await app.inject({ method: 'POST', url: '/v1/graphs', headers: as(KEYS.scoped), payload: { id: uniqueId('x'), name: 'x' } });
  t.equal(outside.statusCode, 403);
  t.match(outside.json(), { code: 'NG_GRAPH_NOT_ALLOWED' });
});

t.test('the spec declares the bearer scheme; health routes need none', async (t) => {
  const spec = app.swagger() as unknown as {
    components: { securitySchemes: Record<string, { scheme: string }> };
    security: unknown[];
    paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
  };
  t.equal(spec.components.securitySchemes.bearerAuth?.scheme, 'bearer');
  t.same(spec.security, [{ bearerAuth: [] }]);
  t.same(spec.paths['/health/live']?.get?.security, []);
  t.ok(spec.paths['/v1/graphs']?.get?.responses['401'], 'protected routes document 401');
});
