/**
 * The hooks' order is declared by the plugins (fastify-plugin `dependencies`) and enforced
 * by Fastify: registering a plugin before one it depends on fails at boot, naming both.
 * Route plugins declare theirs as well: a route added before the rate limit (an onRoute
 * hook) would otherwise escape the per-key limit without a word.
 */
import Fastify from 'fastify';
import t from 'tap';
import analysisQuota from '../../../src/http/plugins/app/analysis-quota.js';
import auth from '../../../src/http/plugins/app/auth.js';
import idempotency from '../../../src/http/plugins/app/idempotency.js';
import problems from '../../../src/http/plugins/app/problems.js';
import requestId from '../../../src/http/plugins/app/request-id.js';
import routeDefaults from '../../../src/http/plugins/app/route-defaults.js';
import shutdownGuard from '../../../src/http/plugins/app/shutdown-guard.js';
import rateLimit from '../../../src/http/plugins/external/rate-limit.js';
import overloadGuard from '../../../src/http/plugins/external/under-pressure.js';
import graphRoutes from '../../../src/http/routes/graphs/index.js';
import { ROUTE_DEPENDENCIES } from '../../../src/http/route-plugin.js';
import { MemoryQuota } from '../../../src/jobs/quota.js';
import type { IdempotencyStore } from '../../../src/store/idempotency-store.js';
import type { GraphStore } from '../../../src/store/port.js';

const store = {} as GraphStore;
const quota = new MemoryQuota(1, async () => new Set<string>());
const idem = {} as IdempotencyStore;
const limits = { MAX_EVENT_LOOP_DELAY_MS: 0, MAX_HEAP_USED_BYTES: 0, RATE_LIMIT_MAX: 10, RATE_LIMIT_JOBS_MAX: 10, RATE_LIMIT_WINDOW_MS: 60_000 };

t.test('the analysis quota before idempotency is refused', async (t) => {
  const app = Fastify();
  await app.register(problems);
  await app.register(requestId);
  await app.register(routeDefaults);
  await app.register(shutdownGuard);
  await app.register(overloadGuard, limits);
  await app.register(rateLimit, limits);
  await app.register(auth, { apiKeys: '', store });
  await t.rejects(
    async () => {
      await app.register(analysisQuota, { quota });
    },
    /dependency 'idempotency' of plugin 'analysis-quota' is not registered/,
  );
});

t.test('authentication before the per-address rate limit is refused', async (t) => {
  const app = Fastify();
  await app.register(problems);
  await app.register(requestId);
  await app.register(routeDefaults);
  await app.register(shutdownGuard);
  await app.register(overloadGuard, limits);
  await t.rejects(async () => {
    await app.register(auth, { apiKeys: '', store });
  }, /dependency 'rate-limit' of plugin 'auth'/);
});

t.test('idempotency before authentication is refused', async (t) => {
  const app = Fastify();
  await app.register(problems);
  await t.rejects(async () => {
    await app.register(idempotency, { store: idem, ttlSeconds: 60, lockSeconds: 5 });
  }, /dependency 'auth' of plugin 'idempotency'/);
});

t.test('a route plugin before the rate limit (which attaches to routes as they are added) is refused', async (t) => {
  const app = Fastify();
  await app.register(problems);
  await app.register(requestId);
  await app.register(routeDefaults);
  await app.register(shutdownGuard);
  await app.register(overloadGuard, limits);
  await t.rejects(async () => {
    await app.register(graphRoutes, { store });
  }, /dependency 'rate-limit' of plugin 'graphs-routes' is not registered/);
});

t.test('every route plugin of src/http/routes declares the route dependencies', async (t) => {
  const dir = new URL('../../../src/http/routes/', import.meta.url);
  const { readdirSync } = await import('node:fs');
  const resources = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  t.ok(resources.length >= 10, `${resources.length} resources`);
  for (const resource of resources) {
    const plugin = (await import(new URL(`${resource}/index.ts`, dir).href)).default as Record<symbol, { name?: string; dependencies?: string[] }>;
    const meta = plugin[Symbol.for('plugin-meta')];
    t.equal(meta?.name, `${resource}-routes`, `${resource}: a named plugin`);
    t.same(meta?.dependencies, ROUTE_DEPENDENCIES, `${resource}: declares the plugins it must follow`);
  }
});

t.test('in order, they load', async (t) => {
  const app = Fastify();
  await app.register(problems);
  await app.register(requestId);
  await app.register(routeDefaults);
  await app.register(shutdownGuard);
  await app.register(overloadGuard, limits);
  await app.register(rateLimit, limits);
  await app.register(auth, { apiKeys: '', store });
  await app.register(idempotency, { store: idem, ttlSeconds: 60, lockSeconds: 5 });
  await app.register(analysisQuota, { quota });
  await app.ready();
  await app.close();
  t.pass();
});
