import t from 'tap';
import { sha256Hex } from '../../../src/http/api-keys.js';
import { startTestApp, uniqueId } from '../../helpers/app.js';

const KEY_A = 'limits-key-a';
const KEY_B = 'limits-key-b';
const ctx = await startTestApp({
  API_KEYS: `write:${sha256Hex(KEY_A)},write:${sha256Hex(KEY_B)}`,
  RATE_LIMIT_MAX: '8',
  RATE_LIMIT_JOBS_MAX: '3',
  RATE_LIMIT_WINDOW_MS: '60000',
  MAX_ANALYSES_PER_KEY: '1',
});
t.teardown(() => ctx.close());
const { app } = ctx;
const as = (key: string) => ({ authorization: `Bearer ${key}` });

t.test('rate limit per key, with headers; 429 problem with Retry-After; health exempt', async (t) => {
  const statuses: number[] = [];
  let last;
  for (let i = 0; i < 9; i++) {
    last = await app.inject({ url: '/v1/graphs', headers: as(KEY_A) });
    statuses.push(last.statusCode);
    if (i === 0) {
      t.equal(last.headers['x-ratelimit-limit'], '8');
      t.equal(last.headers['x-ratelimit-remaining'], '7');
    }
  }
  t.same(statuses, [200, 200, 200, 200, 200, 200, 200, 200, 429]);
  t.equal(last?.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.match(last?.json(), { code: 'NG_RATE_LIMITED', status: 429 });
  t.match(last?.headers['retry-after'], /^\d+$/);
  t.equal((await app.inject({ url: '/v1/graphs', headers: as(KEY_B) })).statusCode, 200, 'another key has its own budget');
  t.equal((await app.inject({ url: '/health/live' })).statusCode, 200);
});

t.test('analyses: a stricter rate limit, and at most MAX_ANALYSES_PER_KEY queued or running', async (t) => {
  const g = uniqueId('lim');
  t.equal((await app.inject({ method: 'POST', url: '/v1/graphs', headers: as(KEY_B), payload: { id: g, name: g } })).statusCode, 201);
  t.teardown(() => ctx.store.deleteGraph(g).then(() => {}));
  const interactions = Array.from({ length: 3000 }, (_, i) => ({ source: `a${i % 300}`, target: `a${(i * 7 + 1) % 300}` })).filter(
    (x) => x.source !== x.target,
  );
  await app.inject({ method: 'POST', url: `/v1/graphs/${g}/interactions`, headers: as(KEY_B), payload: { interactions } });

  const start = () => app.inject({ method: 'POST', url: `/v1/graphs/${g}/analyses`, headers: as(KEY_B), payload: {} });
  // Two at once with a limit of one: exactly one is accepted.
  const pair = await Promise.all([start(), start()]);
  t.same(pair.map((r) => r.statusCode).sort(), [202, 429]);
  const refused = pair.find((r) => r.statusCode === 429);
  t.match(refused?.json(), { code: 'NG_TOO_MANY_ANALYSES' });
  const accepted = pair.find((r) => r.statusCode === 202)?.json() as { id: string };
  await app.inject({ url: `/v1/analyses/${accepted.id}?wait=30`, headers: as(KEY_B) });
  const third = await start();
  t.equal(third.statusCode, 202, 'a finished analysis frees its slot');
  t.equal(third.headers['x-ratelimit-limit'], '3', 'job-creating POSTs have their own, stricter limit');
  await app.inject({ url: `/v1/analyses/${(third.json() as { id: string }).id}?wait=30`, headers: as(KEY_B) });
  const fourth = await start();
  t.equal(fourth.statusCode, 429);
  t.match(fourth.json(), { code: 'NG_RATE_LIMITED' });
});

t.test('body size, batch size and string lengths are limited', async (t) => {
  const big = await startTestApp({ MAX_BATCH_ITEMS: '10', BODY_LIMIT: '2048' });
  t.teardown(() => big.close());
  const tooBig = await big.app.inject({ method: 'POST', url: '/v1/graphs', payload: { name: 'x'.repeat(3000) } });
  t.equal(tooBig.statusCode, 413);
  t.match(tooBig.json(), { code: 'NG_BODY_TOO_LARGE' });
  const longName = await big.app.inject({ method: 'POST', url: '/v1/graphs', payload: { name: 'x'.repeat(201) } });
  t.equal(longName.statusCode, 400);
  t.match(longName.json(), { errors: [{ field: 'name' }] });
  const many = await big.app.inject({
    method: 'POST',
    url: '/v1/graphs/whatever/interactions',
    payload: { interactions: Array.from({ length: 11 }, (_, i) => ({ source: `a${i}`, target: 'b' })) },
  });
  t.equal(many.statusCode, 413);
  t.match(many.json(), { code: 'NG_BATCH_TOO_LARGE' });
});

t.test('overload: a blocked event loop answers 503 problem with Retry-After, then recovers', async (t) => {
  const loaded = await startTestApp({ MAX_EVENT_LOOP_DELAY_MS: '50' });
  t.teardown(() => loaded.close());
  // Keep the loop blocked 200 ms at a time for over two samples (1 s each): the mean
  // delay the guard measures is then far above 50 ms.
  const until = Date.now() + 2500;
  while (Date.now() < until) {
    const slice = Date.now() + 200;
    while (Date.now() < slice) {
      // busy: nothing else runs
    }
    await new Promise((r) => setImmediate(r));
  }
  const res = await loaded.app.inject({ url: '/v1/graphs' });
  t.equal(res.statusCode, 503);
  t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.match(res.json(), { code: 'NG_OVERLOADED', status: 503 });
  t.equal(res.headers['retry-after'], '10');
  t.equal((await loaded.app.inject({ url: '/health/live' })).statusCode, 200, 'liveness is never shed');
  let recovered = false;
  for (let i = 0; i < 10 && !recovered; i++) {
    await new Promise((r) => setTimeout(r, 500));
    recovered = (await loaded.app.inject({ url: '/v1/graphs' })).statusCode === 200;
  }
  t.ok(recovered, 'answers again once the loop is responsive');
});

t.test('the analyses-per-caller map forgets callers with nothing active (bounded by active work, not by callers seen)', async (t) => {
  const open = await startTestApp({ MAX_ANALYSES_PER_KEY: '1' });
  t.teardown(() => open.close());
  const g = uniqueId('lim-map');
  t.equal((await open.app.inject({ method: 'POST', url: '/v1/graphs', payload: { id: g, name: g } })).statusCode, 201);
  t.teardown(() => open.store.deleteGraph(g).then(() => {}));
  await open.app.inject({ method: 'POST', url: `/v1/graphs/${g}/interactions`, payload: { interactions: [{ source: 'a', target: 'b' }, { source: 'b', target: 'c' }] } });
  // 50 callers (client addresses, no auth): refused ones (unknown graph) and finished analyses.
  for (let i = 0; i < 50; i++) {
    const remoteAddress = `10.0.${i >> 8}.${i & 255}`;
    const res = await open.app.inject({ method: 'POST', url: `/v1/graphs/no-such-${i}/analyses`, payload: {}, remoteAddress });
    t.equal(res.statusCode, 404);
  }
  t.equal(await open.app.analysisQuotaCallers(), 0, 'refused requests leave no entry');
  const started = await open.app.inject({ method: 'POST', url: `/v1/graphs/${g}/analyses`, payload: {}, remoteAddress: '10.1.0.1' });
  t.equal(started.statusCode, 202);
  t.equal(await open.app.analysisQuotaCallers(), 1, 'a caller with an active analysis is tracked');
  await open.app.inject({ url: `/v1/analyses/${(started.json() as { id: string }).id}?wait=30` });
  t.equal(await open.app.analysisQuotaCallers(), 0, 'and forgotten once it has finished');
});
