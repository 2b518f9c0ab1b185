/**
 * The rate limit (@fastify/rate-limit): per API key, or per client address when auth is
 * off; analysis-creating POSTs are counted apart against a stricter limit;
 * X-RateLimit-* headers on every answer, 429 NG_RATE_LIMITED with Retry-After above.
 * Open routes (health, docs, spec) are not limited. It attaches to each route as the
 * route is added, so it is registered before the route plugins.
 */
import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../../config.js';
import { Errors } from '../../../errors.js';
import { isOpenRoute } from '../../open-routes.js';

export type RateLimitOptions = Pick<Config, 'RATE_LIMIT_MAX' | 'RATE_LIMIT_JOBS_MAX' | 'RATE_LIMIT_WINDOW_MS'>;

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
    });
  },
  { name: 'rate-limit', fastify: '5.x', dependencies: ['problems', 'route-defaults'] },
);
