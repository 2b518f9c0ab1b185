/**
 * Load limits: the overload guard (@fastify/under-pressure: 503 NG_OVERLOADED with
 * Retry-After instead of a frozen event loop), the rate limit (@fastify/rate-limit: per
 * API key, or per client address when auth is off; analysis-creating POSTs are counted
 * apart against a stricter limit; X-RateLimit-* headers on every answer, 429
 * NG_RATE_LIMITED with Retry-After above), and the number of analyses one key may have
 * queued or running at once in this process (429 NG_TOO_MANY_ANALYSES).
 * Body size, batch size and string lengths are limited by the routes' schemas and
 * bodyLimit (src/config.ts). Register before the routes: the rate limit attaches to each
 * route as it is added.
 */
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { Errors } from '../errors.js';
import type { AnalysisJobs } from '../jobs/port.js';
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

export async function registerLimits(app: FastifyInstance, config: LimitsConfig): Promise<void> {
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
  });
}

/** Register after authentication and idempotency (a replay must not take a slot). */
export function registerAnalysisQuota(app: FastifyInstance, config: Pick<LimitsConfig, 'MAX_ANALYSES_PER_KEY'>, jobs: AnalysisJobs): void {

  // Analyses queued or running per caller. A slot is reserved before the handler runs
  // (so concurrent requests cannot both slip under the limit) and turned into the
  // analysis id once the answer names it; finished analyses free their slot.
  const active = new Map<string, Set<string>>();
  const reserved = new Map<string, number>();
  const holding = new WeakMap<FastifyRequest, string>();
  const unreserve = (who: string) => reserved.set(who, Math.max(0, (reserved.get(who) ?? 1) - 1));

  app.addHook('preHandler', async (req) => {
    if (!isJobCreating(req)) return;
    const who = caller(req);
    const ids = active.get(who) ?? new Set<string>();
    for (const id of ids) if (!jobs.isActive(id)) ids.delete(id);
    active.set(who, ids);
    if (ids.size + (reserved.get(who) ?? 0) >= config.MAX_ANALYSES_PER_KEY) {
      throw new Errors.TOO_MANY_ANALYSES(config.MAX_ANALYSES_PER_KEY);
    }
    reserved.set(who, (reserved.get(who) ?? 0) + 1);
    holding.set(req, who);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const who = holding.get(req);
    if (who === undefined) return payload;
    holding.delete(req);
    unreserve(who);
    if ((reply.statusCode === 200 || reply.statusCode === 202) && typeof payload === 'string') {
      try {
        const id = (JSON.parse(payload) as { id?: unknown }).id;
        if (typeof id === 'string' && jobs.isActive(id)) active.get(who)?.add(id);
      } catch {
        // not JSON: nothing to track
      }
    }
    return payload;
  });

  app.addHook('onResponse', async (req) => {
    const who = holding.get(req);
    if (who === undefined) return;
    holding.delete(req);
    unreserve(who);
  });
}
