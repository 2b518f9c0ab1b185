/**
 * Load limits: the overload guard (@fastify/under-pressure: 503 NG_OVERLOADED with
 * Retry-After instead of a frozen event loop), the rate limit (@fastify/rate-limit: per
 * API key, or per client address when auth is off; analysis-creating POSTs are counted
 * apart against a stricter limit; X-RateLimit-* headers on every answer, 429
 * NG_RATE_LIMITED with Retry-After above), and the number of analyses one key may have
 * queued or running at once (429 NG_TOO_MANY_ANALYSES, src/jobs/quota.ts).
 * With a Redis (REDIS_URL, the fleet mode) both counts live there, so every API instance
 * shares one budget per key; should Redis go away, the rate limit lets requests through
 * (ingestion keeps working) and analysis POSTs answer 503 NG_QUEUE_UNAVAILABLE.
 * Body size, batch size and string lengths are limited by the routes' schemas and
 * bodyLimit (src/config.ts). Register before the routes: the rate limit attaches to each
 * route as it is added.
 */
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { Errors } from '../errors.js';
import type { Redis } from 'ioredis';
import { queueUnavailable } from '../jobs/port.js';
import type { AnalysisQuota } from '../jobs/quota.js';
import { isOpenRoute } from './auth.js';

export type LimitsConfig = Pick<
  Config,
  'RATE_LIMIT_MAX' | 'RATE_LIMIT_JOBS_MAX' | 'RATE_LIMIT_WINDOW_MS' | 'MAX_ANALYSES_PER_KEY' | 'MAX_EVENT_LOOP_DELAY_MS' | 'MAX_HEAP_USED_BYTES'
>;

export const OVERLOAD_RETRY_AFTER_SECONDS = 10;

/** POSTs that start a job (an analysis): limited harder than the rest. */
export function isJobCreating(req: FastifyRequest): boolean {
  return req.method === 'POST' && req.routeOptions.url === '/v1/graphs/:graphId/analyses';
}

function caller(req: FastifyRequest): string {
  const id = req.principal?.id;
  return id !== undefined && id !== 'anonymous' ? `key:${id}` : `ip:${req.ip}`;
}

/** `redis`: count the rate limit there (shared by every instance) instead of in this process. */
export async function registerLimits(app: FastifyInstance, config: LimitsConfig, redis?: { client: Redis; prefix: string }): Promise<void> {
  await app.register(underPressure, {
    maxEventLoopDelay: config.MAX_EVENT_LOOP_DELAY_MS,
    maxHeapUsedBytes: config.MAX_HEAP_USED_BYTES,
    retryAfter: OVERLOAD_RETRY_AFTER_SECONDS,
    customError: Errors.OVERLOADED,
  });

  await app.register(rateLimit, {
    global: true,
    timeWindow: config.RATE_LIMIT_WINDOW_MS,
    max: (req) => (isJobCreating(req) ? config.RATE_LIMIT_JOBS_MAX : config.RATE_LIMIT_MAX),
    keyGenerator: (req) => caller(req) + (isJobCreating(req) ? '|jobs' : ''),
    allowList: (req) => isOpenRoute(req.routeOptions.url),
    errorResponseBuilder: (_req, ctx) => new Errors.RATE_LIMITED(ctx.max, ctx.after),
    ...(redis ? { redis: redis.client, nameSpace: `${redis.prefix}:rate:`, skipOnError: true } : {}),
  });
}

/** Register after authentication and idempotency (a replay must not take a slot). */
export function registerAnalysisQuota(app: FastifyInstance, quota: AnalysisQuota): void {
  // A slot is reserved before the handler runs (so concurrent requests cannot both slip under
  // the limit) and turned into the analysis id once the answer names it; finished analyses
  // free their slot (the quota asks the store).
  const holding = new WeakMap<FastifyRequest, { who: string; token: string }>();

  app.addHook('preHandler', async (req) => {
    if (!isJobCreating(req)) return;
    const who = caller(req);
    let token: string | null;
    try {
      token = await quota.reserve(who);
    } catch (err) {
      req.log.warn({ err }, 'analysis quota unavailable');
      throw queueUnavailable(err);
    }
    if (token === null) throw new Errors.TOO_MANY_ANALYSES(quota.max);
    holding.set(req, { who, token });
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const held = holding.get(req);
    if (held === undefined) return payload;
    holding.delete(req);
    let id: unknown;
    if ((reply.statusCode === 200 || reply.statusCode === 202) && typeof payload === 'string') {
      try {
        id = (JSON.parse(payload) as { id?: unknown; status?: unknown }).id;
      } catch {
        // not JSON: nothing to track
      }
    }
    const done = typeof id === 'string' ? quota.bind(held.who, held.token, id) : quota.release(held.who, held.token);
    await done.catch((err: unknown) => req.log.warn({ err }, 'could not update the analysis quota'));
    return payload;
  });

  app.addHook('onResponse', async (req) => {
    const held = holding.get(req);
    if (held === undefined) return;
    holding.delete(req);
    await quota.release(held.who, held.token).catch((err: unknown) => req.log.warn({ err }, 'could not release an analysis quota slot'));
  });
}
