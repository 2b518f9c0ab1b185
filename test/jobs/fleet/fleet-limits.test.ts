/**
 * Limits shared by the instances of a fleet (real processes, one Redis): one rate limit per key
 * across two API instances, one per-address limit before authentication, one per-key analysis
 * quota, one queue limit; and Redis going away
 * (a TCP proxy in front of it cut for one instance): analysis POSTs answer a 503 problem,
 * ingestion and reads go on, and analyses are accepted again once Redis is back. No workers
 * run here, so queued analyses stay queued until cancelled.
 */
import t from 'tap';
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../../../src/http/api-keys.js';
import { TcpProxy } from '../../faults/tcp-proxy.js';
import { REDIS_URL, startApi, waitUntil, type FleetProcess } from '../../helpers/fleet.js';

const redis = new URL(REDIS_URL);
const proxy = new TcpProxy(redis.hostname, Number(redis.port || 6379));
const KEYS = { admin: 'fl-admin-key', rate: 'fl-rate-key', w1: 'fl-writer-1', w2: 'fl-writer-2' };
const env = {
  REDIS_PREFIX: `ngtest-${randomBytes(4).toString('hex')}`,
  NEO4J_URI: process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687',
  API_KEYS: [`admin:${sha256Hex(KEYS.admin)}`, `read:${sha256Hex(KEYS.rate)}`, `write:${sha256Hex(KEYS.w1)}`, `write:${sha256Hex(KEYS.w2)}`].join(','),
  RATE_LIMIT_MAX: '10',
  RATE_LIMIT_JOBS_MAX: '1000',
  RATE_LIMIT_WINDOW_MS: '600000',
  MAX_ANALYSES_PER_KEY: '1',
  ANALYSIS_QUEUE_LIMIT: '1',
};
const as = (key: string) => ({ authorization: `Bearer ${key}` });

let a!: FleetProcess; // reaches Redis through the proxy
let b!: FleetProcess; // reaches Redis directly
const graphId = `fleetlim-${randomBytes(4).toString('hex')}`;

t.before(async () => {
  await proxy.up();
  [a, b] = await Promise.all([
    startApi({ ...env, REDIS_URL: `redis://127.0.0.1:${proxy.port}` }),
    startApi({ ...env, REDIS_URL }),
  ]);
  const created = await a.fetch('/v1/graphs', { method: 'POST', headers: as(KEYS.admin), json: { id: graphId, name: graphId } });
  if (created.status !== 201) throw new Error(`create graph: ${created.status} ${JSON.stringify(created.body)}`);
  const interactions = Array.from({ length: 300 }, (_, i) => ({ source: `u${i % 60}`, target: `u${(i * 7 + 1) % 60}` })).filter((x) => x.source !== x.target);
  const ingest = await a.fetch(`/v1/graphs/${graphId}/interactions`, { method: 'POST', headers: as(KEYS.admin), json: { interactions } });
  if (ingest.status !== 200) throw new Error(`ingest: ${ingest.status}`);
});
t.teardown(async () => {
  await proxy.up().catch(() => {});
  await b?.fetch(`/v1/graphs/${graphId}`, { method: 'DELETE', headers: as(KEYS.admin) }).catch(() => {});
  await Promise.all([a?.stop('SIGKILL'), b?.stop('SIGKILL')]);
  await proxy.down();
});

const post = (api: FleetProcess, key: string) =>
  api.fetch(`/v1/graphs/${graphId}/analyses`, { method: 'POST', headers: as(key), json: { runs: 1 } });

t.test('one rate limit per key across both instances', async (t) => {
  const statuses: number[] = [];
  const remaining: string[] = [];
  for (let i = 0; i < 11; i++) {
    const res = await (i % 2 === 0 ? a : b).fetch('/v1/graphs', { headers: as(KEYS.rate) });
    statuses.push(res.status);
    remaining.push(res.headers.get('x-ratelimit-remaining') ?? '');
  }
  t.same(statuses, [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 429], 'the 11th request, whichever instance answers, is over the budget of 10');
  t.same(remaining.slice(0, 10), ['9', '8', '7', '6', '5', '4', '3', '2', '1', '0'], 'both instances count down one budget');
  const last = await a.fetch('/v1/graphs', { headers: as(KEYS.rate) });
  t.equal(last.status, 429);
  t.match(last.body, { code: 'NG_RATE_LIMITED', status: 429 });
  t.ok(last.headers.get('retry-after'));
});

t.test('one analysis quota per key and one queue limit across both instances', async (t) => {
  const first = await post(a, KEYS.w1);
  t.equal(first.status, 202, 'queued through A');
  const again = await post(b, KEYS.w1);
  t.equal(again.status, 429, 'the same key through B is over its quota of 1');
  t.match(again.body, { code: 'NG_TOO_MANY_ANALYSES' });
  const full = await post(b, KEYS.w2);
  t.equal(full.status, 503, 'another key through B finds the shared queue full (limit 1)');
  t.match(full.body, { code: 'NG_QUEUE_FULL' });
  t.ok(full.headers.get('retry-after'));

  const progress = await b.fetch(`/v1/analyses/${first.body.id}`, { headers: as(KEYS.w1) });
  t.same(progress.body.progress, { phase: 'queued', fraction: 0 }, 'B sees the analysis waiting in the shared queue');
  const cancelled = await b.fetch(`/v1/analyses/${first.body.id}`, { method: 'DELETE', headers: as(KEYS.w1) });
  t.equal(cancelled.status, 200);
  t.match(cancelled.body, { status: 'failed', error: 'cancelled' });
  const after = await post(b, KEYS.w1);
  t.equal(after.status, 202, 'a cancelled analysis frees its slot and its place in the queue');
  t.equal((await a.fetch(`/v1/analyses/${after.body.id}`, { method: 'DELETE', headers: as(KEYS.w1) })).status, 200);
});

t.test('Redis going away: analysis POSTs answer 503, ingestion goes on, analyses are accepted again once it is back', async (t) => {
  await proxy.down();
  const refused = await post(a, KEYS.w2);
  t.equal(refused.status, 503);
  t.equal(refused.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  t.match(refused.body, { code: 'NG_QUEUE_UNAVAILABLE', status: 503 });
  t.ok(refused.headers.get('retry-after'), 'with Retry-After');
  const ingest = await a.fetch(`/v1/graphs/${graphId}/interactions`, {
    method: 'POST',
    headers: as(KEYS.admin),
    json: { interactions: [{ source: 'x1', target: 'x2' }] },
  });
  t.equal(ingest.status, 200, 'ingestion is unaffected');
  t.equal((await a.fetch(`/v1/graphs/${graphId}`, { headers: as(KEYS.admin) })).status, 200, 'reads too');

  await proxy.up();
  const accepted = await waitUntil('analyses to be accepted again', async () => {
    const res = await post(a, KEYS.w2);
    return res.status === 202 ? res : undefined;
  }, 60_000, 250);
  t.equal(accepted.status, 202, 'accepted once Redis is back');
  t.equal((await b.fetch(`/v1/analyses/${accepted.body.id}`, { method: 'DELETE', headers: as(KEYS.w2) })).status, 200);
});

t.test('one per-address limit, counted before authentication, across instances', async (t) => {
  // Two more instances of their own (a fresh prefix), so the budget is this test's alone.
  const own = { ...env, REDIS_URL, REDIS_PREFIX: `ngtest-${randomBytes(4).toString('hex')}`, RATE_LIMIT_ADDRESS_MAX: '6' };
  const [c, d] = await Promise.all([startApi(own), startApi(own)]);
  t.teardown(() => Promise.all([c.stop('SIGKILL'), d.stop('SIGKILL')]));
  const statuses: number[] = [];
  for (let i = 0; i < 7; i++) statuses.push((await (i % 2 === 0 ? c : d).fetch('/v1/graphs', { headers: as('not-a-key') })).status);
  t.same(statuses, [401, 401, 401, 401, 401, 401, 429], 'the 7th request from this address, whichever instance answers, is refused before its key is checked');
  const valid = await d.fetch('/v1/graphs', { headers: as(KEYS.admin) });
  t.equal(valid.status, 429, 'a valid key from the same address too');
  t.match(valid.body, { code: 'NG_RATE_LIMITED' });
  t.ok(valid.headers.get('retry-after'), 'with Retry-After');
});
