/**
 * The hooks' order is declared by the plugins (fastify-plugin `dependencies`) and enforced
 * by Fastify: registering a plugin before one it depends on fails at boot, naming both.
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
