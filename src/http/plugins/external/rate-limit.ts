/**
 * Rate limits (@fastify/rate-limit), 429 NG_RATE_LIMITED with Retry-After above them:
 *   - per client address, before authentication (an onRequest hook that runs before the
 *     auth plugin's): RATE_LIMIT_ADDRESS_MAX requests per window, whatever key they carry
 *     or lack, so a flood of unauthenticated or wrong-key requests is refused before any
 *     key is checked or logged. The address is the socket's, or the client named by
 *     X-Forwarded-For when TRUST_PROXY says which proxies to believe;
 *   - per API key (per client address when auth is off), after authentication:
 *     RATE_LIMIT_MAX per window, analysis-creating POSTs counted apart against
 *     RATE_LIMIT_JOBS_MAX, with X-RateLimit-* headers on every answer. It attaches to each
 *     route as the route is added, so it is registered before the route plugins.
 * Open routes (health, docs, spec) are not limited. Counters live in LRU maps of at most
 * 5,000 callers each (the plugin's `cache`), so they stay bounded whatever the traffic; in
 * the fleet mode (`redis` given) both limits count in Redis instead, shared by every API
 * instance (keys under <prefix>:rate:, expiring with their window), and a Redis that does
 * not answer lets requests through rather than refusing them (skipOnError).
 */
import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import type { Config } from '../../../config.js';
import { Errors } from '../../../errors.js';
import { isOpenRoute } from '../../open-routes.js';

export type RateLimitOptions = Pick<Config, 'RATE_LIMIT_MAX' | 'RATE_LIMIT_JOBS_MAX' | 'RATE_LIMIT_WINDOW_MS'> &
  Partial<Pick<Config, 'RATE_LIMIT_ADDRESS_MAX'>> & {
    /** Count in this Redis (shared by every instance) rather than in this process. */
    redis?: { client: Redis; prefix: string };
  };

/** POSTs that start a job (an analysis): limited harder than the rest. */
export function isJobCreating(req: FastifyRequest): boolean {
  return req.method === 'POST' && req.routeOptions.url === '/v1/graphs/:graphId/analyses';
}

/** Who a request is counted against: its API key, else its client address. */
export function caller(req: FastifyRequest): string {
  const id = req.principal?.id;
  return id !== undefined && id !== 'anonymous' ? `key:${id}` : `ip:${req.ip}`;
}

export default fp<RateLimitOptions>(
  async function rateLimits(app, config) {
    await app.register(rateLimit, {
      global: true,
      timeWindow: config.RATE_LIMIT_WINDOW_MS,
      max: (req) => (isJobCreating(req) ? config.RATE_LIMIT_JOBS_MAX : config.RATE_LIMIT_MAX),
      keyGenerator: (req) => caller(req) + (isJobCreating(req) ? '|jobs' : ''),
      allowList: (req) => isOpenRoute(req.routeOptions.url),
      errorResponseBuilder: (_req, ctx) => new Errors.RATE_LIMITED(ctx.max, ctx.after),
      ...(config.redis ? { redis: config.redis.client, nameSpace: `${config.redis.prefix}:rate:`, skipOnError: true } : {}),
    });

    const addressMax = config.RATE_LIMIT_ADDRESS_MAX ?? 1200;
    const perAddress = app.createRateLimit({
      max: addressMax,
      timeWindow: config.RATE_LIMIT_WINDOW_MS,
      keyGenerator: (req) => `addr:${req.ip}`,
      allowList: (req) => isOpenRoute(req.routeOptions.url),
    });
    const window = `${Math.round(config.RATE_LIMIT_WINDOW_MS / 1000)} s from one client address`;
    app.addHook('onRequest', async (req, reply) => {
      const verdict = await perAddress(req);
      if (verdict.isAllowed || !verdict.isExceeded) return;
      req.log.info({ clientAddress: req.ip }, 'client address over its rate limit');
      reply.header('retry-after', String(verdict.ttlInSeconds));
      throw new Errors.RATE_LIMITED(addressMax, window);
    });
  },
  // The per-address hook must run before the API key is checked: the auth plugin depends on this one.
  { name: 'rate-limit', fastify: '5.x', dependencies: ['problems', 'route-defaults', 'shutdown-guard', 'overload-guard'] },
);
