/**
 * The number of analyses one caller (API key, or client address without auth) may have
 * queued or running at once in this process: above MAX_ANALYSES_PER_KEY a new one gets
 * 429 NG_TOO_MANY_ANALYSES. Body size, batch size and string lengths are limited by the
 * routes' schemas and bodyLimit (src/config.ts); the request rate by plugins/external/rate-limit.ts.
 */
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../../config.js';
import { Errors } from '../../../errors.js';
import type { AnalysisJobs } from '../../../jobs/port.js';
import { caller, isJobCreating } from '../external/rate-limit.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Callers the quota tracks now: those with an analysis active or a request in flight. */
    analysisQuotaCallers(): number;
  }
}

export interface AnalysisQuotaOptions {
  config: Pick<Config, 'MAX_ANALYSES_PER_KEY'>;
  jobs: AnalysisJobs;
}

export default fp<AnalysisQuotaOptions>(
  async function analysisQuota(app, { config, jobs }) {
    // Analyses queued or running per caller. A slot is reserved before the handler runs
    // (so concurrent requests cannot both slip under the limit) and turned into the
    // analysis id once the answer names it; finished analyses free their slot. Entries
    // with nothing active and nothing reserved are deleted, so the maps hold at most the
    // callers with an analysis active or a request in flight (not every caller ever seen).
    const active = new Map<string, Set<string>>();
    const reserved = new Map<string, number>();
    const holding = new WeakMap<FastifyRequest, string>();
    const activeOf = (who: string): Set<string> | undefined => {
      const ids = active.get(who);
      if (!ids) return undefined;
      for (const id of ids) if (!jobs.isActive(id)) ids.delete(id);
      if (ids.size === 0) active.delete(who);
      return ids.size === 0 ? undefined : ids;
    };
    const unreserve = (who: string) => {
      const left = (reserved.get(who) ?? 1) - 1;
      if (left > 0) reserved.set(who, left);
      else reserved.delete(who);
    };
    // Forgets the finished analyses of every caller: cheap, the map holds only callers
    // with analyses started since the last sweep.
    const sweep = () => {
      for (const who of [...active.keys()]) activeOf(who);
    };
    app.decorate('analysisQuotaCallers', () => {
      sweep();
      return new Set([...active.keys(), ...reserved.keys()]).size;
    });

    app.addHook('preHandler', async (req) => {
      if (!isJobCreating(req)) return;
      sweep();
      const who = caller(req);
      const ids = activeOf(who);
      if ((ids?.size ?? 0) + (reserved.get(who) ?? 0) >= config.MAX_ANALYSES_PER_KEY) {
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
          if (typeof id === 'string' && jobs.isActive(id)) {
            const ids = active.get(who) ?? new Set<string>();
            ids.add(id);
            active.set(who, ids);
          }
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
  },
  // After idempotency: a replayed answer must not take a slot.
  { name: 'analysis-quota', fastify: '5.x', dependencies: ['problems', 'auth', 'idempotency'] },
);
