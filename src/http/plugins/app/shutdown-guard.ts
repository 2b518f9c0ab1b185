/**
 * Graceful shutdown, HTTP side. When app.close() starts (SIGTERM, see src/server.ts) the
 * server stops accepting connections; requests already running (an ingestion batch)
 * finish and are answered, so an acknowledged batch is committed. A new request that
 * still arrives on an open keep-alive connection gets 503 NG_SHUTTING_DOWN (problem+json,
 * Connection: close) instead of Fastify's plain 503. Health routes answer 503 too, so a
 * load balancer stops routing here.
 */
import fp from 'fastify-plugin';
import { Errors } from '../../../errors.js';

export default fp(
  async function shutdownGuard(app) {
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.addHook('onRequest', async (_req, reply) => {
      if (!closing) return;
      reply.header('connection', 'close');
      reply.header('retry-after', '5');
      throw new Errors.SHUTTING_DOWN();
    });
    // Answers given while closing end their keep-alive connection, so the server can close
    // as soon as the requests in flight are answered.
    app.addHook('onSend', async (_req, reply, payload) => {
      if (closing) reply.header('connection', 'close');
      return payload;
    });
  },
  // First of the request hooks: a closing service answers before any other work.
  { name: 'shutdown-guard', fastify: '5.x', dependencies: ['problems', 'request-id'] },
);
