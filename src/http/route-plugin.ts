/**
 * Route plugins as named fastify-plugin plugins that keep their own encapsulation
 * (`encapsulate: true`) and declare the plugins they must follow, so that Fastify refuses to
 * boot when one is missing or registered later. Three of them act on each route as it is
 * added (an onRoute hook) and silently miss a route added before them: route-defaults (the
 * shared problem answers, the Idempotency-Key header, security), rate-limit (the per-key
 * limit) and swagger (the spec). The request hooks (auth, idempotency, the analysis quota,
 * metrics) are root hooks that reach every route; they are named too, because the routes
 * rely on what they decide (req.principal, a claimed key, a held slot).
 */
import fp from 'fastify-plugin';
import type { FastifyPluginAsync } from 'fastify';

export const ROUTE_DEPENDENCIES = ['problems', 'route-defaults', 'rate-limit', 'auth', 'idempotency', 'analysis-quota', 'metrics', 'swagger'];

export function routePlugin<Options extends object>(name: string, plugin: FastifyPluginAsync<Options>): FastifyPluginAsync<Options> {
  return fp(plugin, { name, fastify: '5.x', dependencies: ROUTE_DEPENDENCIES, encapsulate: true });
}
