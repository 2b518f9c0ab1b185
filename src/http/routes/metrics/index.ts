/**
 * GET /metrics: the Prometheus text exposition of plugins/app/metrics.ts (admin scope).
 * An operational endpoint, not part of the API contract: left out of openapi.yaml.
 */
import type { FastifyPluginAsync } from 'fastify';
import { routePlugin } from '../../route-plugin.js';
import type { Metrics } from '../../plugins/app/metrics.js';

const metricsRoutes: FastifyPluginAsync<{ metrics: Metrics }> = async (app, { metrics }) => {
  app.get(
    '/metrics',
    {
      logLevel: 'warn',
      schema: {
        hide: true,
        operationId: 'metrics',
        tags: ['health'],
        summary: 'Prometheus metrics (admin scope)',
        response: {
          200: {
            description: 'Prometheus text exposition format',
            content: { 'text/plain': { schema: { type: 'string' } } },
          },
        },
      },
    },
    async (_req, reply) => {
      const body = await metrics.registry.metrics();
      return reply.type(metrics.registry.contentType).send(body);
    },
  );
};

export default routePlugin('metrics-routes', metricsRoutes);
