/**
 * Liveness (the process answers) and readiness (Neo4j answers within a timeout).
 */
import { Type } from 'typebox';
import type { FastifyPluginAsync } from 'fastify';
import { routePlugin } from '../../route-plugin.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { GraphStore } from '../../../store/port.js';
import { sendProblem } from '../../plugins/app/problems.js';
import { problems } from '../../schemas.js';

export const READY_TIMEOUT_MS = 2000;

const Status = Type.Object({ status: Type.Literal('ok') }, { title: 'HealthStatus' });

const healthRoutes: FastifyPluginAsync<{ store: GraphStore }> = async (app, { store }) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/health/live',
    { logLevel: 'warn', schema: { operationId: 'live', tags: ['health'], summary: 'The process answers', response: { 200: Status } } },
    async () => ({ status: 'ok' as const }),
  );

  r.get(
    '/health/ready',
    {
      logLevel: 'warn',
      schema: {
        operationId: 'ready',
        tags: ['health'],
        summary: 'Neo4j answers: the service can take work',
        response: { 200: Status, ...problems(503) },
      },
    },
    async (req, reply) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
      });
      try {
        await Promise.race([store.ping(), timeout]);
        return { status: 'ok' as const };
      } catch (err) {
        req.log.warn({ err }, 'not ready: Neo4j does not answer');
        reply.header('retry-after', '5');
        return sendProblem(req, reply, 503, 'NG_STORE_UNAVAILABLE', `Neo4j does not answer: ${(err as Error).message}`);
      } finally {
        clearTimeout(timer);
      }
    },
  );
};

export default routePlugin('health-routes', healthRoutes);
