/**
 * The number of analyses one caller (API key, or client address without auth) may have
 * queued or running at once (src/jobs/quota.ts: counted in this process, or in Redis over
 * every instance of a fleet): above MAX_ANALYSES_PER_KEY a new one gets 429
 * NG_TOO_MANY_ANALYSES; with Redis away, 503 NG_QUEUE_UNAVAILABLE. Body size, batch size and string lengths are limited by the
 * routes' schemas and bodyLimit (src/config.ts); the request rate by plugins/external/rate-limit.ts.
 */
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { Errors } from '../../../errors.js';
import { queueUnavailable } from '../../../jobs/port.js';
import type { AnalysisQuota } from '../../../jobs/quota.js';
import { caller, isJobCreating } from '../external/rate-limit.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Callers the quota tracks now: those with an analysis unfinished or a request in flight. */
    analysisQuotaCallers(): Promise<number>;
  }
}

export interface AnalysisQuotaOptions {
  quota: AnalysisQuota;
}

export default fp<AnalysisQuotaOptions>(
  async function analysisQuota(app, { quota }) {
    // A slot is reserved before the handler runs (so concurrent requests cannot both slip
    // under the limit) and turned into the analysis id once the answer names it; finished
    // analyses free their slot (the quota asks the store, whoever finished them).
    const holding = new WeakMap<FastifyRequest, { who: string; token: string }>();
    app.decorate('analysisQuotaCallers', () => quota.callers());

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
          id = (JSON.parse(payload) as { id?: unknown }).id;
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
  },
  // After idempotency: a replayed answer must not take a slot.
  { name: 'analysis-quota', fastify: '5.x', dependencies: ['problems', 'auth', 'idempotency'] },
);
