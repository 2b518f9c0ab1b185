/**
 * The spec generates a working client: src/client/openapi-types.ts (openapi-typescript,
 * from openapi.yaml) with openapi-fetch, against the live service on a real port. The
 * type-check of this file is half the test: a drift between spec and code breaks it.
 */
import createClient from 'openapi-fetch';
import t from 'tap';
import type { paths } from '../../src/client/openapi-types.js';
import { sha256Hex } from '../../src/http/api-keys.js';
import { startTestApp, uniqueId } from '../helpers/app.js';

const KEY = 'generated-client-key';
const ctx = await startTestApp({ API_KEYS: `admin:${sha256Hex(KEY)}` });
t.teardown(() => ctx.close());
const address = await ctx.app.listen({ host: '127.0.0.1', port: 0 });
const client = createClient<paths>({ baseUrl: address, headers: { authorization: `Bearer ${KEY}` } });

t.test('create, ingest, analyse and read niches through the generated client', async (t) => {
  const id = uniqueId('client');
  t.teardown(() => client.DELETE('/v1/graphs/{graphId}', { params: { path: { graphId: id } } }).then(() => {}));
  const created = await client.POST('/v1/graphs', { body: { id, name: 'generated client' } });
  t.equal(created.response.status, 201);
  t.equal(created.data?.id, id);

  const interactions = [
    ['a', 'b'], ['b', 'c'], ['c', 'a'], ['x', 'y'], ['y', 'z'], ['z', 'x'], ['c', 'x'],
  ].map(([source, target]) => ({ source: source!, target: target!, type: 'reply' }));
  const ingested = await client.POST('/v1/graphs/{graphId}/interactions', {
    params: { path: { graphId: id }, header: { 'idempotency-key': `${id}-batch-1` } },
    body: { interactions },
  });
  t.same(ingested.data, { received: 7, stored: 7, duplicates: 0, suppressed: 0 });

  const analysis = await client.POST('/v1/graphs/{graphId}/analyses', {
    params: { path: { graphId: id }, query: { wait: 30 } },
    body: { seed: 1 },
  });
  t.equal(analysis.data?.status, 'succeeded');
  const analysisId = analysis.data!.id;
  const niches = await client.GET('/v1/analyses/{analysisId}/niches', {
    params: { path: { analysisId }, query: { limit: 10, offset: 0 } },
  });
  t.equal(niches.data?.total, 2);
  t.same(niches.data?.items.map((n) => n.size).sort(), [3, 3]);
});

t.test('problems come back as typed errors', async (t) => {
  const missing = await client.GET('/v1/graphs/{graphId}', { params: { path: { graphId: 'no-such-graph-here' } } });
  t.equal(missing.response.status, 404);
  t.equal(missing.error?.code, 'NG_GRAPH_NOT_FOUND');
  const anonymous = createClient<paths>({ baseUrl: address });
  const denied = await anonymous.GET('/v1/graphs', { params: { query: { limit: 1, offset: 0 } } });
  t.equal(denied.response.status, 401);
  t.equal(denied.error?.code, 'NG_UNAUTHORIZED');
});
