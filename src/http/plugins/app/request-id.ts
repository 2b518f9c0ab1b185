/**
 * Every answer names its request id (x-request-id), the one src/app.ts's genReqId took
 * from the caller or generated, so that one id follows a call across services and logs.
 */
import fp from 'fastify-plugin';

export default fp(
  async function requestId(app) {
    app.addHook('onRequest', async (req, reply) => {
      reply.header('x-request-id', req.id);
    });
  },
  { name: 'request-id', fastify: '5.x' },
);
