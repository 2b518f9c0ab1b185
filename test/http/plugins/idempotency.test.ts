import { randomUUID } from 'node:crypto';
import t from 'tap';
import { startTestApp, uniqueId } from '../../helpers/app.js';

const ctx = await startTestApp();
t.teardown(() => ctx.close());
const { app } = ctx;

async function newGraph(): Promise<string> {
  const id = uniqueId('idem');
  t.equal((await app.inject({ method: 'POST', url: '/v1/graphs', payload: { id, name: id } })).statusCode, 201);
  t.teardown(() => app.inject({ method: 'DELETE', url: `/v1/graphs/${id}` }).then(() => {}));
  return id;
}

const post = (url: string, payload: object, key?: string, a = app) =>
  a.inject({ method: 'POST', url, payload, headers: key === undefined ? {} : { 'idempotency-key': key } });

async function interactionCount(graphId: string): Promise<number> {
  return ((await app.inject({ url: `/v1/graphs/${graphId}` })).json() as { interactions: number }).interactions;
}

t.test('a retried ingestion returns the first answer and stores nothing again', async (t) => {
  const g = await newGraph();
  const key = randomUUID();
  // No interaction ids: without the key, a replay would store the batch twice.
  const batch = { interactions: [{ source: 'a', target: 'b' }, { source: 'b', target: 'c' }] };
  const first = await post(`/v1/graphs/${g}/interactions`, batch, key);
  t.equal(first.statusCode, 200);
  t.same(first.json(), { received: 2, stored: 2, duplicates: 0, suppressed: 0 });
  t.notOk(first.headers['idempotent-replayed']);
  const again = await post(`/v1/graphs/${g}/interactions`, batch, key);
  t.equal(again.statusCode, 200);
  t.equal(again.body, first.body);
  t.equal(again.headers['idempotent-replayed'], 'true');
  t.equal(await interactionCount(g), 2, 'stored once');
  const without = await post(`/v1/graphs/${g}/interactions`, batch);
  t.same(without.json(), { received: 2, stored: 2, duplicates: 0, suppressed: 0 }, 'without a key the batch is applied again');
});

t.test('a retried graph creation replays 201 with its Location; a different body is 422', async (t) => {
  const id = uniqueId('idem-g');
  t.teardown(() => app.inject({ method: 'DELETE', url: `/v1/graphs/${id}` }).then(() => {}));
  const key = randomUUID();
  const first = await post('/v1/graphs', { id, name: 'one' }, key);
  t.equal(first.statusCode, 201);
  const again = await post('/v1/graphs', { id, name: 'one' }, key);
  t.equal(again.statusCode, 201, 'not 409 GRAPH_EXISTS: the first answer is replayed');
  t.equal(again.headers.location, `/v1/graphs/${id}`);
  t.same(again.json(), first.json());
  const other = await post('/v1/graphs', { id, name: 'two' }, key);
  t.equal(other.statusCode, 422);
  t.equal(other.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.match(other.json(), { code: 'NG_IDEMPOTENCY_KEY_REUSED' });
  const otherPath = await post(`/v1/graphs/${id}/interactions`, { interactions: [] }, key);
  t.equal(otherPath.statusCode, 422, 'same key on another route is a different request');
});

t.test('a retried analysis start returns the same analysis', async (t) => {
  const g = await newGraph();
  const key = randomUUID();
  const first = await post(`/v1/graphs/${g}/analyses`, { seed: 7 }, key);
  t.equal(first.statusCode, 202);
  const again = await post(`/v1/graphs/${g}/analyses`, { seed: 7 }, key);
  t.equal(again.statusCode, 202);
  t.equal((again.json() as { id: string }).id, (first.json() as { id: string }).id);
  const { records } = await ctx.driver.executeQuery('MATCH (a:Analysis {graphId: $g}) RETURN count(a) AS n', { g });
  t.equal(Number(records[0]?.get('n')), 1, 'one analysis created');
});

t.test('invalid Idempotency-Key values are 400', async (t) => {
  const bad = await post('/v1/graphs', { name: 'x' }, 'has space');
  t.equal(bad.statusCode, 400);
  const long = await post('/v1/graphs', { name: 'x' }, 'k'.repeat(256));
  t.equal(long.statusCode, 400);
});

t.test('a concurrent duplicate gets 409 with Retry-After while the first runs', async (t) => {
  const g = await newGraph();
  const key = randomUUID();
  const interactions = Array.from({ length: 20_000 }, (_, i) => ({ source: `s${i % 500}`, target: `t${i % 700}` }));
  // Sent together: one claims the key and ingests (~1 s for 20k rows), the other finds it held.
  const answers = await Promise.all([0, 1].map(() => post(`/v1/graphs/${g}/interactions`, { interactions }, key)));
  const statuses = answers.map((a) => a.statusCode).sort();
  t.same(statuses, [200, 409]);
  const conflict = answers.find((a) => a.statusCode === 409);
  t.match(conflict?.json(), { code: 'NG_IDEMPOTENCY_IN_PROGRESS' });
  t.equal(conflict?.headers['retry-after'], '1');
  const after = await post(`/v1/graphs/${g}/interactions`, { interactions }, key);
  t.equal(after.headers['idempotent-replayed'], 'true');
  t.equal(await interactionCount(g), 20_000);
});

t.test('keys survive a restart, and expired ones are purged', async (t) => {
  const g = await newGraph();
  const key = randomUUID();
  const batch = { interactions: [{ source: 'x', target: 'y' }] };
  const first = await post(`/v1/graphs/${g}/interactions`, batch, key);
  t.equal(first.statusCode, 200);
  // A second, fresh service process state on the same Neo4j.
  const restarted = await startTestApp();
  try {
    const again = await post(`/v1/graphs/${g}/interactions`, batch, key, restarted.app);
    t.equal(again.headers['idempotent-replayed'], 'true');
    t.equal(again.body, first.body);
  } finally {
    await restarted.close();
  }
  const { records } = await ctx.driver.executeQuery('MATCH (k:IdempotencyKey) RETURN count(k) AS n');
  t.ok(Number(records[0]?.get('n')) > 0);
  const { Neo4jIdempotencyStore } = await import('../../../src/store/idempotency-store.js');
  const store = new Neo4jIdempotencyStore(ctx.driver, ctx.config.NEO4J_DATABASE);
  const farFuture = Date.now() + (ctx.config.IDEMPOTENCY_TTL_SECONDS + 60) * 1000;
  t.ok((await store.purgeExpired(farFuture)) > 0, 'records past their expiry are deleted');
  const replay = await post(`/v1/graphs/${g}/interactions`, batch, key);
  t.notOk(replay.headers['idempotent-replayed'], 'a purged key runs the request again');
  t.equal(await interactionCount(g), 2);
});

t.test('an expired record is taken over by the next request with that key', async (t) => {
  const { Neo4jIdempotencyStore } = await import('../../../src/store/idempotency-store.js');
  const store = new Neo4jIdempotencyStore(ctx.driver, ctx.config.NEO4J_DATABASE);
  const id = randomUUID();
  const now = Date.now();
  t.same(await store.claim({ id, token: 'a', fingerprint: 'f', now, lockedUntil: now + 1000, expiresAt: now + 5000 }), { outcome: 'claimed' });
  t.same(await store.claim({ id, token: 'b', fingerprint: 'f', now, lockedUntil: now + 1000, expiresAt: now + 5000 }), { outcome: 'in-progress' });
  t.same(await store.claim({ id, token: 'c', fingerprint: 'f', now: now + 2000, lockedUntil: now + 3000, expiresAt: now + 9000 }), { outcome: 'claimed' }, 'a stale lock is taken over');
  t.notOk(await store.complete(id, 'a', { status: 200, body: '{}', headers: {} }, now + 9000), 'the old holder lost its claim');
  t.ok(await store.complete(id, 'c', { status: 201, body: '{"ok":1}', headers: { location: '/x' } }, now + 9000));
  t.same(await store.claim({ id, token: 'd', fingerprint: 'f', now: now + 4000, lockedUntil: now + 5000, expiresAt: now + 9000 }), {
    outcome: 'replay',
    answer: { status: 201, body: '{"ok":1}', headers: { location: '/x' } },
  });
  t.same(await store.claim({ id, token: 'e', fingerprint: 'g', now: now + 4000, lockedUntil: now + 5000, expiresAt: now + 9000 }), { outcome: 'mismatch' });
  t.same(await store.claim({ id, token: 'f', fingerprint: 'g', now: now + 10_000, lockedUntil: now + 11_000, expiresAt: now + 20_000 }), { outcome: 'claimed' }, 'expired: free again');
  await store.release(id, 'f');
});

t.test('an Idempotency-Key on a streamed body is refused, and nothing of it is stored', async (t) => {
  const g = await newGraph();
  const res = await app.inject({
    method: 'POST',
    url: `/v1/graphs/${g}/interactions`,
    headers: { 'content-type': 'application/x-ndjson', 'idempotency-key': randomUUID() },
    payload: '{"source":"a","target":"b"}\n',
  });
  t.equal(res.statusCode, 400);
  t.match(res.json(), { code: 'NG_IDEMPOTENCY_KEY_STREAMED' });
  t.equal(await interactionCount(g), 0);
});

t.test('a retry-later answer (429 too many analyses) is not recorded: the retry runs once the limit has cleared', async (t) => {
  const limited = await startTestApp({ MAX_ANALYSES_PER_KEY: '1' });
  t.teardown(() => limited.close());
  const g = await newGraph();
  const interactions = Array.from({ length: 1000 }, (_, i) => ({ source: `a${i % 200}`, target: `a${(i * 7 + 1) % 200}` })).filter(
    (x) => x.source !== x.target,
  );
  t.equal((await post(`/v1/graphs/${g}/interactions`, { interactions }, undefined, limited.app)).statusCode, 200);
  // The first analysis holds the one slot (a worker takes far longer to start than the next request to come).
  const holder = await post(`/v1/graphs/${g}/analyses`, { runs: 5 }, undefined, limited.app);
  t.equal(holder.statusCode, 202);
  const key = randomUUID();
  const refused = await post(`/v1/graphs/${g}/analyses`, { seed: 3, runs: 5 }, key, limited.app);
  t.equal(refused.statusCode, 429, 'the quota refuses while the first analysis runs');
  t.match(refused.json(), { code: 'NG_TOO_MANY_ANALYSES' });
  await limited.app.inject({ url: `/v1/analyses/${(holder.json() as { id: string }).id}?wait=60` });
  const retried = await post(`/v1/graphs/${g}/analyses`, { seed: 3, runs: 5 }, key, limited.app);
  t.equal(retried.statusCode, 202, 'the retry is run, not answered with the old 429');
  t.notOk(retried.headers['idempotent-replayed']);
  const replay = await post(`/v1/graphs/${g}/analyses`, { seed: 3, runs: 5 }, key, limited.app);
  t.equal(replay.headers['idempotent-replayed'], 'true', 'the final answer is the one recorded');
  t.equal((replay.json() as { id: string }).id, (retried.json() as { id: string }).id);
  await limited.app.inject({ url: `/v1/analyses/${(retried.json() as { id: string }).id}?wait=60` });
});

t.test('isFinalAnswer: final answers are recorded, retry-later ones never', async (t) => {
  const { isFinalAnswer } = await import('../../../src/http/plugins/app/idempotency.js');
  for (const s of [200, 201, 202, 204, 400, 404, 409, 413, 415, 422]) t.ok(isFinalAnswer(s, false), `${s} is final`);
  for (const s of [408, 425, 429, 500, 502, 503, 504]) t.notOk(isFinalAnswer(s, false), `${s} is retry-later`);
  t.notOk(isFinalAnswer(409, true), 'an answer with Retry-After is retry-later');
});
